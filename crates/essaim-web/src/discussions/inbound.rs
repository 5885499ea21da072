//! Mail in, the application's side: the [`MailSink`] both transports (the
//! SMTP listener and `essaim mail-in`) hand received messages to.
//!
//! A member writing to `{slug}@` opens a topic; a reply to `{slug}+{key}@`
//! posts in the key's topic as the person it was sent to (only when that
//! person is the sender); `+subscribe` and `+unsubscribe` answer with a
//! confirmation link; a reply to a summary gets an explanation; mail from
//! outside the group waits for the moderators or is refused, per the
//! group's setting; `bounces+{key}@` records a delivery failure.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use essaim_app::discussions::{Forum, Message, Via};
use essaim_app::groups::JoinOutcome;
use essaim_app::Actor;
use essaim_domain::discussions::{self as rules, HeldStatus, Outsiders, PostStatus, PostVia};
use essaim_domain::i18n::Lang;
use essaim_domain::ids::GroupId;
use essaim_domain::Problem;
use essaim_mail::inbound::{
    group_address, local_address, DeliveryError, Envelope, LocalAddress, MailSink, SinkFuture,
};
use essaim_mail::incoming::{self, Incoming};
use essaim_store::accounts::User;
use essaim_store::discussions::{HeldMail, NewPost, PostFile, Topic};
use essaim_store::groups::Group;
use minijinja::context;

use crate::ctx::Ctx;
use crate::error::{not_found, AppResult};
use crate::AppState;

/// The application's mail sink: discussions by email.
pub struct DiscussionsSink {
    state: AppState,
}

impl DiscussionsSink {
    /// A sink writing through `state`.
    pub fn new(state: AppState) -> Self {
        Self { state }
    }
}

pub(crate) fn temporary(e: impl std::fmt::Display) -> DeliveryError {
    DeliveryError::Temporary(e.to_string())
}

impl MailSink for DiscussionsSink {
    fn accepts<'a>(&'a self, address: &'a str) -> SinkFuture<'a, Result<bool, DeliveryError>> {
        Box::pin(async move {
            match local_address(address, &self.state.mail.domain) {
                Some(LocalAddress::Group { slug, .. }) => Ok(self
                    .state
                    .store
                    .group_by_slug(&slug)
                    .await
                    .map_err(temporary)?
                    .is_some_and(|g| g.hosted)),
                Some(LocalAddress::Bounce { key }) => {
                    Ok(super::mail::bounce_user(&self.state, &key).is_some())
                }
                None => Ok(false),
            }
        })
    }

    fn deliver<'a>(
        &'a self,
        envelope: &'a Envelope,
        raw: &'a [u8],
    ) -> SinkFuture<'a, Result<(), DeliveryError>> {
        Box::pin(async move {
            let message = incoming::parse(raw)
                .map_err(|e| DeliveryError::Rejected(format!("unreadable message: {e}")))?;
            self.take(envelope, &message).await
        })
    }
}

impl DiscussionsSink {
    /// Takes a message already read (what [`MailSink::deliver`] does after
    /// parsing; tests give it a message built by hand).
    pub async fn take(&self, envelope: &Envelope, message: &Incoming) -> Result<(), DeliveryError> {
        for recipient in &envelope.recipients {
            match local_address(recipient, &self.state.mail.domain) {
                Some(LocalAddress::Bounce { key }) => {
                    bounce(&self.state, &key, message).await?;
                }
                Some(LocalAddress::Group { slug, tag }) => {
                    to_group(&self.state, &slug, tag.as_deref(), message).await?;
                }
                None => return Err(DeliveryError::UnknownRecipient(recipient.clone())),
            }
        }
        Ok(())
    }
}

/// Records a delivery failure for the person whose return path it came
/// back to. Whether it is permanent comes from the report read with the
/// message (`Status: 5.x.x`, RFC 3464, or a known non-standard bounce); a
/// bounce that says nothing counts as permanent: it is no delay notice.
async fn bounce(state: &AppState, key: &str, message: &Incoming) -> Result<(), DeliveryError> {
    let Some(user_id) = super::mail::bounce_user(state, key) else {
        return Err(DeliveryError::UnknownRecipient(key.to_string()));
    };
    let Some(user) = state.store.user_by_id(user_id).await.map_err(temporary)? else {
        return Ok(());
    };
    let permanent = message
        .delivery_report
        .as_ref()
        .is_none_or(|report| report.permanent);
    if let Some(stopped) = state
        .store
        .record_bounce(&user.email, permanent)
        .await
        .map_err(temporary)?
    {
        state
            .store
            .notify(stopped, "mail-stopped", "")
            .await
            .map_err(temporary)?;
    }
    Ok(())
}

