//! The list by email: each new post written to the members who chose
//! "every message" (one outbox message each, with the list headers mail
//! programs use to thread, reply and unsubscribe), the daily and weekly
//! summaries, mention emails, and the signed links of every list email
//! (email settings, one-click unsubscribe, return path).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use essaim_app::signing;
use essaim_domain::accounts::EmailFrequency;
use essaim_domain::discussions::{self as rules, EmailMode, PostStatus};
use essaim_domain::groups::{GroupRole, Membership};
use essaim_domain::i18n::Lang;
use essaim_domain::ids::{GroupId, UserId};
use essaim_domain::jobs::{self, Summary};
use essaim_domain::markdown;
use essaim_domain::permissions::Viewer;
use essaim_mail::inbound::{bounce_address, group_address};
use essaim_mail::{compose, Compose, JobFuture, JobHandler, Outcome, Worker};
use essaim_store::discussions::{topic_path, DigestLine, Post, PostFile, Recipient, Topic};
use essaim_store::groups::Group;
use essaim_store::jobs::Job;
use essaim_store::outbox::OutgoingEmail;
use essaim_store::StoreError;
use minijinja::context;

use crate::ctx::Ctx;
use crate::error::{not_found, AppResult};
use crate::i18n::{t, t_args};
use crate::AppState;

/// Registers the discussion jobs and schedules the summaries.
pub async fn register(worker: Worker, state: &AppState) -> Result<Worker, StoreError> {
    state
        .store
        .ensure_job::<jobs::DailyDigest>(next_time(state, false))
        .await?;
    state
        .store
        .ensure_job::<jobs::WeeklyDigest>(next_time(state, true))
        .await?;
    state
        .store
        .ensure_job::<jobs::NotifyDaily>(next_time(state, false))
        .await?;
    state
        .store
        .ensure_job::<jobs::NotifyWeekly>(next_time(state, true))
        .await?;
    Ok(worker
        .with_handler::<jobs::NotifyDaily>(NotifyDigest(state.clone(), false))
        .with_handler::<jobs::NotifyWeekly>(NotifyDigest(state.clone(), true))
        .with_handler(PostJob(state.clone()))
        .with_handler(FileJob(state.clone()))
        .with_handler::<jobs::DailyDigest>(DigestJob(state.clone(), false))
        .with_handler::<jobs::WeeklyDigest>(DigestJob(state.clone(), true)))
}

/// The next 7 o'clock (a Monday for the weekly summary), local time.
fn next_time(state: &AppState, weekly: bool) -> i64 {
    use chrono::{Datelike, Duration, TimeZone};
    let tz = state.config.timezone;
    let now_ts = state.store.now();
    let Some(now) = tz.timestamp_opt(now_ts, 0).single() else {
        return now_ts + 86_400;
    };
    for days in 0..8 {
        let day = now.date_naive() + Duration::days(days);
        if weekly && day.weekday() != chrono::Weekday::Mon {
            continue;
        }
        if let Some(t) = day
            .and_hms_opt(7, 0, 0)
            .and_then(|t| tz.from_local_datetime(&t).earliest())
        {
            if t > now {
                return t.timestamp();
            }
        }
    }
    now_ts + if weekly { 7 * 86_400 } else { 86_400 }
}

/// The signature of a person's list links for a group (nothing stored:
/// recomputed from the instance secret).
pub fn list_signature(state: &AppState, group_id: GroupId, user_id: UserId) -> String {
    signing::sign(&state.app.secret, &list_message(group_id, user_id))
}

/// What a person's list links for a group sign.
fn list_message(group_id: GroupId, user_id: UserId) -> String {
    format!("list:{group_id}:{user_id}")
}

/// The length of a return path's signature (a short local part).
const BOUNCE_SIGNATURE_LEN: usize = 12;

/// What a return path signs.
fn bounce_message(user_id: UserId) -> String {
    format!("bounce:{user_id}")
}

/// The settings page of a person's list email (no login needed).
pub fn settings_link(state: &AppState, group_id: GroupId, user_id: UserId) -> String {
    state.config.absolute(&format!(
        "/list/{group_id}/{user_id}/{}",
        list_signature(state, group_id, user_id)
    ))
}

