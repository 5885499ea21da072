//! Every route of the instance, in one place.

use std::time::Duration;

use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::middleware;
use axum::routing::{get, post};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::{
    accounts, admin, api, assets, ctx, directory, discussions, error, groups, health, home, limits,
    meetings, news, newsletter, polls, projects, resources, search, security, system, usages, wiki,
    AppState,
};

/// Largest upload (images): the image checks refuse more than 8 MiB with a
/// clear message; the margin covers the form's other fields.
const UPLOAD_LIMIT: usize = 11 * 1024 * 1024;

/// Builds the whole application.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .route("/v1/me", get(api::me))
        .route(
            "/v1/groups",
            get(api::groups::list).post(api::groups::create),
        )
        .route("/v1/groups.geojson", get(api::groups::geojson))
        .route("/v1/groups/{slug}/pages", get(api::pages::list))
        .route(
            "/v1/groups/{slug}/pages/{page}",
            get(api::pages::show).put(api::pages::put),
        )
        .route("/v1/search", get(api::pages::search))
        .route(
            "/v1/groups/{slug}",
            get(api::groups::show).patch(api::groups::update),
        )
        .route(
            "/v1/groups/{slug}/membership",
            post(api::groups::join)
                .delete(api::groups::leave)
                .patch(discussions::api::set_email_mode),
        )
        // meetings and date polls
        .route(
            "/v1/groups/{slug}/meetings",
            get(api::meetings::group_list).post(api::meetings::create),
        )
        .route("/v1/meetings", get(api::meetings::list))
        .route("/v1/groups/{slug}/polls", post(api::polls::create))
        .route("/v1/polls/{token}", get(api::polls::show))
        .route("/v1/polls/{token}/answers", post(api::polls::answer))
        // projects
        .route("/v1/projects", get(api::projects::catalogue))
        .route(
            "/v1/groups/{slug}/projects",
            get(api::projects::group_list).post(api::projects::create),
        )
        .route("/v1/projects/{id}", get(api::projects::show))
        .route("/v1/projects/{id}/news", post(api::projects::post_news))
        // news
        .route(
            "/v1/groups/{slug}/news",
            get(api::news::list).post(api::news::create),
        )
        .route("/v1/news/{id}", get(api::news::show))
        // resources
        .route("/v1/resources", get(api::resources::catalogue))
        .route(
            "/v1/groups/{slug}/resources",
            get(api::resources::group_list).post(api::resources::create),
        )
        .route("/v1/resources/{id}", get(api::resources::show))
        // usages
        .route(
            "/v1/groups/{slug}/usages",
            get(api::usages::list).post(api::usages::create),
        )
        .route("/v1/usages/{id}", get(api::usages::show))
        .route("/v1/usages/{id}/support", post(api::usages::support))
        .route(
            "/v1/groups/{slug}/newsletters",
            get(api::newsletters::list).post(api::newsletters::prepare),
        )
        .route(
            "/v1/groups/{slug}/newsletters/{id}",
            get(api::newsletters::show),
        )
        .route(
            "/v1/groups/{slug}/newsletters/{id}/send",
            post(api::newsletters::send),
        )
        // discussions
        .route(
            "/v1/groups/{slug}/topics",
            get(discussions::api::topics).post(discussions::api::create_topic),
        )
        .route("/v1/topics/{id}", get(discussions::api::topic))
        .route("/v1/topics/{id}/posts", post(discussions::api::reply))
        .route("/openapi.json", get(api::openapi))
        .fallback(api::not_found);

    let uploads = Router::new()
        .route("/g/{slug}/banner", post(groups::upload_banner))
        .route("/g/{slug}/partners/{id}/logo", post(groups::upload_logo))
        .route("/g/{slug}/wiki/{page}/files", post(wiki::upload))
        .route("/wiki/{page}/files", post(wiki::upload))
        .route(
            "/g/{slug}/discussions/{id}/posts/{post}/files",
            post(discussions::upload),
        )
        .route("/g/{slug}/news/new", post(news::create))
        .route("/g/{slug}/resources/new", post(resources::create))
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT))
        .layer(RequestBodyLimitLayer::new(UPLOAD_LIMIT))
        .layer(middleware::from_fn(|req, next| {
            limits::drain_oversized(UPLOAD_LIMIT, req, next)
        }));

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
        // directory and groups
        .route("/groups", get(directory::directory))
        .route("/groups.csv", get(directory::csv))
        .route("/groups/new", get(groups::new_page).post(groups::propose))
        .route("/e/{keyword}", get(directory::ecosystem))
        .route("/embed/groups", get(directory::embed_groups))
        .route("/embed/e/{keyword}", get(directory::embed_ecosystem))
        .route("/g/{slug}", get(groups::show))
        .route("/g/{slug}/edit", get(groups::edit_page).post(groups::edit))
        .route("/g/{slug}/banner.jpg", get(groups::banner))
        .route("/g/{slug}/partners/{id}/logo.png", get(groups::logo))
        .route("/g/{slug}/join", post(groups::join_form))
        .route("/g/{slug}/leave", post(groups::leave_form))
        .route("/g/{slug}/members", get(groups::members))
        .route("/g/{slug}/members/{user_id}/roles", post(groups::set_roles))
        .route("/g/{slug}/visibility", post(groups::set_visibility))
        .route("/g/{slug}/requests/{id}", post(groups::decide_request))
        // the shared space: a group's wiki and the instance's
        .route("/g/{slug}/wiki", get(wiki::index))
        .route("/g/{slug}/wiki/{page}", get(wiki::view))
        .route(
            "/g/{slug}/wiki/{page}/edit",
            get(wiki::edit_form).post(wiki::edit),
        )
        .route("/g/{slug}/wiki/{page}/history", get(wiki::history))
        .route("/g/{slug}/wiki/{page}/diff", get(wiki::diff))
        .route("/g/{slug}/wiki/{page}/revisions/{n}", get(wiki::revision))
        .route("/g/{slug}/wiki/{page}/restore/{n}", post(wiki::restore))
        .route(
            "/g/{slug}/wiki/{page}/settings",
            get(wiki::page_settings).post(wiki::save_page_settings),
        )
        .route("/g/{slug}/wiki/{page}/files/{id}/{name}", get(wiki::file))
        .route("/g/{slug}/wiki-new", post(wiki::new_page))
        .route("/g/{slug}/wiki-watch", post(wiki::watch))
        .route(
            "/g/{slug}/wiki-settings",
            get(wiki::wiki_settings).post(wiki::save_wiki_settings),
        )
        .route("/g/{slug}/changes", get(wiki::changes))
        .route("/g/{slug}/changes.atom", get(wiki::changes_feed))
        .route("/g/{slug}/search", get(search::page))
        .route("/wiki", get(wiki::index))
        .route("/wiki/{page}", get(wiki::view))
        .route("/wiki/{page}/edit", get(wiki::edit_form).post(wiki::edit))
        .route("/wiki/{page}/history", get(wiki::history))
        .route("/wiki/{page}/diff", get(wiki::diff))
        .route("/wiki/{page}/revisions/{n}", get(wiki::revision))
        .route("/wiki/{page}/restore/{n}", post(wiki::restore))
        .route("/wiki/{page}/files/{id}/{name}", get(wiki::file))
        .route("/wiki-new", post(wiki::new_page))
        .route("/wiki-watch", post(wiki::watch))
        .route("/changes", get(wiki::changes))
        .route("/changes.atom", get(wiki::changes_feed))
        .route("/search", get(search::page))
        // GET from the email's link, POST from mail programs (RFC 8058).
        .route(
            "/watch/stop/{token}",
            get(wiki::stop_watch).post(wiki::stop_watch),
        )
        .route(
            "/watch/stop-daily/{user}/{signature}",
            get(wiki::stop_daily).post(wiki::stop_daily),
        )
        // meetings, calendars and date polls
        .route("/g/{slug}/meetings", get(meetings::index))
        .route("/g/{slug}/meetings.ics", get(meetings::group_feed))
        .route(
            "/g/{slug}/meetings/new",
            get(meetings::new_form).post(meetings::create),
        )
        .route("/g/{slug}/meetings/regularity", post(meetings::regularity))
        .route("/g/{slug}/meetings/{id}", get(meetings::show))
        .route(
            "/g/{slug}/meetings/{id}/meeting.ics",
            get(meetings::one_ics),
        )
        .route("/g/{slug}/meetings/{id}/answer", post(meetings::answer))
        .route(
            "/g/{slug}/meetings/{id}/edit",
            get(meetings::edit_form).post(meetings::edit),
        )
        .route("/g/{slug}/meetings/{id}/cancel", post(meetings::cancel))
        .route(
            "/g/{slug}/meetings/{id}/stop-series",
            post(meetings::stop_series),
        )
        .route("/g/{slug}/meetings/{id}/minutes", post(meetings::minutes))
        .route("/e/{keyword}/meetings.ics", get(meetings::ecosystem_feed))
        .route("/agenda", get(meetings::agenda))
        .route("/my/meetings", get(meetings::mine))
        .route("/my/calendar-key", post(meetings::new_key))
        .route("/my/calendar-key/revoke", post(meetings::revoke_key))
        .route("/calendar/{file}", get(meetings::personal_feed))
        .route(
            "/g/{slug}/polls/new",
            get(polls::new_form).post(polls::create),
        )
        .route("/p/{token}", get(polls::show))
        .route("/p/{token}/k/{key}", get(polls::show_guest))
        .route("/p/{token}/answer", post(polls::answer))
        .route("/p/{token}/close", post(polls::close))
        // projects, their news, the follow-up board and the catalogue
        .route("/g/{slug}/projects", get(projects::list))
        .route(
            "/g/{slug}/projects/new",
            get(projects::new_form).post(projects::create),
        )
        .route(
            "/g/{slug}/projects/follow-up",
            get(projects::follow_up).post(projects::review),
        )
        .route("/g/{slug}/projects/{id}", get(projects::show))
        .route(
            "/g/{slug}/projects/{id}/edit",
            get(projects::edit_form).post(projects::update),
        )
        .route("/g/{slug}/projects/{id}/news", post(projects::post_news))
        .route("/g/{slug}/projects/{id}/help", post(projects::offer_help))
        .route("/g/{slug}/projects/{id}/ask", post(projects::ask))
        .route(
            "/g/{slug}/projects/{id}/news/{key}",
            get(projects::keyed_form).post(projects::keyed_post),
        )
        .route("/projects", get(projects::catalogue))
        .route("/projects.atom", get(projects::catalogue_feed))
        // resources and their catalogue
        .route("/g/{slug}/resources", get(resources::index))
        .route("/g/{slug}/resources/license", post(resources::set_license))
        .route("/g/{slug}/resources/{id}", get(resources::show))
        .route(
            "/g/{slug}/resources/{id}/edit",
            get(resources::edit_form).post(resources::update),
        )
        .route("/g/{slug}/resources/{id}/delete", post(resources::delete))
        .route("/g/{slug}/resources/{id}/file/{name}", get(resources::file))
        .route("/resources", get(resources::catalogue))
        .route("/resources.atom", get(resources::catalogue_feed))
        // news and news-only subscriptions
        // the group's health
        .route("/g/{slug}/health", get(health::page))
        .route("/g/{slug}/health/settings", post(health::save_settings))
        .route(
            "/g/{slug}/health/{indicator}/relevance",
            post(health::relevance),
        )
        .route("/g/{slug}/news", get(news::index))
        .route("/g/{slug}/news.atom", get(news::feed))
        .route("/g/{slug}/news/subscribe", post(news::subscribe))
        .route("/g/{slug}/news/{id}", get(news::show))
        .route("/g/{slug}/news/{id}/image", get(news::image))
        .route(
            "/news/confirm/{token}",
            get(news::confirm_page).post(news::confirm),
        )
        .route(
            "/news/unsubscribe/{id}/{signature}",
            get(news::unsubscribe_page).post(news::unsubscribe),
        )
        // the usages board, its sprints and their reviews
        .route("/g/{slug}/usages", get(usages::index).post(usages::create))
        .route("/g/{slug}/usages/settings", post(usages::settings))
        .route("/g/{slug}/usages/sprints", post(usages::create_sprint))
        .route("/g/{slug}/usages/sprints/{id}", get(usages::sprint))
        .route("/g/{slug}/usages/sprints/{id}/plan", post(usages::plan))
        .route("/g/{slug}/usages/sprints/{id}/review", post(usages::review))
        .route(
            "/g/{slug}/usages/{id}",
            get(usages::show).post(usages::estimate),
        )
        .route("/g/{slug}/usages/{id}/support", post(usages::support))
        // newsletters and the contributors page
        .route("/g/{slug}/newsletters", get(newsletter::index))
        .route("/g/{slug}/newsletters/prepare", post(newsletter::prepare))
        .route("/g/{slug}/newsletters/schedule", post(newsletter::schedule))
        .route("/g/{slug}/newsletters/{id}", get(newsletter::show))
        .route("/g/{slug}/newsletters/{id}/send", post(newsletter::send))
        .route(
            "/g/{slug}/newsletters/{id}/items/{item}",
            post(newsletter::item),
        )
        .route("/g/{slug}/contributors", get(newsletter::contributors))
        .route("/e/{keyword}/newsletters", get(newsletter::ecosystem_index))
        .route(
            "/e/{keyword}/newsletters/prepare",
            post(newsletter::ecosystem_prepare),
        )
        .route(
            "/e/{keyword}/newsletters/{id}",
            get(newsletter::ecosystem_show),
        )
        // discussions: a group's forum and its mailing list
        .route(
            "/g/{slug}/discussions",
            get(discussions::index).post(discussions::create),
        )
        .route("/g/{slug}/discussions.atom", get(discussions::feed))
        .route("/g/{slug}/discussions/moderation", get(discussions::queue))
        .route(
            "/g/{slug}/discussions/settings",
            get(discussions::settings_page).post(discussions::save_settings),
        )
        .route(
            "/g/{slug}/discussions/email",
            post(discussions::save_list_setting),
        )
        .route(
            "/g/{slug}/discussions/held/{id}",
            post(discussions::decide_held),
        )
        .route("/g/{slug}/discussions/{id}", get(discussions::show))
        .route("/g/{slug}/discussions/{id}/reply", post(discussions::reply))
        .route(
            "/g/{slug}/discussions/{id}/state",
            post(discussions::set_state),
        )
        .route(
            "/g/{slug}/discussions/{id}/posts/{post}/like",
            post(discussions::like),
        )
        .route(
            "/g/{slug}/discussions/{id}/posts/{post}/edit",
            get(discussions::edit_form).post(discussions::edit),
        )
        .route(
            "/g/{slug}/discussions/{id}/posts/{post}/history",
            get(discussions::history),
        )
        .route(
            "/g/{slug}/discussions/{id}/posts/{post}/delete",
            post(discussions::delete),
        )
        .route(
            "/g/{slug}/discussions/{id}/posts/{post}/flag",
            post(discussions::flag),
        )
        .route(
            "/g/{slug}/discussions/{id}/posts/{post}/moderate",
            post(discussions::moderate),
        )
        .route(
            "/g/{slug}/discussions/{id}/files/{file}/{name}",
            get(discussions::file),
        )
        .route(
            "/list/{group}/{user}/{signature}",
            get(discussions::mail::settings_page).post(discussions::mail::save_settings),
        )
        .route(
            "/list/{group}/{user}/{signature}/unsubscribe",
            get(discussions::mail::unsubscribe_page).post(discussions::mail::one_click),
        )
        .route(
            "/list/join/{group}/{address}/{signature}",
            get(discussions::inbound::join_page).post(discussions::inbound::join),
        )
        .route("/notifications", get(discussions::notifications))
        .route("/notifications/resume-mail", post(discussions::resume_mail))
        // administration
        .route("/admin/outbox", get(admin::outbox))
        .route("/admin/outbox/{id}", get(admin::outbox_message))
        .route("/admin/outbox/{id}/html", get(admin::outbox_html))
        .route("/admin/outbox/{id}/raw", get(admin::outbox_raw))
        .route("/admin/people", get(admin::people))
        .route("/admin/people/{id}/roles", post(admin::people_roles))
        .route("/admin/groups", get(admin::groups))
        .route("/admin/groups/settings", post(admin::groups_settings))
        .route("/admin/groups/{slug}/review", post(admin::review))
        // API
        .nest("/api", api)
        // system and assets
        .route("/healthz", get(system::healthz))
        .route("/readyz", get(system::readyz))
        .route("/static/{*name}", get(assets::serve))
        .route("/theme.css", get(assets::theme))
        .fallback(|| async { StatusCode::NOT_FOUND })
        .layer(RequestBodyLimitLayer::new(state.config.body_limit))
        .layer(middleware::from_fn_with_state(
            state.config.body_limit,
            |State(limit): State<usize>, req, next| limits::drain_oversized(limit, req, next),
        ))
        // Uploads get a larger limit of their own.
        .merge(uploads)
        // Innermost first: the timeout applies to handlers; errors are
        // rendered knowing the request context; headers go on everything.
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
