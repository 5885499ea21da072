//! Essaim's pure types and rules: no I/O here.
//!
//! Each feature has its module; the web, mail and store layers use these
//! rules instead of re-deriving them.

pub mod accounts;
pub mod discussions;
pub mod errors;
pub mod groups;
pub mod i18n;
pub mod markdown;
pub mod meetings;
pub mod permissions;
pub mod polls;
pub mod search;
pub mod visibility;
pub mod wiki;

pub use errors::{Invalid, Problem};