/// The one-click unsubscribe address (RFC 8058).
pub fn unsubscribe_link(state: &AppState, group_id: GroupId, user_id: UserId) -> String {
    format!("{}/unsubscribe", settings_link(state, group_id, user_id))
}

/// The return path of a message to an account: `bounces+{user}-{sig}@`,
/// signed so that no key is stored per message.
pub fn return_path(state: &AppState, user_id: UserId) -> String {
    let sig = signing::sign_short(
        &state.app.secret,
        &bounce_message(user_id),
        BOUNCE_SIGNATURE_LEN,
    );
    bounce_address(&format!("{user_id}-{sig}"), &state.mail.domain)
}

/// The account a return-path key stands for, when its signature holds.
pub fn bounce_user(state: &AppState, key: &str) -> Option<UserId> {
    let (id, signature) = key.split_once('-')?;
    let id: UserId = id.parse().ok()?;
    // Addresses' local parts may come back in capitals.
    let signature = signature.to_ascii_lowercase();
    signing::verify_short(
        &state.app.secret,
        &bounce_message(id),
        &signature,
        BOUNCE_SIGNATURE_LEN,
    )
    .then_some(id)
}

/// A display name for a header: quoted when plain ASCII, else an RFC 2047
/// encoded word (headers are 7-bit; accents are common in group names).
fn header_phrase(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.is_ascii() {
        return format!("\"{}\"", clean.replace(['"', '\\'], " "));
    }
    let mut out = String::from("=?utf-8?q?");
    for b in clean.bytes() {
        match b {
            b' ' => out.push('_'),
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' => out.push(b as char),
            _ => out.push_str(&format!("={b:02X}")),
        }
    }
    out.push_str("?=");
    out
}

/// The list headers of a group's email to one member.
fn list_headers(state: &AppState, group: &Group, user_id: UserId) -> Vec<(String, String)> {
    let domain = &state.mail.domain;
    let slug = &group.slug;
    vec![
        (
            "List-Id".into(),
            format!("{} <{slug}.{domain}>", header_phrase(&group.name)),
        ),
        (
            "List-Post".into(),
            format!("<mailto:{}>", group_address(slug, None, domain)),
        ),
        (
            "List-Archive".into(),
            format!(
                "<{}>",
                state.config.absolute(&format!("/g/{slug}/discussions"))
            ),
        ),
        (
            "List-Unsubscribe".into(),
            format!(
                "<mailto:{}>, <{}>",
                group_address(slug, Some("unsubscribe"), domain),
                unsubscribe_link(state, group.id, user_id)
            ),
        ),
        (
            "List-Unsubscribe-Post".into(),
            "List-Unsubscribe=One-Click".into(),
        ),
        ("Precedence".into(), "list".into()),
        ("Auto-Submitted".into(), "auto-generated".into()),
    ]
}

/// The Message-IDs a post answers, oldest first: the topic's first post,
/// then the post it replies to.
async fn thread_of(state: &AppState, post: &Post) -> Result<Vec<String>, StoreError> {
    let posts = state.store.posts(post.topic_id).await?;
    let mut refs = Vec::new();
    if let Some(first) = posts.first().filter(|f| f.id != post.id) {
        refs.push(first.message_id.clone());
    }
    if let Some(parent) = post
        .parent_id
        .and_then(|id| posts.iter().find(|p| p.id == id))
    {
        if !refs.contains(&parent.message_id) {
            refs.push(parent.message_id.clone());
        }
    }
    Ok(refs)
}

/// What a list email brings of a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sent {
    /// The post itself, with its files.
    Post,
    /// A file added on the site once the post was sent (threaded under it).
    FileAdded,
}

/// What the list sends of one post (the post itself, or a file added to
/// it later), to each of its readers on "every message".
struct Sending<'a> {
    group: &'a Group,
    topic: &'a Topic,
    post: &'a Post,
    html_body: &'a str,
    files: &'a PostFiles,
    sent: Sent,
}

