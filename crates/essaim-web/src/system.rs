//! Liveness and readiness probes.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;

use crate::AppState;

/// `GET /healthz`: the process answers.
pub async fn healthz() -> impl IntoResponse {
    (
        [
            ("content-type", "text/plain; charset=utf-8"),
            ("cache-control", "no-store"),
        ],
        "ok\n",
    )
}

/// `GET /readyz`: the database answers too.
pub async fn readyz(State(state): State<AppState>) -> impl IntoResponse {
    match state.store.ping().await {
        Ok(()) => (
            StatusCode::OK,
            [("content-type", "text/plain; charset=utf-8")],
            "ready\n",
        ),
        Err(e) => {
            tracing::warn!(error = %e, "readiness check failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [("content-type", "text/plain; charset=utf-8")],
                "database unreachable\n",
            )
        }
    }
}
