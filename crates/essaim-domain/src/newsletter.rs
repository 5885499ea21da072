//! Newsletters: a letter per group (or per ecosystem keyword) assembled
//! from what happened since the previous one, reviewed by its editors and
//! sent to the members (the full version) and to the news-only subscribers
//! (the public version), then kept in a public archive (the public version).
//!
//! The draft is made here from plain facts (the activity log's events, the
//! meetings and polls to come, the contributors): [`assemble`] decides which
//! items there are and which version each goes into ([`Reach`]); the
//! contributors and the wording of what each did come from
//! [`contributors`], shared by the letter and the group's contributors page.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::activity::{Audience, EventKind};
use crate::groups::Membership;
use crate::permissions::Viewer;

/// How many members (and subscribers) one sending step writes to.
pub const SEND_BATCH: i64 = 500;
/// Longest text an editor may give an item, in characters.
pub const TEXT_MAX: usize = 5_000;
/// How many characters of a wiki page's first lines an item shows.
pub const EXCERPT_MAX: usize = 280;
/// Saves that make a page "much edited" in a period.
pub const MUCH_EDITED: usize = 3;

/// How often a draft is prepared. Codes are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Schedule {
    /// Every month (the default).
    #[default]
    Monthly,
    /// Every two weeks.
    Fortnightly,
    /// Only when an editor asks.
    Never,
}

impl Schedule {
    /// Every schedule, the default first.
    pub const ALL: [Schedule; 3] = [Schedule::Monthly, Schedule::Fortnightly, Schedule::Never];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Schedule::Monthly => "monthly",
            Schedule::Fortnightly => "fortnightly",
            Schedule::Never => "never",
        }
    }

    /// The schedule of a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Seconds between two letters, if the schedule has any.
    pub fn every(self) -> Option<i64> {
        match self {
            Schedule::Monthly => Some(30 * 86_400),
            Schedule::Fortnightly => Some(14 * 86_400),
            Schedule::Never => None,
        }
    }

    /// Whether a draft is due at `now` when the last letter covered up to
    /// `last_to` (`None`: never any).
    pub fn due(self, last_to: Option<i64>, now: i64) -> bool {
        match (self.every(), last_to) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(every), Some(to)) => now >= to + every,
        }
    }
}

/// Where a letter stands. Codes are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being reviewed by its editors.
    Draft,
    /// Going out.
    Sending,
    /// Sent: in the archive.
    Sent,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 3] = [Status::Draft, Status::Sending, Status::Sent];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Sending => "sending",
            Status::Sent => "sent",
        }
    }

    /// The status of a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Which versions of the letter an item goes into. Codes are stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach {
    /// Both: the members' letter and the public one (subscribers, archive).
    Everyone,
    /// The members' letter only.
    Members,
    /// The public version only (its members' version is a wider item, as
    /// the thanks counted over members-only work too).
    PublicOnly,
}

impl Reach {
    /// Every reach.
    pub const ALL: [Reach; 3] = [Reach::Everyone, Reach::Members, Reach::PublicOnly];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Reach::Everyone => "everyone",
            Reach::Members => "members",
            Reach::PublicOnly => "public_only",
        }
    }

    /// The reach of a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether the item is in the `version` of the letter.
    pub fn in_version(self, version: Version) -> bool {
        match version {
            Version::Members => self != Reach::PublicOnly,
            Version::Public => self != Reach::Members,
        }
    }

    fn of(audience: Audience) -> Self {
        if audience.members_only() {
            Reach::Members
        } else {
            Reach::Everyone
        }
    }
}

/// The two versions of a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Version {
    /// What members receive.
    Members,
    /// What news-only subscribers receive and the archive shows.
    Public,
}

/// The kinds of item of a letter, in the order a fresh draft gives them.
/// Codes are stored (and end their message keys: `newsletter-kind-new_page`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A wiki page created in the period, with its first lines.
    NewPage,
    /// A wiki page saved many times in the period.
    EditedPage,
    /// A resource added.
    Resource,
    /// A project's news.
    ProjectNews,
    /// A project created, looking for help.
    ProjectHelp,
    /// A meeting to come.
    Meeting,
    /// A date poll still open.
    Poll,
    /// Minutes written.
    Minutes,
    /// The people who joined, welcomed by name.
    Welcome,
    /// The contributors of the period, thanked by name.
    Thanks,
    /// Who the referent is and how to reach them (or that there is none).
    Referent,
}