impl Sending<'_> {
    /// One email per reader holding a reply key, threaded under the topic;
    /// the inner error is one email that could not be written (the job is
    /// tried again).
    async fn emails(
        &self,
        state: &AppState,
        readers: &[Recipient],
    ) -> Result<anyhow::Result<Vec<OutgoingEmail>>, StoreError> {
        let refs = thread_of(state, self.post).await?;
        let ids: Vec<UserId> = readers.iter().map(|r| r.user_id).collect();
        let keys = state
            .store
            .reply_keys(&ids, self.group.id, Some(self.topic.id))
            .await?;
        Ok(readers
            .iter()
            .filter_map(|r| keys.get(&r.user_id).map(|key| (r, key)))
            .map(|(r, key)| {
                post_email(
                    state,
                    self.group,
                    self.topic,
                    self.post,
                    &refs,
                    self.html_body,
                    self.files,
                    r,
                    key,
                    self.sent,
                )
            })
            .collect())
    }
}

/// One post's email to one member.
#[allow(clippy::too_many_arguments)]
fn post_email(
    state: &AppState,
    group: &Group,
    topic: &Topic,
    post: &Post,
    refs: &[String],
    html_body: &str,
    files: &PostFiles,
    to: &Recipient,
    key: &str,
    sent: Sent,
) -> anyhow::Result<OutgoingEmail> {
    let lang = Lang::or_default(to.lang.as_deref());
    let shown_files = files.shown(state, lang, &group.slug, topic.id, to.user_id);
    let (kind, intro, markdown, references) = match sent {
        Sent::Post => (
            "list-post",
            "email-list-post-intro",
            post.markdown.as_str(),
            refs.to_vec(),
        ),
        Sent::FileAdded => {
            let mut under = refs.to_vec();
            under.push(post.message_id.clone());
            ("list-file", "email-list-file-intro", "", under)
        }
    };
    let reply = !references.is_empty();
    let subject = rules::list_subject(&group.slug, &topic.title, reply);
    let topic_link = state.config.absolute(&format!(
        "{}#post-{}",
        topic_path(&group.slug, topic.id),
        post.id
    ));
    let context = context! {
        lang => lang.code(), subject => subject,
        intro => t_args(lang, intro, &[("name", post.author_name.clone()), ("group", group.name.clone())]),
        markdown => markdown, html => html_body,
        topic_link => topic_link, settings_link => settings_link(state, group.id, to.user_id),
        home => state.config.absolute("/"),
        footer => t_args(lang, "email-list-footer", &[("group", group.name.clone())]),
        reply_hint => t(lang, "email-list-reply-hint"),
        see_label => t(lang, "email-list-see"), settings_label => t(lang, "email-list-settings"),
        files => shown_files, files_label => t(lang, "email-list-files"),
    };
    let text = state
        .templates
        .render_plain("emails/list_post.txt", context.clone())?;
    let html = state
        .templates
        .render_plain("emails/list_post.html", context)?;
    let mail = Compose {
        kind: kind.into(),
        to: to.email.clone(),
        to_name: Some(to.name.clone()),
        subject,
        text,
        html,
        headers: list_headers(state, group, to.user_id),
        message_id: (sent == Sent::Post).then(|| post.message_id.clone()),
        reply_to: Some(group_address(&group.slug, Some(key), &state.mail.domain)),
        references,
        envelope_from: Some(return_path(state, to.user_id)),
        attachments: files.inline.clone(),
        from_name: Some(t_args(
            lang,
            "email-list-from",
            &[
                ("name", post.author_name.clone()),
                ("group", group.name.clone()),
            ],
        )),
    };
    let mut email = compose(&state.mail, mail, state.store.now())?;
    // Every member gets the post's own Message-ID (so replies thread);
    // the outbox keeps one row per recipient under its own key.
    if sent == Sent::Post {
        email.message_id = format!("{}/{}", post.message_id, to.user_id);
    }
    Ok(email)
}

/// Pictures at most this heavy go with the email itself, for members on
/// "every message" (as ordinary attachments, which every mail program
/// shows); heavier ones, and other files, are links.
const INLINE_IMAGE_MAX: usize = 1024 * 1024;

/// At most this much of a post's pictures goes with each email.
const INLINE_TOTAL_MAX: usize = 3 * 1024 * 1024;

/// A post's files as its emails carry them.
struct PostFiles {
    /// The files, each linked.
    files: Vec<PostFile>,
    /// Which of them go with the email too (by id).
    inline_ids: Vec<i64>,
    /// Their content, attached to each email on "every message".
    inline: Vec<essaim_mail::ComposeAttachment>,
}

