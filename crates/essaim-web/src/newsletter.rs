//! Newsletters: a group's letters page (`/g/{slug}/newsletters`: the
//! archive, and for its editors the draft, the schedule and the button that
//! prepares a draft), a letter's page (the public version once sent; for
//! editors the draft with its items to edit, remove and reorder, both
//! versions previewed at a phone's width, and the send button with the
//! progress), the contributors page (`/g/{slug}/contributors`), the
//! emails, the sending job (in batches, resumable) and the hourly tick
//! that prepares due drafts.
//!
//! Who reads and edits what is `essaim_domain::newsletter`'s rule, asked
//! through `essaim_app::newsletter`.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use essaim_app::newsletter::{self as app_letter, ItemChange};
use essaim_app::or_invalid;
use essaim_domain::activity::{Audience, EventKind};
use essaim_domain::i18n::Lang;
use essaim_domain::jobs;
use essaim_domain::newsletter::{
    Contribution, Contributor, ItemKind, Schedule, Status, Version, SEND_BATCH,
};
use essaim_domain::{markdown, Invalid};
use essaim_mail::{compose, Compose, JobFuture, JobHandler, Outcome, Worker};
use essaim_store::activity::NewEvent;
use essaim_store::groups::Group;
use essaim_store::jobs::Job;
use essaim_store::newsletter::{Item, Newsletter};
use essaim_store::outbox::OutgoingEmail;
use essaim_store::StoreError;
use fluent_templates::fluent_bundle::FluentValue;
use minijinja::context;
use serde::{Deserialize, Serialize};

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::{not_found, AppResult};
use crate::groups::{self, Loaded};
use crate::i18n::{format_date, format_datetime, t, t_args, t_values};
use crate::AppState;

/// A month, for the contributors page.
const MONTH: i64 = 30 * 86_400;
/// A year.
const YEAR: i64 = 365 * 86_400;
/// How often the tick runs.
const TICK_EVERY: i64 = 3600;

// ------------------------------------------------------------ the words

fn did_one(lang: Lang, what: Contribution, count: i64) -> String {
    let key = match what {
        Contribution::Wiki => "email-newsletter-did-wiki",
        Contribution::Resources => "email-newsletter-did-resources",
        Contribution::Minutes => "email-newsletter-did-minutes",
        Contribution::ProjectNews => "email-newsletter-did-project_news",
        Contribution::LikedAnswers => "email-newsletter-did-liked_answers",
    };
    t_values(lang, key, vec![("count".into(), FluentValue::from(count))])
}

/// What a contributor did, in plain words: « a écrit 3 pages du wiki, a
/// pris les notes de 2 rencontres ».
pub fn did_words(lang: Lang, c: &Contributor) -> String {
    c.did
        .iter()
        .map(|(what, n)| did_one(lang, *what, *n))
        .collect::<Vec<_>>()
        .join(", ")
}

fn kind_label(lang: Lang, kind: ItemKind) -> String {
    t(
        lang,
        match kind {
            ItemKind::NewPage => "email-newsletter-kind-new_page",
            ItemKind::EditedPage => "email-newsletter-kind-edited_page",
            ItemKind::Resource => "email-newsletter-kind-resource",
            ItemKind::ProjectNews => "email-newsletter-kind-project_news",
            ItemKind::ProjectHelp => "email-newsletter-kind-project_help",
            ItemKind::Meeting => "email-newsletter-kind-meeting",
            ItemKind::Poll => "email-newsletter-kind-poll",
            ItemKind::Minutes => "email-newsletter-kind-minutes",
            ItemKind::Welcome => "email-newsletter-kind-welcome",
            ItemKind::Thanks => "email-newsletter-kind-thanks",
            ItemKind::Referent => "email-newsletter-kind-referent",
        },
    )
}

fn status_label(lang: Lang, status: Status) -> String {
    t(
        lang,
        match status {
            Status::Draft => "email-newsletter-status-draft",
            Status::Sending => "email-newsletter-status-sending",
            Status::Sent => "email-newsletter-status-sent",
        },
    )
}