impl ItemKind {
    /// Every kind.
    pub const ALL: [ItemKind; 11] = [
        ItemKind::NewPage,
        ItemKind::EditedPage,
        ItemKind::Resource,
        ItemKind::ProjectNews,
        ItemKind::ProjectHelp,
        ItemKind::Meeting,
        ItemKind::Poll,
        ItemKind::Minutes,
        ItemKind::Welcome,
        ItemKind::Thanks,
        ItemKind::Referent,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            ItemKind::NewPage => "new_page",
            ItemKind::EditedPage => "edited_page",
            ItemKind::Resource => "resource",
            ItemKind::ProjectNews => "project_news",
            ItemKind::ProjectHelp => "project_help",
            ItemKind::Meeting => "meeting",
            ItemKind::Poll => "poll",
            ItemKind::Minutes => "minutes",
            ItemKind::Welcome => "welcome",
            ItemKind::Thanks => "thanks",
            ItemKind::Referent => "referent",
        }
    }

    /// The kind of a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One event of the log, as the draft reads it.
#[derive(Debug, Clone)]
pub struct Happened {
    /// What happened.
    pub kind: EventKind,
    /// Who did it, as shown.
    pub actor_name: String,
    /// The object's id.
    pub object_id: Option<i64>,
    /// The object's title.
    pub title: String,
    /// The object's path.
    pub url: String,
    /// Who may read it.
    pub audience: Audience,
    /// When.
    pub at: i64,
}

/// A meeting or poll to come, as the draft reads it.
#[derive(Debug, Clone)]
pub struct Coming {
    /// Its id.
    pub id: i64,
    /// Its title.
    pub title: String,
    /// Its path.
    pub url: String,
    /// When it starts (a poll: its deadline, or 0).
    pub at: i64,
    /// Whether only members may read it.
    pub members_only: bool,
}

/// What a contributor did, counted. Codes end their message keys
/// (`contribution-wiki`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Contribution {
    /// Wiki pages written or saved (each page once).
    Wiki,
    /// Resources added.
    Resources,
    /// Meetings whose minutes they took.
    Minutes,
    /// Project news written.
    ProjectNews,
    /// Answers of theirs that others liked.
    LikedAnswers,
}

impl Contribution {
    /// The stored and message code.
    pub fn code(self) -> &'static str {
        match self {
            Contribution::Wiki => "wiki",
            Contribution::Resources => "resources",
            Contribution::Minutes => "minutes",
            Contribution::ProjectNews => "project_news",
            Contribution::LikedAnswers => "liked_answers",
        }
    }

    /// What an event of `kind` counts as, if anything.
    pub fn of_event(kind: EventKind) -> Option<Self> {
        match kind {
            EventKind::PageSaved | EventKind::PageRestored => Some(Contribution::Wiki),
            EventKind::ResourceAdded => Some(Contribution::Resources),
            EventKind::MinutesWritten => Some(Contribution::Minutes),
            EventKind::ProjectNews => Some(Contribution::ProjectNews),
            _ => None,
        }
    }
}

/// One counted piece of work, as the store reads it: who, what, and how
/// many distinct objects (pages, minutes…) or likes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    /// The person's account, when it was one.
    pub user_id: Option<i64>,
    /// Their name as shown.
    pub name: String,
    /// What they did.
    pub what: Contribution,
    /// How many.
    pub count: i64,
}

/// A contributor of a period and what they did, in the order of
/// [`Contribution`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Contributor {
    /// Their account, when it was one.
    pub user_id: Option<i64>,
    /// Their name.
    pub name: String,
    /// What they did, each with its count.
    pub did: Vec<(Contribution, i64)>,
}

impl Contributor {
    /// Everything they did, counted together (to rank them).
    pub fn total(&self) -> i64 {
        self.did.iter().map(|(_, n)| n).sum()
    }
}

