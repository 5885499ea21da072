//! Uploaded files, shared by banners, logos and wiki attachments: reading a
//! multipart form (its anti-forgery key checked) and writing files under the
//! data directory atomically.

use std::path::PathBuf;

use axum::extract::Multipart;
use essaim_domain::{Invalid, Problem};

use crate::csrf;
use crate::ctx::Ctx;
use crate::error::{AppError, AppResult};

/// The file field of a form: its name as sent and its bytes.
pub struct Upload {
    /// File name as the browser sent it (unchecked).
    pub name: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// Reads a multipart form with a `csrf` field and a `file` field; refuses a
/// forged form, and a missing or empty file with `missing_key`.
pub async fn read(
    ctx: &Ctx,
    mut multipart: Multipart,
    missing_key: &'static str,
) -> AppResult<Upload> {
    let status = |e: axum::extract::multipart::MultipartError| AppError::Status(e.status());
    let mut token = None;
    let mut file = None;
    while let Some(field) = multipart.next_field().await.map_err(status)? {
        match field.name() {
            Some(csrf::FIELD) => token = Some(field.text().await.map_err(status)?),
            Some("file") => {
                let name = field.file_name().unwrap_or("").to_string();
                let bytes = field.bytes().await.map_err(status)?.to_vec();
                file = Some(Upload { name, bytes });
            }
            _ => {}
        }
    }
    csrf::verify(ctx, token.as_deref())?;
    match file {
        Some(upload) if !upload.bytes.is_empty() => Ok(upload),
        _ => Err(Problem::Invalid(vec![Invalid::new("file", missing_key)]).into()),
    }
}

/// Writes a file atomically (a temporary name, then a rename), creating its
/// folder: a reader never sees half a file.
pub async fn write_atomic(path: PathBuf, bytes: Vec<u8>) -> AppResult<()> {
    let io = |e: std::io::Error| AppError::Internal(e.into());
    if let Some(dir) = path.parent() {
        tokio::fs::create_dir_all(dir).await.map_err(io)?;
    }
    let tmp = path.with_extension(format!("part{}", essaim_store::random_token(4)));
    tokio::fs::write(&tmp, bytes).await.map_err(io)?;
    tokio::fs::rename(&tmp, &path).await.map_err(io)?;
    Ok(())
}

/// A stored attachment as the browser gets it (wiki pages and discussion
/// posts alike): its thumbnail when asked for and made, shown inline when
/// it is an image or a PDF, downloaded otherwise; the caller has already
/// checked that the reader may see it.
pub async fn serve_attachment(
    data_dir: &std::path::Path,
    stored_as: &str,
    content_type: &str,
    name: &str,
    thumbnail: bool,
) -> AppResult<axum::response::Response> {
    use axum::http::{header, HeaderValue, StatusCode};
    use axum::response::IntoResponse;
    let dir = data_dir.join("attachments");
    let (path, mime) = if thumbnail {
        (dir.join(format!("{stored_as}-thumb.jpg")), "image/jpeg")
    } else {
        (dir.join(stored_as), content_type)
    };
    let bytes = tokio::fs::read(&path)
        .await
        .map_err(|_| crate::error::not_found())?;
    let inline = mime.starts_with("image/") || mime == "application/pdf";
    let disposition = format!(
        "{}; filename*=UTF-8''{}",
        if inline { "inline" } else { "attachment" },
        url::form_urlencoded::byte_serialize(name.as_bytes())
            .collect::<String>()
            .replace('+', "%20")
    );
    let mut res = (StatusCode::OK, bytes).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(mime).unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    // A file is never a page: nothing in it may run.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    // Members-only files must not be kept by shared caches.
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=300"),
    );
    Ok(res)
}