fn schedule_label(lang: Lang, schedule: Schedule) -> String {
    t(
        lang,
        match schedule {
            Schedule::Monthly => "email-newsletter-schedule-monthly",
            Schedule::Fortnightly => "email-newsletter-schedule-fortnightly",
            Schedule::Never => "email-newsletter-schedule-never",
        },
    )
}

fn reach_label(lang: Lang, item: &Item) -> String {
    t(
        lang,
        match item.reach {
            essaim_domain::newsletter::Reach::Everyone => "email-newsletter-reach-everyone",
            essaim_domain::newsletter::Reach::Members => "email-newsletter-reach-members",
            essaim_domain::newsletter::Reach::PublicOnly => "email-newsletter-reach-public_only",
        },
    )
}

/// The item's own words (before an editor changes them).
fn own_words(state: &AppState, lang: Lang, item: &Item) -> Result<String, StoreError> {
    let tz = state.config.timezone;
    Ok(match item.kind {
        ItemKind::NewPage if !item.excerpt.is_empty() => {
            format!("{}\n\n{}", item.title, item.excerpt)
        }
        ItemKind::Meeting => t_args(
            lang,
            "email-newsletter-meeting",
            &[
                ("title", item.title.clone()),
                ("when", format_datetime(lang, tz, item.at)),
            ],
        ),
        ItemKind::Poll if item.at > 0 => t_args(
            lang,
            "email-newsletter-poll",
            &[
                ("title", item.title.clone()),
                ("deadline", format_date(lang, tz, item.at)),
            ],
        ),
        ItemKind::Welcome => t_args(
            lang,
            "email-newsletter-welcome",
            &[("name", item.title.clone())],
        ),
        ItemKind::Thanks => {
            let mut lines = vec![t(lang, "email-newsletter-thanks")];
            for c in item.people()? {
                lines.push(format!("- {} : {}", c.name, did_words(lang, &c)));
            }
            lines.join("\n")
        }
        ItemKind::Referent if item.title.is_empty() => t(lang, "email-newsletter-no-referent"),
        ItemKind::Referent => t_args(
            lang,
            "email-newsletter-referent",
            &[("name", item.title.clone())],
        ),
        _ => item.title.clone(),
    })
}

/// One item ready for templates and emails.
#[derive(Debug, Serialize)]
pub(crate) struct ItemView {
    pub(crate) id: i64,
    pub(crate) kind: &'static str,
    pub(crate) heading: String,
    /// The words as sent (the editor's, or the item's own).
    pub(crate) text: String,
    html: String,
    /// The editor's words, for the edit form (empty: the item's own).
    edited: String,
    pub(crate) link: Option<String>,
    reach: String,
    removed: bool,
    in_members: bool,
    in_public: bool,
}

pub(crate) fn item_view(state: &AppState, lang: Lang, item: &Item) -> Result<ItemView, StoreError> {
    let text = match &item.text {
        Some(words) => words.clone(),
        None => own_words(state, lang, item)?,
    };
    Ok(ItemView {
        id: item.id,
        kind: item.kind.code(),
        heading: kind_label(lang, item.kind),
        html: markdown::render(&text),
        text,
        edited: item.text.clone().unwrap_or_default(),
        link: (!item.url.is_empty()).then(|| state.config.absolute(&item.url)),
        reach: reach_label(lang, item),
        removed: item.removed,
        in_members: item.in_version(Version::Members),
        in_public: item.in_version(Version::Public),
    })
}

fn version_items(
    state: &AppState,
    lang: Lang,
    items: &[Item],
    version: Version,
) -> Result<Vec<ItemView>, StoreError> {
    items
        .iter()
        .filter(|i| i.in_version(version))
        .map(|i| item_view(state, lang, i))
        .collect()
}

pub(crate) fn letter_title(
    lang: Lang,
    state: &AppState,
    group: &Group,
    letter: &Newsletter,
) -> String {
    t_args(
        lang,
        "email-newsletter-subject",
        &[
            ("group", group.name.clone()),
            (
                "date",
                format_date(lang, state.config.timezone, letter.period_to),
            ),
        ],
    )
}

// ------------------------------------------------------------ the email

/// What one recipient gets.
struct Reader<'a> {
    to: &'a str,
    name: &'a str,
    lang: Lang,
    version: Version,
    /// A news-only subscriber's id (their one-click unsubscribe link).
    subscriber: Option<i64>,
}

