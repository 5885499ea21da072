//! Files attached to posts: sending one, and serving it to readers.

use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use essaim_domain::{Invalid, Problem};
use essaim_store::discussions::PostFile;

use crate::ctx::Ctx;
use crate::error::{not_found, AppError, AppResult};
use crate::{images, uploads, AppState};

use super::{editable, id_param, may_see_post, topic_in, Params};

/// `POST …/posts/{post}/files`: the author attaches a file to their post.
pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    multipart: Multipart,
) -> AppResult<Response> {
    let (space, topic, post) = editable(&state, &ctx, &params).await?;
    let file = uploads::read(&ctx, multipart, "error-file-missing").await?;
    let invalid = |key: &'static str| -> AppError {
        Problem::Invalid(vec![Invalid::new("file", key)]).into()
    };
    if file.bytes.len() > crate::wiki::ATTACHMENT_MAX {
        return Err(invalid("error-file-too-large"));
    }
    let name = crate::wiki::clean_name(&file.name);
    let (content_type, is_image) =
        crate::wiki::file_type(&name, &file.bytes).ok_or_else(|| invalid("error-file-type"))?;
    let thumb = if is_image {
        let copy = file.bytes.clone();
        let made = tokio::task::spawn_blocking(move || images::thumbnail(&copy))
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
        Some(made.map_err(|e| invalid(e.key()))?)
    } else {
        None
    };
    let stored_as = format!("post-{}-{}", post.id, essaim_store::random_token(12));
    let dir = state.config.data_dir.join("attachments");
    let size = file.bytes.len() as i64;
    uploads::write_atomic(dir.join(&stored_as), file.bytes).await?;
    if let Some(t) = thumb.clone() {
        uploads::write_atomic(dir.join(format!("{stored_as}-thumb.jpg")), t).await?;
    }
    state
        .store
        .add_post_file(&PostFile {
            id: 0,
            post_id: post.id,
            name,
            content_type: content_type.to_string(),
            size,
            stored_as,
            has_thumbnail: thumb.is_some(),
        })
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("{}/{}#post-{}", space.base, topic.id, post.id),
        "flash-file-added-post",
    ))
}

/// `GET …/{id}/files/{file}/{name}`: a file, for whoever reads its post.
pub async fn file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let (space, topic) = topic_in(&state, &ctx, &params).await?;
    let file = state
        .store
        .post_file(id_param(&params, "file")?)
        .await?
        .ok_or_else(not_found)?;
    let post = state
        .store
        .post(file.post_id)
        .await?
        .filter(|p| p.topic_id == topic.id)
        .ok_or_else(not_found)?;
    if !may_see_post(&ctx.viewer(), space.forum.access, &post) {
        return Err(not_found());
    }
    let thumb = params.get("name").map(String::as_str) == Some("thumb");
    crate::uploads::serve_attachment(
        &state.config.data_dir,
        &file.stored_as,
        &file.content_type,
        &file.name,
        thumb && file.has_thumbnail,
    )
    .await
}
