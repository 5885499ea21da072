//! Accounts: registration, verification, login by password or magic link,
//! forgotten password, logout, the account page and the language switcher.

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use essaim_domain::accounts::{self as rules, EmailFrequency};
use essaim_domain::i18n::Lang;
use essaim_domain::{Invalid, Problem};
use essaim_store::accounts::{NewUser, ProfileUpdate, TokenPurpose, User};
use essaim_store::StoreError;
use minijinja::context;
use serde::Deserialize;

use crate::csrf::CsrfForm;
use crate::ctx::{clear_cookie, set_cookie, Ctx, FLASH_COOKIE, LANG_COOKIE, SESSION_COOKIE};
use crate::email::{link_email, LinkEmail};
use crate::error::AppResult;
use crate::AppState;

// ---------------------------------------------------------------- helpers

/// Hashes a password with argon2id, off the async threads.
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
        let salt = SaltString::generate(&mut OsRng);
        argon2::Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing: {e}"))
    })
    .await?
}

/// Checks a password against a stored hash, off the async threads. With no
/// hash, a dummy check runs so timing does not tell whether an account exists.
pub async fn verify_password(hash: Option<String>, password: String) -> anyhow::Result<bool> {
    tokio::task::spawn_blocking(move || {
        use argon2::password_hash::{PasswordHash, PasswordVerifier};
        const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0Ppu2n8Y5vZKRlgkmK1lXAq3y4/8mCfq8xMzOG3pWn4";
        let stored = hash.as_deref().unwrap_or(DUMMY);
        let parsed = PasswordHash::new(stored).map_err(|e| anyhow::anyhow!("stored hash: {e}"))?;
        let ok = argon2::Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(ok && hash.is_some())
    })
    .await?
}

/// A local path to go to after logging in; anything else goes home.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') && n.len() < 512 =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}

/// Counts an attempt in each bucket; `Err(RateLimited)` if any is over.
async fn rate_limit(state: &AppState, buckets: &[(String, i64, i64)]) -> AppResult<()> {
    let mut over = false;
    for (bucket, window, limit) in buckets {
        if !state.store.rate_limit_hit(bucket, *window, *limit).await? {
            over = true;
        }
    }
    if over {
        Err(Problem::RateLimited.into())
    } else {
        Ok(())
    }
}

/// Re-shows a form with its errors (each field's message beside it and a
/// summary on top), keeping what the person typed.
fn form_page(
    state: &AppState,
    ctx: &Ctx,
    template: &str,
    status: StatusCode,
    errors: &[Invalid],
    values: minijinja::Value,
) -> AppResult<Response> {
    let by_field: std::collections::BTreeMap<&str, &str> =
        errors.iter().map(|e| (e.field, e.key)).collect();
    let html = state.templates.render(
        template,
        ctx,
        context! { errors => by_field, error_list => errors, values => values },
    )?;
    Ok((status, html).into_response())
}

/// Opens a session and redirects, setting the cookie.
async fn log_in(state: &AppState, user: &User, next: &str, flash: &str) -> AppResult<Response> {
    let token = state.store.create_session(user.id).await?;
    let max_age = essaim_store::sessions::SESSION_LIFETIME;
    Ok((
        AppendHeaders([
            (
                header::SET_COOKIE,
                set_cookie(state, SESSION_COOKIE, &token, Some(max_age)),
            ),
            (
                header::SET_COOKIE,
                set_cookie(state, FLASH_COOKIE, flash, Some(60)),
            ),
        ]),
        Redirect::to(next),
    )
        .into_response())
}

/// Uses an emailed link once; an unknown, used or expired one is refused.
async fn use_link(state: &AppState, purpose: TokenPurpose, token: &str) -> AppResult<User> {
    state
        .store
        .consume_email_token(purpose, token)
        .await?
        .ok_or_else(|| Problem::LinkInvalid.into())
}

/// Refuses an emailed link that is unknown, used or expired, without using it.
async fn check_link(state: &AppState, purpose: TokenPurpose, token: &str) -> AppResult<()> {
    if state.store.email_token_is_valid(purpose, token).await? {
        Ok(())
    } else {
        Err(Problem::LinkInvalid.into())
    }
}

/// Redirects with a one-time message.
pub fn redirect_with_flash(state: &AppState, to: &str, flash: &str) -> Response {
    (
        AppendHeaders([(
            header::SET_COOKIE,
            set_cookie(state, FLASH_COOKIE, flash, Some(60)),
        )]),
        Redirect::to(to),
    )
        .into_response()
}