/// The letter's subject and words in one language and version, rendered
/// once per sending step and shared by every reader who gets the same;
/// a subscriber's own unsubscribe link takes the place of [`STOP`].
struct Edition {
    subject: String,
    text: String,
    html: String,
}

/// What stands for a subscriber's unsubscribe link in an edition (letters,
/// digits and punctuation no template escapes).
const STOP: &str = "https://essaim.invalid/unsubscribe-link";

impl Edition {
    fn new(
        state: &AppState,
        group: &Group,
        letter: &Newsletter,
        items: &[Item],
        lang: Lang,
        version: Version,
    ) -> anyhow::Result<Edition> {
        let subject = letter_title(lang, state, group, letter);
        let context = email_context(state, group, letter, items, lang, version, &subject)?;
        let stop = (version == Version::Public).then_some(STOP);
        let context = context! { stop_link => stop, ..context };
        Ok(Edition {
            text: state
                .templates
                .render_plain("emails/newsletter.txt", context.clone())?,
            html: state
                .templates
                .render_plain("emails/newsletter.html", context)?,
            subject,
        })
    }
}

fn letter_email(
    state: &AppState,
    group: &Group,
    edition: &Edition,
    reader: &Reader<'_>,
) -> anyhow::Result<OutgoingEmail> {
    let subject = edition.subject.clone();
    let stop = reader
        .subscriber
        .map(|id| crate::news::unsubscribe_link(state, id));
    let (text, html) = match &stop {
        Some(link) => (
            edition.text.replace(STOP, link),
            edition.html.replace(STOP, link),
        ),
        None => (edition.text.clone(), edition.html.clone()),
    };
    let mut headers = vec![("Auto-Submitted".to_string(), "auto-generated".to_string())];
    if let Some(stop) = &stop {
        headers.push(("List-Unsubscribe".into(), format!("<{stop}>")));
        headers.push((
            "List-Unsubscribe-Post".into(),
            "List-Unsubscribe=One-Click".into(),
        ));
    }
    let mail = Compose {
        kind: "newsletter".into(),
        to: reader.to.to_string(),
        to_name: (!reader.name.is_empty() && reader.name != reader.to)
            .then(|| reader.name.to_string()),
        subject,
        text,
        html,
        headers,
        from_name: Some(group.name.clone()),
        ..Compose::default()
    };
    Ok(compose(&state.mail, mail, state.store.now())?)
}

fn email_context(
    state: &AppState,
    group: &Group,
    letter: &Newsletter,
    items: &[Item],
    lang: Lang,
    version: Version,
    subject: &str,
) -> Result<minijinja::Value, StoreError> {
    let archive = state
        .config
        .absolute(&format!("/g/{}/newsletters/{}", group.slug, letter.id));
    Ok(context! {
        lang => lang.code(),
        subject => subject,
        intro => t_args(lang, "email-newsletter-intro", &[("group", group.name.clone())]),
        items => version_items(state, lang, items, version)?,
        archive => archive,
        archive_label => t(lang, "email-newsletter-archive"),
        stop_label => t(lang, "email-news-stop"),
        home => state.config.absolute("/"),
        stop_link => None::<String>,
    })
}

// ------------------------------------------------------------ the pages

/// A letter in a list.
#[derive(Debug, Serialize)]
struct LetterLine {
    id: i64,
    title: String,
    status: &'static str,
    status_label: String,
    sent: i64,
    total: i64,
}

/// `GET /g/{slug}/newsletters`.
pub async fn index(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = groups::load_hosted(&state, &ctx, &slug).await?;
    index_page(&state, &ctx, &loaded, &[]).await
}