/// The contributors from counted work: one per person (their account, or
/// their name for a guest), the most active first, then by name. Nameless
/// work is nobody's to thank.
pub fn contributors(counted: &[Counted]) -> Vec<Contributor> {
    let mut by_person: BTreeMap<(Option<i64>, String), BTreeMap<Contribution, i64>> =
        BTreeMap::new();
    for c in counted {
        if c.count <= 0 || c.name.trim().is_empty() {
            continue;
        }
        let key = match c.user_id {
            Some(id) => (Some(id), String::new()),
            None => (None, c.name.clone()),
        };
        let entry = by_person.entry(key).or_default();
        *entry.entry(c.what).or_default() += c.count;
    }
    let name_of = |key: &(Option<i64>, String)| {
        counted
            .iter()
            .find(|c| match key.0 {
                Some(id) => c.user_id == Some(id),
                None => c.user_id.is_none() && c.name == key.1,
            })
            .map(|c| c.name.clone())
            .unwrap_or_default()
    };
    let mut out: Vec<Contributor> = by_person
        .into_iter()
        .map(|(key, did)| Contributor {
            user_id: key.0,
            name: name_of(&key),
            did: did.into_iter().collect(),
        })
        .collect();
    out.sort_by(|a, b| b.total().cmp(&a.total()).then(a.name.cmp(&b.name)));
    out
}

/// One item of a fresh draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DraftItem {
    /// Its kind.
    pub kind: ItemKind,
    /// Which versions it goes into.
    pub reach: Reach,
    /// What it is about, stable across regenerations (`new_page:12`), so
    /// an editor's words and removals survive a new draft.
    pub key: String,
    /// Its title (a page's, a meeting's, names…).
    pub title: String,
    /// Its link (a path), or empty.
    pub url: String,
    /// A few words more: a page's first lines, or empty.
    pub excerpt: String,
    /// When it happens (a meeting, a poll's deadline), or 0.
    pub at: i64,
    /// The people it names with what they did (thanks), or who joined.
    pub people: Vec<Contributor>,
}

/// The group's referent, if it has one.
#[derive(Debug, Clone)]
pub struct Referent {
    /// Their name.
    pub name: String,
    /// Where to reach them (a path).
    pub contact: String,
}

/// Everything a draft is made of.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The period's events, oldest first.
    pub events: Vec<Happened>,
    /// The first lines of the wiki pages created, by page id.
    pub excerpts: BTreeMap<i64, String>,
    /// Meetings to come.
    pub meetings: Vec<Coming>,
    /// Polls still open.
    pub polls: Vec<Coming>,
    /// The period's contributors counted over what anyone may read.
    pub public_contributors: Vec<Contributor>,
    /// The same counted over what members may read.
    pub member_contributors: Vec<Contributor>,
    /// The referent; `None` for a group without one (the draft says so).
    pub referent: Option<Referent>,
    /// Whether the letter is an ecosystem's (no members, no referent).
    pub ecosystem: bool,
}

fn first_chars(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let mut cut: String = flat.chars().take(max).collect();
    cut.push('…');
    cut
}