/// Sends `who` an explanation of `kind` (messages `email-{kind}-…`), in
/// their language.
pub(crate) async fn explain(
    state: &AppState,
    kind: &str,
    who: &Sender<'_>,
    group: &Group,
    extra: &[(&str, String)],
    link: &str,
) -> Result<(), DeliveryError> {
    let mut args: Vec<(&str, String)> = vec![
        ("group", group.name.clone()),
        (
            "email",
            group_address(&group.slug, None, &state.mail.domain),
        ),
    ];
    args.extend(extra.iter().cloned());
    let email =
        crate::email::notice_email(state, who.lang, kind, who.address, who.name, &args, link)
            .map_err(temporary)?;
    state.queue_emails(&[email]).await.map_err(temporary)?;
    Ok(())
}

async fn to_group(
    state: &AppState,
    slug: &str,
    tag: Option<&str>,
    message: &Incoming,
) -> Result<(), DeliveryError> {
    let Some(group) = state
        .store
        .group_by_slug(slug)
        .await
        .map_err(temporary)?
        .filter(|g| g.hosted)
    else {
        return Err(DeliveryError::UnknownRecipient(slug.to_string()));
    };
    // Automatic replies, lists, our own loops: never posted, never answered.
    if message.automatic.is_some() {
        return Ok(());
    }
    let Some(from) = message.from_address.clone() else {
        return Err(DeliveryError::Rejected("no sender address".into()));
    };
    let sender = state.store.user_by_email(&from).await.map_err(temporary)?;
    let name = sender
        .as_ref()
        .map(|u| u.name.clone())
        .or_else(|| message.from_name.clone())
        .unwrap_or_else(|| from.clone());
    let who = Sender {
        address: &from,
        name: &name,
        lang: sender.as_ref().map(User::language).unwrap_or_default(),
    };
    let discussions = state
        .config
        .absolute(&format!("/g/{}/discussions", group.slug));
    match tag {
        Some("subscribe") => {
            // A group its sender may not see is not spoken of.
            if !essaim_app::groups::address_sees(&state.app, &group, &from)
                .await
                .map_err(temporary)?
            {
                return Ok(());
            }
            let link = state.config.absolute(&join_path(state, group.id, &from));
            return explain(state, "list-subscribe", &who, &group, &[], &link).await;
        }
        Some("unsubscribe") => {
            // Only a member has something to stop; others get no mail.
            if let Some(user) = &sender {
                if state
                    .store
                    .list_setting(group.id, user.id)
                    .await
                    .map_err(temporary)?
                    .is_some()
                {
                    let link = super::mail::unsubscribe_link(state, group.id, user.id);
                    return explain(state, "list-unsubscribe", &who, &group, &[], &link).await;
                }
            }
            return Ok(());
        }
        // A holder's answer to the email asking for a project's news.
        Some(key) if key.starts_with(crate::projects::NEWS_KEY_PREFIX) => {
            return crate::projects::news_by_mail(
                state,
                &group,
                &key[crate::projects::NEWS_KEY_PREFIX.len()..],
                sender.as_ref(),
                &who,
                message,
            )
            .await;
        }
        Some(key) => {
            let found = state.store.reply_key_lookup(key).await.map_err(temporary)?;
            // A key only speaks for the person it was sent to.
            if let (Some(k), Some(user)) = (found, &sender) {
                if k.user_id == user.id && k.group_id == group.id {
                    return match k.topic_id {
                        None => {
                            explain(state, "list-digest-reply", &who, &group, &[], &discussions)
                                .await
                        }
                        Some(topic_id) => {
                            match state.store.topic(topic_id).await.map_err(temporary)? {
                                Some(topic) if topic.group_id == group.id => {
                                    reply_by_mail(state, &group, &topic, user, message).await
                                }
                                _ => new_message(state, &group, sender.as_ref(), message).await,
                            }
                        }
                    };
                }
            }
        }
        None => {}
    }
    new_message(state, &group, sender.as_ref(), message).await
}

/// The topic a message answers, from its `In-Reply-To` and `References`.
async fn answered_topic(
    state: &AppState,
    group: &Group,
    message: &Incoming,
) -> Result<Option<(Topic, Option<i64>)>, DeliveryError> {
    for id in message
        .in_reply_to
        .iter()
        .chain(message.references.iter().rev())
    {
        if let Some(post) = state
            .store
            .post_by_message_id(id)
            .await
            .map_err(temporary)?
        {
            if post.group_id == group.id {
                if let Some(topic) = state.store.topic(post.topic_id).await.map_err(temporary)? {
                    return Ok(Some((topic, Some(post.id))));
                }
            }
        }
    }
    Ok(None)
}

