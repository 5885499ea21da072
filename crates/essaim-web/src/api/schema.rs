//! Schemas the derive cannot read from a Rust type: the enum-like codes
//! (stored and sent as strings) made from the domain's own lists, so the
//! document names exactly the values the server accepts; and the checks
//! that read a value exactly as these schemas say (the domain's rules trim
//! what a form sends).

use essaim_domain::discussions::EmailMode;
use essaim_domain::groups::{GroupKind, GroupStatus, Joining, License, ServiceLink};
use essaim_domain::i18n::Lang;
use essaim_domain::polls::Choice;
use essaim_domain::visibility::Visibility;
use essaim_domain::Invalid;
use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaType, Type};

/// A string that is one of `values`.
pub(crate) fn codes(values: impl IntoIterator<Item = &'static str>) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values))
}

/// A string that is one of `values`, `""` or `null` (both mean "the
/// default" or "none").
fn codes_or_empty(values: impl IntoIterator<Item = &'static str>) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some(
            std::iter::once(serde_json::Value::from(""))
                .chain(values.into_iter().map(serde_json::Value::from))
                .chain(std::iter::once(serde_json::Value::Null)),
        ))
}

/// A language code.
pub fn lang() -> Object {
    codes(Lang::ALL.map(Lang::code)).build()
}

/// A group's kind.
pub fn group_kind() -> Object {
    codes(GroupKind::ALL.map(GroupKind::code)).build()
}

/// A group's status.
pub fn group_status() -> Object {
    codes(GroupStatus::ALL.map(GroupStatus::code)).build()
}

/// A group's status in a card sent: empty or null keeps the default.
pub fn group_status_input() -> Object {
    codes_or_empty(GroupStatus::ALL.map(GroupStatus::code))
        .description(Some("Empty or null: active for a new group"))
        .build()
}

/// A group's license.
pub fn license() -> Object {
    codes(License::ALL.map(License::code)).build()
}

/// A group's license in a card sent.
pub fn license_input() -> Object {
    codes_or_empty(License::ALL.map(License::code))
        .description(Some(
            "Empty or null: the default license; `other` needs `license_other`",
        ))
        .build()
}

/// How one joins a group.
pub fn joining() -> Object {
    codes(Joining::ALL.map(Joining::code)).build()
}

/// How one joins a group, in a card sent.
pub fn joining_input() -> Object {
    codes_or_empty(Joining::ALL.map(Joining::code))
        .description(Some("Empty or null: open"))
        .build()
}

/// The services a card links to.
pub fn services() -> Vec<&'static str> {
    ServiceLink::ALL.iter().map(|s| s.code()).collect()
}

/// A meeting's or poll's audience.
pub fn visibility() -> Object {
    codes(Visibility::ALL.map(Visibility::code)).build()
}

/// A meeting's or poll's audience, sent: empty means public.
pub fn visibility_input() -> Object {
    codes(std::iter::once("").chain(Visibility::ALL.map(Visibility::code)))
        .description(Some("Empty: public"))
        .build()
}

/// A time zone (IANA name), sent: empty means the instance's.
pub fn timezone_input() -> Object {
    codes(std::iter::once("").chain(chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name())))
        .description(Some("IANA name, e.g. Europe/Paris; empty: the instance's"))
        .build()
}

/// A member's email choice.
pub fn email_mode() -> Object {
    codes(EmailMode::ALL.map(EmailMode::code)).build()
}

/// An answer to one option of a poll.
pub fn choice() -> Object {
    codes(Choice::ALL.map(Choice::code)).build()
}

/// An answer to one option as shown in the results: empty when not given.
pub fn choice_shown() -> Object {
    codes(std::iter::once("").chain(Choice::ALL.map(Choice::code)))
        .description(Some("Empty when not answered; in the order of the options"))
        .build()
}

/// A meeting's status.
pub fn meeting_status() -> Object {
    codes(["scheduled", "cancelled"]).build()
}

/// A poll's status.
pub fn poll_status() -> Object {
    codes(["open", "closed"]).build()
}

/// The keyword filter: at most 40 characters as sent, what
/// [`essaim_domain::groups::normalize_keyword`] accepts (empty: all).
pub fn keyword_filter() -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .max_length(Some(essaim_domain::groups::KEYWORD_MAX))
        .pattern(Some(essaim_domain::groups::KEYWORD_FILTER_PATTERN))
        .build()
}

/// A time sent as the `date-time` format says: RFC 3339 exactly, with its
/// offset, `T` between date and time, nothing around.
pub fn check_date_time(field: &'static str, raw: &str) -> Result<i64, Invalid> {
    let separator = raw.as_bytes().get(10).copied();
    match chrono::DateTime::parse_from_rfc3339(raw) {
        Ok(t) if matches!(separator, Some(b'T' | b't')) && raw.trim() == raw => Ok(t.timestamp()),
        _ => Err(Invalid::new(field, "error-meeting-time-offset")),
    }
}

/// A time zone sent: empty, or exactly one of the names of
/// [`timezone_input`].
pub fn check_timezone(raw: &str) -> Result<(), Invalid> {
    if raw.is_empty() || chrono_tz::TZ_VARIANTS.iter().any(|tz| tz.name() == raw) {
        Ok(())
    } else {
        Err(Invalid::new("timezone", "error-meeting-timezone"))
    }
}

/// An audience sent: empty, or exactly one of the codes of
/// [`visibility_input`].
pub fn check_visibility(raw: &str) -> Result<(), Invalid> {
    if raw.is_empty() || Visibility::from_code(raw).is_some() {
        Ok(())
    } else {
        Err(Invalid::new("visibility", "error-meeting-visibility"))
    }
}
