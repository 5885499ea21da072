//! Date polls as a person uses them by their link: opening one, and
//! answering (logged in, or as a guest with a name).

use essaim_domain::groups::Membership;
use essaim_domain::i18n::Lang;
use essaim_domain::meetings as meeting_rules;
use essaim_domain::polls::{self as rules, Choice, PollDraft};
use essaim_domain::{Invalid, Problem};
use essaim_store::polls::{Poll, Respondent, Saved};

use crate::meetings::Organizing;
use crate::{refusal, Actor, App, Result};

/// A poll opened by its link, with the actor's membership of its group.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The poll.
    pub poll: Poll,
    /// The actor's membership of the poll's group, as the rules read it.
    pub membership: Option<Membership>,
}

impl Opened {
    /// May `actor` close the poll or change it (its organizer, those who
    /// run the group)?
    pub fn may_manage(&self, actor: &Actor) -> bool {
        meeting_rules::may_manage(
            &actor.viewer(),
            self.membership.as_ref(),
            self.poll.organizer_id,
        )
    }

    /// May `actor` answer, as themselves (logged in) or as a guest?
    pub fn may_answer(&self, actor: &Actor) -> bool {
        meeting_rules::may_use_poll(
            &actor.viewer(),
            self.membership.as_ref(),
            self.poll.group_access(),
            self.poll.visibility(),
            self.poll.guests_allowed,
        ) && (actor.user().is_some() || self.poll.guests_allowed)
    }
}

/// Opens the poll of link `token` for `actor`, if they may use it: a
/// visitor is asked to log in, others find nothing.
pub async fn open(app: &App, actor: &Actor, token: &str) -> Result<Opened> {
    let poll = app
        .store
        .poll_by_token(token)
        .await?
        .ok_or(Problem::NotFound)?;
    let membership = match actor.user() {
        Some(u) => app
            .store
            .membership(poll.group_id, u.id)
            .await?
            .map(|m| m.rules()),
        None => None,
    };
    if !meeting_rules::may_use_poll(
        &actor.viewer(),
        membership.as_ref(),
        poll.group_access(),
        poll.visibility(),
        poll.guests_allowed,
    ) {
        return Err(if actor.user().is_none() {
            Problem::Unauthenticated
        } else {
            Problem::NotFound
        }
        .into());
    }
    Ok(Opened { poll, membership })
}

/// What a guest types besides their choices (a person logged in types
/// only the comment).
#[derive(Debug, Clone, Copy)]
pub struct Typed<'a> {
    /// Name.
    pub name: &'a str,
    /// Address to be told the date chosen (optional).
    pub email: &'a str,
    /// Comment.
    pub comment: &'a str,
    /// A returning guest's private key.
    pub key: Option<&'a str>,
}

/// What answering gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answered {
    /// Saved; a new guest's private key.
    Saved(Option<String>),
    /// Refused, with the reasons: nothing was written.
    Invalid(Vec<Invalid>),
}

/// Validates and saves `actor`'s answer to an opened poll: as themselves,
/// or as a guest (`typed.key` for one coming back, or no account) whose
/// page is in `lang`. `choices` are the door's reading of the form (or
/// why it could not read them).
pub async fn answer(
    app: &App,
    actor: &Actor,
    opened: &Opened,
    typed: Typed<'_>,
    choices: Result<Vec<(i64, Choice)>, Invalid>,
    lang: Lang,
) -> Result<Answered> {
    if !opened.may_answer(actor) {
        return Err(refusal(actor).into());
    }
    if !opened.poll.is_open(app.store.now()) {
        return Ok(Answered::Invalid(vec![Invalid::new(
            "form",
            "error-poll-closed",
        )]));
    }
    let mut errors = Vec::new();
    let comment = rules::normalize_short_text("comment", typed.comment, false)
        .map_err(|e| errors.push(e))
        .ok();
    let who = match actor.user() {
        Some(u) if typed.key.is_none() => Some(Respondent::User {
            id: u.id,
            name: u.name.clone(),
        }),
        _ => {
            let name = rules::normalize_short_text("name", typed.name, true)
                .map_err(|e| errors.push(e))
                .ok();
            let email = match typed.email.trim() {
                "" => Some(None),
                raw => essaim_domain::accounts::normalize_email(raw)
                    .map(Some)
                    .map_err(|e| errors.push(e))
                    .ok(),
            };
            name.zip(email).map(|(name, email)| Respondent::Guest {
                name,
                email,
                lang: lang.code().to_string(),
                key: typed.key.map(str::to_string),
            })
        }
    };
    let choices = choices.map_err(|e| errors.push(e)).ok();
    let (Some(comment), Some(who), Some(choices), true) =
        (comment, who, choices, errors.is_empty())
    else {
        return Ok(Answered::Invalid(errors));
    };
    match app
        .store
        .save_poll_answers(opened.poll.id, &who, &comment, &choices)
        .await?
    {
        Saved::Saved { new_key } => Ok(Answered::Saved(new_key)),
        Saved::Closed => Ok(Answered::Invalid(vec![Invalid::new(
            "form",
            "error-poll-closed",
        )])),
        Saved::UnknownKey => Err(Problem::NotFound.into()),
    }
}

/// Proposes a checked date poll in the group `organizing` names and gives
/// (its id, its link's token). The group's "meets regularly" alert is
/// resolved; the reminder is queued with the poll.
pub async fn propose(
    app: &App,
    organizing: Organizing,
    draft: &PollDraft,
) -> Result<(i64, String)> {
    let created = app
        .store
        .create_poll(organizing.group_id, organizing.organizer_id, draft)
        .await?;
    app.store.resolve_alive(organizing.group_id).await?;
    app.wake_jobs();
    Ok(created)
}