/// A topic of a summary: its new posts, each with its files.
struct DigestTopic<'a> {
    id: i64,
    title: String,
    /// Opened in the summary's span.
    new: bool,
    posts: Vec<(&'a DigestLine, PostFiles)>,
}

impl PostFiles {
    /// Files only linked (summaries carry no file).
    fn linked(files: Vec<PostFile>) -> Self {
        Self {
            files,
            inline_ids: Vec::new(),
            inline: Vec::new(),
        }
    }

    /// The files of `post`; with `inline`, the small pictures read from the
    /// data folder to go with the email.
    async fn of(state: &AppState, post: &Post, inline: bool) -> anyhow::Result<Self> {
        let files: Vec<PostFile> = state
            .store
            .topic_files(post.topic_id)
            .await?
            .into_iter()
            .filter(|f| f.post_id == post.id)
            .collect();
        Self::read(state, files, inline).await
    }

    /// `files`, each linked; with `inline`, the small pictures read from
    /// the data folder to go with the email.
    async fn read(state: &AppState, files: Vec<PostFile>, inline: bool) -> anyhow::Result<Self> {
        let mut out = Self::linked(files);
        if !inline {
            return Ok(out);
        }
        let dir = state.config.data_dir.join("attachments");
        let mut total = 0;
        for f in &out.files {
            let size = usize::try_from(f.size).unwrap_or(usize::MAX);
            if !f.content_type.starts_with("image/")
                || size > INLINE_IMAGE_MAX
                || total + size > INLINE_TOTAL_MAX
            {
                continue;
            }
            let data = match tokio::fs::read(dir.join(&f.stored_as)).await {
                Ok(data) => data,
                // A file gone from the folder: its link says so when opened.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    tracing::warn!(
                        file = f.id,
                        "a post's picture is missing from the data folder"
                    );
                    continue;
                }
                Err(e) => return Err(e.into()),
            };
            total += size;
            out.inline_ids.push(f.id);
            out.inline.push(essaim_mail::ComposeAttachment {
                content_type: f.content_type.clone(),
                filename: f.name.clone(),
                data,
            });
        }
        Ok(out)
    }

    /// The files as one member's email lists them: name, size, and a link
    /// signed for that member.
    fn shown(
        &self,
        state: &AppState,
        lang: Lang,
        group_slug: &str,
        topic_id: i64,
        reader: UserId,
    ) -> Vec<minijinja::Value> {
        self.files
            .iter()
            .map(|f| {
                let size = usize::try_from(f.size).unwrap_or_default();
                context! {
                    name => f.name,
                    size => super::inbound::size_label(lang, size),
                    link => super::files::signed_file_link(state, group_slug, topic_id, f, reader),
                    attached => self.inline_ids.contains(&f.id).then(|| t(lang, "email-list-image-attached")),
                }
            })
            .collect()
    }
}

/// The members on "every message" who read `post` by email (its author
/// only if they asked for their own messages).
async fn every_message_readers(
    state: &AppState,
    group: &Group,
    post: &Post,
) -> Result<Vec<Recipient>, StoreError> {
    let recipients = state
        .store
        .list_recipients(group.id, EmailMode::Every.code(), post.author_id)
        .await?;
    let settings = state.store.discussion_settings(group.id).await?;
    // The one rule decides who reads: every recipient is a member.
    Ok(recipients
        .into_iter()
        .filter(|r| {
            let viewer = Viewer {
                user_id: Some(r.user_id),
                is_admin: r.is_admin,
                is_helper: r.is_helper,
            };
            let member = Membership::new([GroupRole::Member]);
            super::access_of(&viewer, Some(&member), &settings, group.listed).read
        })
        .collect())
}

/// Emails a file added on the site to a post the list already received,
/// threaded under it, to the members on "every message".
struct FileJob(AppState);

