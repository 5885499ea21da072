//! Essaim's email: composing MIME messages and the worker that sends the
//! outbox over SMTP; reading received mail and the two ways it comes in
//! (the SMTP listener and `essaim mail-in`).
//!
//! Translation and templates live in the web layer; this crate receives the
//! finished text and HTML and turns them into a standards-correct message.

pub mod compose;
pub mod inbound;
pub mod incoming;
pub mod listener;
pub mod mail_in;
pub mod sender;
pub mod worker;

pub use compose::{compose, Compose, ComposeAttachment, MailConfig};
pub use sender::{SendError, SmtpSender};
pub use worker::{JobFuture, JobHandler, Outcome, Worker};
