//! Reading a group's activity log: what one actor may see of it.

use essaim_domain::activity::Audience;
use essaim_domain::groups::Membership;
use essaim_store::activity::Event;
use essaim_store::groups::Group;

use crate::{Actor, App, Result};

/// The newest `limit` events of `group` that `actor` (with `membership`
/// of it) may read, newest first.
pub async fn timeline(
    app: &App,
    actor: &Actor,
    group: &Group,
    membership: Option<&Membership>,
    limit: i64,
) -> Result<Vec<Event>> {
    let audiences = Audience::readable_by(&actor.viewer(), membership, group.listed);
    Ok(app.store.timeline(group.id, &audiences, limit).await?)
}