impl JobHandler<jobs::DiscussionFile> for FileJob {
    fn run<'a>(&'a self, _job: &'a Job, payload: jobs::DiscussionFile) -> JobFuture<'a> {
        Box::pin(async move {
            let state = &self.0;
            let Some(file) = state.store.post_file(payload.file_id).await? else {
                return Ok(Outcome::Done);
            };
            let Some(post) = state
                .store
                .post(file.post_id)
                .await?
                .filter(|p| p.status == PostStatus::Visible)
            else {
                return Ok(Outcome::Done);
            };
            let (Some(topic), Some(group)) = (
                state.store.topic(post.topic_id).await?,
                state.store.group_by_id(post.group_id).await?,
            ) else {
                return Ok(Outcome::Done);
            };
            let readers = every_message_readers(state, &group, &post).await?;
            if readers.is_empty() {
                return Ok(Outcome::Done);
            }
            let files = match PostFiles::read(state, vec![file], true).await {
                Ok(files) => files,
                Err(e) => return Ok(Outcome::Retry(format!("{e:#}"))),
            };
            let sending = Sending {
                group: &group,
                topic: &topic,
                post: &post,
                html_body: "",
                files: &files,
                sent: Sent::FileAdded,
            };
            let emails = match sending.emails(state, &readers).await? {
                Ok(emails) => emails,
                Err(e) => return Ok(Outcome::Retry(format!("{e:#}"))),
            };
            state.queue_emails(&emails).await?;
            Ok(Outcome::Done)
        })
    }
}

/// Emails a new post to the list and tells mentioned people.
struct PostJob(AppState);

impl JobHandler<jobs::DiscussionPost> for PostJob {
    fn run<'a>(&'a self, _job: &'a Job, payload: jobs::DiscussionPost) -> JobFuture<'a> {
        Box::pin(async move {
            let state = &self.0;
            let post_id = payload.post_id;
            let Some(post) = state.store.post(post_id).await? else {
                return Ok(Outcome::Done);
            };
            if post.status != PostStatus::Visible {
                return Ok(Outcome::Done);
            }
            let (Some(topic), Some(group)) = (
                state.store.topic(post.topic_id).await?,
                state.store.group_by_id(post.group_id).await?,
            ) else {
                return Ok(Outcome::Done);
            };
            let readers = every_message_readers(state, &group, &post).await?;
            if post.mailed_at.is_none() {
                let html_body = markdown::render(&post.markdown);
                let files = match PostFiles::of(state, &post, !readers.is_empty()).await {
                    Ok(files) => files,
                    Err(e) => return Ok(Outcome::Retry(format!("{e:#}"))),
                };
                let sending = Sending {
                    group: &group,
                    topic: &topic,
                    post: &post,
                    html_body: &html_body,
                    files: &files,
                    sent: Sent::Post,
                };
                let emails = match sending.emails(state, &readers).await? {
                    Ok(emails) => emails,
                    Err(e) => return Ok(Outcome::Retry(format!("{e:#}"))),
                };
                state.store.queue_list_emails(post.id, &emails).await?;
            }
            // Mentioned people, and the topic's author, who did not get the
            // post itself get a word, if they want activity email as it
            // happens (the bell on the site tells everyone else).
            let mut emails = Vec::new();
            for (user_id, kind) in payload.notify {
                let email_kind = match kind.as_str() {
                    "mention" => "mention",
                    "reply" => "topic-reply",
                    _ => continue,
                };
                if readers.iter().any(|r| r.user_id == user_id) {
                    continue;
                }
                let Some(user) = state.store.user_by_id(user_id).await? else {
                    continue;
                };
                let frequency =
                    EmailFrequency::from_code(&user.email_frequency).unwrap_or_default();
                if frequency != EmailFrequency::Immediate
                    || state.store.mail_stopped(user.id).await?
                    || !super::access_for_user(state, &user, &group)
                        .await
                        .map(|a| a.read)
                        .unwrap_or(false)
                {
                    continue;
                }
                let link = state.config.absolute(&format!(
                    "{}#post-{}",
                    topic_path(&group.slug, topic.id),
                    post.id
                ));
                match crate::email::notice_email(
                    state,
                    user.language(),
                    email_kind,
                    &user.email,
                    &user.name,
                    &[
                        ("name", post.author_name.clone()),
                        ("title", topic.title.clone()),
                    ],
                    &link,
                ) {
                    Ok(email) => emails.push(email),
                    Err(e) => return Ok(Outcome::Retry(format!("{e:#}"))),
                }
            }
            state.queue_emails(&emails).await?;
            Ok(Outcome::Done)
        })
    }
}