fn user_lang(user: &User, fallback: Lang) -> Lang {
    user.lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(fallback)
}

fn wake_worker(state: &AppState) {
    state.app.wake_jobs();
}

// ---------------------------------------------------------------- registration

/// The registration form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct RegisterForm {
    name: String,
    email: String,
    password: String,
}

/// `GET /register`.
pub async fn register_page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    if ctx.user.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    form_page(
        &state,
        &ctx,
        "accounts/register.html",
        StatusCode::OK,
        &[],
        context! {},
    )
}

/// `POST /register`.
pub async fn register(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(form): CsrfForm<RegisterForm>,
) -> AppResult<Response> {
    let values = context! { name => form.name, email => form.email };
    let valid = match rules::validate_registration(&form.name, &form.email, &form.password) {
        Ok(v) => v,
        Err(errors) => {
            return form_page(
                &state,
                &ctx,
                "accounts/register.html",
                StatusCode::UNPROCESSABLE_ENTITY,
                &errors,
                values,
            )
        }
    };
    if rate_limit(&state, &[(format!("register:ip:{}", ctx.ip), 3600, 10)])
        .await
        .is_err()
    {
        let errors = [Invalid::new("form", "error-rate-limited")];
        return form_page(
            &state,
            &ctx,
            "accounts/register.html",
            StatusCode::TOO_MANY_REQUESTS,
            &errors,
            values,
        );
    }
    // Whether the address is taken or not, the person sees the same page:
    // the owner of a taken address gets an email instead.
    if let Some(existing) = state.store.user_by_email(&valid.email).await? {
        already_registered(&state, &ctx, &existing).await?;
    } else {
        let hash = hash_password(form.password).await?;
        let token = essaim_store::random_token(32);
        let link = state.config.absolute(&format!("/verify/{token}"));
        let mail = link_email(
            &state,
            ctx.lang,
            LinkEmail::Verify,
            &valid.email,
            &valid.name,
            &link,
        )?;
        let new = NewUser {
            email: valid.email.clone(),
            name: valid.name,
            password_hash: Some(hash),
            is_admin: false,
            verified: false,
            lang: Some(ctx.lang.code().to_string()),
        };
        match state.store.register(&new, &token, &mail).await {
            Ok(_) => {}
            Err(StoreError::Conflict) => {
                // Registered by a concurrent request a moment ago.
                if let Some(existing) = state.store.user_by_email(&valid.email).await? {
                    already_registered(&state, &ctx, &existing).await?;
                }
            }
            Err(e) => return Err(e.into()),
        }
    }
    wake_worker(&state);
    let html = state.templates.render(
        "accounts/check_inbox.html",
        &ctx,
        context! { email => valid.email, reason => "register" },
    )?;
    Ok(html.into_response())
}

async fn already_registered(state: &AppState, ctx: &Ctx, user: &User) -> AppResult<()> {
    let link = state.config.absolute("/login/link");
    let lang = user_lang(user, ctx.lang);
    let mail = link_email(
        state,
        lang,
        LinkEmail::AlreadyRegistered,
        &user.email,
        &user.name,
        &link,
    )?;
    state.store.queue_email(&mail).await?;
    Ok(())
}

/// `GET /verify/{token}`: confirms the address and logs the person in.
pub async fn verify(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let user = use_link(&state, TokenPurpose::Verify, &token).await?;
    log_in(&state, &user, "/", "flash-verified").await
}

// ---------------------------------------------------------------- login

/// The password login form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}

/// `?next=` on login pages.
#[derive(Debug, Deserialize, Default)]
pub struct NextQuery {
    next: Option<String>,
}

/// `GET /login`.
pub async fn login_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<NextQuery>,
) -> AppResult<Response> {
    let next = safe_next(q.next.as_deref());
    if ctx.user.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    form_page(
        &state,
        &ctx,
        "accounts/login.html",
        StatusCode::OK,
        &[],
        context! { next => next },
    )
}