async fn index_page(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    errors: &[Invalid],
) -> AppResult<Response> {
    let (group, membership) = (&loaded.group, loaded.rules.as_ref());
    let actor = ctx.actor();
    let list = app_letter::list(&state.app, &actor, group, membership).await?;
    let lines: Vec<LetterLine> = list
        .iter()
        .map(|n| LetterLine {
            id: n.id,
            title: letter_title(ctx.lang, state, group, n),
            status: n.status.code(),
            status_label: status_label(ctx.lang, n.status),
            sent: n.sent,
            total: n.total,
        })
        .collect();
    let may_edit = app_letter::may_edit(&actor, group, membership);
    let schedule = if may_edit {
        state.store.newsletter_schedule(group.id).await?
    } else {
        Schedule::default()
    };
    let by_field: BTreeMap<&str, &str> = errors.iter().map(|e| (e.field, e.key)).collect();
    let html = state.templates.render(
        "newsletters/index.html",
        ctx,
        context! {
            group => group,
            sent => lines.iter().filter(|l| l.status == "sent").collect::<Vec<_>>(),
            current => lines.iter().filter(|l| l.status != "sent").collect::<Vec<_>>(),
            may_edit => may_edit,
            schedule => schedule.code(),
            schedules => Schedule::ALL.iter().map(|s| context! { code => s.code(), label => schedule_label(ctx.lang, *s) }).collect::<Vec<_>>(),
            errors => by_field, error_list => errors,
        },
    )?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, html).into_response())
}

/// `POST /g/{slug}/newsletters/prepare`: makes (or makes again) the draft.
pub async fn prepare(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(_): CsrfForm<crate::accounts::Empty>,
) -> AppResult<Response> {
    let loaded = groups::load_hosted(&state, &ctx, &slug).await?;
    let id = app_letter::prepare(
        &state.app,
        &ctx.actor(),
        &loaded.group,
        loaded.rules.as_ref(),
    )
    .await?;
    app_letter::schedule_tick(&state.app).await?;
    Ok(Redirect::to(&format!("/g/{slug}/newsletters/{id}")).into_response())
}

/// The schedule form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ScheduleForm {
    /// `monthly`, `fortnightly` or `never`.
    pub schedule: String,
}

/// `POST /g/{slug}/newsletters/schedule`.
pub async fn schedule(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(form): CsrfForm<ScheduleForm>,
) -> AppResult<Response> {
    let loaded = groups::load_hosted(&state, &ctx, &slug).await?;
    let outcome = or_invalid(
        app_letter::set_schedule(
            &state.app,
            &ctx.actor(),
            &loaded.group,
            loaded.rules.as_ref(),
            &form.schedule,
        )
        .await,
    )?;
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("/g/{slug}/newsletters")).into_response()),
        Err(errors) => index_page(&state, &ctx, &loaded, &errors).await,
    }
}

/// `GET /g/{slug}/newsletters/{id}`.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let loaded = groups::load_hosted(&state, &ctx, &slug).await?;
    show_page(&state, &ctx, &loaded, id, &[], None).await
}

async fn show_page(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    id: i64,
    errors: &[Invalid],
    typed: Option<(i64, &str)>,
) -> AppResult<Response> {
    let (group, membership) = (&loaded.group, loaded.rules.as_ref());
    let actor = ctx.actor();
    let (letter, items) = app_letter::open(&state.app, &actor, group, membership, id).await?;
    let lang = ctx.lang;
    let editing = letter.status == Status::Draft;
    let editor = app_letter::may_edit(&actor, group, membership);
    let mut all = items
        .iter()
        .map(|i| item_view(state, lang, i))
        .collect::<Result<Vec<_>, _>>()?;
    // What the editor typed, shown again when it was refused.
    if let Some((item_id, text)) = typed {
        if let Some(view) = all.iter_mut().find(|v| v.id == item_id) {
            view.edited = text.to_string();
        }
    }
    let kept: Vec<ItemKind> = items
        .iter()
        .filter(|i| !i.removed)
        .map(|i| i.kind)
        .collect();
    let title = letter_title(lang, state, group, &letter);
    let preview = |version| -> AppResult<String> {
        let context = email_context(state, group, &letter, &items, lang, version, &title)?;
        state
            .templates
            .render_plain("emails/newsletter.html", context)
            .map_err(|e| crate::error::AppError::Internal(e.into()))
    };
    let (members_preview, public_preview) = if editor {
        (preview(Version::Members)?, preview(Version::Public)?)
    } else {
        (String::new(), String::new())
    };
    let by_field: BTreeMap<&str, &str> = errors.iter().map(|e| (e.field, e.key)).collect();
    let html = state.templates.render(
        "newsletters/show.html",
        ctx,
        context! {
            group => group,
            letter => letter,
            title => title,
            editor => editor,
            editing => editing && editor,
            empty => !essaim_domain::newsletter::has_news(kept.iter()),
            items => all,
            public_items => version_items(state, lang, &items, Version::Public)?,
            members_preview => members_preview,
            public_preview => public_preview,
            status => letter.status.code(),
            status_label => status_label(lang, letter.status),
            errors => by_field, error_list => errors,
            failed_item => typed.map(|(id, _)| id).unwrap_or(0),
        },
    )?;
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, html).into_response())
}