/// Whether a message with this `Message-ID` is already a post (the same
/// mail delivered twice is posted once).
async fn already_posted(state: &AppState, message: &Incoming) -> Result<bool, DeliveryError> {
    let Some(id) = &message.message_id else {
        return Ok(false);
    };
    Ok(state
        .store
        .post_by_message_id(id)
        .await
        .map_err(temporary)?
        .is_some())
}

/// A message to the group's own address (or with a key that does not
/// speak for its sender).
async fn new_message(
    state: &AppState,
    group: &Group,
    sender: Option<&User>,
    message: &Incoming,
) -> Result<(), DeliveryError> {
    if already_posted(state, message).await? {
        return Ok(());
    }
    let writer = match sender {
        Some(user) => {
            let actor = Actor::KeyOwner(user.clone());
            let forum = Forum::of(&state.app, &actor, group)
                .await
                .map_err(temporary)?;
            forum.access.post.then_some((user, actor, forum))
        }
        None => None,
    };
    if let Some((user, actor, forum)) = writer {
        if let Some((topic, _)) = answered_topic(state, group, message).await? {
            return reply_as_member(state, group, &topic, user, &actor, &forum, message).await;
        }
        return post_as_member(
            state,
            group,
            user,
            &actor,
            &forum,
            Target::NewTopic,
            message,
        )
        .await;
    }
    from_outsider(state, group, sender, message).await
}

/// A message from someone outside the group: held for the moderators or
/// refused with an explanation, per the group's setting.
async fn from_outsider(
    state: &AppState,
    group: &Group,
    sender: Option<&User>,
    message: &Incoming,
) -> Result<(), DeliveryError> {
    let from = message.from_address.clone().unwrap_or_default();
    let name = sender
        .map(|u| u.name.clone())
        .or_else(|| message.from_name.clone())
        .unwrap_or_default();
    let who = Sender {
        address: &from,
        name: &name,
        lang: sender.map(User::language).unwrap_or_default(),
    };
    let settings = state
        .store
        .discussion_settings(group.id)
        .await
        .map_err(temporary)?;
    let outsiders = settings.discussions_outsiders;
    let group_page = state.config.absolute(&format!("/g/{}", group.slug));
    match outsiders {
        Outsiders::Moderate => {
            // A waiting message keeps its text only: its files are named.
            let prepared = match prepare(state, message, who.lang, false).await? {
                Ok(prepared) => prepared,
                Err(refusal) => {
                    return tell_refused(state, &who, group, refusal, &group_page).await
                }
            };
            let topic_id = answered_topic(state, group, message)
                .await?
                .map(|(t, _)| t.id);
            let message_id = message.message_id.clone().unwrap_or_else(|| {
                format!(
                    "held-{}@{}",
                    essaim_store::random_token(8),
                    state.mail.domain
                )
            });
            let kept = state
                .store
                .hold_mail(
                    group.id,
                    &from,
                    &name,
                    &message.subject,
                    &prepared.text,
                    &prepared.trimmed,
                    &message_id,
                    topic_id,
                )
                .await
                .map_err(temporary)?;
            if kept {
                let more = remarks(&who, &prepared);
                explain(
                    state,
                    "list-held",
                    &who,
                    group,
                    &[("more", more)],
                    &group_page,
                )
                .await?;
            }
            Ok(())
        }
        Outsiders::Refuse => explain(state, "list-refused", &who, group, &[], &group_page).await,
    }
}

/// A fault of the application while delivering: tried again later.
fn app_fault(e: essaim_app::Error) -> DeliveryError {
    temporary(format!("{e:?}"))
}

/// A member's emailed reply in a topic.
async fn reply_by_mail(
    state: &AppState,
    group: &Group,
    topic: &Topic,
    user: &User,
    message: &Incoming,
) -> Result<(), DeliveryError> {
    let actor = Actor::KeyOwner(user.clone());
    let forum = Forum::of(&state.app, &actor, group)
        .await
        .map_err(temporary)?;
    if !forum.access.post {
        // Someone who left the group: treated as anyone outside it.
        return from_outsider(state, group, Some(user), message).await;
    }
    if already_posted(state, message).await? {
        return Ok(());
    }
    reply_as_member(state, group, topic, user, &actor, &forum, message).await
}