/// `POST /login`.
pub async fn login(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> AppResult<Response> {
    let next = safe_next(form.next.as_deref());
    let values = context! { email => form.email, next => next };
    let email = match rules::normalize_email(&form.email) {
        Ok(e) => e,
        Err(invalid) => {
            return form_page(
                &state,
                &ctx,
                "accounts/login.html",
                StatusCode::UNPROCESSABLE_ENTITY,
                &[invalid],
                values,
            )
        }
    };
    let limited = rate_limit(
        &state,
        &[
            (format!("login:ip:{}", ctx.ip), 900, 50),
            (format!("login:email:{email}"), 900, 10),
        ],
    )
    .await;
    if limited.is_err() {
        let errors = [Invalid::new("form", "error-rate-limited")];
        return form_page(
            &state,
            &ctx,
            "accounts/login.html",
            StatusCode::TOO_MANY_REQUESTS,
            &errors,
            values,
        );
    }
    let user = state.store.user_by_email(&email).await?;
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = verify_password(hash, form.password).await?;
    let Some(user) = user.filter(|_| ok) else {
        let errors = [Invalid::new("form", "error-login-failed")];
        return form_page(
            &state,
            &ctx,
            "accounts/login.html",
            StatusCode::UNPROCESSABLE_ENTITY,
            &errors,
            values,
        );
    };
    if user.email_verified_at.is_none() {
        let errors = [Invalid::new("form", "error-email-not-verified")];
        return form_page(
            &state,
            &ctx,
            "accounts/login.html",
            StatusCode::FORBIDDEN,
            &errors,
            values,
        );
    }
    log_in(&state, &user, &next, "flash-logged-in").await
}

/// `POST /logout`.
pub async fn logout(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(_): CsrfForm<Empty>,
) -> AppResult<Response> {
    if let Some(token) = &ctx.session {
        state.store.delete_session(token).await?;
    }
    Ok((
        AppendHeaders([
            (header::SET_COOKIE, clear_cookie(&state, SESSION_COOKIE)),
            (
                header::SET_COOKIE,
                set_cookie(&state, FLASH_COOKIE, "flash-logged-out", Some(60)),
            ),
        ]),
        Redirect::to("/"),
    )
        .into_response())
}

/// A form with no field but the anti-forgery key.
#[derive(Debug, Deserialize, Default)]
pub struct Empty {}

// ---------------------------------------------------------------- magic links and resets

/// A form with one email field.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct EmailForm {
    email: String,
}

/// `GET /login/link`.
pub async fn magic_link_page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    form_page(
        &state,
        &ctx,
        "accounts/magic_link.html",
        StatusCode::OK,
        &[],
        context! {},
    )
}

/// `POST /login/link`: sends a login link if the address has an account.
pub async fn magic_link_request(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(form): CsrfForm<EmailForm>,
) -> AppResult<Response> {
    send_link_form(
        &state,
        &ctx,
        form,
        LinkEmail::MagicLink,
        "accounts/magic_link.html",
    )
    .await
}

/// `GET /password/forgot`.
pub async fn forgot_page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    form_page(
        &state,
        &ctx,
        "accounts/forgot.html",
        StatusCode::OK,
        &[],
        context! {},
    )
}

/// `POST /password/forgot`: sends a reset link if the address has an account.
pub async fn forgot_request(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(form): CsrfForm<EmailForm>,
) -> AppResult<Response> {
    send_link_form(&state, &ctx, form, LinkEmail::Reset, "accounts/forgot.html").await
}

/// The shared path of "email me a link" forms: validate, rate-limit, send
/// when the account exists, and answer the same either way.
async fn send_link_form(
    state: &AppState,
    ctx: &Ctx,
    form: EmailForm,
    which: LinkEmail,
    template: &str,
) -> AppResult<Response> {
    let values = context! { email => form.email };
    let email = match rules::normalize_email(&form.email) {
        Ok(e) => e,
        Err(invalid) => {
            return form_page(
                state,
                ctx,
                template,
                StatusCode::UNPROCESSABLE_ENTITY,
                &[invalid],
                values,
            )
        }
    };
    let limited = rate_limit(
        state,
        &[
            (format!("link:ip:{}", ctx.ip), 3600, 20),
            (format!("link:email:{email}"), 3600, 5),
        ],
    )
    .await;
    if limited.is_err() {
        let errors = [Invalid::new("form", "error-rate-limited")];
        return form_page(
            state,
            ctx,
            template,
            StatusCode::TOO_MANY_REQUESTS,
            &errors,
            values,
        );
    }
    if let Some(user) = state.store.user_by_email(&email).await? {
        let (purpose, path) = match which {
            LinkEmail::Reset => (TokenPurpose::Reset, "/password/reset"),
            _ => (TokenPurpose::Login, "/login/link"),
        };
        let token = essaim_store::random_token(32);
        let link = state.config.absolute(&format!("{path}/{token}"));
        let mail = link_email(
            state,
            user_lang(&user, ctx.lang),
            which,
            &user.email,
            &user.name,
            &link,
        )?;
        state
            .store
            .send_link(user.id, purpose, &token, &mail)
            .await?;
        wake_worker(state);
    }
    let reason = if which == LinkEmail::Reset {
        "reset"
    } else {
        "login"
    };
    let html = state.templates.render(
        "accounts/check_inbox.html",
        ctx,
        context! { email => email, reason => reason },
    )?;
    Ok(html.into_response())
}