/// An item's form: what to do (`save`, `remove`, `restore`, `up`,
/// `down`) and the words.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ItemForm {
    /// What to do.
    pub action: String,
    /// The editor's words (for `save`).
    pub text: String,
}

/// `POST /g/{slug}/newsletters/{id}/items/{item}`.
pub async fn item(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id, item_id)): Path<(String, i64, i64)>,
    CsrfForm(form): CsrfForm<ItemForm>,
) -> AppResult<Response> {
    let loaded = groups::load_hosted(&state, &ctx, &slug).await?;
    let change = match form.action.as_str() {
        "save" => ItemChange::Text(form.text.clone()),
        "remove" => ItemChange::Removed(true),
        "restore" => ItemChange::Removed(false),
        "up" => ItemChange::Move(true),
        "down" => ItemChange::Move(false),
        _ => {
            let errors = [Invalid::new("action", "error-choice-unknown")];
            return show_page(&state, &ctx, &loaded, id, &errors, None).await;
        }
    };
    let outcome = or_invalid(
        app_letter::change_item(
            &state.app,
            &ctx.actor(),
            &loaded.group,
            loaded.rules.as_ref(),
            id,
            item_id,
            change,
        )
        .await,
    )?;
    match outcome {
        Ok(()) => {
            Ok(Redirect::to(&format!("/g/{slug}/newsletters/{id}#item-{item_id}")).into_response())
        }
        Err(errors) => {
            show_page(
                &state,
                &ctx,
                &loaded,
                id,
                &errors,
                Some((item_id, &form.text)),
            )
            .await
        }
    }
}

/// `POST /g/{slug}/newsletters/{id}/send`: sends the draft (refused, with
/// the draft shown again, when it has nothing to say).
pub async fn send(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, id)): Path<(String, i64)>,
    CsrfForm(_): CsrfForm<crate::accounts::Empty>,
) -> AppResult<Response> {
    let loaded = groups::load_hosted(&state, &ctx, &slug).await?;
    let outcome = or_invalid(
        app_letter::send(
            &state.app,
            &ctx.actor(),
            &loaded.group,
            loaded.rules.as_ref(),
            id,
        )
        .await,
    )?;
    match outcome {
        Ok(_) => Ok(Redirect::to(&format!("/g/{slug}/newsletters/{id}")).into_response()),
        Err(errors) => show_page(&state, &ctx, &loaded, id, &errors, None).await,
    }
}

/// A contributor as the page shows them.
#[derive(Debug, Serialize)]
struct ContributorView {
    name: String,
    did: String,
}

/// `GET /g/{slug}/contributors`: who contributed what over the last month
/// and the last year, counted over what the reader may read.
pub async fn contributors(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = groups::load_hosted(&state, &ctx, &slug).await?;
    let actor = ctx.actor();
    let mut lists = Vec::new();
    for span in [MONTH, YEAR] {
        let list = app_letter::contributors_of(
            &state.app,
            &actor,
            &loaded.group,
            loaded.rules.as_ref(),
            span,
        )
        .await?;
        lists.push(
            list.iter()
                .map(|c| ContributorView {
                    name: c.name.clone(),
                    did: did_words(ctx.lang, c),
                })
                .collect::<Vec<_>>(),
        );
    }
    let year = lists.pop().unwrap_or_default();
    let month = lists.pop().unwrap_or_default();
    let html = state.templates.render(
        "newsletters/contributors.html",
        &ctx,
        context! { group => loaded.group, month => month, year => year },
    )?;
    Ok(html.into_response())
}

// ------------------------------------------------------------ the jobs

