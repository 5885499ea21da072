//! Bodies over the limit: read to the end (and dropped) before the refusal
//! is sent, so that the person's browser gets the translated "too big" page
//! instead of a connection closed under it while it is still sending.

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::CONTENT_LENGTH;
use axum::middleware::Next;
use axum::response::Response;
use http_body_util::BodyExt;

/// Above this, a body is not read at all: the connection is closed with the
/// refusal, as before (nobody sends that much in good faith).
pub const DRAIN_AT_MOST: u64 = 64 * 1024 * 1024;

/// How long a refused body may take to arrive.
const DRAIN_TIME: std::time::Duration = std::time::Duration::from_secs(30);

/// The announced length of a request's body, if any.
fn announced_length(request: &Request) -> Option<u64> {
    request
        .headers()
        .get(CONTENT_LENGTH)?
        .to_str()
        .ok()?
        .parse()
        .ok()
}

/// Middleware for a set of routes whose body limit is `limit`: a body
/// announced larger (up to [`DRAIN_AT_MOST`]) is read and dropped, then the
/// request goes on without it to the limit layer, which refuses it by its
/// announced length (and the error pages render the refusal).
pub async fn drain_oversized(limit: usize, request: Request, next: Next) -> Response {
    match announced_length(&request) {
        Some(length) if length > limit as u64 && length <= DRAIN_AT_MOST => {
            let (parts, mut body) = request.into_parts();
            // Each frame is dropped as it comes: nothing is kept in memory;
            // a sender too slow to finish in time is refused all the same.
            let drain = async {
                while let Some(frame) = body.frame().await {
                    if frame.is_err() {
                        break;
                    }
                }
            };
            let _ = tokio::time::timeout(DRAIN_TIME, drain).await;
            next.run(Request::from_parts(parts, Body::empty())).await
        }
        _ => next.run(request).await,
    }
}
