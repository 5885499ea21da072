//! A group's card between the form and the store: the first pages of its shared space, the form's input from a stored card, and the form read back.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use essaim_domain::groups::{
    GroupCardInput, GroupKind, GroupStatus, Joining, License, PartnerInput, ServiceLink,
};
use essaim_domain::i18n::Lang;
use essaim_domain::Invalid;
use essaim_store::groups::Group;
use minijinja::context;

use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::AppState;

use super::license_label;

/// The current card as form input (to edit it, or to patch it by API).
pub async fn input_of(state: &AppState, group: &Group) -> AppResult<GroupCardInput> {
    let keywords = state.store.group_keywords(group.id).await?;
    let partners = state.store.group_partners(group.id).await?;
    let links = state.store.group_links(group.id).await?;
    let number = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    Ok(GroupCardInput {
        name: group.name.clone(),
        summary: group.summary.clone(),
        kind: group.kind.clone(),
        slug: group.slug.clone(),
        description: group.description.clone(),
        keywords: keywords.join(", "),
        partners: partners
            .into_iter()
            .map(|p| PartnerInput {
                name: p.name,
                url: p.url.unwrap_or_default(),
                logo: String::new(),
            })
            .collect(),
        country: group.country.clone().unwrap_or_default(),
        region: group.region.clone().unwrap_or_default(),
        latitude: number(group.latitude),
        longitude: number(group.longitude),
        member_count: if group.hosted {
            String::new()
        } else {
            group.member_count.to_string()
        },
        status: group.status.code().to_string(),
        license: group.license.clone(),
        license_other: group.license_other.clone().unwrap_or_default(),
        links: links.into_iter().collect(),
        hosted: if group.hosted {
            "on".into()
        } else {
            String::new()
        },
        joining: group.joining.code().to_string(),
    })
}

/// Reads a card form's fields (partner rows come as repeated
/// `partner_name` / `partner_url`, links as `link_{service}`).
pub fn input_from_form(pairs: &[(String, String)]) -> GroupCardInput {
    let mut input = GroupCardInput::default();
    for (key, value) in pairs {
        let value = value.clone();
        match key.as_str() {
            "name" => input.name = value,
            "summary" => input.summary = value,
            "kind" => input.kind = value,
            "slug" => input.slug = value,
            "description" => input.description = value,
            "keywords" => input.keywords = value,
            "country" => input.country = value,
            "region" => input.region = value,
            "latitude" => input.latitude = value,
            "longitude" => input.longitude = value,
            "member_count" => input.member_count = value,
            "status" => input.status = value,
            "license" => input.license = value,
            "license_other" => input.license_other = value,
            "hosted" => input.hosted = value,
            "joining" => input.joining = value,
            "partner_name" => input.partners.push(PartnerInput {
                name: value,
                ..Default::default()
            }),
            "partner_url" => match input.partners.last_mut() {
                Some(p) if p.url.is_empty() => p.url = value,
                _ => input.partners.push(PartnerInput {
                    url: value,
                    ..Default::default()
                }),
            },
            other => {
                if let Some(service) = other.strip_prefix("link_") {
                    input.links.insert(service.to_string(), value);
                }
            }
        }
    }
    input
}

/// What the card form needs besides the values.
fn form_choices(lang: Lang) -> minijinja::Value {
    context! {
        kinds => GroupKind::ALL.iter().map(|k| k.code()).collect::<Vec<_>>(),
        statuses => GroupStatus::ALL.iter().map(|s| s.code()).collect::<Vec<_>>(),
        licenses => License::ALL.iter().map(|l| (l.code(), license_label(*l, None, lang))).collect::<Vec<_>>(),
        services => ServiceLink::ALL.iter().map(|s| s.code()).collect::<Vec<_>>(),
        joinings => [Joining::Open, Joining::OnRequest].iter().map(|j| j.code()).collect::<Vec<_>>(),
    }
}

pub(super) fn card_form_page(
    state: &AppState,
    ctx: &Ctx,
    template: &str,
    status: StatusCode,
    input: &GroupCardInput,
    errors: &[Invalid],
    extra: minijinja::Value,
) -> AppResult<Response> {
    let by_field: BTreeMap<&str, &str> = errors.iter().map(|e| (e.field, e.key)).collect();
    // Always offer a few empty partner rows to fill in.
    let mut partners = input.partners.clone();
    partners.extend((0..3).map(|_| PartnerInput::default()));
    let html = state.templates.render(
        template,
        ctx,
        context! {
            values => input, partners => partners, errors => by_field, error_list => errors,
            choices => form_choices(ctx.lang), map => crate::directory::map_settings(state), ..extra
        },
    )?;
    // The place picker shows map tiles.
    let csp = crate::directory::map_csp(state, false);
    Ok(crate::directory::with_csp(
        (status, html).into_response(),
        &csp,
    ))
}