/// One sending step of letter `id`: writes the emails of the next (at most
/// `size`) addresses that have not had it, each with its delivery row, and
/// queues the next step, or marks the letter sent (with its event) when
/// nobody is left. Gives how many emails were written. The job runs it;
/// tests call it to stop a sending half-way.
pub async fn send_step(state: &AppState, id: i64, size: i64) -> anyhow::Result<usize> {
    let Some(letter) = state.store.newsletter(id).await? else {
        return Ok(0);
    };
    if letter.status != Status::Sending {
        return Ok(0);
    }
    let Some(group_id) = letter.group_id else {
        return Ok(0);
    };
    let Some(group) = state.store.group_by_id(group_id).await? else {
        return Ok(0);
    };
    let items = state.store.newsletter_items(id).await?;
    let (members, subscribers) = app_letter::recipients(&state.app, &group)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let delivered: std::collections::HashSet<String> = state
        .store
        .newsletter_delivered(id)
        .await?
        .into_iter()
        .collect();
    let mut readers: Vec<Reader<'_>> = Vec::new();
    for user in &members {
        readers.push(Reader {
            to: &user.email,
            name: &user.name,
            lang: user.language(),
            version: Version::Members,
            subscriber: None,
        });
    }
    for s in &subscribers {
        readers.push(Reader {
            to: &s.email,
            name: &s.email,
            lang: Lang::or_default(Some(&s.lang)),
            version: Version::Public,
            subscriber: Some(s.id),
        });
    }
    let waiting: Vec<&Reader<'_>> = readers
        .iter()
        .filter(|r| !delivered.contains(&r.to.to_lowercase()))
        .collect();
    let size = size.max(1) as usize;
    let more = waiting.len() > size;
    let mut editions: std::collections::HashMap<(Lang, Version), Edition> = Default::default();
    let mut batch = Vec::new();
    for reader in waiting.into_iter().take(size) {
        let key = (reader.lang, reader.version);
        let edition = match editions.entry(key) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(Edition::new(
                state,
                &group,
                &letter,
                &items,
                reader.lang,
                reader.version,
            )?),
        };
        batch.push((
            reader.version,
            letter_email(state, &group, edition, reader)?,
        ));
    }
    let title = letter_title(Lang::default(), state, &group, &letter);
    let url = format!("/g/{}/newsletters/{}", group.slug, id);
    let done = NewEvent {
        group_id: group.id,
        kind: EventKind::NewsletterSent,
        actor_id: None,
        actor_name: "",
        object_id: Some(id),
        title: &title,
        url: &url,
        audience: Audience::Public,
        at: state.store.now(),
    };
    let written = state
        .store
        .deliver_newsletter_batch(id, &batch, more, (!more).then_some(done))
        .await?;
    state.app.wake_jobs();
    Ok(written)
}

/// Sends a letter, one batch per run.
struct Send(AppState);

impl JobHandler<jobs::NewsletterSend> for Send {
    fn run<'a>(&'a self, _job: &'a Job, p: jobs::NewsletterSend) -> JobFuture<'a> {
        Box::pin(async move {
            match send_step(&self.0, p.newsletter_id, SEND_BATCH).await {
                Ok(_) => Ok(Outcome::Done),
                Err(e) => match e.downcast::<StoreError>() {
                    Ok(store) => Err(store),
                    Err(other) => Ok(Outcome::Retry(format!("{other:#}"))),
                },
            }
        })
    }
}

/// Every hour: the groups whose letter is due get their draft, and their
/// editors an email saying it waits.
struct Tick(AppState);

impl JobHandler<jobs::NewsletterTick> for Tick {
    fn run<'a>(&'a self, _job: &'a Job, _p: jobs::NewsletterTick) -> JobFuture<'a> {
        Box::pin(async move {
            let state = &self.0;
            if let Err(e) = prepare_due(state).await {
                return Ok(Outcome::Retry(format!("{e:#}")));
            }
            state
                .store
                .queue_job(&jobs::NewsletterTick {}, state.store.now() + TICK_EVERY)
                .await?;
            state.app.wake_jobs();
            Ok(Outcome::Done)
        })
    }
}

