//! Essaim's application layer: one function per action a person can take
//! (join a group, write the minutes…) and per read a person can make (the
//! calendar of a group…).
//!
//! Every door (web pages, the JSON API, the mail sink, job handlers, the
//! command line) parses its input, builds one [`Actor`], calls one function
//! here and renders its outcome. A function loads typed state, asks the
//! domain's rule once, writes in one transaction and queues typed jobs.
//! Nothing here renders HTML or email: that is the doors' work.
#![warn(missing_docs)]

pub mod activity;
pub mod audience;
pub mod discussions;
pub mod groups;
pub mod health;
pub mod jobs;
pub mod meetings;
pub mod news;
pub mod newsletter;
pub mod polls;
pub mod projects;
pub mod resources;
pub mod search;
pub mod signing;
pub mod usages;
pub mod wiki;

use std::sync::Arc;

use essaim_domain::permissions::Viewer;
use essaim_domain::Problem;
use essaim_store::accounts::User;
use essaim_store::{Store, StoreError};
use tokio::sync::Notify;

/// What every application function reaches: the data layer, the instance
/// secret and the job worker's bell. Cheap to clone.
#[derive(Debug, Clone)]
pub struct App {
    /// The data layer.
    pub store: Store,
    /// The instance secret that signs links and keys.
    pub secret: Arc<String>,
    /// Wakes the job worker after queuing (other nodes poll).
    pub jobs_wake: Arc<Notify>,
    /// The domain of group addresses and `Message-ID`s.
    pub mail_domain: Arc<str>,
}

impl App {
    /// An application over `store`, signing with `secret`, whose mail
    /// comes from `mail_domain`.
    pub fn new(
        store: Store,
        secret: Arc<String>,
        jobs_wake: Arc<Notify>,
        mail_domain: &str,
    ) -> Self {
        Self {
            store,
            secret,
            jobs_wake,
            mail_domain: mail_domain.into(),
        }
    }

    /// The domain of group addresses and `Message-ID`s.
    pub fn mail_domain(&self) -> &str {
        &self.mail_domain
    }

    /// Tells the job worker that something was queued.
    pub fn wake_jobs(&self) {
        self.jobs_wake.notify_one();
    }
}

/// Who acts, built once per request, message or job.
#[derive(Debug, Clone)]
pub enum Actor {
    /// Nobody known.
    Anonymous,
    /// An account: logged in by session or token, or proven by a signed
    /// link sent to its address.
    Account(User),
    /// A member writing by email: known by the sender address, and by the
    /// reply key of the list email answered when there is one.
    KeyOwner(User),
    /// Someone without an account holding a poll's private link.
    Guest {
        /// The poll the link opens.
        poll_id: i64,
    },
    /// Essaim itself (a job, the command line): acts for nobody, so it sees
    /// what an anonymous visitor sees unless a function says otherwise.
    System,
}

impl Actor {
    /// The actor of an optional account.
    pub fn from_user(user: Option<User>) -> Self {
        user.map_or(Actor::Anonymous, Actor::Account)
    }

    /// The account acting, if any.
    pub fn user(&self) -> Option<&User> {
        match self {
            Actor::Account(u) | Actor::KeyOwner(u) => Some(u),
            Actor::Anonymous | Actor::Guest { .. } | Actor::System => None,
        }
    }

    /// The permission view of this actor.
    pub fn viewer(&self) -> Viewer {
        self.user().map_or_else(Viewer::anonymous, User::viewer)
    }
}

/// The refusal of an action `actor` may not take: log in first, or not
/// allowed.
pub fn refusal(actor: &Actor) -> Problem {
    if actor.user().is_some() {
        Problem::Forbidden
    } else {
        Problem::Unauthenticated
    }
}

/// Why an application function did not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something the person can understand and fix (shown translated).
    #[error(transparent)]
    Problem(#[from] Problem),
    /// A fault of ours.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Result of application functions.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Separates refused input, which a door shows again beside what the
/// person typed, from every other outcome.
pub fn or_invalid<T>(
    result: Result<T>,
) -> Result<std::result::Result<T, Vec<essaim_domain::Invalid>>> {
    match result {
        Ok(value) => Ok(Ok(value)),
        Err(Error::Problem(Problem::Invalid(errors))) => Ok(Err(errors)),
        Err(e) => Err(e),
    }
}