/// The items of a fresh draft, in reading order. Facilitator-only events
/// go nowhere; an object seen twice (a page saved three times) is one item,
/// of its narrowest audience.
pub fn assemble(facts: &Facts) -> Vec<DraftItem> {
    let mut items: Vec<DraftItem> = Vec::new();
    let mut push = |kind: ItemKind, audience: Audience, id: Option<i64>, h: &Happened| {
        let key = format!("{}:{}", kind.code(), id.unwrap_or(0));
        if let Some(existing) = items.iter_mut().find(|i| i.key == key) {
            if audience.members_only() {
                existing.reach = Reach::Members;
            }
            return;
        }
        let excerpt = match (kind, id) {
            (ItemKind::NewPage, Some(id)) => facts
                .excerpts
                .get(&id)
                .map(|t| first_chars(t, EXCERPT_MAX))
                .unwrap_or_default(),
            _ => String::new(),
        };
        items.push(DraftItem {
            kind,
            reach: Reach::of(audience),
            key,
            title: h.title.clone(),
            url: h.url.clone(),
            excerpt,
            at: 0,
            people: Vec::new(),
        });
    };
    let readable: Vec<&Happened> = facts
        .events
        .iter()
        .filter(|e| e.audience != Audience::Facilitators)
        .collect();
    // Pages created in the period (their first save) and pages saved often.
    let mut saves: BTreeMap<i64, usize> = BTreeMap::new();
    for e in &readable {
        if let (EventKind::PageSaved, Some(id)) = (e.kind, e.object_id) {
            *saves.entry(id).or_default() += 1;
        }
    }
    let minutes_pages: Vec<i64> = readable
        .iter()
        .filter(|e| e.kind == EventKind::MinutesWritten)
        .filter_map(|e| e.object_id)
        .collect();
    for e in &readable {
        match (e.kind, e.object_id) {
            (EventKind::PageSaved, Some(id)) if !minutes_pages.contains(&id) => {
                if facts.excerpts.contains_key(&id) {
                    push(ItemKind::NewPage, e.audience, Some(id), e);
                } else if saves.get(&id).copied().unwrap_or(0) >= MUCH_EDITED {
                    push(ItemKind::EditedPage, e.audience, Some(id), e);
                }
            }
            (EventKind::ResourceAdded, id) => push(ItemKind::Resource, e.audience, id, e),
            (EventKind::ProjectNews, id) => push(ItemKind::ProjectNews, e.audience, id, e),
            (EventKind::ProjectCreated, id) => push(ItemKind::ProjectHelp, e.audience, id, e),
            (EventKind::MinutesWritten, id) => push(ItemKind::Minutes, e.audience, id, e),
            _ => {}
        }
    }
    for (kind, list) in [
        (ItemKind::Meeting, &facts.meetings),
        (ItemKind::Poll, &facts.polls),
    ] {
        for c in list {
            items.push(DraftItem {
                kind,
                reach: if c.members_only {
                    Reach::Members
                } else {
                    Reach::Everyone
                },
                key: format!("{}:{}", kind.code(), c.id),
                title: c.title.clone(),
                url: c.url.clone(),
                excerpt: String::new(),
                at: c.at,
                people: Vec::new(),
            });
        }
    }
    // Items keep the order of the kinds; within a kind, the order things
    // happened.
    items.sort_by_key(|i| i.kind);
    let joined: Vec<Contributor> = readable
        .iter()
        .filter(|e| e.kind == EventKind::MemberJoined)
        .filter(|e| {
            // Someone who joined and left in the period is not welcomed.
            !readable.iter().any(|l| {
                l.kind == EventKind::MemberLeft && l.object_id == e.object_id && l.at >= e.at
            })
        })
        .map(|e| Contributor {
            user_id: e.object_id,
            name: e.title.clone(),
            did: Vec::new(),
        })
        .collect();
    if !joined.is_empty() {
        items.push(DraftItem {
            kind: ItemKind::Welcome,
            // Who is in a group is for its members.
            reach: Reach::Members,
            key: "welcome:0".into(),
            title: joined
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            url: String::new(),
            excerpt: String::new(),
            at: 0,
            people: joined,
        });
    }
    let thanks = |reach: Reach, people: &[Contributor]| DraftItem {
        kind: ItemKind::Thanks,
        reach,
        key: format!("thanks:{}", reach.code()),
        title: people
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        url: String::new(),
        excerpt: String::new(),
        at: 0,
        people: people.to_vec(),
    };
    if facts.public_contributors == facts.member_contributors {
        if !facts.public_contributors.is_empty() {
            items.push(thanks(Reach::Everyone, &facts.public_contributors));
        }
    } else {
        if !facts.member_contributors.is_empty() {
            items.push(thanks(Reach::Members, &facts.member_contributors));
        }
        if !facts.public_contributors.is_empty() {
            items.push(thanks(Reach::PublicOnly, &facts.public_contributors));
        }
    }
    if !facts.ecosystem {
        items.push(DraftItem {
            kind: ItemKind::Referent,
            reach: Reach::Everyone,
            key: "referent:0".into(),
            title: facts
                .referent
                .as_ref()
                .map(|r| r.name.clone())
                .unwrap_or_default(),
            url: facts
                .referent
                .as_ref()
                .map(|r| r.contact.clone())
                .unwrap_or_default(),
            excerpt: String::new(),
            at: 0,
            people: Vec::new(),
        });
    }
    items
}

/// Whether a letter with these items has something to say: anything but
/// the referent's line.
pub fn has_news<'a>(kinds: impl IntoIterator<Item = &'a ItemKind>) -> bool {
    kinds.into_iter().any(|k| *k != ItemKind::Referent)
}