/// `GET /login/link/{token}`: a button to confirm (mail scanners that open
/// links must not use up the link).
pub async fn magic_link_confirm(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    check_link(&state, TokenPurpose::Login, &token).await?;
    let html = state.templates.render(
        "accounts/magic_confirm.html",
        &ctx,
        context! { token => token },
    )?;
    Ok(html.into_response())
}

/// `POST /login/link/{token}`: uses the link and logs in.
pub async fn magic_link_login(
    State(state): State<AppState>,
    Path(token): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> AppResult<Response> {
    let user = use_link(&state, TokenPurpose::Login, &token).await?;
    log_in(&state, &user, "/", "flash-logged-in").await
}

/// The new-password form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct ResetForm {
    password: String,
}

/// `GET /password/reset/{token}`.
pub async fn reset_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> AppResult<Response> {
    check_link(&state, TokenPurpose::Reset, &token).await?;
    form_page(
        &state,
        &ctx,
        "accounts/reset.html",
        StatusCode::OK,
        &[],
        context! { token => token },
    )
}

/// `POST /password/reset/{token}`.
pub async fn reset(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    CsrfForm(form): CsrfForm<ResetForm>,
) -> AppResult<Response> {
    if let Err(invalid) = rules::check_password("password", &form.password) {
        return form_page(
            &state,
            &ctx,
            "accounts/reset.html",
            StatusCode::UNPROCESSABLE_ENTITY,
            &[invalid],
            context! { token => token },
        );
    }
    let user = use_link(&state, TokenPurpose::Reset, &token).await?;
    let hash = hash_password(form.password).await?;
    // Every other session ends: whoever knew the old password is logged out.
    state.store.set_password(user.id, &hash, None).await?;
    log_in(&state, &user, "/", "flash-password-changed").await
}

// ---------------------------------------------------------------- account page

/// Sends anonymous visitors to the login page, coming back here after.
fn require_login(ctx: &Ctx) -> Result<&User, Redirect> {
    ctx.user.as_ref().ok_or_else(|| {
        let next: String = url::form_urlencoded::byte_serialize(ctx.path.as_bytes()).collect();
        Redirect::to(&format!("/login?next={next}"))
    })
}

fn account_values(user: &User) -> minijinja::Value {
    context! {
        name => user.name,
        lang => user.lang.clone().unwrap_or_else(|| "fr".into()),
        email_frequency => user.email_frequency,
        email_newsletter => user.email_newsletter,
    }
}

fn account_context(
    state: &AppState,
    user: &User,
    tokens: Vec<essaim_store::tokens::ApiToken>,
) -> minijinja::Value {
    context! {
        frequencies => EmailFrequency::ALL.iter().map(|f| f.code()).collect::<Vec<_>>(),
        langs => Lang::ALL.iter().map(|l| l.code()).collect::<Vec<_>>(),
        has_password => user.password_hash.is_some(),
        tokens => tokens,
        email => user.email,
        api_base => state.config.absolute("/api/v1"),
    }
}

/// `GET /account`.
pub async fn account_page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    let user = match require_login(&ctx) {
        Ok(u) => u,
        Err(redirect) => return Ok(redirect.into_response()),
    };
    let tokens = state.store.api_tokens_of(user.id).await?;
    let extra = account_context(&state, user, tokens);
    let html = state.templates.render(
        "accounts/account.html",
        &ctx,
        context! { values => account_values(user), ..extra },
    )?;
    Ok(html.into_response())
}

/// The profile form of the account page.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct AccountForm {
    name: String,
    lang: String,
    email_frequency: String,
    email_newsletter: Option<String>,
}

