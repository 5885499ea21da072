//! A group's page.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use essaim_domain::groups::License;
use essaim_domain::markdown;
use essaim_store::groups::Group;
use minijinja::context;

use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::AppState;

use super::{license_label, load, visible_links, ShownLink};

/// How many events the group's page shows.
const TIMELINE_LENGTH: i64 = 15;

/// `GET /g/{slug}`.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    let group = &loaded.group;
    let keywords = state.store.group_keywords(group.id).await?;
    let partners = state.store.group_partners(group.id).await?;
    let stored_links = state.store.group_links(group.id).await?;
    let absolute = |p: &str| state.config.absolute(p);
    let links = visible_links(
        group,
        &stored_links,
        &ctx.viewer(),
        loaded.rules.as_ref(),
        &absolute,
    );
    let pages = crate::wiki::readable_pages(&state, &ctx, &loaded).await?;
    let next_meeting = if group.hosted {
        crate::meetings::next_of_group(&state, &ctx, group.id).await?
    } else {
        None
    };
    let pending_request = match (&ctx.user, &loaded.membership) {
        (Some(u), None) => state.store.has_pending_request(group.id, u.id).await?,
        _ => false,
    };
    let requests = if loaded.may_manage(&ctx) {
        state.store.pending_join_requests(group.id).await?
    } else {
        Vec::new()
    };
    let timeline = if group.hosted {
        essaim_app::activity::timeline(
            &state.app,
            &ctx.actor(),
            group,
            loaded.rules.as_ref(),
            TIMELINE_LENGTH,
        )
        .await?
    } else {
        Vec::new()
    };
    let news = if group.hosted {
        crate::news::latest_of_group(&state, &ctx, &loaded).await?
    } else {
        Vec::new()
    };
    let usages = crate::usages::shown_on_group_page(&state, &ctx, &loaded).await?;
    let health = essaim_app::health::visible(&state.app, &ctx.actor(), &loaded.place()).await?;
    let license = License::from_code(&group.license).unwrap_or_default();
    let json_ld = json_ld(&state, group, &keywords, &links);
    let embed_url = state
        .config
        .absolute(&format!("/embed/groups?group={}", group.slug));
    let html = state.templates.render(
        "groups/show.html",
        &ctx,
        context! {
            group => group,
            description_html => markdown::render(&group.description),
            keywords => keywords,
            partners => partners,
            links => links,
            pages => pages,
            next_meeting => next_meeting,
            timeline => timeline,
            news => news,
            usages => usages,
            health => health,
            membership => loaded.membership,
            may_edit => loaded.may_edit(&ctx),
            may_manage => loaded.may_manage(&ctx),
            pending_request => pending_request,
            requests => requests,
            license_label => license_label(license, group.license_other.as_deref(), ctx.lang),
            license_url => license.url(),
            json_ld => json_ld,
            page_url => state.config.absolute(&format!("/g/{}", group.slug)),
            embed_url => embed_url,
        },
    )?;
    Ok(html.into_response())
}

/// schema.org `Organization` for search engines (public fields only).
fn json_ld(state: &AppState, group: &Group, keywords: &[String], links: &[ShownLink]) -> String {
    let mut org = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": group.name,
        "description": group.summary,
        "url": state.config.absolute(&format!("/g/{}", group.slug)),
        "keywords": keywords.join(", "),
        "image": state.config.absolute(&format!("/g/{}/banner.jpg", group.slug)),
        "sameAs": links.iter().filter(|l| l.service == "home").map(|l| l.url.clone()).collect::<Vec<_>>(),
    });
    if group.country.is_some() || group.region.is_some() {
        org["address"] = serde_json::json!({
            "@type": "PostalAddress",
            "addressCountry": group.country,
            "addressRegion": group.region,
        });
    }
    if let (Some(lat), Some(lon)) = (group.latitude, group.longitude) {
        org["location"] = serde_json::json!({
            "@type": "Place",
            "geo": { "@type": "GeoCoordinates", "latitude": lat, "longitude": lon },
        });
    }
    // Inside <script>, no markup may appear (a typed "<script>" or "<!--"
    // would change how the browser reads the element): `<`, `>` and `&`
    // can only be inside JSON strings, where their escapes mean the same.
    org.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
