//! The one signature of signed links and keys (anti-forgery keys, list
//! settings links, joining by email, return paths, "stop the summaries"):
//! HMAC-SHA256 with the instance secret, checked in constant time.
//!
//! Nothing is stored per link: a signature is recomputed from the secret
//! and what the link names, so a link in an old email keeps working.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// The signature of `message`: 40 hex characters (the first 20 bytes of
/// the HMAC).
pub fn sign(secret: &str, message: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        // HMAC takes keys of any length: this cannot happen.
        return String::new();
    };
    // Every signature of the instance has carried this prefix since the
    // first; keeping it keeps the links already sent valid.
    mac.update(b"csrf:");
    mac.update(message.as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..20])
}

/// The first `len` characters of [`sign`] (a return path's short key).
pub fn sign_short(secret: &str, message: &str, len: usize) -> String {
    sign(secret, message).chars().take(len).collect()
}

/// Whether `given` is the signature of `message` (whole, as [`sign`]
/// writes it), compared in constant time.
pub fn verify(secret: &str, message: &str, given: &str) -> bool {
    same(&sign(secret, message), given)
}

/// Whether `given` is the short signature of `message` ([`sign_short`]).
pub fn verify_short(secret: &str, message: &str, given: &str, len: usize) -> bool {
    same(&sign_short(secret, message, len), given)
}

/// Whether two secrets are equal, in time that does not depend on where
/// they differ; an empty expected value matches nothing.
pub fn same(expected: &str, given: &str) -> bool {
    !expected.is_empty() && bool::from(expected.as_bytes().ct_eq(given.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_and_nothing_else_does() {
        let sig = sign("secret", "join:3:a@b.test");
        assert_eq!(sig.len(), 40);
        assert!(verify("secret", "join:3:a@b.test", &sig));
        assert!(!verify("secret", "join:4:a@b.test", &sig));
        assert!(!verify("other", "join:3:a@b.test", &sig));
        assert!(!verify("secret", "join:3:a@b.test", &sig[..39]));
        assert!(!verify("secret", "join:3:a@b.test", ""));
        let short = sign_short("secret", "bounce:5", 12);
        assert!(verify_short("secret", "bounce:5", &short, 12));
        assert!(!verify_short("secret", "bounce:6", &short, 12));
        assert!(!same("", ""));
    }
}
