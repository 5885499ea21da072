//! Proposing a group: the form, its checks and the new group.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use essaim_domain::groups::{self as rules, GroupCard, GroupCardInput};
use essaim_domain::{Invalid, Problem};
use essaim_store::groups::Group;
use minijinja::context;

use crate::csrf::CsrfForm;
use crate::ctx::Ctx;
use crate::error::AppResult;
use crate::AppState;

use super::{card_form_page, first_pages, input_from_form};

/// `GET /groups/new`.
pub async fn new_page(State(state): State<AppState>, ctx: Ctx) -> AppResult<Response> {
    if ctx.user.is_none() {
        return Err(Problem::Unauthenticated.into());
    }
    let input = GroupCardInput {
        hosted: "on".into(),
        status: "active".into(),
        ..Default::default()
    };
    let need_approval =
        !rules::listed_at_once(&ctx.viewer(), state.store.groups_need_approval().await?);
    card_form_page(
        &state,
        &ctx,
        "groups/new.html",
        StatusCode::OK,
        &input,
        &[],
        context! { need_approval },
    )
}

/// The proposing form's own fields besides the card.
fn charter_accepted(pairs: &[(String, String)]) -> bool {
    pairs.iter().any(|(k, v)| k == "charter" && !v.is_empty())
}

/// Validates a card and its short address (format, reserved, free).
async fn validate_new(
    state: &AppState,
    input: &GroupCardInput,
) -> AppResult<Result<GroupCard, Vec<Invalid>>> {
    let mut errors = match input.validate() {
        Ok(card) => {
            if state.store.slug_taken(&card.slug).await? {
                vec![Invalid::new("slug", "error-slug-taken")]
            } else {
                return Ok(Ok(card));
            }
        }
        Err(errors) => errors,
    };
    errors.dedup();
    Ok(Err(errors))
}

/// A free short address to suggest for `input` (from its slug or its name).
async fn suggestion(state: &AppState, input: &GroupCardInput) -> AppResult<String> {
    let base = if input.slug.trim().is_empty() {
        rules::slugify(&input.name)
    } else {
        rules::slugify(&input.slug)
    };
    let mut taken = std::collections::HashSet::new();
    // Ask the store for the base and its numbered variants up front.
    for n in 1..=50 {
        let candidate = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        if state.store.slug_taken(&candidate).await? {
            taken.insert(candidate);
        }
    }
    Ok(rules::suggest_free_slug(&base, |s| taken.contains(s)))
}

/// Creates a validated group for `ctx`'s person (listed at once or not),
/// with its first pages in the person's language.
pub async fn create(state: &AppState, ctx: &Ctx, card: &GroupCard) -> AppResult<Group> {
    let pages = first_pages(card, ctx.lang);
    Ok(essaim_app::groups::propose(&state.app, &ctx.actor(), card, &pages).await?)
}

/// `POST /groups/new`.
pub async fn propose(
    State(state): State<AppState>,
    ctx: Ctx,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Response> {
    if ctx.user.is_none() {
        return Err(Problem::Unauthenticated.into());
    }
    let input = input_from_form(&pairs);
    let mut result = validate_new(&state, &input).await?;
    if !charter_accepted(&pairs) {
        let mut errors = result.err().unwrap_or_default();
        errors.push(Invalid::new("charter", "error-charter-required"));
        result = Err(errors);
    }
    let card = match result {
        Ok(card) => card,
        Err(errors) => {
            let slug_problem = errors.iter().any(|e| e.field == "slug");
            let suggested = if slug_problem {
                Some(suggestion(&state, &input).await?)
            } else {
                None
            };
            let need_approval =
                !rules::listed_at_once(&ctx.viewer(), state.store.groups_need_approval().await?);
            return card_form_page(
                &state,
                &ctx,
                "groups/new.html",
                StatusCode::UNPROCESSABLE_ENTITY,
                &input,
                &errors,
                context! { suggested_slug => suggested, need_approval, charter => charter_accepted(&pairs) },
            );
        }
    };
    let group = create(&state, &ctx, &card).await?;
    let flash = if group.listed {
        "flash-group-created"
    } else {
        "flash-group-proposed"
    };
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("/g/{}", group.slug),
        flash,
    ))
}
