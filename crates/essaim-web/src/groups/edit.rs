//! Editing a group's card.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use essaim_store::groups::GroupFields;
use minijinja::context;

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::AppState;

use super::{card_form_page, input_from_form, input_of, load, require};

/// `GET /g/{slug}/edit`.
pub async fn edit_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    require(ctx.user.is_some() && loaded.may_edit(&ctx), &ctx)?;
    let input = input_of(&state, &loaded.group).await?;
    let partners = state.store.group_partners(loaded.group.id).await?;
    card_form_page(
        &state,
        &ctx,
        "groups/edit.html",
        StatusCode::OK,
        &input,
        &[],
        context! { group => loaded.group, stored_partners => partners },
    )
}

/// `POST /g/{slug}/edit`.
pub async fn edit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    require(loaded.may_edit(&ctx), &ctx)?;
    let mut input = input_from_form(&pairs);
    // The short address and hosting are fixed once created.
    input.slug = loaded.group.slug.clone();
    input.hosted = if loaded.group.hosted {
        "on".into()
    } else {
        String::new()
    };
    match input.validate() {
        Ok(card) => {
            state
                .store
                .update_group(loaded.group.id, &GroupFields::of(&card))
                .await?;
            Ok(crate::accounts::redirect_with_flash(
                &state,
                &format!("/g/{slug}"),
                "flash-group-saved",
            ))
        }
        Err(errors) => {
            let partners = state.store.group_partners(loaded.group.id).await?;
            card_form_page(
                &state,
                &ctx,
                "groups/edit.html",
                StatusCode::UNPROCESSABLE_ENTITY,
                &input,
                &errors,
                context! { group => loaded.group, stored_partners => partners },
            )
        }
    }
}
