//! `essaim import mbox --group SLUG FILE`: a mailing list's archive becomes
//! the group's discussions. Messages are read like received mail
//! (`essaim_mail::incoming::parse`), threaded by `In-Reply-To`/`References`
//! then by subject, their authors matched to accounts by address (or kept
//! as names). Each message keeps its `Message-ID` (a stable one is made
//! from its content when it has none), so running the import twice
//! imports nothing twice. Imported posts are never emailed.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use essaim_domain::discussions as rules;
use essaim_mail::incoming::{self, Incoming};
use essaim_store::discussions::NewPost;
use essaim_store::Store;

use crate::config::Config;
use crate::server;

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Messages found in the file.
    pub messages: usize,
    /// Topics opened.
    pub topics: usize,
    /// Replies added.
    pub replies: usize,
    /// Messages already imported (skipped).
    pub already: usize,
    /// Messages that could not be read or had no text.
    pub unreadable: usize,
    /// Authors matched to an account.
    pub matched_authors: usize,
}

/// Splits an mbox file into raw messages: each starts at a `From ` line
/// (at the start of the file or after an empty line); `>From ` quoting
/// (mboxrd) is undone.
pub fn split_mbox(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    let mut current: Option<Vec<u8>> = None;
    let mut previous_blank = true;
    for line in bytes.split_inclusive(|b| *b == b'\n') {
        let bare = line.strip_suffix(b"\n").unwrap_or(line);
        let bare = bare.strip_suffix(b"\r").unwrap_or(bare);
        if previous_blank && bare.starts_with(b"From ") {
            if let Some(done) = current.take() {
                out.push(done);
            }
            current = Some(Vec::new());
            previous_blank = false;
            continue;
        }
        previous_blank = bare.is_empty();
        if let Some(message) = current.as_mut() {
            let quoted = bare.iter().take_while(|b| **b == b'>').count();
            if quoted > 0 && bare[quoted..].starts_with(b"From ") {
                message.extend_from_slice(&line[1..]);
            } else {
                message.extend_from_slice(line);
            }
        }
    }
    if let Some(done) = current {
        out.push(done);
    }
    // The empty line before each `From ` belongs to the separator.
    for m in &mut out {
        while m.ends_with(b"\n\n") || m.ends_with(b"\r\n\r\n") {
            let cut = if m.ends_with(b"\r\n") { 2 } else { 1 };
            m.truncate(m.len() - cut);
        }
    }
    out
}

/// A progress bar on standard error: `[#####     ] 50/100`.
fn progress(done: usize, total: usize) {
    let width = 30;
    let filled = (done * width).checked_div(total).unwrap_or(width);
    let bar: String = "#".repeat(filled) + &" ".repeat(width - filled);
    let mut err = std::io::stderr().lock();
    // A broken terminal must not stop the import.
    let _ = write!(err, "\r[{bar}] {done}/{total}");
    if done == total {
        let _ = writeln!(err);
    }
    let _ = err.flush();
}

/// Runs `essaim import mbox`.
pub async fn run(config: &Config, group_slug: &str, file: &Path) -> anyhow::Result<()> {
    let bytes = std::fs::read(file)
        .map_err(|e| anyhow::anyhow!("FILE: cannot read {}: {e}", file.display()))?;
    let store = server::open_store(config).await?;
    let summary = import(&store, group_slug, &bytes, &config.mail_domain, true).await?;
    println!(
        "{} messages: {} topics and {} replies imported, {} already there, {} unreadable; {} authors matched to accounts",
        summary.messages,
        summary.topics,
        summary.replies,
        summary.already,
        summary.unreadable,
        summary.matched_authors
    );
    Ok(())
}

