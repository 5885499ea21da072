//! A group's logo and banner: sending them, and serving them.

use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use essaim_domain::ids::GroupId;
use essaim_domain::{Invalid, Problem};
use minijinja::context;

use crate::ctx::Ctx;
use crate::error::{not_found, AppError, AppResult};
use crate::{images, AppState};

use super::{card_form_page, input_of, load, require, Loaded};

/// Reads an uploaded picture and turns it into a banner or a logo (off the
/// async threads). `Ok(Err(_))` is a refusal to show on the edit page.
async fn processed(
    ctx: &Ctx,
    multipart: Multipart,
    convert: fn(&[u8]) -> Result<Vec<u8>, images::ImageError>,
) -> AppResult<Result<Vec<u8>, AppError>> {
    let upload = match crate::uploads::read(ctx, multipart, "error-image-missing").await {
        Ok(upload) => upload,
        Err(e) => return Ok(Err(e)),
    };
    let converted = tokio::task::spawn_blocking(move || convert(&upload.bytes))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(converted.map_err(image_problem))
}

fn image_problem(e: images::ImageError) -> AppError {
    Problem::Invalid(vec![Invalid::new("file", e.key())]).into()
}

/// A refused picture: the edit page again (422) saying why, so the person
/// reads "this file is not a picture" rather than a general error page.
/// Other errors (anti-forgery, body too large…) go on as they are.
async fn upload_refused(
    state: &AppState,
    ctx: &Ctx,
    loaded: &Loaded,
    error: AppError,
) -> AppResult<Response> {
    let AppError::Problem(Problem::Invalid(errors)) = error else {
        return Err(error);
    };
    let input = input_of(state, &loaded.group).await?;
    let partners = state.store.group_partners(loaded.group.id).await?;
    let upload_errors: Vec<&str> = errors.iter().map(|e| e.key).collect();
    card_form_page(
        state,
        ctx,
        "groups/edit.html",
        StatusCode::UNPROCESSABLE_ENTITY,
        &input,
        &[],
        context! { group => loaded.group, stored_partners => partners, upload_errors => upload_errors },
    )
}

fn group_dir(state: &AppState, group_id: GroupId) -> std::path::PathBuf {
    state
        .config
        .data_dir
        .join("groups")
        .join(group_id.to_string())
}

/// `POST /g/{slug}/banner`: a new banner, resized and cropped to 1920×160.
pub async fn upload_banner(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    require(loaded.may_edit(&ctx), &ctx)?;
    let jpeg = match processed(&ctx, multipart, images::banner).await? {
        Ok(jpeg) => jpeg,
        Err(error) => return upload_refused(&state, &ctx, &loaded, error).await,
    };
    let version = state.store.now();
    let path = group_dir(&state, loaded.group.id).join(format!("banner-{version}.jpg"));
    crate::uploads::write_atomic(path, jpeg).await?;
    state
        .store
        .set_banner_version(loaded.group.id, version)
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("/g/{slug}/edit"),
        "flash-banner-saved",
    ))
}

/// `GET /g/{slug}/banner.jpg`: the uploaded banner, or one drawn for the group.
pub async fn banner(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    let group = loaded.group;
    let path = match group.banner_version {
        Some(v) => group_dir(&state, group.id).join(format!("banner-{v}.jpg")),
        None => state
            .config
            .data_dir
            .join("generated")
            .join(format!("banner-{}.jpg", group.slug)),
    };
    let bytes = match tokio::fs::read(&path).await {
        Ok(bytes) => bytes,
        Err(_) if group.banner_version.is_none() => {
            let seed = group.slug.clone();
            let bytes = tokio::task::spawn_blocking(move || images::generated_banner(&seed, None))
                .await
                .map_err(|e| AppError::Internal(e.into()))?;
            // A cache on disk: drawing takes a few milliseconds.
            crate::uploads::write_atomic(path, bytes.clone()).await?;
            bytes
        }
        Err(e) => return Err(AppError::Internal(e.into())),
    };
    Ok(image_response("image/jpeg", bytes, group.listed))
}

fn image_response(mime: &'static str, bytes: Vec<u8>, public: bool) -> Response {
    // Images of a group not yet listed are not for shared caches.
    let cache = if public {
        "public, max-age=3600"
    } else {
        "private, max-age=300"
    };
    (
        [(header::CONTENT_TYPE, mime), (header::CACHE_CONTROL, cache)],
        bytes,
    )
        .into_response()
}

/// `POST /g/{slug}/partners/{id}/logo`.
pub async fn upload_logo(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, partner_id)): Path<(String, i64)>,
    multipart: Multipart,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    require(loaded.may_edit(&ctx), &ctx)?;
    let png = match processed(&ctx, multipart, images::logo).await? {
        Ok(png) => png,
        Err(error) => return upload_refused(&state, &ctx, &loaded, error).await,
    };
    let version = state.store.now();
    let path =
        group_dir(&state, loaded.group.id).join(format!("partner-{partner_id}-{version}.png"));
    if !state
        .store
        .group_partners(loaded.group.id)
        .await?
        .iter()
        .any(|p| p.id == partner_id)
    {
        return Err(not_found());
    }
    crate::uploads::write_atomic(path, png).await?;
    state
        .store
        .set_partner_logo(loaded.group.id, partner_id, version)
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("/g/{slug}/edit"),
        "flash-logo-saved",
    ))
}

/// `GET /g/{slug}/partners/{id}/logo.png`.
pub async fn logo(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((slug, partner_id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let loaded = load(&state, &ctx, &slug).await?;
    let partners = state.store.group_partners(loaded.group.id).await?;
    let partner = partners
        .into_iter()
        .find(|p| p.id == partner_id)
        .ok_or_else(not_found)?;
    let version = partner.logo_version.ok_or_else(not_found)?;
    let path =
        group_dir(&state, loaded.group.id).join(format!("partner-{partner_id}-{version}.png"));
    let bytes = tokio::fs::read(&path).await.map_err(|_| not_found())?;
    Ok(image_response("image/png", bytes, loaded.group.listed))
}
