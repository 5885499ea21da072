//! Accounts: what a valid name, email address and password are.

use crate::errors::Invalid;
use serde::{Deserialize, Serialize};

/// Longest display name, in characters.
pub const NAME_MAX: usize = 80;
/// Longest email address (RFC 5321 path limit).
pub const EMAIL_MAX: usize = 254;
/// Shortest password, in characters.
pub const PASSWORD_MIN: usize = 10;
/// Longest password, in characters (hashing cost stays bounded).
pub const PASSWORD_MAX: usize = 256;

/// Checks and normalizes an email address: trimmed, lowercased.
pub fn normalize_email(raw: &str) -> Result<String, Invalid> {
    let email = raw.trim().to_lowercase();
    if email.is_empty() {
        return Err(Invalid::new("email", "error-email-empty"));
    }
    if email.chars().count() > EMAIL_MAX {
        return Err(Invalid::new("email", "error-email-too-long"));
    }
    let invalid = Invalid::new("email", "error-email-invalid");
    let (local, domain) = email.split_once('@').ok_or(invalid.clone())?;
    if local.is_empty() || local.len() > 64 || domain.contains('@') {
        return Err(invalid);
    }
    let bad_char = |c: char| c.is_whitespace() || c.is_control() || "<>(),;:\\\"[]".contains(c);
    if local.chars().any(bad_char) || local.starts_with('.') || local.ends_with('.') {
        return Err(invalid);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Err(invalid);
    }
    for label in labels {
        let ok = !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-');
        if !ok {
            return Err(invalid);
        }
    }
    Ok(email)
}

/// Checks a display name: trimmed, 1 to [`NAME_MAX`] characters, no control characters.
pub fn normalize_name(raw: &str) -> Result<String, Invalid> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(Invalid::new("name", "error-name-empty"));
    }
    if name.chars().count() > NAME_MAX {
        return Err(Invalid::new("name", "error-name-too-long"));
    }
    if name.chars().any(char::is_control) {
        return Err(Invalid::new("name", "error-name-invalid"));
    }
    Ok(name.to_string())
}

/// Checks a new password's length (the only rule we impose: long beats clever).
pub fn check_password(field: &'static str, password: &str) -> Result<(), Invalid> {
    let len = password.chars().count();
    if len < PASSWORD_MIN {
        return Err(Invalid::new(field, "error-password-too-short"));
    }
    if len > PASSWORD_MAX {
        return Err(Invalid::new(field, "error-password-too-long"));
    }
    Ok(())
}

/// Validated registration input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    /// Display name.
    pub name: String,
    /// Normalized email address.
    pub email: String,
}

/// Validates a registration form, reporting every wrong field at once.
pub fn validate_registration(
    name: &str,
    email: &str,
    password: &str,
) -> Result<Registration, Vec<Invalid>> {
    let mut errors = Vec::new();
    let name = normalize_name(name).map_err(|e| errors.push(e)).ok();
    let email = normalize_email(email).map_err(|e| errors.push(e)).ok();
    if let Err(e) = check_password("password", password) {
        errors.push(e);
    }
    match (name, email) {
        (Some(name), Some(email)) if errors.is_empty() => Ok(Registration { name, email }),
        _ => Err(errors),
    }
}

/// How often a person wants email about activity they follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum EmailFrequency {
    /// Each message as it happens.
    #[default]
    Immediate,
    /// One summary a day.
    Daily,
    /// One summary a week.
    Weekly,
    /// Nothing by email; the site only.
    Never,
}

impl EmailFrequency {
    /// Every choice, in the order forms show them.
    pub const ALL: [EmailFrequency; 4] = [
        EmailFrequency::Immediate,
        EmailFrequency::Daily,
        EmailFrequency::Weekly,
        EmailFrequency::Never,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            EmailFrequency::Immediate => "immediate",
            EmailFrequency::Daily => "daily",
            EmailFrequency::Weekly => "weekly",
            EmailFrequency::Never => "never",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            normalize_email("  Marie@Example.ORG ").unwrap(),
            "marie@example.org"
        );
        assert_eq!(normalize_email("a.b+c@coop.fr").unwrap(), "a.b+c@coop.fr");
        for bad in [
            "", "plain", "a@b", "a@@b.fr", "a b@c.fr", "@c.fr", "a@-c.fr", "a@c..fr", "<a>@c.fr",
        ] {
            assert!(normalize_email(bad).is_err(), "{bad} should be refused");
        }
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(
            normalize_email(&long).unwrap_err().key,
            "error-email-too-long"
        );
    }

    #[test]
    fn registration_reports_every_field() {
        let errors = validate_registration(" ", "nope", "short").unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "email", "password"]);
        let ok = validate_registration(" Zoé ", "zoe@asso.fr", "dix caractères").unwrap();
        assert_eq!(ok.name, "Zoé");
    }

    #[test]
    fn password_length_counts_characters() {
        assert!(check_password("password", "ééééééééé").is_err());
        assert!(check_password("password", "éééééééééé").is_ok());
        assert!(check_password("password", &"x".repeat(PASSWORD_MAX + 1)).is_err());
    }
}
