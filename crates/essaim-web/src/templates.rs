//! Templates (minijinja): the built-in ones are compiled in; a theme folder
//! on disk may override any of them by name.

use std::path::PathBuf;

use axum::response::Html;
use essaim_domain::i18n::Lang;
use fluent_templates::fluent_bundle::FluentValue;
use minijinja::value::{Kwargs, Value};
use minijinja::{Environment, Error, ErrorKind, State};

use crate::ctx::Ctx;
use crate::i18n;

/// Lists templates by name; each is compiled in from `templates/`.
macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../templates/", $name)))),*]
    };
}

/// Every built-in template, by name.
const BUILTIN: &[(&str, &str)] = builtin![
    "base.html",
    "partials/field.html",
    "partials/errors.html",
    "home.html",
    "errors/error.html",
    "accounts/register.html",
    "accounts/check_inbox.html",
    "accounts/login.html",
    "accounts/magic_link.html",
    "accounts/magic_confirm.html",
    "accounts/forgot.html",
    "accounts/reset.html",
    "accounts/account.html",
    "admin/outbox.html",
    "admin/outbox_message.html",
    "emails/layout.html",
    "emails/link.html",
    "emails/link.txt",
    "admin/groups.html",
    "admin/people.html",
    "groups/_card_form.html",
    "groups/_listing.html",
    "groups/_share.html",
    "groups/directory.html",
    "groups/ecosystem.html",
    "groups/new.html",
    "groups/edit.html",
    "groups/show.html",
    "groups/members.html",
    "groups/page.html",
    "groups/page_edit.html",
    "embed/directory.html",
    "wiki/_nav.html",
    "wiki/_changes_list.html",
    "wiki/_watch.html",
    "wiki/index.html",
    "wiki/page.html",
    "wiki/missing.html",
    "wiki/edit.html",
    "wiki/conflict.html",
    "wiki/history.html",
    "wiki/diff.html",
    "wiki/revision.html",
    "wiki/settings.html",
    "wiki/changes.html",
    "wiki/search.html",
    "wiki/stopped.html",
    "meetings/_list.html",
    "meetings/index.html",
    "meetings/form.html",
    "meetings/show.html",
    "meetings/agenda.html",
    "meetings/mine.html",
    "meetings/key.html",
    "polls/new.html",
    "projects/_card.html",
    "projects/list.html",
    "projects/form.html",
    "projects/show.html",
    "projects/follow_up.html",
    "projects/keyed_news.html",
    "projects/catalogue.html",
    "polls/show.html",
    "discussions/_nav.html",
    "discussions/index.html",
    "discussions/topic.html",
    "discussions/edit.html",
    "discussions/history.html",
    "discussions/moderation.html",
    "discussions/settings.html",
    "discussions/notifications.html",
    "discussions/list.html",
    "discussions/unsubscribe.html",
    "discussions/unsubscribed.html",
    "discussions/join.html",
    "emails/list_post.txt",
    "emails/list_post.html",
    "emails/list_digest.txt",
    "emails/list_digest.html",
    "news/_list.html",
    "news/index.html",
    "health/page.html",
    "news/show.html",
    "news/subscribed.html",
    "news/confirm.html",
    "news/confirmed.html",
    "news/unsubscribe.html",
    "news/unsubscribed.html",
    "resources/_fields.html",
    "resources/_list.html",
    "resources/index.html",
    "resources/show.html",
    "resources/edit.html",
    "resources/catalogue.html",
    "emails/news.html",
    "emails/news.txt",
    "usages/_sentence.html",
    "usages/_item.html",
    "usages/off.html",
    "usages/index.html",
    "usages/show.html",
    "usages/sprint.html",
    "newsletters/index.html",
    "newsletters/show.html",
    "newsletters/contributors.html",
    "newsletters/ecosystem.html",
    "emails/newsletter.html",
    "emails/newsletter.txt",
];

/// The template environment.
pub struct Templates {
    env: Environment<'static>,
}

