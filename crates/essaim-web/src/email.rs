//! Emails of the web layer, written from templates in the recipient's
//! language and composed by `essaim_mail`.

use essaim_domain::i18n::Lang;
use essaim_mail::{compose, Compose};
use essaim_store::outbox::OutgoingEmail;

use crate::i18n::{t, t_args};
use crate::AppState;

/// Emails that carry one link (verification, magic link, password reset,
/// "you already have an account").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkEmail {
    /// Confirm the address after registering.
    Verify,
    /// Log in without a password.
    MagicLink,
    /// Choose a new password.
    Reset,
    /// Someone tried to register with an address that has an account.
    AlreadyRegistered,
}

impl LinkEmail {
    fn kind(self) -> &'static str {
        match self {
            LinkEmail::Verify => "verify",
            LinkEmail::MagicLink => "magic-link",
            LinkEmail::Reset => "reset",
            LinkEmail::AlreadyRegistered => "already-registered",
        }
    }
}

/// Writes a link email to `to` in `lang`.
pub fn link_email(
    state: &AppState,
    lang: Lang,
    which: LinkEmail,
    to: &str,
    name: &str,
    link: &str,
) -> anyhow::Result<OutgoingEmail> {
    notice_email(state, lang, which.kind(), to, name, &[], link)
}

/// Writes a one-link email of `kind` to `to` in `lang`: its subject, intro,
/// button and closing line are the messages `email-{kind}-…`, filled with
/// `args` (plus `instance`, the instance's name).
pub fn notice_email(
    state: &AppState,
    lang: Lang,
    kind: &str,
    to: &str,
    name: &str,
    args: &[(&str, String)],
    link: &str,
) -> anyhow::Result<OutgoingEmail> {
    notice_email_with(state, lang, kind, to, name, args, link, &Extras::default())
}

/// What some notices add: a list of links, a one-click stop link (also
/// given to mail programs as `List-Unsubscribe`), attached files (a
/// meeting's `.ics`).
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// (label, address) lines listed after the intro.
    pub items: Vec<(String, String)>,
    /// The link that stops this kind of email.
    pub stop_link: Option<String>,
    /// Files attached after the text and HTML.
    pub attachments: Vec<essaim_mail::ComposeAttachment>,
    /// Where a reply goes (an address whose tag the mail sink reads).
    pub reply_to: Option<String>,
}

/// [`notice_email`] with [`Extras`].
#[allow(clippy::too_many_arguments)]
pub fn notice_email_with(
    state: &AppState,
    lang: Lang,
    kind: &str,
    to: &str,
    name: &str,
    args: &[(&str, String)],
    link: &str,
    extras: &Extras,
) -> anyhow::Result<OutgoingEmail> {
    let mut all: Vec<(&str, String)> = vec![("instance", state.config.instance_name.clone())];
    all.extend(args.iter().cloned());
    let subject = t_args(lang, &format!("email-{kind}-subject"), &all);
    let context = minijinja::context! {
        lang => lang.code(),
        subject => subject,
        greeting => t_args(lang, "email-greeting", &[("name", name.to_string())]),
        intro => t_args(lang, &format!("email-{kind}-intro"), &all),
        button => t(lang, &format!("email-{kind}-button")),
        outro => t_args(lang, &format!("email-{kind}-outro"), &all),
        link => link,
        home => state.config.absolute("/"),
        items => extras.items,
        stop_link => extras.stop_link,
        stop_label => t(lang, "email-stop"),
    };
    let text = state
        .templates
        .render_plain("emails/link.txt", context.clone())?;
    let html = state.templates.render_plain("emails/link.html", context)?;
    let mail = Compose {
        kind: kind.to_string(),
        to: to.to_string(),
        to_name: Some(name.to_string()),
        subject,
        text,
        html,
        headers: {
            let mut headers = vec![("Auto-Submitted".to_string(), "auto-generated".to_string())];
            if let Some(stop) = &extras.stop_link {
                headers.push(("List-Unsubscribe".into(), format!("<{stop}>")));
                // Mail programs may then stop it with one POST (RFC 8058).
                headers.push((
                    "List-Unsubscribe-Post".into(),
                    "List-Unsubscribe=One-Click".into(),
                ));
            }
            headers
        },
        attachments: extras.attachments.clone(),
        reply_to: extras.reply_to.clone(),
        ..Compose::default()
    };
    Ok(compose(&state.mail, mail, state.store.now())?)
}
