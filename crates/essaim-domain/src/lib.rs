//! Essaim's pure types and rules: no I/O here.
//!
//! Each feature has its module; the web, mail and store layers use these
//! rules instead of re-deriving them.
#![warn(missing_docs)]

pub mod accounts;
pub mod activity;
pub mod audience;
pub mod codes;
pub mod discussions;
pub mod errors;
pub mod groups;
pub mod health;
pub mod i18n;
pub mod ids;
pub mod jobs;
pub mod markdown;
pub mod meetings;
pub mod news;
pub mod newsletter;
pub mod permissions;
pub mod polls;
pub mod projects;
pub mod resources;
pub mod search;
pub mod usages;
pub mod visibility;
pub mod wiki;

pub use errors::{Invalid, Problem};

stored_code!(
    activity::EventKind => "activity kind",
    activity::Audience => "activity audience",
    projects::ProjectStatus => "project status",
    projects::NewsVia => "project news origin",
    wiki::ReadAccess => "wiki read access",
    wiki::EditAccess => "wiki edit access",
    visibility::Visibility => "visibility",
    groups::GroupStatus => "group status",
    groups::Joining => "joining",
    discussions::Outsiders => "outsiders' mail",
    discussions::PostStatus => "post status",
    discussions::PostVia => "post origin",
    discussions::HeldStatus => "held mail status",
    resources::Category => "resource type",
    resources::ResourceKind => "resource kind",
    usages::UsageStatus => "usage status",
    newsletter::Status => "newsletter status",
    newsletter::Reach => "newsletter item reach",
    newsletter::ItemKind => "newsletter item kind",
    newsletter::Schedule => "newsletter schedule",
);
