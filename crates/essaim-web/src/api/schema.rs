//! Schemas the derive cannot read from a Rust type: the enum-like codes
//! (stored and sent as strings) made from the domain's own lists, so the
//! document names exactly the values the server accepts.

use essaim_domain::discussions::EmailMode;
use essaim_domain::groups::{GroupKind, GroupStatus, Joining, License, ServiceLink};
use essaim_domain::i18n::Lang;
use essaim_domain::polls::Choice;
use essaim_domain::visibility::Visibility;
use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaType, Type};

/// A string that is one of `values`.
fn codes(values: impl IntoIterator<Item = &'static str>) -> ObjectBuilder {
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