/// Sends each group's daily (or weekly) summaries, then schedules the next.
struct DigestJob(AppState, bool);

impl<J: Summary> JobHandler<J> for DigestJob {
    fn run<'a>(&'a self, _job: &'a Job, payload: J) -> JobFuture<'a> {
        Box::pin(async move {
            let state = &self.0;
            let weekly = self.1;
            let mode = if weekly {
                EmailMode::Weekly
            } else {
                EmailMode::Daily
            };
            let span = if weekly { 7 * 86_400 } else { 86_400 };
            let to = state.store.now();
            let since = essaim_app::jobs::summary_since(&payload, to, span);
            for group_id in state.store.groups_with_posts(since, to).await? {
                if let Err(e) = digest_for_group(state, group_id, mode, since, to).await {
                    return Ok(Outcome::Retry(format!("{e:#}")));
                }
            }
            essaim_app::jobs::schedule_next_summary::<J>(&state.app, to, next_time(state, weekly))
                .await?;
            Ok(Outcome::Done)
        })
    }
}

/// Emails people who want their activity email once a day (or a week)
/// the notifications they have not read yet, then schedules the next run.
struct NotifyDigest(AppState, bool);

impl<J: Summary> JobHandler<J> for NotifyDigest {
    fn run<'a>(&'a self, _job: &'a Job, payload: J) -> JobFuture<'a> {
        Box::pin(async move {
            let state = &self.0;
            let weekly = self.1;
            let (frequency, span) = if weekly {
                (EmailFrequency::Weekly, 7 * 86_400)
            } else {
                (EmailFrequency::Daily, 86_400)
            };
            let to = state.store.now();
            let since = essaim_app::jobs::summary_since(&payload, to, span);
            let lines = state
                .store
                .notifications_to_sum_up(frequency.code(), since, to)
                .await?;
            let mut emails = Vec::new();
            let mut start = 0;
            while start < lines.len() {
                let user_id = lines[start].user_id;
                let end = lines[start..]
                    .iter()
                    .position(|l| l.user_id != user_id)
                    .map_or(lines.len(), |p| start + p);
                let mine = &lines[start..end];
                start = end;
                let Some(user) = state.store.user_by_id(user_id).await? else {
                    continue;
                };
                let lang = user.language();
                let mut items = Vec::new();
                for l in mine {
                    // Still readable by them (they may have left the group).
                    let Some(group) = state.store.group_by_id(l.group_id).await? else {
                        continue;
                    };
                    let readable = super::access_for_user(state, &user, &group)
                        .await
                        .map(|a| a.read)
                        .unwrap_or(false);
                    if !readable {
                        continue;
                    }
                    let label = t_args(
                        lang,
                        &format!("notification-{}", l.kind),
                        &[("name", l.actor_name.clone()), ("title", l.title.clone())],
                    );
                    let mut link = topic_path(&l.group_slug, l.topic_id);
                    if let Some(post) = l.post_id {
                        link.push_str(&format!("#post-{post}"));
                    }
                    items.push((label, state.config.absolute(&link)));
                }
                if items.is_empty() {
                    continue;
                }
                let extras = crate::email::Extras {
                    items,
                    ..crate::email::Extras::default()
                };
                let count = extras.items.len().to_string();
                match crate::email::notice_email_with(
                    state,
                    lang,
                    "notification-digest",
                    &user.email,
                    &user.name,
                    &[("count", count)],
                    &state.config.absolute("/notifications"),
                    &extras,
                ) {
                    Ok(email) => emails.push(email),
                    Err(e) => return Ok(Outcome::Retry(format!("{e:#}"))),
                }
            }
            state.queue_emails(&emails).await?;
            essaim_app::jobs::schedule_next_summary::<J>(&state.app, to, next_time(state, weekly))
                .await?;
            Ok(Outcome::Done)
        })
    }
}

