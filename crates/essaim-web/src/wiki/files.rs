//! Files attached to pages: sending one, and serving it to readers.

use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use essaim_domain::{Invalid, Problem};

use crate::csrf::{self};
use crate::ctx::Ctx;
use crate::error::{not_found, AppError, AppResult};
use crate::{images, AppState};

use super::{open, page_param, readable_page, refuse, Params};

/// Largest attached file.
pub const ATTACHMENT_MAX: usize = 10 * 1024 * 1024;

/// What kind of file an upload is, from its content (never its name alone).
pub(crate) fn file_type(name: &str, bytes: &[u8]) -> Option<(&'static str, bool)> {
    if let Some(kind) = images::sniff(bytes) {
        return Some((kind.mime(), true));
    }
    if bytes.starts_with(b"%PDF-") {
        return Some(("application/pdf", false));
    }
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    if bytes.starts_with(b"PK\x03\x04") {
        let mime = match ext.as_str() {
            "odt" => "application/vnd.oasis.opendocument.text",
            "ods" => "application/vnd.oasis.opendocument.spreadsheet",
            "odp" => "application/vnd.oasis.opendocument.presentation",
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            _ => return None,
        };
        return Some((mime, false));
    }
    let text_like = matches!(ext.as_str(), "txt" | "md" | "csv");
    if text_like && std::str::from_utf8(bytes).is_ok() && !bytes.contains(&0) {
        return Some(if ext == "csv" {
            ("text/csv", false)
        } else {
            ("text/plain", false)
        });
    }
    None
}

/// A file name safe to keep and show.
pub(crate) fn clean_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ';'))
        .take(120)
        .collect();
    if cleaned.trim().is_empty() {
        "fichier".into()
    } else {
        cleaned.trim().to_string()
    }
}

/// `POST …/wiki/{page}/files`: attach a file.
pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    let page = readable_page(&state, &ctx, &wiki, &params).await?;
    if !wiki.may_edit(&ctx, Some(&page)) {
        return Err(refuse(&ctx));
    }
    let user = ctx.user.as_ref().ok_or(Problem::Unauthenticated)?;
    let mut token = None;
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| AppError::Status(e.status()))?
    {
        match field.name() {
            Some(csrf::FIELD) => {
                token = Some(
                    field
                        .text()
                        .await
                        .map_err(|e| AppError::Status(e.status()))?,
                )
            }
            Some("file") => {
                let name = clean_name(field.file_name().unwrap_or(""));
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|e| AppError::Status(e.status()))?;
                file = Some((name, bytes.to_vec()));
            }
            _ => {}
        }
    }
    csrf::verify(&ctx, token.as_deref())?;
    let invalid = |key: &'static str| -> AppError {
        Problem::Invalid(vec![Invalid::new("file", key)]).into()
    };
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return Err(invalid("error-file-missing"));
    };
    if bytes.len() > ATTACHMENT_MAX {
        return Err(invalid("error-file-too-large"));
    }
    let (content_type, is_image) =
        file_type(&name, &bytes).ok_or_else(|| invalid("error-file-type"))?;
    let thumb = if is_image {
        let copy = bytes.clone();
        let made = tokio::task::spawn_blocking(move || images::thumbnail(&copy))
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
        Some(made.map_err(|e| invalid(e.key()))?)
    } else {
        None
    };
    let stored_as = format!("{}-{}", page.id, essaim_store::random_token(12));
    let dir = state.config.data_dir.join("attachments");
    write(dir.join(&stored_as), bytes.clone()).await?;
    if let Some(t) = &thumb {
        write(dir.join(format!("{stored_as}-thumb.jpg")), t.clone()).await?;
    }
    let attachment = essaim_store::wiki::Attachment {
        id: 0,
        page_id: page.id,
        name,
        content_type: content_type.to_string(),
        size: bytes.len() as i64,
        stored_as,
        has_thumbnail: thumb.is_some(),
        created_at: 0,
    };
    state
        .store
        .add_attachment(page.id, &attachment, user.id)
        .await?;
    Ok(crate::accounts::redirect_with_flash(
        &state,
        &format!("{}/{}", wiki.base, page.slug),
        "flash-file-added",
    ))
}

async fn write(path: std::path::PathBuf, bytes: Vec<u8>) -> AppResult<()> {
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
    }
    let tmp = path.with_extension("part");
    tokio::fs::write(&tmp, bytes)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    tokio::fs::rename(&tmp, &path)
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(())
}

/// `GET …/wiki/{page}/files/{id}/{name}` (and `…/thumb` for images): a file,
/// readable by whoever may read its page.
pub async fn file(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(params): Path<Params>,
) -> AppResult<Response> {
    let wiki = open(&state, &ctx, &params).await?;
    let id: i64 = params
        .get("id")
        .and_then(|v| v.parse().ok())
        .ok_or_else(not_found)?;
    let slug = page_param(&params)?;
    if state
        .store
        .wiki_page(wiki.group_id(), &slug)
        .await?
        .is_none()
    {
        // A renamed page's files keep their old address too (pictures put
        // in the text, links in emails), for those who may read the page.
        let moved = state
            .store
            .wiki_redirect(wiki.group_id(), &slug)
            .await?
            .ok_or_else(not_found)?;
        if !wiki.may_read(&ctx, &moved) {
            return Err(refuse(&ctx));
        }
        let name: String = url::form_urlencoded::byte_serialize(
            params.get("name").map(String::as_bytes).unwrap_or_default(),
        )
        .collect::<String>()
        .replace('+', "%20");
        let to = format!("{}/{}/files/{id}/{name}", wiki.base, moved.slug);
        return Ok(Redirect::permanent(&to).into_response());
    }
    let page = readable_page(&state, &ctx, &wiki, &params).await?;
    let attachment = state
        .store
        .attachment(id)
        .await?
        .filter(|a| a.page_id == page.id)
        .ok_or_else(not_found)?;
    let thumb = params.get("name").map(String::as_str) == Some("thumb");
    crate::uploads::serve_attachment(
        &state.config.data_dir,
        &attachment.stored_as,
        &attachment.content_type,
        &attachment.name,
        thumb && attachment.has_thumbnail,
    )
    .await
}