/// A member's emailed reply, once their forum is open and the message is
/// new: a closed topic is explained, "+1" likes, anything else is posted.
async fn reply_as_member(
    state: &AppState,
    group: &Group,
    topic: &Topic,
    user: &User,
    actor: &Actor,
    forum: &Forum,
    message: &Incoming,
) -> Result<(), DeliveryError> {
    if !rules::may_reply(forum.access, topic.closed) {
        let link = state
            .config
            .absolute(&essaim_store::discussions::topic_path(
                &group.slug,
                topic.id,
            ));
        let refusal = Refusal::Closed(topic.title.clone());
        return tell_refused(state, &Sender::of(user), group, refusal, &link).await;
    }
    let parent = answered_topic(state, group, message)
        .await?
        .filter(|(t, _)| t.id == topic.id)
        .and_then(|(_, p)| p);
    if rules::is_plus_one(&message.body) {
        let target = match parent {
            Some(id) => Some(id),
            None => state
                .store
                .posts(topic.id)
                .await
                .map_err(temporary)?
                .into_iter()
                .rfind(|p| p.status == PostStatus::Visible)
                .map(|p| p.id),
        };
        if let Some(post_id) = target {
            state
                .store
                .like_post(post_id, user.id)
                .await
                .map_err(temporary)?;
        }
        return Ok(());
    }
    let target = Target::Reply(topic, parent);
    post_as_member(state, group, user, actor, forum, target, message).await
}

// ---------------------------------------------------------------- posting what a member sent

/// Where a member's emailed message goes.
enum Target<'a> {
    /// A new topic, titled from the subject.
    NewTopic,
    /// A reply in a topic, under the post it answers when known.
    Reply(&'a Topic, Option<i64>),
}

/// Posts a member's emailed message with its files, in one transaction
/// (the application's), then tells the sender whatever they need to know:
/// why nothing was posted, which files were left out, that the whole text
/// was posted, that the post waits for a moderator.
async fn post_as_member(
    state: &AppState,
    group: &Group,
    user: &User,
    actor: &Actor,
    forum: &Forum,
    target: Target<'_>,
    message: &Incoming,
) -> Result<(), DeliveryError> {
    let who = Sender::of(user);
    let discussions = state
        .config
        .absolute(&format!("/g/{}/discussions", group.slug));
    let prepared = match prepare(state, message, who.lang, true).await? {
        Ok(prepared) => prepared,
        Err(refusal) => return tell_refused(state, &who, group, refusal, &discussions).await,
    };
    let (parent_id, topic) = match target {
        Target::NewTopic => (None, None),
        Target::Reply(topic, parent) => (parent, Some(topic)),
    };
    let written = Message {
        text: &prepared.text,
        parent_id,
        via: Via::Email {
            trimmed: &prepared.trimmed,
            message_id: message.message_id.as_deref().unwrap_or_default(),
            files: &prepared.files,
        },
    };
    let done = match topic {
        Some(topic) => {
            essaim_app::discussions::reply(&state.app, actor, forum, topic, written).await
        }
        None => {
            let fallback = crate::i18n::t(who.lang, "discussions-untitled");
            let title = rules::title_from_subject(&message.subject, &fallback);
            essaim_app::discussions::open_topic(&state.app, actor, forum, &title, written).await
        }
    };
    let done = match essaim_app::or_invalid(done) {
        Ok(Ok(posted)) => posted,
        Ok(Err(errors)) => {
            forget_files(state, &prepared.files).await;
            let title = topic.map(|t| t.title.clone()).unwrap_or_default();
            let refusal = Refusal::of(&errors, prepared.text.len(), title);
            return tell_refused(state, &who, group, refusal, &discussions).await;
        }
        Err(e) => {
            forget_files(state, &prepared.files).await;
            return Err(app_fault(e));
        }
    };
    let link = state.config.absolute(&format!(
        "{}#post-{}",
        essaim_store::discussions::topic_path(&group.slug, done.topic),
        done.post
    ));
    let kind = if done.held {
        "list-post-held"
    } else if prepared.whole {
        "list-whole"
    } else if !prepared.left_out.is_empty() {
        "list-left-out"
    } else {
        return Ok(());
    };
    let args = [
        ("more", remarks(&who, &prepared)),
        (
            "file_limit",
            size_label(who.lang, crate::wiki::ATTACHMENT_MAX),
        ),
    ];
    explain(state, kind, &who, group, &args, &link).await
}

/// Who sent a message, as their notices need it.
pub(crate) struct Sender<'a> {
    pub(crate) address: &'a str,
    pub(crate) name: &'a str,
    pub(crate) lang: Lang,
}

impl<'a> Sender<'a> {
    fn of(user: &'a User) -> Self {
        Self {
            address: &user.email,
            name: &user.name,
            lang: user.language(),
        }
    }
}