/// Imports an mbox archive into a hosted group's discussions.
pub async fn import(
    store: &Store,
    group_slug: &str,
    bytes: &[u8],
    domain: &str,
    show_progress: bool,
) -> anyhow::Result<Summary> {
    let group = store
        .group_by_slug(group_slug)
        .await?
        .filter(|g| g.hosted)
        .ok_or_else(|| anyhow::anyhow!("--group: no hosted group is called {group_slug}"))?;
    let raws = split_mbox(bytes);
    let mut summary = Summary {
        messages: raws.len(),
        ..Summary::default()
    };
    let mut read: Vec<(Incoming, String)> = Vec::new();
    for raw in &raws {
        match incoming::parse(raw) {
            Ok(m) => {
                // A message without an id gets one from its content, the
                // same on every run.
                let id = m.message_id.clone().unwrap_or_else(|| {
                    format!(
                        "import-{}@{domain}",
                        &essaim_store::hash_token(&String::from_utf8_lossy(raw))[..24]
                    )
                });
                read.push((m, id));
            }
            Err(_) => summary.unreadable += 1,
        }
    }
    // Oldest first, so parents exist before their replies.
    read.sort_by_key(|(m, _)| m.date.unwrap_or(i64::MAX));
    // Topics by subject (folded), for messages that lost their references.
    let mut by_subject: HashMap<String, i64> = HashMap::new();
    let mut accounts: HashMap<String, Option<essaim_store::accounts::User>> = HashMap::new();
    let now = store.now();
    let total = read.len();
    for (index, (message, message_id)) in read.iter().enumerate() {
        if show_progress {
            progress(index, total);
        }
        if store.post_by_message_id(message_id).await?.is_some() {
            summary.already += 1;
            continue;
        }
        let Ok(text) = rules::check_body(&message.body) else {
            summary.unreadable += 1;
            continue;
        };
        let address = message.from_address.clone().unwrap_or_default();
        if !accounts.contains_key(&address) {
            let user = if address.is_empty() {
                None
            } else {
                store.user_by_email(&address).await?
            };
            if user.is_some() {
                summary.matched_authors += 1;
            }
            accounts.insert(address.clone(), user);
        }
        let user = accounts.get(&address).cloned().flatten();
        let name = user
            .as_ref()
            .map(|u| u.name.clone())
            .or_else(|| message.from_name.clone())
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| address.clone());
        // The parent: a known message it answers, in this group.
        let mut parent = None;
        for id in message
            .in_reply_to
            .iter()
            .chain(message.references.iter().rev())
        {
            if let Some(p) = store.post_by_message_id(id).await? {
                if p.group_id == group.id {
                    parent = Some(p);
                    break;
                }
            }
        }
        let subject_key = rules::base_subject(&message.subject);
        let topic = match &parent {
            Some(p) => store.topic(p.topic_id).await?,
            None => match by_subject.get(&subject_key) {
                Some(id) if !subject_key.is_empty() => store.topic(*id).await?,
                _ => None,
            },
        };
        let post = NewPost {
            author_id: user.as_ref().map(|u| u.id),
            author_name: name,
            author_email: (!address.is_empty()).then(|| address.clone()),
            markdown: text,
            trimmed: message.trimmed.clone(),
            via: essaim_domain::discussions::PostVia::Import,
            message_id: message_id.clone(),
            parent_id: parent.as_ref().map(|p| p.id),
            status: essaim_domain::discussions::PostStatus::Visible,
            created_at: Some(message.date.unwrap_or(now).min(now)),
            notify: Vec::new(),
            mail: false,
            files: Vec::new(),
        };
        match topic.filter(|t| t.group_id == group.id) {
            Some(t) => {
                store.add_post(&t, &post, domain).await?;
                summary.replies += 1;
            }
            None => {
                let title = rules::title_from_subject(&message.subject, "Sans titre");
                let (topic_id, _) = store.create_topic(group.id, &title, &post, domain).await?;
                if !subject_key.is_empty() {
                    by_subject.entry(subject_key).or_insert(topic_id);
                }
                summary.topics += 1;
            }
        }
    }
    if show_progress {
        progress(total, total);
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_mbox_and_unquotes_from_lines() {
        let mbox = b"From a@x Mon Jan  1 00:00:00 2024\nSubject: Un\n\nCorps\n>From la ligne\n\nFrom b@x Mon Jan  1 00:00:00 2024\nSubject: Deux\n\nAutre\n";
        let parts = split_mbox(mbox);
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0], b"Subject: Un\n\nCorps\nFrom la ligne\n".to_vec());
        assert_eq!(parts[1], b"Subject: Deux\n\nAutre\n".to_vec());
        assert!(split_mbox(b"").is_empty());
    }
}
