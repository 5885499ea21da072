//! Stored codes: every enum kept in the database as a short text.
//!
//! A row is decoded at the store's boundary through [`TryFrom<String>`]: an
//! unknown or damaged code is an error ([`UnknownCode`]), never the open
//! default. A closed space cannot open by accident.

use serde::{Deserialize, Serialize};

/// An enum stored as a short text code.
pub trait StoredCode: Sized + Copy + 'static {
    /// What the code is of (for error messages): `wiki read access`…
    const KIND: &'static str;
    /// Every value.
    fn all() -> &'static [Self];
    /// The stored code of a value.
    fn stored(self) -> &'static str;

    /// The value of a stored code (the enum's own `from_code`).
    fn decode(code: &str) -> Result<Self, UnknownCode>;
}

/// A stored code that is none of the known values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} code {code:?}")]
pub struct UnknownCode {
    /// What the code is of.
    pub kind: &'static str,
    /// What was stored.
    pub code: String,
}

/// Makes enums with `ALL`, `code()` stored codes decoded from rows.
#[macro_export]
macro_rules! stored_code {
    ($($ty:ty => $kind:literal),* $(,)?) => {$(
        impl $crate::codes::StoredCode for $ty {
            const KIND: &'static str = $kind;
            fn all() -> &'static [Self] {
                &<$ty>::ALL
            }
            fn stored(self) -> &'static str {
                self.code()
            }
            fn decode(code: &str) -> Result<Self, $crate::codes::UnknownCode> {
                <$ty>::from_code(code).ok_or_else(|| $crate::codes::UnknownCode {
                    kind: $kind,
                    code: code.to_string(),
                })
            }
        }

        impl TryFrom<String> for $ty {
            type Error = $crate::codes::UnknownCode;
            fn try_from(code: String) -> Result<Self, Self::Error> {
                <$ty as $crate::codes::StoredCode>::decode(&code)
            }
        }
    )*};
}

/// An optional stored code: a page's own access (`None`: the wiki's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(transparent)]
pub struct Own<T>(pub Option<T>);

impl<T: StoredCode> TryFrom<Option<String>> for Own<T> {
    type Error = UnknownCode;
    fn try_from(code: Option<String>) -> Result<Self, Self::Error> {
        code.map(|c| T::decode(&c)).transpose().map(Own)
    }
}

impl<T: StoredCode> Own<T> {
    /// The stored code, `None` for "the wiki's".
    pub fn code(self) -> Option<&'static str> {
        self.0.map(T::stored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::groups::{GroupStatus, Joining};
    use crate::visibility::Visibility;
    use crate::wiki::{EditAccess, ReadAccess};

    fn round_trip<T: StoredCode + PartialEq + std::fmt::Debug + TryFrom<String>>() {
        for v in T::all() {
            assert_eq!(T::decode(v.stored()), Ok(*v));
        }
        let err = T::decode("Everyone!").unwrap_err();
        assert_eq!(err.kind, T::KIND);
        assert!(T::try_from(String::new()).is_err());
    }

    #[test]
    fn unknown_codes_are_errors_not_the_open_default() {
        round_trip::<ReadAccess>();
        round_trip::<EditAccess>();
        round_trip::<Visibility>();
        round_trip::<GroupStatus>();
        round_trip::<Joining>();
        round_trip::<crate::discussions::PostStatus>();
        round_trip::<crate::discussions::PostVia>();
        round_trip::<crate::discussions::HeldStatus>();
        assert_eq!(Own::<ReadAccess>::try_from(None), Ok(Own(None)));
        assert_eq!(
            Own::<ReadAccess>::try_from(Some("members".into())),
            Ok(Own(Some(ReadAccess::Members)))
        );
        assert!(Own::<ReadAccess>::try_from(Some("open".into())).is_err());
    }
}
