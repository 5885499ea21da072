//! Errors a person can see, as translation keys.
//!
//! Every refusal the product shows is one of these keys; the web layer looks
//! the key up in the translation files, so each message exists in French and
//! English.

use serde::Serialize;

/// A field that failed validation, with the translation key explaining why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invalid {
    /// The form field name (`email`, `password`…).
    pub field: &'static str,
    /// The translation key of the message (`error-email-invalid`…).
    pub key: &'static str,
}

impl Invalid {
    /// A new validation failure for `field` explained by `key`.
    pub fn new(field: &'static str, key: &'static str) -> Self {
        Self { field, key }
    }
}

/// The kinds of refusal that map to an HTTP status and a translated message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// The input was wrong; each field says why.
    #[error("invalid input")]
    Invalid(Vec<Invalid>),
    /// Nobody is logged in and the action needs someone.
    #[error("login required")]
    Unauthenticated,
    /// The person is known but may not do this.
    #[error("forbidden")]
    Forbidden,
    /// Nothing here.
    #[error("not found")]
    NotFound,
    /// Too many attempts in a short time.
    #[error("rate limited")]
    RateLimited,
    /// The form's anti-forgery key was missing or wrong.
    #[error("csrf")]
    Csrf,
    /// The link (magic link, verification, reset) is unknown, used or expired.
    #[error("link invalid")]
    LinkInvalid,
}

impl Problem {
    /// A stable machine code for the JSON API.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Invalid(_) => "invalid_input",
            Problem::Unauthenticated => "unauthenticated",
            Problem::Forbidden => "forbidden",
            Problem::NotFound => "not_found",
            Problem::RateLimited => "rate_limited",
            Problem::Csrf => "csrf_failed",
            Problem::LinkInvalid => "link_invalid",
        }
    }

    /// The translation key of the general message.
    pub fn key(&self) -> &'static str {
        match self {
            Problem::Invalid(_) => "error-invalid-input",
            Problem::Unauthenticated => "error-login-required",
            Problem::Forbidden => "error-forbidden",
            Problem::NotFound => "error-not-found",
            Problem::RateLimited => "error-rate-limited",
            Problem::Csrf => "error-csrf",
            Problem::LinkInvalid => "error-link-invalid",
        }
    }
}