/// One group's summary emails for `[from, to)` (a group already summed up
/// that far is skipped, so a job run twice sends nothing twice).
pub async fn digest_for_group(
    state: &AppState,
    group_id: GroupId,
    mode: EmailMode,
    from: i64,
    to: i64,
) -> anyhow::Result<usize> {
    let from = match state.store.digest_sent_until(group_id, mode.code()).await? {
        Some(until) if until >= to => return Ok(0),
        Some(until) => until.max(from),
        None => from,
    };
    let Some(group) = state.store.group_by_id(group_id).await? else {
        return Ok(0);
    };
    let lines = state.store.digest_lines(group_id, from, to).await?;
    if lines.is_empty() {
        return Ok(0);
    }
    let recipients = state
        .store
        .list_recipients(group_id, mode.code(), None)
        .await?;
    let settings = state.store.discussion_settings(group_id).await?;
    let ids: Vec<UserId> = recipients.iter().map(|r| r.user_id).collect();
    let keys = state.store.reply_keys(&ids, group_id, None).await?;
    // Topics in order, each with its new posts and their files.
    let mut topics: Vec<DigestTopic> = Vec::new();
    for l in &lines {
        if !topics.iter().any(|t| t.id == l.topic_id) {
            topics.push(DigestTopic {
                id: l.topic_id,
                title: l.title.clone(),
                new: l.first,
                posts: Vec::new(),
            });
        }
    }
    for topic in &mut topics {
        let files = state.store.topic_files(topic.id).await?;
        for l in lines.iter().filter(|l| l.topic_id == topic.id) {
            let mine = files.iter().filter(|f| f.post_id == l.post_id).cloned();
            topic.posts.push((l, PostFiles::linked(mine.collect())));
        }
    }
    let mut emails = Vec::new();
    for r in &recipients {
        let viewer = Viewer {
            user_id: Some(r.user_id),
            is_admin: r.is_admin,
            is_helper: r.is_helper,
        };
        let member = Membership::new([GroupRole::Member]);
        if !super::access_of(&viewer, Some(&member), &settings, group.listed).read {
            continue;
        }
        let Some(key) = keys.get(&r.user_id) else {
            continue;
        };
        let lang = Lang::or_default(r.lang.as_deref());
        let subject = t_args(
            lang,
            if mode == EmailMode::Weekly {
                "email-list-weekly-subject"
            } else {
                "email-list-daily-subject"
            },
            &[
                ("group", group.name.clone()),
                ("count", lines.len().to_string()),
            ],
        );
        let shown: Vec<minijinja::Value> = topics
            .iter()
            .map(|topic| {
                let items: Vec<minijinja::Value> = topic
                    .posts
                    .iter()
                    .map(|(l, files)| {
                        context! {
                            author => l.author_name,
                            excerpt => markdown::render_inline_text(&l.markdown, 300),
                            files => files.shown(state, lang, &group.slug, topic.id, r.user_id),
                        }
                    })
                    .collect();
                context! {
                    title => topic.title, new => topic.new, items => items,
                    link => state.config.absolute(&topic_path(&group.slug, topic.id)),
                }
            })
            .collect();
        let context = context! {
            lang => lang.code(), subject => subject, topics => shown,
            intro => t_args(lang, "email-list-digest-intro", &[("group", group.name.clone()), ("count", lines.len().to_string())]),
            new_label => t(lang, "email-list-new-topic"), files_label => t(lang, "email-list-files"),
            settings_link => settings_link(state, group.id, r.user_id),
            home => state.config.absolute("/"),
            footer => t_args(lang, "email-list-footer", &[("group", group.name.clone())]),
            reply_hint => t(lang, "email-list-digest-reply-hint"),
            settings_label => t(lang, "email-list-settings"),
        };
        let text = state
            .templates
            .render_plain("emails/list_digest.txt", context.clone())?;
        let html = state
            .templates
            .render_plain("emails/list_digest.html", context)?;
        let mail = Compose {
            kind: format!("list-{}", mode.code()),
            to: r.email.clone(),
            to_name: Some(r.name.clone()),
            subject,
            text,
            html,
            headers: list_headers(state, &group, r.user_id),
            reply_to: Some(group_address(&group.slug, Some(key), &state.mail.domain)),
            envelope_from: Some(return_path(state, r.user_id)),
            ..Compose::default()
        };
        emails.push(compose(&state.mail, mail, state.store.now())?);
    }
    let count = emails.len();
    state
        .store
        .queue_digest(group_id, mode.code(), to, &emails)
        .await?;
    Ok(count)
}