/// Why an emailed message is not posted, as its sender is told.
#[derive(Debug)]
enum Refusal {
    /// Longer than a post may be (its size, in bytes).
    TooLong(usize),
    /// Nothing in it: no text, no file.
    Empty,
    /// Only files, none of which could be joined.
    FilesOnly(Vec<(String, LeftOut)>),
    /// A reply to a closed topic (its title).
    Closed(String),
    /// Any other refusal of the application (its message key).
    Other(&'static str),
}

impl Refusal {
    /// The refusal the application's answer stands for (`size`: the text's
    /// length; `title`: the topic answered).
    fn of(errors: &[essaim_domain::Invalid], size: usize, title: String) -> Self {
        match errors.first().map(|e| e.key) {
            Some("error-post-too-long") => Refusal::TooLong(size),
            Some("error-post-empty") | None => Refusal::Empty,
            Some("error-topic-closed") => Refusal::Closed(title),
            Some(other) => Refusal::Other(other),
        }
    }
}

/// Tells the sender why their message was not posted and what to do.
async fn tell_refused(
    state: &AppState,
    who: &Sender<'_>,
    group: &Group,
    refusal: Refusal,
    link: &str,
) -> Result<(), DeliveryError> {
    let lang = who.lang;
    let file_limit = ("file_limit", size_label(lang, crate::wiki::ATTACHMENT_MAX));
    let (kind, args) = match refusal {
        Refusal::TooLong(size) => (
            "list-too-long",
            vec![
                ("size", size_label(lang, size)),
                ("limit", size_label(lang, rules::POST_MAX_BYTES)),
                file_limit,
            ],
        ),
        Refusal::Empty => ("list-empty", Vec::new()),
        Refusal::FilesOnly(left_out) => (
            "list-files-refused",
            vec![("files", left_out_sentences(lang, &left_out)), file_limit],
        ),
        Refusal::Closed(title) => ("list-closed", vec![("title", title)]),
        Refusal::Other(key) => (
            "list-not-posted",
            vec![("reason", crate::i18n::t(lang, key))],
        ),
    };
    explain(state, kind, who, group, &args, link).await
}

/// What a notice adds about a message posted or kept: each file left out,
/// and that the whole text was posted.
fn remarks(who: &Sender<'_>, prepared: &Prepared) -> String {
    let mut out = String::new();
    if prepared.whole {
        out.push(' ');
        out.push_str(&crate::i18n::t(who.lang, "email-list-whole-remark"));
    }
    if !prepared.left_out.is_empty() {
        out.push(' ');
        out.push_str(&left_out_sentences(who.lang, &prepared.left_out));
    }
    out
}

/// One sentence per file left out, naming it and saying why.
fn left_out_sentences(lang: Lang, left_out: &[(String, LeftOut)]) -> String {
    left_out
        .iter()
        .map(|(name, why)| {
            crate::i18n::t_args(
                lang,
                &format!("email-file-left-out-{}", why.code()),
                &[
                    ("name", name.clone()),
                    ("limit", size_label(lang, crate::wiki::ATTACHMENT_MAX)),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A size for people: "137 Ko", "10 Mo" ("137 KB", "10 MB").
pub(crate) fn size_label(lang: Lang, bytes: usize) -> String {
    const MEGA: usize = 1024 * 1024;
    if bytes < 1_000_000 {
        let n = bytes.div_ceil(1000).max(1);
        return crate::i18n::t_args(lang, "email-size-kb", &[("n", n.to_string())]);
    }
    let tenths = (bytes * 10).div_ceil(MEGA);
    let n = if tenths.is_multiple_of(10) || tenths >= 100 {
        tenths.div_ceil(10).to_string()
    } else {
        let separator = if lang == Lang::Fr { ',' } else { '.' };
        format!("{}{separator}{}", tenths / 10, tenths % 10)
    };
    crate::i18n::t_args(lang, "email-size-mb", &[("n", n)])
}

// ---------------------------------------------------------------- what a message brings

/// Why a file of an emailed message was not joined to its post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LeftOut {
    /// Heavier than files sent on the site may be.
    TooLarge,
    /// Not a kind of file the site accepts (the same check as on the site).
    Type,
    /// Sent from outside the group: a message waiting for the moderators
    /// keeps its text only.
    Held,
}

impl LeftOut {
    /// The end of its message keys.
    fn code(self) -> &'static str {
        match self {
            LeftOut::TooLarge => "too-large",
            LeftOut::Type => "type",
            LeftOut::Held => "held",
        }
    }
}

/// An emailed message made ready to post or to hold.
#[derive(Debug)]
struct Prepared {
    /// What is posted: the person's words, then one line per file left out.
    text: String,
    /// The quoted part, shown folded under the post.
    trimmed: String,
    /// Trimming found nothing of the person's own: the whole text is
    /// posted, its quote folded.
    whole: bool,
    /// Files written under the data folder, recorded with the post.
    files: Vec<PostFile>,
    /// Files not joined: their names and why.
    left_out: Vec<(String, LeftOut)>,
}

/// Reads what a message brings: the person's words (the whole text when
/// trimming left nothing), its files checked as on the site (written under
/// the data folder when `keep_files` and the text fits), a line in the
/// text for each file left out, in the sender's `lang`.
async fn prepare(
    state: &AppState,
    message: &Incoming,
    lang: Lang,
    keep_files: bool,
) -> Result<Result<Prepared, Refusal>, DeliveryError> {
    let mut accepted = Vec::new();
    let mut left_out = Vec::new();
    for file in &message.attachments {
        // An empty file holds nothing to lose.
        if file.data.is_empty() {
            continue;
        }
        let name = crate::wiki::clean_name(&file.filename);
        if !keep_files {
            left_out.push((name, LeftOut::Held));
        } else if file.data.len() > crate::wiki::ATTACHMENT_MAX {
            left_out.push((name, LeftOut::TooLarge));
        } else {
            match crate::wiki::file_type(&name, &file.data) {
                Some((content_type, is_image)) => {
                    accepted.push((name, content_type, is_image, &file.data))
                }
                None => left_out.push((name, LeftOut::Type)),
            }
        }
    }
    let (mut text, trimmed, whole) = own_words(message, lang, !accepted.is_empty());
    if text.trim().is_empty() {
        if accepted.is_empty() {
            return Ok(Err(if left_out.is_empty() {
                Refusal::Empty
            } else {
                Refusal::FilesOnly(left_out)
            }));
        }
        text = crate::i18n::t(
            lang,
            if accepted.len() == 1 {
                "discussions-mail-file-only"
            } else {
                "discussions-mail-files-only"
            },
        );
    }
    if !left_out.is_empty() {
        text.push_str("\n\n");
        let lines: Vec<String> = left_out
            .iter()
            .map(|(name, why)| {
                format!(
                    "- {}",
                    crate::i18n::t_args(
                        lang,
                        &format!("discussions-mail-file-{}", why.code()),
                        &[("name", markdown_escaped(name))],
                    )
                )
            })
            .collect();
        text.push_str(&lines.join("\n"));
    }
    // The text is checked before any file is written (the application
    // checks it again when posting).
    if let Err(e) = rules::check_body(&text) {
        return Ok(Err(Refusal::of(&[e], text.len(), String::new())));
    }
    let mut files = Vec::with_capacity(accepted.len());
    for (name, content_type, is_image, data) in accepted {
        match keep(state, name, content_type, is_image, data).await {
            Ok(file) => files.push(file),
            Err(e) => {
                forget_files(state, &files).await;
                return Err(e);
            }
        }
    }
    Ok(Ok(Prepared {
        text,
        trimmed,
        whole,
        files,
        left_out,
    }))
}

/// The person's words and the part folded away: the body and its trimmed
/// part; when trimming left nothing (and no file speaks for the message),
/// the whole text, its quoted lines folded.
fn own_words(message: &Incoming, lang: Lang, has_files: bool) -> (String, String, bool) {
    if !message.body.trim().is_empty() || has_files || message.trimmed.trim().is_empty() {
        return (message.body.clone(), message.trimmed.clone(), false);
    }
    let (own, quote) = split_quote(&message.trimmed);
    if own.is_empty() {
        let note = crate::i18n::t(lang, "discussions-mail-only-quote");
        (note, message.trimmed.clone(), true)
    } else {
        (own, quote, true)
    }
}

/// Splits a text into what is not quoted and what is: lines starting
/// with `>`, and the line introducing them ("… a écrit :").
fn split_quote(text: &str) -> (String, String) {
    let lines: Vec<&str> = text.lines().collect();
    let mut quoted: Vec<bool> = lines
        .iter()
        .map(|l| l.trim_start().starts_with('>'))
        .collect();
    for i in 0..lines.len() {
        if quoted[i] && (i == 0 || !quoted[i - 1]) {
            let mut j = i;
            while j > 0 && lines[j - 1].trim().is_empty() {
                j -= 1;
            }
            if j > 0 && lines[j - 1].trim_end().ends_with(':') {
                quoted[j - 1] = true;
            }
        }
    }
    let pick = |want: bool| {
        lines
            .iter()
            .zip(&quoted)
            .filter(|(_, q)| **q == want)
            .map(|(l, _)| *l)
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    };
    (pick(false), pick(true))
}

/// A file name written in Markdown as itself.
fn markdown_escaped(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '`' | '#' | '<' | '>' | '!' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Writes one emailed file (and its thumbnail) under the data folder, for
/// a post not written yet.
async fn keep(
    state: &AppState,
    name: String,
    content_type: &str,
    is_image: bool,
    data: &[u8],
) -> Result<PostFile, DeliveryError> {
    // Image work is CPU-bound: off the async threads, as for uploads.
    let thumb = if is_image {
        let copy = data.to_vec();
        tokio::task::spawn_blocking(move || crate::images::thumbnail(&copy))
            .await
            .map_err(temporary)?
            .ok()
    } else {
        None
    };
    let stored_as = format!("post-mail-{}", essaim_store::random_token(12));
    let dir = state.config.data_dir.join("attachments");
    crate::uploads::write_atomic(dir.join(&stored_as), data.to_vec())
        .await
        .map_err(|e| temporary(format!("{e:?}")))?;
    if let Some(t) = thumb.clone() {
        crate::uploads::write_atomic(dir.join(format!("{stored_as}-thumb.jpg")), t)
            .await
            .map_err(|e| temporary(format!("{e:?}")))?;
    }
    Ok(PostFile {
        id: 0,
        post_id: 0,
        name,
        content_type: content_type.to_string(),
        size: data.len() as i64,
        stored_as,
        has_thumbnail: thumb.is_some(),
    })
}

/// Removes files written for a post that was not made (nothing refers to
/// them; one left behind only takes room).
async fn forget_files(state: &AppState, files: &[PostFile]) {
    let dir = state.config.data_dir.join("attachments");
    for file in files {
        let mut paths = vec![dir.join(&file.stored_as)];
        if file.has_thumbnail {
            paths.push(dir.join(format!("{}-thumb.jpg", file.stored_as)));
        }
        for path in paths {
            if let Err(e) = tokio::fs::remove_file(&path).await {
                tracing::warn!(path = %path.display(), error = %e, "an unused emailed file stays");
            }
        }
    }
}

/// A moderator approved a message from outside the group: it is posted
/// (in the topic it answers, or as a new topic) and its sender is invited
/// to join.
pub async fn post_held(state: &AppState, group: &Group, held: &HeldMail) -> AppResult<()> {
    let sender = state.store.user_by_email(&held.from_address).await?;
    let name = if held.from_name.is_empty() {
        held.from_address.clone()
    } else {
        held.from_name.clone()
    };
    let text = rules::check_body(&held.markdown).unwrap_or_else(|_| "…".to_string());
    let post = NewPost {
        author_id: sender.as_ref().map(|u| u.id),
        author_name: sender
            .as_ref()
            .map(|u| u.name.clone())
            .unwrap_or(name.clone()),
        author_email: Some(held.from_address.clone()),
        markdown: text,
        trimmed: held.trimmed.clone(),
        via: PostVia::Email,
        message_id: held.message_id.clone(),
        status: PostStatus::Visible,
        mail: true,
        ..NewPost::default()
    };
    let topic = match held.topic_id {
        Some(id) => state
            .store
            .topic(id)
            .await?
            .filter(|t| t.group_id == group.id),
        None => None,
    };
    let result = match &topic {
        Some(t) => state
            .store
            .add_post(t, &post, &state.mail.domain)
            .await
            .map(|_| ()),
        None => {
            let title = rules::title_from_subject(
                &held.subject,
                &crate::i18n::t(Lang::Fr, "discussions-untitled"),
            );
            state
                .store
                .create_topic(group.id, &title, &post, &state.mail.domain)
                .await
                .map(|_| ())
        }
    };
    match result {
        // Posted already (the same message came twice).
        Ok(()) | Err(essaim_store::StoreError::Conflict) => {}
        Err(e) => return Err(e.into()),
    }
    state
        .store
        .decide_held(held.id, HeldStatus::Approved)
        .await?;
    let link = state.config.absolute(&format!("/g/{}", group.slug));
    let email = crate::email::notice_email(
        state,
        sender.as_ref().map(User::language).unwrap_or_default(),
        "list-invite",
        &held.from_address,
        &name,
        &[("group", group.name.clone())],
        &link,
    )?;
    state.queue_emails(&[email]).await?;
    Ok(())
}

// ---------------------------------------------------------------- joining by email

/// The signed page that confirms joining a group from `+subscribe`.
fn join_path(state: &AppState, group_id: GroupId, address: &str) -> String {
    let hexed = hex::encode(address.as_bytes());
    let sig = essaim_app::signing::sign(&state.app.secret, &join_message(group_id, address));
    format!("/list/join/{group_id}/{hexed}/{sig}")
}

/// What a joining link signs.
fn join_message(group_id: GroupId, address: &str) -> String {
    format!("join:{group_id}:{address}")
}

async fn join_checked(
    state: &AppState,
    group_id: GroupId,
    hexed: &str,
    signature: &str,
) -> AppResult<(Group, String)> {
    let address = hex::decode(hexed)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(|| crate::error::AppError::from(Problem::LinkInvalid))?;
    if !essaim_app::signing::verify(
        &state.app.secret,
        &join_message(group_id, &address),
        signature,
    ) {
        return Err(Problem::LinkInvalid.into());
    }
    let group = state
        .store
        .group_by_id(group_id)
        .await?
        .ok_or_else(not_found)?;
    if !essaim_app::groups::address_sees(&state.app, &group, &address).await? {
        return Err(not_found());
    }
    Ok((group, address))
}

/// `GET /list/join/{group}/{address}/{signature}`: confirms joining.
pub async fn join_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((group_id, hexed, signature)): Path<(GroupId, String, String)>,
) -> AppResult<Response> {
    let (group, address) = join_checked(&state, group_id, &hexed, &signature).await?;
    let account = state.store.user_by_email(&address).await?;
    let html = state.templates.render(
        "discussions/join.html",
        &ctx,
        context! { group => group, address => address, has_account => account.is_some(), joined => false,
                   action => format!("/list/join/{group_id}/{hexed}/{signature}") },
    )?;
    Ok(html.into_response())
}

/// What the joining page sends: the name of a person who has no account
/// yet (the signed link proves the address is theirs).
#[derive(Debug, Default, serde::Deserialize)]
pub struct JoinForm {
    /// Display name for the new account.
    #[serde(default)]
    pub name: String,
}

/// `POST /list/join/{group}/{address}/{signature}`: joins an open group on
/// every message, with the account of that address, or with a new one
/// made for it (its address confirmed by the link; the person logs in by
/// emailed link, or chooses a password later), so that someone who lives
/// in their mailbox can join by email alone.
pub async fn join(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((group_id, hexed, signature)): Path<(GroupId, String, String)>,
    axum::Form(form): axum::Form<JoinForm>,
) -> AppResult<Response> {
    let (group, address) = join_checked(&state, group_id, &hexed, &signature).await?;
    let (joined, has_account, errors) =
        match essaim_app::groups::join_by_link(&state.app, &group, &address, &form.name, ctx.lang)
            .await
        {
            Ok(done) => (
                matches!(
                    done.outcome,
                    JoinOutcome::Joined | JoinOutcome::AlreadyMember
                ),
                done.account.is_some(),
                Vec::new(),
            ),
            Err(essaim_app::Error::Problem(Problem::Invalid(errors))) => {
                let has_account = state.store.user_by_email(&address).await?.is_some();
                (false, has_account, errors)
            }
            Err(e) => return Err(e.into()),
        };
    let by_field: std::collections::BTreeMap<&str, &str> =
        errors.iter().map(|e| (e.field, e.key)).collect();
    let html = state.templates.render(
        "discussions/join.html",
        &ctx,
        context! { group => group, address => address, has_account => has_account, joined => joined,
        values => context! { name => form.name }, errors => by_field, error_list => errors,
        action => format!("/list/join/{group_id}/{hexed}/{signature}") },
    )?;
    let status = if errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, html).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quote_and_its_introduction_are_set_apart() {
        let text = "Le mar. 1 déc. 2026 à 09:00, Gus a écrit :\n\n> Qui arrose ?\n> En août.\n\nMoi, le mardi.\n> Et le jeudi ?\nAussi.";
        let (own, quote) = split_quote(text);
        assert_eq!(own, "Moi, le mardi.\nAussi.");
        assert_eq!(
            quote,
            "Le mar. 1 déc. 2026 à 09:00, Gus a écrit :\n> Qui arrose ?\n> En août.\n> Et le jeudi ?"
        );
        assert_eq!(split_quote("> seulement").0, "");
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_label(Lang::Fr, rules::POST_MAX_BYTES), "100 Ko");
        assert_eq!(size_label(Lang::Fr, 133_100), "134 Ko");
        assert_eq!(size_label(Lang::Fr, crate::wiki::ATTACHMENT_MAX), "10 Mo");
        assert_eq!(size_label(Lang::Fr, 1_572_864), "1,5 Mo");
        assert_eq!(size_label(Lang::En, 1_572_864), "1.5 MB");
        assert_eq!(size_label(Lang::En, 12), "1 KB");
    }

    #[test]
    fn file_names_stay_themselves_in_markdown() {
        assert_eq!(markdown_escaped("plan_*v2*.pdf"), "plan\\_\\*v2\\*.pdf");
    }
}
