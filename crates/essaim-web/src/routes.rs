//! Every route of the instance, in one place.

use std::time::Duration;

use axum::http::StatusCode;
use axum::middleware;
use axum::routing::{get, post};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::{accounts, admin, api, assets, ctx, error, home, security, system, AppState};

/// Builds the whole application.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/v1/me", get(api::me))
        .route("/openapi.json", get(api::openapi))
        .fallback(api::not_found);

    Router::new()
        .route("/", get(home::home))
        // accounts
        .route(
            "/register",
            get(accounts::register_page).post(accounts::register),
        )
        .route("/verify/{token}", get(accounts::verify))
        .route("/login", get(accounts::login_page).post(accounts::login))
        .route(
            "/login/link",
            get(accounts::magic_link_page).post(accounts::magic_link_request),
        )
        .route(
            "/login/link/{token}",
            get(accounts::magic_link_confirm).post(accounts::magic_link_login),
        )
        .route("/logout", post(accounts::logout))
        .route(
            "/password/forgot",
            get(accounts::forgot_page).post(accounts::forgot_request),
        )
        .route(
            "/password/reset/{token}",
            get(accounts::reset_page).post(accounts::reset),
        )
        .route(
            "/account",
            get(accounts::account_page).post(accounts::account_save),
        )
        .route("/account/password", post(accounts::account_password))
        .route("/lang", post(accounts::switch_lang))
        // administration
        .route("/admin/outbox", get(admin::outbox))
        .route("/admin/outbox/{id}", get(admin::outbox_message))
        .route("/admin/outbox/{id}/html", get(admin::outbox_html))
        .route("/admin/outbox/{id}/raw", get(admin::outbox_raw))
        // API
        .nest("/api", api)
        // system and assets
        .route("/healthz", get(system::healthz))
        .route("/readyz", get(system::readyz))
        .route("/static/{name}", get(assets::serve))
        .route("/theme.css", get(assets::theme))
        .fallback(|| async { StatusCode::NOT_FOUND })
        // Innermost first: the body limit and timeout apply to handlers; errors
        // are rendered knowing the request context; headers go on everything.
        .layer(RequestBodyLimitLayer::new(state.config.body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            error::render_errors,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), ctx::load))
        .layer(middleware::from_fn(security::headers))
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
