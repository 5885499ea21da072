//! Files attached to posts: sending one, and serving it to readers.

use axum::extract::{Multipart, Path, Query, State};
use axum::response::Response;
use essaim_domain::ids::UserId;
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
    // A post already emailed sends its new file on by email too.
    state.app.wake_jobs();
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("{}/{}#post-{}", space.base, topic.id, post.id),
        "flash-file-added-post",
    ))
}

/// What a file link sent by email adds: the member it was sent to and its
/// signature, so that someone reading by email alone opens it without
/// logging in, as long as they may still read the post.
#[derive(Debug, Default, serde::Deserialize)]
pub struct FileQuery {
    /// The member the link was sent to.
    reader: Option<UserId>,
    /// The signature of (file, member).
    key: Option<String>,
}

/// What a file link sent to one member signs.
fn file_message(file_id: i64, reader: UserId) -> String {
    format!("file:{file_id}:{reader}")
}

/// The address of a post's file for `reader`, signed for them: it opens
/// without logging in while they may read the post, never for anyone else
/// (a forwarded email's link speaks for its first reader only, and stops
/// working when they leave a closed group).
pub(crate) fn signed_file_link(
    state: &AppState,
    group_slug: &str,
    topic_id: i64,
    file: &PostFile,
    reader: UserId,
) -> String {
    let key = essaim_app::signing::sign(&state.app.secret, &file_message(file.id, reader));
    state.config.absolute(&format!(
        "{}/files/{}/{}?reader={reader}&key={key}",
        essaim_store::discussions::topic_path(group_slug, topic_id),
        file.id,
        url::form_urlencoded::byte_serialize(file.name.as_bytes())
            .collect::<String>()
            .replace('+', "%20"),
    ))
}

/// `GET …/{id}/files/{file}/{name}`: a file, for whoever reads its post
/// (logged in, or holding a link signed for a member who does).
pub async fn file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    Query(query): Query<FileQuery>,
) -> AppResult<Response> {
    let file_id = id_param(&params, "file")?;
    let file = match signed_file(&state, &params, file_id, &query).await? {
        Some(file) => file,
        None => seen_file(&state, &ctx, &params, file_id).await?,
    };
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

/// The file of the path, when the requester may read its post.
async fn seen_file(
    state: &AppState,
    ctx: &Ctx,
    params: &Params,
    file_id: i64,
) -> AppResult<PostFile> {
    let (space, topic) = topic_in(state, ctx, params).await?;
    let (file, post) = file_in(state, topic.id, file_id).await?;
    if !may_see_post(&ctx.viewer(), space.forum.access, &post) {
        return Err(not_found());
    }
    Ok(file)
}

/// The file of the path, when a valid signed link names a member who may
/// read its post; `None` when there is no signature or when that member
/// may not (the request is then judged as anyone's: log in, or not found).
async fn signed_file(
    state: &AppState,
    params: &Params,
    file_id: i64,
    query: &FileQuery,
) -> AppResult<Option<PostFile>> {
    let (Some(reader), Some(key)) = (query.reader, query.key.as_deref()) else {
        return Ok(None);
    };
    if !essaim_app::signing::verify(&state.app.secret, &file_message(file_id, reader), key) {
        return Err(Problem::LinkInvalid.into());
    }
    let Some(user) = state.store.user_by_id(reader).await? else {
        return Ok(None);
    };
    let Some(group) = state
        .store
        .group_by_slug(params.get("slug").map(String::as_str).unwrap_or_default())
        .await?
        .filter(|g| g.hosted)
    else {
        return Ok(None);
    };
    let actor = essaim_app::Actor::Account(user);
    let forum = essaim_app::discussions::Forum::of(&state.app, &actor, &group).await?;
    let Some(topic) = state
        .store
        .topic(id_param(params, "id")?)
        .await?
        .filter(|t| t.group_id == group.id)
    else {
        return Ok(None);
    };
    let (file, post) = file_in(state, topic.id, file_id).await?;
    let readable = forum.access.read && may_see_post(&actor.viewer(), forum.access, &post);
    Ok(readable.then_some(file))
}

/// A file and its post, in this topic.
async fn file_in(
    state: &AppState,
    topic_id: i64,
    file_id: i64,
) -> AppResult<(PostFile, essaim_store::discussions::Post)> {
    let file = state
        .store
        .post_file(file_id)
        .await?
        .ok_or_else(not_found)?;
    let post = state
        .store
        .post(file.post_id)
        .await?
        .filter(|p| p.topic_id == topic_id)
        .ok_or_else(not_found)?;
    Ok((file, post))
}
