//! Static assets, embedded in the binary and served with long cache
//! lifetimes (their URLs carry a content hash, so a new version is a new URL).

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::AppState;

const CSS: &str = "text/css; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";
const PNG: &str = "image/png";

/// Lists files: ours from `static/`, Leaflet's from `$OUT_DIR/leaflet/`
/// (installed from npm at build time by `build.rs`, never committed).
macro_rules! files {
    ($(($name:literal, $mime:expr)),* ; $(($lname:literal, $lmime:expr)),* $(,)?) => {
        &[
            $(($name, $mime, include_bytes!(concat!("../static/", $name)) as &[u8]),)*
            $((concat!("leaflet/", $lname), $lmime, include_bytes!(concat!(env!("OUT_DIR"), "/leaflet/", $lname)) as &[u8]),)*
        ]
    };
}

/// Every file under `/static/`.
const FILES: &[(&str, &str, &[u8])] = files![
    ("essaim.css", CSS),
    ("directory.css", CSS),
    ("essaim.js", JS),
    ("map.js", JS),
    ("picker.js", JS),
    ("toolbar.js", JS),
    ("quote.js", JS),
    ("embed.js", JS),
    ("embed-host.js", JS),
    ("favicon.svg", "image/svg+xml");
    ("leaflet.js", JS),
    ("leaflet.css", CSS),
    ("images/marker-icon.png", PNG),
    ("images/marker-icon-2x.png", PNG),
    ("images/marker-shadow.png", PNG),
];

/// A short hash of an asset's content, for cache-busting URLs.
pub fn version(name: &str) -> String {
    FILES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, _, bytes)| hex::encode(&Sha256::digest(bytes)[..6]))
        .unwrap_or_default()
}

/// `GET /static/{*name}`.
pub async fn serve(Path(name): Path<String>, headers: HeaderMap) -> Response {
    let Some((_, mime, bytes)) = FILES.iter().find(|(n, _, _)| *n == name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let etag = format!("\"{}\"", version(&name));
    // embed-host.js runs on other sites: it must be loadable from anywhere.
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        == Some(etag.as_str())
    {
        return StatusCode::NOT_MODIFIED.into_response();
    }
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(mime)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
            (
                header::ETAG,
                HeaderValue::from_str(&etag).unwrap_or(HeaderValue::from_static("\"0\"")),
            ),
        ],
        *bytes,
    )
        .into_response()
}

/// `GET /theme.css`: the instance's accent colour.
pub async fn theme(State(state): State<AppState>) -> Response {
    let css = format!(
        ":root{{--accent:{};--accent-contrast:#ffffff}}\n",
        state.config.accent_color
    );
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        css,
    )
        .into_response()
}