async fn account_with_errors(
    state: &AppState,
    ctx: &Ctx,
    user: &User,
    errors: &[Invalid],
    values: minijinja::Value,
) -> AppResult<Response> {
    let tokens = state.store.api_tokens_of(user.id).await?;
    let extra = account_context(state, user, tokens);
    let by_field: std::collections::BTreeMap<&str, &str> =
        errors.iter().map(|e| (e.field, e.key)).collect();
    let html = state.templates.render(
        "accounts/account.html",
        ctx,
        context! { values => values, errors => by_field, error_list => errors, ..extra },
    )?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
}

/// `POST /account`.
pub async fn account_save(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(form): CsrfForm<AccountForm>,
) -> AppResult<Response> {
    let user = match require_login(&ctx) {
        Ok(u) => u,
        Err(redirect) => return Ok(redirect.into_response()),
    };
    let mut errors = Vec::new();
    let name = rules::normalize_name(&form.name)
        .map_err(|e| errors.push(e))
        .ok();
    let lang = Lang::from_code(&form.lang);
    if lang.is_none() {
        errors.push(Invalid::new("lang", "error-lang-unknown"));
    }
    let frequency = EmailFrequency::from_code(&form.email_frequency);
    if frequency.is_none() {
        errors.push(Invalid::new("email_frequency", "error-choice-unknown"));
    }
    let newsletter = form.email_newsletter.is_some();
    let (Some(name), Some(lang), Some(frequency)) = (name, lang, frequency) else {
        let values = context! {
            name => form.name, lang => form.lang,
            email_frequency => form.email_frequency, email_newsletter => newsletter,
        };
        return account_with_errors(&state, &ctx, user, &errors, values).await;
    };
    let update = ProfileUpdate {
        name,
        lang: lang.code().to_string(),
        email_frequency: frequency.code().to_string(),
        email_newsletter: newsletter,
    };
    state.store.update_profile(user.id, &update).await?;
    Ok((
        AppendHeaders([
            (
                header::SET_COOKIE,
                set_cookie(&state, LANG_COOKIE, lang.code(), Some(31_536_000)),
            ),
            (
                header::SET_COOKIE,
                set_cookie(&state, FLASH_COOKIE, "flash-account-saved", Some(60)),
            ),
        ]),
        Redirect::to("/account"),
    )
        .into_response())
}

/// The change-password form of the account page.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
}

/// `POST /account/password`.
pub async fn account_password(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> AppResult<Response> {
    let user = match require_login(&ctx) {
        Ok(u) => u,
        Err(redirect) => return Ok(redirect.into_response()),
    };
    let mut errors = Vec::new();
    if user.password_hash.is_some()
        && !verify_password(user.password_hash.clone(), form.current_password).await?
    {
        errors.push(Invalid::new("current_password", "error-password-wrong"));
    }
    if let Err(e) = rules::check_password("new_password", &form.new_password) {
        errors.push(e);
    }
    if !errors.is_empty() {
        return account_with_errors(&state, &ctx, user, &errors, account_values(user)).await;
    }
    let hash = hash_password(form.new_password).await?;
    let keep = ctx.session.as_deref().map(essaim_store::hash_token);
    state
        .store
        .set_password(user.id, &hash, keep.as_deref())
        .await?;
    Ok(redirect_with_flash(
        &state,
        "/account",
        "flash-password-changed",
    ))
}

// ---------------------------------------------------------------- language switcher

/// The switcher's form.
#[derive(Debug, Deserialize, Default)]
#[serde(default)]
pub struct LangForm {
    lang: String,
    next: Option<String>,
}

/// `POST /lang`: remembers the language (cookie, and the account if any).
pub async fn switch_lang(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(form): CsrfForm<LangForm>,
) -> AppResult<Response> {
    let Some(lang) = Lang::from_code(&form.lang) else {
        return Err(Problem::Invalid(vec![Invalid::new("lang", "error-lang-unknown")]).into());
    };
    if let Some(user) = &ctx.user {
        state.store.set_lang(user.id, lang.code()).await?;
    }
    let next = safe_next(form.next.as_deref());
    Ok((
        AppendHeaders([(
            header::SET_COOKIE,
            set_cookie(&state, LANG_COOKIE, lang.code(), Some(31_536_000)),
        )]),
        Redirect::to(&next),
    )
        .into_response())
}
