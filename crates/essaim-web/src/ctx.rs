//! The request context: who is asking, in which language, with which
//! anti-forgery key. Computed once per request by [`load`].

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use essaim_domain::i18n::Lang;
use essaim_domain::permissions::Viewer;
use essaim_store::accounts::User;

use crate::error::AppError;
use crate::AppState;

/// Cookie holding the session secret.
pub const SESSION_COOKIE: &str = "essaim_session";
/// Cookie holding the language chosen with the switcher.
pub const LANG_COOKIE: &str = "essaim_lang";
/// Cookie holding the anti-forgery seed.
pub const CSRF_COOKIE: &str = "essaim_csrf";
/// Cookie holding a one-time message key for the next page.
pub const FLASH_COOKIE: &str = "essaim_flash";

/// What every handler knows about the request.
#[derive(Clone, Debug)]
pub struct Ctx {
    /// The language to answer in.
    pub lang: Lang,
    /// The logged-in account, by session or API token.
    pub user: Option<User>,
    /// The session secret, when logged in by cookie.
    pub session: Option<String>,
    /// Logged in by an `Authorization: Bearer` token.
    pub via_token: bool,
    /// An `Authorization` header was sent but its token is unknown or revoked.
    pub bad_token: bool,
    /// The anti-forgery key to put in forms.
    pub csrf_token: String,
    /// A message key to show once (set by the previous response).
    pub flash: Option<String>,
    /// The client's address (for rate limits).
    pub ip: String,
    /// The path asked for (navigation, `next` after login).
    pub path: String,
    /// Unread notifications of the logged-in person (the header's bell).
    pub unread: i64,
}

impl Ctx {
    /// Who acts in this request, for the application layer.
    pub fn actor(&self) -> essaim_app::Actor {
        essaim_app::Actor::from_user(self.user.clone())
    }

    /// The permission view of the requester.
    pub fn viewer(&self) -> Viewer {
        match &self.user {
            Some(u) => u.viewer(),
            None => Viewer::anonymous(),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("request context missing")))
    }
}

/// Reads one cookie from the request headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value: `HttpOnly`, `SameSite=Lax`, `Secure` over https.
pub fn set_cookie(state: &AppState, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
    let mut cookie = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    if state.config.secure_cookies() {
        cookie.push_str("; Secure");
    }
    HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// A `Set-Cookie` value that deletes `name`.
pub fn clear_cookie(state: &AppState, name: &str) -> HeaderValue {
    set_cookie(state, name, "", Some(0))
}

fn client_ip(state: &AppState, req: &Request) -> String {
    if state.config.trust_proxy {
        let forwarded = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .map(|v| v.trim().to_string());
        if let Some(ip) = forwarded.filter(|ip| !ip.is_empty()) {
            return ip;
        }
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Middleware: builds the [`Ctx`] and sets the cookies it implies.
pub async fn load(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let headers = req.headers();
    let path = req.uri().path().to_string();
    let mut user = None;
    let mut via_token = false;
    let mut bad_token = false;
    let mut session = None;

    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.strip_prefix("Bearer ").unwrap_or("").trim().to_string());
    if let Some(token) = bearer.filter(|_| path.starts_with("/api/")) {
        match state.store.api_token_user(&token).await {
            Ok(Some(u)) => {
                user = Some(u);
                via_token = true;
            }
            Ok(None) => bad_token = true,
            Err(e) => tracing::error!(error = %e, "token lookup failed"),
        }
    } else if let Some(token) = cookie(headers, SESSION_COOKIE).filter(|t| !t.is_empty()) {
        match state.store.session_user(token).await {
            Ok(Some(u)) => {
                user = Some(u);
                session = Some(token.to_string());
            }
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "session lookup failed"),
        }
    }

    let unread = match &user {
        Some(u) if !via_token => match state.store.unread_notifications(u.id).await {
            Ok(n) => n,
            Err(e) => {
                tracing::error!(error = %e, "notification count failed");
                0
            }
        },
        _ => 0,
    };
    let headers = req.headers();
    let lang = user
        .as_ref()
        .and_then(|u| u.lang.as_deref())
        .and_then(Lang::from_code)
        .or_else(|| cookie(headers, LANG_COOKIE).and_then(Lang::from_code))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default();

    let existing_seed = cookie(headers, CSRF_COOKIE)
        .filter(|s| s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .map(str::to_string);
    let new_seed = existing_seed
        .is_none()
        .then(|| essaim_store::random_token(16));
    let seed = existing_seed
        .clone()
        .or(new_seed.clone())
        .unwrap_or_default();
    let flash = cookie(headers, FLASH_COOKIE)
        .filter(|k| !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        .map(str::to_string);

    let ctx = Ctx {
        lang,
        user,
        session,
        via_token,
        bad_token,
        csrf_token: essaim_app::signing::sign(&state.app.secret, &seed),
        flash: flash.clone(),
        ip: client_ip(&state, &req),
        path,
        unread,
    };
    req.extensions_mut().insert(ctx);
    let mut res = next.run(req).await;
    if let Some(seed) = new_seed {
        res.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(&state, CSRF_COOKIE, &seed, None),
        );
    }
    // The message was shown on this page (unless this response sets a new one).
    let sets_flash = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| v.as_bytes().starts_with(FLASH_COOKIE.as_bytes()));
    if flash.is_some() && !sets_flash {
        res.headers_mut()
            .append(header::SET_COOKIE, clear_cookie(&state, FLASH_COOKIE));
    }
    res
}