// ---------------------------------------------------------------- signed links

async fn checked(
    state: &AppState,
    group_id: GroupId,
    user_id: UserId,
    signature: &str,
) -> AppResult<(Group, essaim_store::accounts::User)> {
    if !signing::verify(
        &state.app.secret,
        &list_message(group_id, user_id),
        signature,
    ) {
        return Err(essaim_domain::Problem::LinkInvalid.into());
    }
    let group = state
        .store
        .group_by_id(group_id)
        .await?
        .ok_or_else(not_found)?;
    let user = state
        .store
        .user_by_id(user_id)
        .await?
        .ok_or_else(not_found)?;
    Ok((group, user))
}

/// `GET /list/{group}/{user}/{signature}`: the email settings of one
/// member, from the link in every list email (no login needed).
pub async fn settings_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((group_id, user_id, signature)): Path<(GroupId, UserId, String)>,
) -> AppResult<Response> {
    let (group, user) = checked(&state, group_id, user_id, &signature).await?;
    choice_page(&state, &ctx, &group, &user, &signature, false).await
}

/// The page of one member's email choice for a group, from its signed link.
async fn choice_page(
    state: &AppState,
    ctx: &Ctx,
    group: &Group,
    user: &essaim_store::accounts::User,
    signature: &str,
    saved: bool,
) -> AppResult<Response> {
    let setting = state.store.list_setting(group.id, user.id).await?;
    let html = state.templates.render(
        "discussions/list.html",
        ctx,
        context! { group => group, member => user.name, setting => setting, saved => saved,
        action => format!("/list/{}/{}/{signature}", group.id, user.id) },
    )?;
    Ok(html.into_response())
}

/// `POST /list/{group}/{user}/{signature}`: saves the choice. The signed
/// address is the key; there is no session to forge.
pub async fn save_settings(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((group_id, user_id, signature)): Path<(GroupId, UserId, String)>,
    body: Bytes,
) -> AppResult<Response> {
    let (group, user) = checked(&state, group_id, user_id, &signature).await?;
    let pairs = crate::csrf::decode_form(&body)?;
    let mode = pairs
        .iter()
        .find(|(k, _)| k == "email_mode")
        .and_then(|(_, v)| EmailMode::from_code(v))
        .ok_or_else(|| {
            crate::error::AppError::from(essaim_domain::Problem::Invalid(vec![
                essaim_domain::Invalid::new("email_mode", "error-choice-unknown"),
            ]))
        })?;
    let own = pairs.iter().any(|(k, _)| k == "email_own");
    let member = state
        .store
        .set_list_setting(group.id, user.id, mode.code(), Some(own))
        .await?;
    choice_page(&state, &ctx, &group, &user, &signature, member).await
}

/// `POST /list/{group}/{user}/{signature}/unsubscribe`: RFC 8058 one-click
/// unsubscribe (mail programs post `List-Unsubscribe=One-Click`, with no
/// session and no anti-forgery key: the signature is the proof).
pub async fn one_click(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((group_id, user_id, signature)): Path<(GroupId, UserId, String)>,
) -> AppResult<Response> {
    let (group, user) = checked(&state, group_id, user_id, &signature).await?;
    state
        .store
        .set_list_setting(group.id, user.id, EmailMode::None.code(), None)
        .await?;
    let html = state.templates.render(
        "discussions/unsubscribed.html",
        &ctx,
        context! { group => group, settings => format!("/list/{group_id}/{user_id}/{signature}") },
    )?;
    Ok((StatusCode::OK, html).into_response())
}

/// `GET /list/{group}/{user}/{signature}/unsubscribe`: a page with the
/// button (a link opened must not unsubscribe by itself: mail scanners
/// open links).
pub async fn unsubscribe_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((group_id, user_id, signature)): Path<(GroupId, UserId, String)>,
) -> AppResult<Response> {
    let (group, _) = checked(&state, group_id, user_id, &signature).await?;
    let html = state.templates.render(
        "discussions/unsubscribe.html",
        &ctx,
        context! { group => group, action => format!("/list/{group_id}/{user_id}/{signature}/unsubscribe") },
    )?;
    Ok(html.into_response())
}
