//! Resources, from any door: adding one (a link, a file the door has
//! stored, a page of the group's wiki), changing and removing it, a
//! group's list and the instance's catalogue, and the group's default
//! license of its resources.

use essaim_domain::audience::sight_in;
use essaim_domain::resources::{self as rules, ResourceForm, ResourceKind, Source as Typed};
use essaim_domain::wiki::{effective_read, may_read};
use essaim_domain::{Invalid, Problem};
use essaim_store::resources::{CatalogueQuery, Resource, Source, StoredFile};

use crate::projects::Place;
use crate::{refusal, Actor, App, Result};

/// Whether `actor` may see `resource` (of `place`'s group).
pub fn may_see(actor: &Actor, place: &Place<'_>, resource: &Resource) -> bool {
    resource.group_id == place.group.id
        && sight_in(&actor.viewer(), place.group.id, place.membership)
            .admits(&crate::audience::target(place.group, resource.visibility))
}

/// `resource` if `actor` may see it; not found otherwise (a resource one
/// may not see is not spoken of).
pub fn seen<'r>(actor: &Actor, place: &Place<'_>, resource: &'r Resource) -> Result<&'r Resource> {
    if may_see(actor, place, resource) {
        Ok(resource)
    } else {
        Err(Problem::NotFound.into())
    }
}

/// Whether `actor` may add a resource to `place`'s group.
pub fn may_add(actor: &Actor, place: &Place<'_>) -> bool {
    rules::may_add(&actor.viewer(), place.membership, place.group.hosted)
}

/// Whether `actor` may change or remove `resource`.
pub fn may_manage(actor: &Actor, place: &Place<'_>, resource: &Resource) -> bool {
    rules::may_manage(
        &actor.viewer(),
        place.membership,
        resource.is_author(actor.user().map(|u| u.id)),
    )
}

/// Whether `actor` may set the group's default license of its resources.
pub fn may_set_license(actor: &Actor, place: &Place<'_>) -> bool {
    rules::may_set_license(&actor.viewer(), place.membership)
}

/// The resources of `place`'s group that `actor` sees, newest first.
pub async fn of_group(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    limit: i64,
    offset: i64,
) -> Result<Vec<Resource>> {
    let query = CatalogueQuery {
        group: Some(place.group.slug.clone()),
        limit,
        offset,
        ..CatalogueQuery::default()
    };
    let sight = sight_in(&actor.viewer(), place.group.id, place.membership);
    Ok(app.store.resource_catalogue(&sight, &query).await?)
}

/// The instance's catalogue of resources that `actor` sees.
pub async fn catalogue(app: &App, actor: &Actor, query: &CatalogueQuery) -> Result<Vec<Resource>> {
    let sight = crate::audience::sight(app, actor).await?;
    Ok(app.store.resource_catalogue(&sight, query).await?)
}

/// Finds what a checked form points at: the page of the group's wiki by
/// its address (one the actor may read), or the file the door stored.
async fn source_of(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    typed: &Typed,
    file: Option<StoredFile>,
) -> Result<std::result::Result<Source, Invalid>> {
    Ok(match typed {
        Typed::Link(url) => Ok(Source::Link(url.clone())),
        Typed::File => file
            .map(Source::File)
            .ok_or(Invalid::new("file", "error-file-missing")),
        Typed::Page(raw) => {
            let unknown = Invalid::new("page", "error-resource-page-unknown");
            let Some(slug) = rules::page_slug(&place.group.slug, raw) else {
                return Ok(Err(unknown));
            };
            let Some(page) = app.store.wiki_page(Some(place.group.id), &slug).await? else {
                return Ok(Err(unknown));
            };
            let read = effective_read(
                place.group.wiki_read,
                page.read_access.0,
                place.group.listed,
            );
            // A page the actor may not read is not theirs to offer.
            if !may_read(&actor.viewer(), place.membership, read) {
                return Ok(Err(unknown));
            }
            Ok(Source::Page { id: page.id, read })
        }
    })
}

/// Adds a resource to `place`'s group; `file` is the upload the door has
/// checked and stored (a file resource needs one). Gives its id.
pub async fn add(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    form: &ResourceForm,
    file: Option<StoredFile>,
) -> Result<i64> {
    if !may_add(actor, place) {
        return Err(refusal(actor).into());
    }
    let user = actor.user().ok_or(Problem::Unauthenticated)?;
    let draft = form.validate().map_err(Problem::Invalid)?;
    let source = source_of(app, actor, place, &draft.source, file)
        .await?
        .map_err(|e| Problem::Invalid(vec![e]))?;
    Ok(app
        .store
        .create_resource(place.group.id, (user.id, &user.name), &draft, &source)
        .await?)
}

/// Changes `resource`'s fields (its kind stays; a file stays the one
/// sent, a link or a page may change).
pub async fn update(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    resource: &Resource,
    form: &ResourceForm,
) -> Result<()> {
    seen(actor, place, resource)?;
    if !may_manage(actor, place, resource) {
        return Err(refusal(actor).into());
    }
    let form = ResourceForm {
        kind: resource.kind.code().to_string(),
        ..form.clone()
    };
    let draft = form.validate().map_err(Problem::Invalid)?;
    let source = match resource.kind {
        ResourceKind::File => None,
        _ => Some(
            source_of(app, actor, place, &draft.source, None)
                .await?
                .map_err(|e| Problem::Invalid(vec![e]))?,
        ),
    };
    Ok(app
        .store
        .update_resource(resource.id, &draft, source.as_ref())
        .await?)
}

/// Removes `resource`; gives the stored name of its file, if any, for the
/// door to delete.
pub async fn remove(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    resource: &Resource,
) -> Result<Option<String>> {
    seen(actor, place, resource)?;
    if !may_manage(actor, place, resource) {
        return Err(refusal(actor).into());
    }
    app.store.delete_resource(resource.id).await?;
    Ok(resource.stored_as.clone())
}

/// Sets the default license of `place`'s group's resources (a code of the
/// list, or `other` and its name).
pub async fn set_license(
    app: &App,
    actor: &Actor,
    place: &Place<'_>,
    code: &str,
    other: &str,
) -> Result<()> {
    if !may_set_license(actor, place) {
        return Err(refusal(actor).into());
    }
    let name = rules::parse_license(code, other)
        .and_then(|name| name.ok_or(Invalid::new("license", "error-choice-unknown")))
        .map_err(|e| Problem::Invalid(vec![e]))?;
    Ok(app
        .store
        .set_resources_license(place.group.id, &name)
        .await?)
}
