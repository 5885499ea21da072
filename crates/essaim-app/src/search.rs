//! Search across what a person may read, through one index (see
//! `essaim_store::search`).

use essaim_domain::groups::Membership;
use essaim_domain::wiki::{self as rules, ReadFilter};
use essaim_store::search::{SearchHit, SearchQuery};
use essaim_store::StoreError;

use crate::{Actor, App, Result};

/// The longest search, in characters (longer text is cut).
pub const TEXT_MAX: usize = 200;

/// What `actor` may read, as the index filters it.
pub async fn read_filter(app: &App, actor: &Actor) -> Result<ReadFilter, StoreError> {
    let memberships = match actor.user() {
        Some(user) => app
            .store
            .memberships_with_roles(user.id)
            .await?
            .into_iter()
            .map(|(group, roles)| {
                let membership = Membership::of_member(roles.iter().map(String::as_str));
                (group, membership)
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(rules::read_filter(&actor.viewer(), &memberships))
}

/// The words of a search as they are looked for: trimmed, cut at
/// [`TEXT_MAX`] characters.
pub fn words(text: &str) -> String {
    text.trim().chars().take(TEXT_MAX).collect()
}

/// Searches `text` (see [`words`]) for `actor`, in one group (`Some`) or
/// everywhere: the best `limit` results among what they may read.
pub async fn search(
    app: &App,
    actor: &Actor,
    text: &str,
    scope: Option<i64>,
    limit: i64,
) -> Result<Vec<SearchHit>> {
    let text = words(text);
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let filter = read_filter(app, actor).await?;
    Ok(app
        .store
        .search(&SearchQuery {
            text,
            scope,
            kind: None,
            filter,
            limit,
        })
        .await?)
}