/// Whether `viewer` edits a group's letters: its facilitators and leaders,
/// and administrators (the news' rule).
pub fn may_edit(viewer: &Viewer, membership: Option<&Membership>) -> bool {
    crate::news::may_post(viewer, membership)
}

/// Whether `viewer` edits an ecosystem's letters: the instance's
/// administrators.
pub fn may_edit_ecosystem(viewer: &Viewer) -> bool {
    viewer.is_logged_in() && viewer.is_admin
}

/// Checks an editor's words for an item: trimmed, not too long (empty
/// gives the item its words back).
pub fn check_text(text: &str) -> Result<String, crate::Invalid> {
    let text = text.trim();
    if text.chars().count() > TEXT_MAX {
        return Err(crate::Invalid::new(
            "text",
            "error-newsletter-text-too-long",
        ));
    }
    Ok(text.to_string())
}

/// The message a subscriber's one-click stop link signs (the news' own:
/// one subscription, one link).
pub fn unsubscribe_message(subscriber_id: i64) -> String {
    crate::news::unsubscribe_message(subscriber_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(kind: EventKind, id: i64, title: &str, audience: Audience) -> Happened {
        Happened {
            kind,
            actor_name: "Gus".into(),
            object_id: Some(id),
            title: title.into(),
            url: format!("/x/{id}"),
            audience,
            at: id,
        }
    }

    #[test]
    fn schedules_fall_due_and_never_does_not() {
        assert!(Schedule::Monthly.due(None, 10));
        assert!(!Schedule::Monthly.due(Some(0), 29 * 86_400));
        assert!(Schedule::Monthly.due(Some(0), 30 * 86_400));
        assert!(Schedule::Fortnightly.due(Some(0), 14 * 86_400));
        assert!(!Schedule::Never.due(None, 10));
        for s in Schedule::ALL {
            assert_eq!(Schedule::from_code(s.code()), Some(s));
        }
    }

    #[test]
    fn members_only_items_stay_out_of_the_public_version() {
        let facts = Facts {
            events: vec![
                ev(EventKind::PageSaved, 1, "Semis", Audience::Public),
                ev(EventKind::PageSaved, 2, "Caisse", Audience::Members),
                ev(EventKind::PageSaved, 3, "Bureau", Audience::Facilitators),
                ev(EventKind::MemberJoined, 9, "Nina", Audience::Members),
            ],
            excerpts: [(1, "Les  semis\nde mars".to_string()), (2, "x".into())].into(),
            ..Facts::default()
        };
        let items = assemble(&facts);
        let kinds: Vec<_> = items
            .iter()
            .map(|i| (i.kind, i.reach, i.title.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (ItemKind::NewPage, Reach::Everyone, "Semis"),
                (ItemKind::NewPage, Reach::Members, "Caisse"),
                (ItemKind::Welcome, Reach::Members, "Nina"),
                (ItemKind::Referent, Reach::Everyone, ""),
            ]
        );
        assert_eq!(items[0].excerpt, "Les semis de mars");
        assert!(has_news(items.iter().map(|i| &i.kind)));
        let empty = assemble(&Facts::default());
        assert!(!has_news(empty.iter().map(|i| &i.kind)));
        assert!(Reach::PublicOnly.in_version(Version::Public));
        assert!(!Reach::PublicOnly.in_version(Version::Members));
        assert!(!Reach::Members.in_version(Version::Public));
    }

    #[test]
    fn contributors_are_counted_once_per_person_most_active_first() {
        let c = |user_id, name: &str, what, count| Counted {
            user_id,
            name: name.into(),
            what,
            count,
        };
        let list = contributors(&[
            c(Some(1), "Gus", Contribution::Wiki, 1),
            c(Some(2), "Nina", Contribution::Wiki, 3),
            c(Some(2), "Nina", Contribution::Minutes, 2),
            c(Some(1), "Gus", Contribution::LikedAnswers, 1),
            c(None, "", Contribution::Wiki, 4),
            c(Some(3), "Zoé", Contribution::Wiki, 0),
        ]);
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].name, "Nina");
        assert_eq!(
            list[0].did,
            [(Contribution::Wiki, 3), (Contribution::Minutes, 2)]
        );
        assert_eq!(list[1].total(), 2);
    }
}