async fn prepare_due(state: &AppState) -> anyhow::Result<()> {
    let groups = app_letter::due_groups(&state.app)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    for group in groups {
        let id = app_letter::prepare_group_draft(&state.app, &group)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let link = state
            .config
            .absolute(&format!("/g/{}/newsletters/{id}", group.slug));
        let mut emails = Vec::new();
        for user in state.store.group_runners(group.id).await? {
            emails.push(crate::email::notice_email(
                state,
                user.language(),
                "newsletter-draft",
                &user.email,
                &user.name,
                &[("group", group.name.clone())],
                &link,
            )?);
        }
        state.queue_emails(&emails).await?;
    }
    Ok(())
}

/// Registers the newsletters' jobs (the tick is queued once a group has
/// a letter or chose a schedule).
pub async fn register_jobs(worker: Worker, state: &AppState) -> Result<Worker, StoreError> {
    if state.store.newsletters_exist().await? {
        app_letter::schedule_tick(&state.app)
            .await
            .map_err(|e| match e {
                essaim_app::Error::Store(e) => e,
                other => StoreError::Corrupt(format!("{other}")),
            })?;
    }
    Ok(worker
        .with_handler(Send(state.clone()))
        .with_handler(Tick(state.clone())))
}

// ------------------------------------------------------------ ecosystems

fn ecosystem_title(lang: Lang, state: &AppState, keyword: &str, letter: &Newsletter) -> String {
    t_args(
        lang,
        "email-newsletter-ecosystem-subject",
        &[
            ("keyword", keyword.to_string()),
            (
                "date",
                format_date(lang, state.config.timezone, letter.period_to),
            ),
        ],
    )
}

fn keyword_of(raw: &str) -> AppResult<String> {
    essaim_domain::groups::normalize_keyword(raw)
        .ok()
        .filter(|k| !k.is_empty())
        .ok_or_else(not_found)
}

/// `GET /e/{keyword}/newsletters`: an ecosystem's letters (its drafts and
/// the button that prepares one for the instance's administrators).
pub async fn ecosystem_index(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(keyword): Path<String>,
) -> AppResult<Response> {
    let keyword = keyword_of(&keyword)?;
    let actor = ctx.actor();
    let list = app_letter::ecosystem_letters(&state.app, &actor, &keyword).await?;
    let lines: Vec<LetterLine> = list
        .iter()
        .map(|n| LetterLine {
            id: n.id,
            title: ecosystem_title(ctx.lang, &state, &keyword, n),
            status: n.status.code(),
            status_label: status_label(ctx.lang, n.status),
            sent: n.sent,
            total: n.total,
        })
        .collect();
    let html = state.templates.render(
        "newsletters/ecosystem.html",
        &ctx,
        context! {
            keyword => keyword,
            letters => lines,
            may_edit => app_letter::may_edit_ecosystem(&actor),
            title => None::<String>,
        },
    )?;
    Ok(html.into_response())
}

/// `POST /e/{keyword}/newsletters/prepare`.
pub async fn ecosystem_prepare(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(keyword): Path<String>,
    CsrfForm(_): CsrfForm<crate::accounts::Empty>,
) -> AppResult<Response> {
    let keyword = keyword_of(&keyword)?;
    let id = app_letter::prepare_ecosystem(&state.app, &ctx.actor(), &keyword).await?;
    Ok(Redirect::to(&format!("/e/{keyword}/newsletters/{id}")).into_response())
}

/// `GET /e/{keyword}/newsletters/{id}`: one letter (a draft: every item
/// for its editors).
pub async fn ecosystem_show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((keyword, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let keyword = keyword_of(&keyword)?;
    let (letter, items) =
        app_letter::open_ecosystem(&state.app, &ctx.actor(), &keyword, id).await?;
    let shown = version_items(&state, ctx.lang, &items, Version::Public)?;
    let html = state.templates.render(
        "newsletters/ecosystem.html",
        &ctx,
        context! {
            keyword => keyword,
            title => ecosystem_title(ctx.lang, &state, &keyword, &letter),
            status_label => status_label(ctx.lang, letter.status),
            items => shown,
            empty => !essaim_domain::newsletter::has_news(items.iter().filter(|i| !i.removed).map(|i| &i.kind)),
            may_edit => app_letter::may_edit_ecosystem(&ctx.actor()),
        },
    )?;
    Ok(html.into_response())
}
