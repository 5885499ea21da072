//! News as people use them: publishing (facilitators and leaders), reading
//! a group's news, and subscribing to them by email without an account
//! (confirmed by a link, stopped by a signed one-click link).

use essaim_domain::groups::{GroupRole, Membership};
use essaim_domain::i18n::Lang;
use essaim_domain::news::{self as rules, NewsDraft};
use essaim_domain::{Invalid, Problem};
use essaim_store::accounts::User;
use essaim_store::groups::Group;
use essaim_store::news::{News, Subscribed, Subscriber};

use crate::audience::{sight, target};
use crate::meetings::group_access;
use crate::{refusal, signing, Actor, App, Result};

/// Publishes a checked news item in `group` (as the door loaded it, with
/// the actor's `membership`), with its image already checked and stored
/// under `image`; the emails go out from a job. Gives its id.
pub async fn publish(
    app: &App,
    actor: &Actor,
    group: &Group,
    membership: Option<&Membership>,
    draft: &NewsDraft,
    image: Option<&str>,
) -> Result<i64> {
    let user = actor.user().ok_or_else(|| refusal(actor))?;
    if !group.hosted || !rules::may_post(&actor.viewer(), membership) {
        return Err(refusal(actor).into());
    }
    let id = app
        .store
        .create_news(group.id, (user.id, &user.name), draft, image)
        .await?;
    app.wake_jobs();
    Ok(id)
}

/// Whether `actor` may publish news in `group`.
pub fn may_publish(actor: &Actor, group: &Group, membership: Option<&Membership>) -> bool {
    group.hosted && rules::may_post(&actor.viewer(), membership)
}

/// The newest `limit` news items of `group` that `actor` may read.
pub async fn latest(app: &App, actor: &Actor, group: &Group, limit: i64) -> Result<Vec<News>> {
    let see = sight(app, actor).await?;
    Ok(app.store.news_of_group(group.id, &see, limit).await?)
}

/// The newest `limit` news items of `group` that anyone may read (its
/// public feed).
pub async fn public_latest(app: &App, group: &Group, limit: i64) -> Result<Vec<News>> {
    let see = essaim_domain::audience::Sight::nobody();
    Ok(app.store.news_of_group(group.id, &see, limit).await?)
}

/// The news item `id` of `group`, if `actor` may read it; otherwise "not
/// found" (a closed item's existence is not revealed).
pub async fn open(app: &App, actor: &Actor, group: &Group, id: i64) -> Result<News> {
    let news = app
        .store
        .news_item(id)
        .await?
        .filter(|n| n.group_id == group.id)
        .ok_or(Problem::NotFound)?;
    let see = sight(app, actor).await?;
    if !see.admits(&target(group, news.visibility)) {
        return Err(Problem::NotFound.into());
    }
    Ok(news)
}

/// Asks for `raw_email` to receive `group`'s news, in `lang`. The answer
/// does not say whether the address was already subscribed: a confirmed
/// one gets nothing more, another one a (new) confirmation link.
pub async fn subscribe(
    app: &App,
    group: &Group,
    raw_email: &str,
    lang: Lang,
) -> Result<Subscribed> {
    let email = essaim_domain::accounts::normalize_email(raw_email)
        .map_err(|e| Problem::Invalid(vec![e]))?;
    if !group.hosted {
        return Err(Problem::NotFound.into());
    }
    Ok(app
        .store
        .subscribe_to_news(group.id, &email, lang.code())
        .await?)
}

/// Confirms the subscription of a confirmation link's `token`.
pub async fn confirm(app: &App, token: &str) -> Result<Subscriber> {
    Ok(app
        .store
        .confirm_news_subscription(token)
        .await?
        .ok_or(Problem::NotFound)?)
}

/// The signature of subscriber `id`'s one-click unsubscribe link.
pub fn unsubscribe_signature(app: &App, id: i64) -> String {
    signing::sign(&app.secret, &rules::unsubscribe_message(id))
}

/// The subscriber a signed unsubscribe link names, if the signature holds
/// (one already gone is "not found").
pub async fn subscriber_of_link(app: &App, id: i64, signature: &str) -> Result<Subscriber> {
    if !signing::verify(&app.secret, &rules::unsubscribe_message(id), signature) {
        return Err(Problem::NotFound.into());
    }
    Ok(app
        .store
        .news_subscriber(id)
        .await?
        .ok_or(Problem::NotFound)?)
}

/// Stops the news of the signed link `(id, signature)`: no session needed,
/// the signature is the proof.
pub async fn unsubscribe(app: &App, id: i64, signature: &str) -> Result<Subscriber> {
    let subscriber = subscriber_of_link(app, id, signature).await?;
    app.store.unsubscribe_from_news(subscriber.id).await?;
    Ok(subscriber)
}

/// Who a news item goes to: the members who want email and may read it,
/// and, when anyone may read it, the confirmed news-only subscribers
/// (without those who are members already).
pub async fn recipients(app: &App, news: &News) -> Result<(Vec<User>, Vec<Subscriber>)> {
    let group = app
        .store
        .group_by_id(news.group_id)
        .await?
        .ok_or(Problem::NotFound)?;
    recipients_of(app, &group, news.visibility).await
}

/// Who something of `group` with `visibility` goes to by email: the
/// members who want email and may read it, and, when anyone may read it,
/// the confirmed news-only subscribers who are not members (news items and
/// newsletters alike).
pub async fn recipients_of(
    app: &App,
    group: &Group,
    visibility: essaim_domain::visibility::Visibility,
) -> Result<(Vec<User>, Vec<Subscriber>)> {
    // Everyone here is a member: the rule is asked with that membership
    // (roles do not change who reads news), without a query per person.
    let member = Membership::new([GroupRole::Member]);
    let members: Vec<User> = app
        .store
        .members_to_email(group.id)
        .await?
        .into_iter()
        .filter(|user| {
            rules::may_see(
                &user.viewer(),
                Some(&member),
                group_access(group),
                visibility,
            )
        })
        .collect();
    let subscribers = if rules::for_subscribers(group_access(group), visibility) {
        app.store
            .news_subscribers(group.id)
            .await?
            .into_iter()
            .filter(|s| {
                !members
                    .iter()
                    .any(|m| m.email.eq_ignore_ascii_case(&s.email))
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok((members, subscribers))
}

/// The reasons a news form is refused, as the door shows them.
pub fn invalid(errors: Vec<Invalid>) -> crate::Error {
    Problem::Invalid(errors).into()
}
