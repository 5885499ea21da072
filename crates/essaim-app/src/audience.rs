//! What an actor sees of what groups publish: one [`Sight`] per request,
//! used for every list of the request and for each object in it.

use essaim_domain::audience::{Sight, Target};
use essaim_domain::visibility::Visibility;
use essaim_store::groups::Group;

use crate::{Actor, App, Result};

/// The sight of `actor`: the groups they belong to and their roles.
pub async fn sight(app: &App, actor: &Actor) -> Result<Sight> {
    let groups = match actor.user() {
        Some(user) => app.store.group_ids_of(user.id).await?,
        None => Vec::new(),
    };
    Ok(Sight::of(&actor.viewer(), groups))
}

/// What the rule needs of an object of `group` with `visibility`.
pub fn target(group: &Group, visibility: Visibility) -> Target {
    Target {
        group_id: group.id,
        listed: group.listed,
        proposed_by: group.proposed_by,
        visibility,
    }
}
