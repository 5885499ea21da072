//! Protection of every state-changing request against forgery.
//!
//! Each browser gets a random seed cookie (`HttpOnly`, `SameSite=Lax`); forms
//! carry `HMAC(instance secret, seed)`. A forged request from another site
//! cannot read the seed nor compute the key. The key lives in a cookie, not
//! in the session, so anonymous forms (login, registration) are protected
//! without writing a session for every visitor.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use essaim_app::signing;
use essaim_domain::Problem;
use serde::de::DeserializeOwned;

use crate::ctx::Ctx;
use crate::error::AppError;

/// Name of the hidden form field.
pub const FIELD: &str = "csrf";
/// Header an API call with a session cookie must carry.
pub const HEADER: &str = "x-csrf-token";

/// Checks a submitted key against the request's expected one, in constant
/// time (the one comparison of signed values, `essaim_app::signing`).
pub fn verify(ctx: &Ctx, submitted: Option<&str>) -> Result<(), AppError> {
    match submitted {
        Some(given) if signing::same(&ctx.csrf_token, given) => Ok(()),
        _ => Err(Problem::Csrf.into()),
    }
}

/// A URL-encoded form whose anti-forgery key has been checked, and whose
/// text is valid UTF-8 (no silent replacement characters).
pub struct CsrfForm<T>(pub T);

/// Decodes `application/x-www-form-urlencoded` strictly: any invalid UTF-8
/// is refused instead of being replaced.
pub fn decode_form(bytes: &[u8]) -> Result<Vec<(String, String)>, AppError> {
    let mut out = Vec::new();
    for pair in bytes.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        let mut it = pair.splitn(2, |b| *b == b'=');
        let key = decode_component(it.next().unwrap_or_default())?;
        let value = decode_component(it.next().unwrap_or_default())?;
        out.push((key, value));
    }
    Ok(out)
}

fn decode_component(raw: &[u8]) -> Result<String, AppError> {
    let plus_as_space: Vec<u8> = raw
        .iter()
        .map(|b| if *b == b'+' { b' ' } else { *b })
        .collect();
    percent_encoding::percent_decode(&plus_as_space)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| AppError::Status(StatusCode::BAD_REQUEST))
}

impl<S, T> FromRequest<S> for CsrfForm<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let ctx = req
            .extensions()
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("request context missing")))?;
        let bytes = Bytes::from_request(req, state)
            .await
            .map_err(|rejection| AppError::Status(rejection.status()))?;
        let pairs = decode_form(&bytes)?;
        let submitted = pairs
            .iter()
            .find(|(k, _)| k == FIELD)
            .map(|(_, v)| v.as_str());
        verify(&ctx, submitted)?;
        let value = serde_urlencoded::from_bytes(&bytes)
            .map_err(|_| AppError::Status(StatusCode::BAD_REQUEST))?;
        Ok(CsrfForm(value))
    }
}