fn lang_of(state: &State) -> Lang {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(Lang::from_code))
        .unwrap_or_default()
}

/// `t("key", name=value…)` in templates: the message in the page's language.
fn translate(state: &State, key: &str, kwargs: Kwargs) -> Result<String, Error> {
    let lang = lang_of(state);
    let mut args = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        let fluent = match i64::try_from(value.clone()) {
            Ok(n) if value.kind() == minijinja::value::ValueKind::Number => FluentValue::from(n),
            _ => FluentValue::from(value.to_string()),
        };
        args.push((name.to_string(), fluent));
    }
    Ok(if args.is_empty() {
        i18n::t(lang, key)
    } else {
        i18n::t_values(lang, key, args)
    })
}

impl Templates {
    /// Builds the environment; `theme_dir` templates win over built-in ones.
    pub fn new(
        theme_dir: Option<PathBuf>,
        tz: chrono_tz::Tz,
        instance_name: &str,
        base_url: &str,
    ) -> anyhow::Result<Self> {
        let mut env = Environment::new();
        // In debug builds (development and tests) a misspelled name fails
        // the render instead of printing nothing; a release build stays
        // lenient so that a theme's mistake does not break a page.
        if cfg!(debug_assertions) {
            env.set_undefined_behavior(minijinja::UndefinedBehavior::SemiStrict);
        }
        env.set_loader(move |name| {
            if let Some(dir) = &theme_dir {
                // Names are ours (no `..`), but never leave the theme folder.
                if !name.contains("..") {
                    match std::fs::read_to_string(dir.join(name)) {
                        Ok(text) => return Ok(Some(text)),
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(e) => {
                            return Err(Error::new(
                                ErrorKind::TemplateNotFound,
                                "theme file unreadable",
                            )
                            .with_source(e))
                        }
                    }
                }
            }
            Ok(BUILTIN
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| t.to_string()))
        });
        env.add_function("t", translate);
        env.add_filter("datetime", move |state: &State, ts: i64| {
            i18n::format_datetime(lang_of(state), tz, ts)
        });
        env.add_filter("date", move |state: &State, ts: i64| {
            i18n::format_date(lang_of(state), tz, ts)
        });
        env.add_global("instance_name", instance_name.to_string());
        env.add_global("base_url", base_url.trim_end_matches('/').to_string());
        env.add_global("css_version", crate::assets::version("essaim.css"));
        env.add_global(
            "directory_css_version",
            crate::assets::version("directory.css"),
        );
        env.add_global("js_version", crate::assets::version("essaim.js"));
        // Fail loudly at start-up if a built-in template does not compile.
        for (name, _) in BUILTIN {
            env.get_template(name)?;
        }
        Ok(Self { env })
    }

    /// Renders a page with the request's shared context plus `extra`.
    pub fn render(&self, name: &str, ctx: &Ctx, extra: Value) -> Result<Html<String>, Error> {
        let user = ctx.user.as_ref().map(|u| {
            minijinja::context! {
                id => u.id, name => u.name, email => u.email, is_admin => u.is_admin, is_helper => u.is_helper,
            }
        });
        let base = minijinja::context! {
            lang => ctx.lang.code(),
            user => user,
            csrf => ctx.csrf_token,
            flash => ctx.flash,
            path => ctx.path,
            unread => ctx.unread,
        };
        let html = self
            .env
            .get_template(name)?
            .render(minijinja::context! { ..extra, ..base })?;
        Ok(Html(html))
    }

    /// Renders a template with exactly `context` (emails).
    pub fn render_plain(&self, name: &str, context: Value) -> Result<String, Error> {
        self.env.get_template(name)?.render(context)
    }

    /// Every built-in template's source (the translation completeness test
    /// reads the keys they use).
    pub fn builtin_sources() -> impl Iterator<Item = (&'static str, &'static str)> {
        BUILTIN.iter().copied()
    }
}
