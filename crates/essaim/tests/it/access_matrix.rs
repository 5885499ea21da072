//! The access matrix: every object kind × every door it has × every kind
//! of person, once in an open configuration and once closed, written as
//! one table and asserted cell by cell on both databases. Every mismatch
//! is collected and the test fails once with the whole list, so one run
//! shows every leak (a closed object seen where it must not be) and every
//! wrong refusal.
//!
//! Each object carries a marker word of its own; a door that answers 200
//! without the marker shows the object *absent*. An `Absent` cell whose
//! marker nobody ever saw through any door would prove nothing: such a
//! needle is reported too.

use std::collections::{BTreeSet, HashMap};

use essaim_mail::inbound::{Envelope, MailSink};
use mail_parser::MessageParser;

use crate::both;
use crate::discussions::{last_post_id, open_topic};
use crate::meetings::{local_in, network, schedule};
use crate::support::{extract, find_link, Backend, Browser, Resp, TestApp};

both!(every_object_through_every_door);

/// The password of every account.
const PW: &str = "mot de passe long";

/// What is looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Object {
    /// A group's directory card (closed: a group awaiting approval).
    GroupCard,
    /// A page of a group's wiki (closed: read access `members`).
    WikiPage,
    /// A file attached to that page.
    PageFile,
    /// A discussion topic (closed: the group's discussions for members).
    Topic,
    /// A reply in that topic.
    Post,
    /// A file attached to that reply.
    PostFile,
    /// A meeting (closed: members only).
    Meeting,
    /// The wiki page made by `POST {meeting}/minutes`.
    Minutes,
    /// A date poll (closed: members only, no guests).
    Poll,
    /// One member on the member list (closed: seen by members only).
    MemberList,
    /// A message of the outbox (administrators only, whatever it is about).
    OutboxMessage,
    /// A news item (closed: members only).
    News,
    /// A project open to contributors (closed: members only).
    Project,
    /// A resource, a link (closed: members only).
    Resource,
    /// A usage of a usages board (closed: the group's wiki for members).
    Usage,
    /// A newsletter in the archive (closed: a draft, for its editors).
    Newsletter,
    /// A part of a sent newsletter (closed: a members-only part, never
    /// in the public archive).
    NewsletterItem,
}

/// Where it is looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Door {
    /// The object's own HTML page.
    Page,
    /// The HTML list that holds it (directory, wiki index, forum, calendar, outbox).
    Listing,
    /// A wiki page's history.
    History,
    /// A group's recent changes page.
    Changes,
    /// The instance's agenda.
    Agenda,
    /// The JSON API's view of the object (or of its group).
    Api,
    /// The JSON API's list that holds it.
    ApiList,
    /// The JSON API's list of the group's meetings.
    ApiGroupList,
    /// The group's Atom feed (for a project or a resource: the catalogue's).
    Atom,
    /// The instance's catalogue (`/projects`, `/resources`).
    Catalogue,
    /// The instance's Atom feed of changes.
    SiteAtom,
    /// The meeting's own `.ics`.
    Ics,
    /// The group's calendar feed.
    IcsGroup,
    /// The keyword's calendar feed.
    IcsEcosystem,
    /// The person's private calendar feed.
    IcsPersonal,
    /// `/search`.
    Search,
    /// `/g/{slug}/search`.
    GroupSearch,
    /// `/api/v1/search`.
    ApiSearch,
    /// `/embed/groups?group=…`: one card for another site.
    Embed,
    /// `/embed/groups`.
    EmbedList,
    /// `/embed/e/{keyword}`.
    EmbedEcosystem,
    /// `/e/{keyword}`.
    Ecosystem,
    /// `/groups.csv`.
    Csv,
    /// `/api/v1/groups.geojson`.
    GeoJson,
    /// The file's own address.
    Attachment,
    /// The outbox message as sent.
    Raw,
    /// The outbox message's HTML part.
    HtmlPart,
    /// A reply by email (to the sender's own reply address, or to a
    /// member's forwarded one): does it become a visible post?
    EmailReply,
    /// `{slug}+subscribe@` and its signed link: does the sender become a
    /// member (and, refused, is the group's name kept from them)?
    EmailJoin,
}

/// Who looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Actor {
    /// Nobody logged in (by email: an address with no account).
    Anonymous,
    /// Nina: logged in, member of nothing.
    NonMember,
    /// Gus: a member of every group.
    Member,
    /// Fanny: proposer and facilitator of every group.
    Facilitator,
    /// Hugo: a helper of the instance, member of nothing.
    Helper,
    /// The first account: administrator, member of nothing.
    Admin,
    /// Someone without an account holding a poll's link.
    Guest,
}

/// The actors in the order of the table's letters.
const ACTORS: [Actor; 7] = [
    Actor::Anonymous,
    Actor::NonMember,
    Actor::Member,
    Actor::Facilitator,
    Actor::Helper,
    Actor::Admin,
    Actor::Guest,
];

/// Open or closed configuration of the object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Config {
    Open,
    Closed,
}

/// What a cell must show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// 200 with the object's marker (by email: posted, or joined).
    Sees,
    /// 401, 403, 404 or 410 (by email: not posted, or not joined).
    Refused,
    /// 200 without the object's marker.
    Absent,
}

/// What a cell showed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seen {
    Sees,
    Refused(u16),
    Absent,
    /// Refused, but the closed object's marker was shown on the way.
    Leak(String),
    /// Anything else (a 500, a redirect…), with the start of the body.
    Other(u16, String),
}

impl std::fmt::Display for Seen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Seen::Sees => write!(f, "sees it"),
            Seen::Refused(0) => write!(f, "refused"),
            Seen::Refused(status) => write!(f, "refused ({status})"),
            Seen::Absent => write!(f, "absent (200 without the marker)"),
            Seen::Leak(text) => write!(f, "refused, but shown the name: {text:?}"),
            Seen::Other(status, text) => write!(f, "status {status}: {text:?}"),
        }
    }
}

impl Seen {
    fn fits(&self, expect: Expect) -> bool {
        matches!(
            (self, expect),
            (Seen::Sees, Expect::Sees)
                | (Seen::Refused(_), Expect::Refused)
                | (Seen::Absent, Expect::Absent)
        )
    }
}

/// One cell of the matrix.
#[derive(Debug, Clone, Copy)]
struct Row {
    object: Object,
    door: Door,
    config: Config,
    actor: Actor,
    expect: Expect,
}

/// The matrix. Each line gives one object × door × configuration and one
/// letter per actor, in the order of [`ACTORS`]: anonymous, non-member,
/// member, facilitator, helper, admin, poll guest. `S` sees, `R` refused,
/// `A` absent (200 without the marker), `-` no such cell.
fn table() -> Vec<Row> {
    use Config::{Closed, Open};
    use Door::*;
    use Object::*;
    #[rustfmt::skip]
    let lines: &[(Object, Door, Config, &str)] = &[
        // A listed group's card is public through every door; joining by
        // email is open to anyone (members are members already).
        (GroupCard, Page,           Open,   "SSSSSS-"),
        (GroupCard, Api,            Open,   "SSSSSS-"),
        (GroupCard, ApiList,        Open,   "SSSSSS-"),
        (GroupCard, Listing,        Open,   "SSSSSS-"),
        (GroupCard, Ecosystem,      Open,   "SSSSSS-"),
        (GroupCard, Embed,          Open,   "SSSSSS-"),
        (GroupCard, EmbedList,      Open,   "SSSSSS-"),
        (GroupCard, EmbedEcosystem, Open,   "SSSSSS-"),
        (GroupCard, Csv,            Open,   "SSSSSS-"),
        (GroupCard, GeoJson,        Open,   "SSSSSS-"),
        (GroupCard, EmailJoin,      Open,   "SS--SS-"),
        // A group awaiting approval: its proposer, members, helpers and
        // administrators see the card; lists, exports and embeds show it to
        // nobody; only those who see it may join it by email.
        (GroupCard, Page,           Closed, "RRSSSS-"),
        (GroupCard, Api,            Closed, "RRSSSS-"),
        (GroupCard, ApiList,        Closed, "AAAAAA-"),
        (GroupCard, Listing,        Closed, "AAAAAA-"),
        (GroupCard, Ecosystem,      Closed, "AAAAAA-"),
        (GroupCard, Embed,          Closed, "RRRRRR-"),
        (GroupCard, EmbedList,      Closed, "AAAAAA-"),
        (GroupCard, EmbedEcosystem, Closed, "AAAAAA-"),
        (GroupCard, Csv,            Closed, "AAAAAA-"),
        (GroupCard, GeoJson,        Closed, "AAAAAA-"),
        // Found by this table: `attente+subscribe@` from anybody used to mail
        // a join link naming the hidden group, and the link's page named it
        // too; only those who see the group get an answer now.
        (GroupCard, EmailJoin,      Closed, "RR--SS-"),
        // A page readable by everyone.
        (WikiPage,  Page,           Open,   "SSSSSS-"),
        (WikiPage,  History,        Open,   "SSSSSS-"),
        (WikiPage,  Listing,        Open,   "SSSSSS-"),
        (WikiPage,  Changes,        Open,   "SSSSSS-"),
        (WikiPage,  Api,            Open,   "SSSSSS-"),
        (WikiPage,  ApiList,        Open,   "SSSSSS-"),
        (WikiPage,  Atom,           Open,   "SSSSSS-"),
        (WikiPage,  SiteAtom,       Open,   "SSSSSS-"),
        (WikiPage,  Search,         Open,   "SSSSSS-"),
        (WikiPage,  GroupSearch,    Open,   "SSSSSS-"),
        (WikiPage,  ApiSearch,      Open,   "SSSSSS-"),
        // A page for members: members and administrators only (a helper
        // who is not a member is an outsider here).
        (WikiPage,  Page,           Closed, "RRSSRS-"),
        (WikiPage,  History,        Closed, "RRSSRS-"),
        (WikiPage,  Listing,        Closed, "AASSAS-"),
        (WikiPage,  Changes,        Closed, "AASSAS-"),
        (WikiPage,  Api,            Closed, "RRSSRS-"),
        (WikiPage,  ApiList,        Closed, "AASSAS-"),
        (WikiPage,  Atom,           Closed, "AASSAS-"),
        (WikiPage,  SiteAtom,       Closed, "AASSAS-"),
        (WikiPage,  Search,         Closed, "AASSAS-"),
        (WikiPage,  GroupSearch,    Closed, "AASSAS-"),
        (WikiPage,  ApiSearch,      Closed, "AASSAS-"),
        // A page's file follows its page.
        (PageFile,  Attachment,     Open,   "SSSSSS-"),
        (PageFile,  Attachment,     Closed, "RRSSRS-"),
        // Public discussions of a listed group.
        (Topic,     Page,           Open,   "SSSSSS-"),
        (Topic,     Listing,        Open,   "SSSSSS-"),
        (Topic,     Api,            Open,   "SSSSSS-"),
        (Topic,     ApiList,        Open,   "SSSSSS-"),
        (Topic,     Atom,           Open,   "SSSSSS-"),
        (Topic,     Search,         Open,   "SSSSSS-"),
        (Topic,     GroupSearch,    Open,   "SSSSSS-"),
        (Topic,     ApiSearch,      Open,   "SSSSSS-"),
        // Discussions for members.
        (Topic,     Page,           Closed, "RRSSRS-"),
        (Topic,     Listing,        Closed, "RRSSRS-"),
        (Topic,     Api,            Closed, "RRSSRS-"),
        (Topic,     ApiList,        Closed, "RRSSRS-"),
        (Topic,     Atom,           Closed, "RRSSRS-"),
        (Topic,     Search,         Closed, "AASSAS-"),
        (Topic,     GroupSearch,    Closed, "AASSAS-"),
        (Topic,     ApiSearch,      Closed, "AASSAS-"),
        // A reply is read where its topic is; by email only members post
        // (anyone else's mail is held for the moderators, not posted).
        (Post,      Page,           Open,   "SSSSSS-"),
        (Post,      Api,            Open,   "SSSSSS-"),
        (Post,      Search,         Open,   "SSSSSS-"),
        (Post,      ApiSearch,      Open,   "SSSSSS-"),
        (Post,      EmailReply,     Open,   "RRSSRR-"),
        (Post,      Page,           Closed, "RRSSRS-"),
        (Post,      Api,            Closed, "RRSSRS-"),
        (Post,      Search,         Closed, "AASSAS-"),
        (Post,      ApiSearch,      Closed, "AASSAS-"),
        (Post,      EmailReply,     Closed, "RRSSRR-"),
        // A post's file follows its post.
        (PostFile,  Attachment,     Open,   "SSSSSS-"),
        (PostFile,  Attachment,     Closed, "RRSSRS-"),
        // A public meeting; the private feed holds one's own groups only
        // (an administrator's too).
        (Meeting,   Page,           Open,   "SSSSSS-"),
        (Meeting,   Listing,        Open,   "SSSSSS-"),
        (Meeting,   Agenda,         Open,   "SSSSSS-"),
        (Meeting,   ApiList,        Open,   "SSSSSS-"),
        (Meeting,   ApiGroupList,   Open,   "SSSSSS-"),
        (Meeting,   Ics,            Open,   "SSSSSS-"),
        (Meeting,   IcsGroup,       Open,   "SSSSSS-"),
        (Meeting,   IcsEcosystem,   Open,   "SSSSSS-"),
        (Meeting,   IcsPersonal,    Open,   "-ASSAA-"),
        (Meeting,   Search,         Open,   "SSSSSS-"),
        (Meeting,   GroupSearch,    Open,   "SSSSSS-"),
        (Meeting,   ApiSearch,      Open,   "SSSSSS-"),
        // A members-only meeting: never in a public feed, whoever asks.
        (Meeting,   Page,           Closed, "RRSSRS-"),
        (Meeting,   Listing,        Closed, "AASSAS-"),
        (Meeting,   Agenda,         Closed, "AASSAS-"),
        (Meeting,   ApiList,        Closed, "AASSAS-"),
        (Meeting,   ApiGroupList,   Closed, "AASSAS-"),
        (Meeting,   Ics,            Closed, "RRSSRS-"),
        (Meeting,   IcsGroup,       Closed, "AAAAAA-"),
        (Meeting,   IcsEcosystem,   Closed, "AAAAAA-"),
        (Meeting,   IcsPersonal,    Closed, "-ASSAA-"),
        (Meeting,   Search,         Closed, "AASSAS-"),
        (Meeting,   GroupSearch,    Closed, "AASSAS-"),
        (Meeting,   ApiSearch,      Closed, "AASSAS-"),
        // Minutes inherit their meeting's audience.
        (Minutes,   Page,           Open,   "SSSSSS-"),
        (Minutes,   Api,            Open,   "SSSSSS-"),
        (Minutes,   Listing,        Open,   "SSSSSS-"),
        (Minutes,   Atom,           Open,   "SSSSSS-"),
        (Minutes,   Search,         Open,   "SSSSSS-"),
        (Minutes,   ApiSearch,      Open,   "SSSSSS-"),
        (Minutes,   Page,           Closed, "RRSSRS-"),
        (Minutes,   Api,            Closed, "RRSSRS-"),
        (Minutes,   Listing,        Closed, "AASSAS-"),
        (Minutes,   Atom,           Closed, "AASSAS-"),
        (Minutes,   Search,         Closed, "AASSAS-"),
        (Minutes,   ApiSearch,      Closed, "AASSAS-"),
        // A public poll open to guests (the guest by their private link);
        // a members-only one without guests (the guest by its bare link).
        (Poll,      Page,           Open,   "SSSSSSS"),
        (Poll,      Api,            Open,   "SSSSSSS"),
        (Poll,      Listing,        Open,   "SSSSSSS"),
        (Poll,      Page,           Closed, "RRSSRSR"),
        (Poll,      Api,            Closed, "RRSSRSR"),
        (Poll,      Listing,        Closed, "AASSASA"),
        // A member seen by everyone, and one seen by members only, who
        // never leaves through an export, an embed or the API.
        (MemberList, Page,          Open,   "SSSSSS-"),
        (MemberList, Page,          Closed, "AASSAS-"),
        (MemberList, Api,           Closed, "AAAAAA-"),
        (MemberList, ApiList,       Closed, "AAAAAA-"),
        (MemberList, Csv,           Closed, "AAAAAA-"),
        (MemberList, GeoJson,       Closed, "AAAAAA-"),
        (MemberList, EmbedList,     Closed, "AAAAAA-"),
        (MemberList, Search,        Closed, "AAAAAA-"),
        // The outbox is for administrators, whether the email was about a
        // public discussion (open) or a members-only one (closed).
        (OutboxMessage, Page,       Open,   "RRRRRS-"),
        (OutboxMessage, Listing,    Open,   "RRRRRS-"),
        (OutboxMessage, Raw,        Open,   "RRRRRS-"),
        (OutboxMessage, HtmlPart,   Open,   "RRRRRS-"),
        (OutboxMessage, Page,       Closed, "RRRRRS-"),
        (OutboxMessage, Listing,    Closed, "RRRRRS-"),
        (OutboxMessage, Raw,        Closed, "RRRRRS-"),
        (OutboxMessage, HtmlPart,   Closed, "RRRRRS-"),
        // A public news item; a members-only one never in the public feed.
        (News,      Page,           Open,   "SSSSSS-"),
        (News,      Listing,        Open,   "SSSSSS-"),
        (News,      Atom,           Open,   "SSSSSS-"),
        (News,      Api,            Open,   "SSSSSS-"),
        (News,      ApiList,        Open,   "SSSSSS-"),
        (News,      Page,           Closed, "RRSSRS-"),
        (News,      Listing,        Closed, "AASSAS-"),
        (News,      Atom,           Closed, "AAAAAA-"),
        (News,      Api,            Closed, "RRSSRS-"),
        (News,      ApiList,        Closed, "AASSAS-"),
        (News,      Search,         Open,   "SSSSSS-"),
        (News,      ApiSearch,      Open,   "SSSSSS-"),
        (News,      Search,         Closed, "AASSAS-"),
        (News,      ApiSearch,      Closed, "AASSAS-"),
        // A public project open to contributors, and a members-only one
        // (in the catalogue for the group's members alone, never in its feed).
        (Project,   Page,           Open,   "SSSSSS-"),
        (Project,   Listing,        Open,   "SSSSSS-"),
        (Project,   Catalogue,      Open,   "SSSSSS-"),
        (Project,   Atom,           Open,   "SSSSSS-"),
        (Project,   Api,            Open,   "SSSSSS-"),
        (Project,   ApiList,        Open,   "SSSSSS-"),
        (Project,   Search,         Open,   "SSSSSS-"),
        (Project,   ApiSearch,      Open,   "SSSSSS-"),
        (Project,   Page,           Closed, "RRSSRS-"),
        (Project,   Listing,        Closed, "AASSAS-"),
        (Project,   Catalogue,      Closed, "AASSAS-"),
        (Project,   Atom,           Closed, "AAAAAA-"),
        (Project,   Api,            Closed, "RRSSRS-"),
        (Project,   ApiList,        Closed, "AASSAS-"),
        (Project,   Search,         Closed, "AASSAS-"),
        (Project,   ApiSearch,      Closed, "AASSAS-"),
        // A public resource, open to people who are not members; a
        // members-only one never in the catalogue's feed.
        (Resource,  Page,           Open,   "SSSSSS-"),
        (Resource,  Listing,        Open,   "SSSSSS-"),
        (Resource,  Catalogue,      Open,   "SSSSSS-"),
        (Resource,  Atom,           Open,   "SSSSSS-"),
        (Resource,  Api,            Open,   "SSSSSS-"),
        (Resource,  ApiList,        Open,   "SSSSSS-"),
        (Resource,  Search,         Open,   "SSSSSS-"),
        (Resource,  ApiSearch,      Open,   "SSSSSS-"),
        (Resource,  Page,           Closed, "RRSSRS-"),
        (Resource,  Listing,        Closed, "AASSAS-"),
        (Resource,  Catalogue,      Closed, "AASSAS-"),
        (Resource,  Atom,           Closed, "AAAAAA-"),
        (Resource,  Api,            Closed, "RRSSRS-"),
        (Resource,  ApiList,        Closed, "AASSAS-"),
        (Resource,  Search,         Closed, "AASSAS-"),
        (Resource,  ApiSearch,      Closed, "AASSAS-"),
        // A usage follows its group's wiki: the whole board is closed to
        // those who may not read a members-only wiki.
        (Usage,     Page,           Open,   "SSSSSS-"),
        (Usage,     Listing,        Open,   "SSSSSS-"),
        (Usage,     Api,            Open,   "SSSSSS-"),
        (Usage,     ApiList,        Open,   "SSSSSS-"),
        (Usage,     Page,           Closed, "RRSSRS-"),
        (Usage,     Listing,        Closed, "RRSSRS-"),
        (Usage,     Api,            Closed, "RRSSRS-"),
        (Usage,     ApiList,        Closed, "RRSSRS-"),
        // A sent newsletter is public; a draft its editors' only; a
        // members-only part never in the archive (editors see it in the
        // preview of the members' version).
        (Newsletter, Page,          Open,   "SSSSSS-"),
        (Newsletter, Listing,       Open,   "SSSSSS-"),
        (Newsletter, Api,           Open,   "SSSSSS-"),
        (Newsletter, ApiList,       Open,   "SSSSSS-"),
        (Newsletter, Page,          Closed, "RRRSRS-"),
        (Newsletter, Listing,       Closed, "AAASAS-"),
        (Newsletter, Api,           Closed, "RRRSRS-"),
        (Newsletter, ApiList,       Closed, "AAASAS-"),
        (NewsletterItem, Page,      Open,   "SSSSSS-"),
        (NewsletterItem, Api,       Open,   "SSSSSS-"),
        (NewsletterItem, Page,      Closed, "AAASAS-"),
        (NewsletterItem, Api,       Closed, "AAASAS-"),
    ];
    let mut rows = Vec::new();
    for (object, door, config, letters) in lines {
        assert_eq!(
            letters.len(),
            ACTORS.len(),
            "{object:?} {door:?} {config:?}"
        );
        for (actor, letter) in ACTORS.iter().zip(letters.chars()) {
            let expect = match letter {
                'S' => Expect::Sees,
                'R' => Expect::Refused,
                'A' => Expect::Absent,
                '-' => continue,
                other => panic!("unknown letter {other} in {object:?} {door:?}"),
            };
            rows.push(Row {
                object: *object,
                door: *door,
                config: *config,
                actor: *actor,
                expect,
            });
        }
    }
    rows
}

/// One object as made: its group, its address, its marker and the word
/// that finds it in search.
#[derive(Debug, Clone, Default)]
struct Thing {
    group: String,
    path: String,
    marker: String,
    word: String,
}

impl Thing {
    fn new(group: &str, path: &str, marker: &str, word: &str) -> Thing {
        Thing {
            group: group.into(),
            path: path.into(),
            marker: marker.into(),
            word: word.into(),
        }
    }

    /// The last segment of its address (a page's or minutes' short name,
    /// a topic's id, a poll's token).
    fn last(&self) -> &str {
        self.path.rsplit('/').next().unwrap_or_default()
    }

    /// Its address as a link ends (`href="…"`, or a JSON `url`).
    fn link(&self) -> String {
        format!("{}\"", self.path)
    }
}

/// How a door is knocked at.
enum Via {
    /// The actor's browser (cookies).
    Web,
    /// The actor's API token (none for anonymous people and guests).
    Api,
}

/// The instance the matrix runs against.
struct Fixture {
    app: TestApp,
    browsers: HashMap<Actor, Browser>,
    tokens: HashMap<Actor, String>,
    calendars: HashMap<Actor, String>,
    things: HashMap<(Object, Config), Thing>,
    /// The open poll's guest's private link.
    guest_link: String,
    /// Per topic, the reply address and `Message-ID` of a list email to
    /// the member and to the facilitator.
    reply_keys: HashMap<(Config, Actor), (String, String)>,
}

/// The email address of each actor (anonymous: an address with no account).
fn address(actor: Actor, purpose: &str) -> String {
    match actor {
        Actor::Anonymous | Actor::Guest => format!("inconnu-{purpose}@ailleurs.example"),
        Actor::NonMember => "nina@coop.fr".into(),
        Actor::Member => "gus@coop.fr".into(),
        Actor::Facilitator => "fanny@coop.fr".into(),
        Actor::Helper => "hugo@coop.fr".into(),
        Actor::Admin => "admin@coop.fr".into(),
    }
}

/// Saves a wiki page through its form.
async fn save_page(b: &Browser, path: &str, title: &str, text: &str) {
    let form = b.get(&format!("{path}/edit")).await;
    assert_eq!(form.status, 200, "{path}/edit: {}", form.text);
    let base = extract(&form.text, r#"name="base_revision" value=""#, '"').expect("base revision");
    let res = b
        .post_form(
            &format!("{path}/edit"),
            &[
                ("title", title),
                ("markdown", text),
                ("summary", ""),
                ("base_revision", &base),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(res.status, 303, "saving {path}: {}", res.text);
}

/// Sends one file as an upload form does.
async fn upload(app: &TestApp, b: &Browser, path: &str, name: &str, bytes: &[u8]) {
    let csrf = b.csrf().await;
    let part = reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string());
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf)
        .part("file", part);
    let res = b
        .client
        .post(format!("{}{path}", app.base))
        .multipart(form)
        .send()
        .await
        .expect("upload");
    let res = Browser::read(res).await;
    assert_eq!(res.status, 303, "upload to {path}: {}", res.text);
}

/// The first link of `page` that starts with `prefix`.
fn link_starting(page: &str, prefix: &str) -> String {
    page.split("href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap_or_default())
        .find(|s| s.starts_with(prefix))
        .unwrap_or_else(|| panic!("no link starting with {prefix} in {page}"))
        .to_string()
}

/// The account of `email`.
async fn account(app: &TestApp, email: &str) -> essaim_store::accounts::User {
    app.store
        .user_by_email(email)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no account {email}"))
}

/// The newest outbox message to `to` whose subject holds `marker`.
async fn email_about(app: &TestApp, to: &str, marker: &str) -> essaim_store::outbox::OutboxMessage {
    let summary = app
        .outbox()
        .await
        .into_iter()
        .find(|m| m.to_addr == to && m.subject.contains(marker))
        .unwrap_or_else(|| panic!("no email about {marker} to {to}"));
    app.store.outbox_message(summary.id).await.unwrap().unwrap()
}

/// The reply address and `Message-ID` of a list email.
fn reply_key(mail: &essaim_store::outbox::OutboxMessage) -> (String, String) {
    let parsed = MessageParser::default()
        .parse(&mail.raw)
        .expect("a parsable message");
    let reply_to = parsed
        .reply_to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .expect("reply-to")
        .to_string();
    (reply_to, parsed.message_id().expect("id").to_string())
}

/// Opens a poll through the form; returns its path.
async fn new_poll(fanny: &Browser, fields: &[(&str, &str)]) -> String {
    let res = fanny.post_form("/g/jardins/polls/new", fields).await;
    assert_eq!(res.status, 303, "{}", res.text);
    res.location()
}

/// Builds the instance: three groups run by Fanny (`jardins` listed with
/// public discussions, `conseil` listed with discussions for members,
/// `attente` awaiting approval), Gus a member of each, and every object
/// once open and once closed.
async fn build(backend: Backend) -> Fixture {
    let app = TestApp::start(backend).await;
    let (fanny, gus, nina) = network(&app).await;
    let admin = app.logged_in("admin@coop.fr", PW).await;
    for (name, email) in [
        ("Hugo Appui", "hugo@coop.fr"),
        ("Furet Discret", "furet@coop.fr"),
        ("Loutre Visible", "loutre@coop.fr"),
    ] {
        app.user(name, email, PW).await;
    }
    let hugo_id = account(&app, "hugo@coop.fr").await.id;
    app.store
        .db()
        .execute(
            essaim_store::q("UPDATE users SET is_helper = $1 WHERE id = $2")
                .bind(true)
                .bind(hugo_id),
        )
        .await
        .unwrap();
    let hugo = app.logged_in("hugo@coop.fr", PW).await;

    // The member list of `jardins`: Loutre shows herself to everyone,
    // Furet keeps the default (members only).
    for email in ["furet@coop.fr", "loutre@coop.fr"] {
        let b = app.logged_in(email, PW).await;
        assert_eq!(b.post_form("/g/jardins/join", &[]).await.status, 303);
        if email.starts_with("loutre") {
            let res = b
                .post_form("/g/jardins/visibility", &[("visibility", "everyone")])
                .await;
            assert_eq!(res.status, 303, "{}", res.text);
        }
    }

    // `conseil`: listed, its discussions for members.
    let res = fanny
        .post_form(
            "/groups/new",
            &crate::groups::card("Conseil Paisible", "conseil"),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let res = admin
        .post_form("/admin/groups/conseil/review", &[("decision", "approve")])
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    assert_eq!(gus.post_form("/g/conseil/join", &[]).await.status, 303);
    let res = fanny
        .post_form(
            "/g/conseil/discussions/settings",
            &[("read", "members"), ("outsiders", "moderate")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);

    // `attente`: proposed by Fanny, not approved; Gus joins through the
    // store (its page is hidden from people who are not in it).
    let res = fanny
        .post_form(
            "/groups/new",
            &crate::groups::card("Attente Quokka", "attente"),
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let waiting = app.store.group_by_slug("attente").await.unwrap().unwrap();
    assert!(!waiting.listed);
    let gus_id = account(&app, "gus@coop.fr").await.id;
    app.store.join_group(waiting.id, gus_id).await.unwrap();

    let mut things = HashMap::new();
    use Config::{Closed, Open};
    things.insert(
        (Object::GroupCard, Open),
        Thing::new("jardins", "/g/jardins", "Jardins partag", ""),
    );
    things.insert(
        (Object::GroupCard, Closed),
        Thing::new("attente", "/g/attente", "Quokka", ""),
    );
    things.insert(
        (Object::MemberList, Open),
        Thing::new("jardins", "/g/jardins/members", "Loutre Visible", "loutre"),
    );
    things.insert(
        (Object::MemberList, Closed),
        Thing::new("jardins", "/g/jardins/members", "Furet Discret", "furet"),
    );

    // Wiki pages and their files.
    for (config, title, text, file) in [
        (Open, "Pangolin", "Le pangolin dort ici.", "tapirfichier"),
        (
            Closed,
            "Ornithorynque",
            "Le cadenas ornithorynque.",
            "geckofichier",
        ),
    ] {
        let path = format!("/g/jardins/wiki/{}", title.to_lowercase());
        save_page(&fanny, &path, title, text).await;
        if config == Closed {
            let res = fanny
                .post_form(
                    &format!("{path}/settings"),
                    &[("read", "members"), ("edit", "inherit")],
                )
                .await;
            assert_eq!(res.status, 303, "{}", res.text);
        }
        upload(
            &app,
            &fanny,
            &format!("{path}/files"),
            "notes.txt",
            file.as_bytes(),
        )
        .await;
        let page = fanny.get(&path).await;
        let file_url = link_starting(&page.text, &format!("{path}/files/"));
        things.insert(
            (Object::WikiPage, config),
            Thing::new("jardins", &path, title, &title.to_lowercase()),
        );
        things.insert(
            (Object::PageFile, config),
            Thing::new("jardins", &file_url, file, ""),
        );
    }

    // Topics opened by Fanny, a reply by Gus with a file.
    for (config, slug, title, reply, file) in [
        (Open, "jardins", "Tamanoir", "Capybara", "narvalfichier"),
        (Closed, "conseil", "Axolotl", "Wombat", "lamantinfichier"),
    ] {
        let topic = open_topic(
            &fanny,
            slug,
            &format!("Sujet {title}"),
            &format!("Premier message du {}", title.to_lowercase()),
        )
        .await;
        let res = gus
            .post_form(
                &format!("{topic}/reply"),
                &[("markdown", &format!("Réponse {reply}"))],
            )
            .await;
        assert_eq!(res.status, 303, "{}", res.text);
        let post = last_post_id(&gus.get(&topic).await.text);
        upload(
            &app,
            &gus,
            &format!("{topic}/posts/{post}/files"),
            "plan.txt",
            file.as_bytes(),
        )
        .await;
        let page = fanny.get(&topic).await;
        let file_url = link_starting(&page.text, &format!("{topic}/files/"));
        things.insert(
            (Object::Topic, config),
            Thing::new(slug, &topic, title, &title.to_lowercase()),
        );
        things.insert(
            (Object::Post, config),
            Thing::new(slug, &topic, reply, &reply.to_lowercase()),
        );
        things.insert(
            (Object::PostFile, config),
            Thing::new(slug, &file_url, file, ""),
        );
    }
    app.run_jobs().await;

    // The list emails: their reply addresses, and the outbox messages.
    let mut reply_keys = HashMap::new();
    for config in [Open, Closed] {
        let title = things[&(Object::Topic, config)].marker.clone();
        for actor in [Actor::Member, Actor::Facilitator] {
            let mail = email_about(&app, &address(actor, ""), &title).await;
            reply_keys.insert((config, actor), reply_key(&mail));
            if actor == Actor::Member {
                things.insert(
                    (Object::OutboxMessage, config),
                    Thing::new("", &format!("/admin/outbox/{}", mail.id), &title, ""),
                );
            }
        }
    }

    // Meetings and their minutes.
    for (config, title, word, extra) in [
        (Open, "Atelier Blaireau", "zibeline", None),
        (
            Closed,
            "Bureau Hermine",
            "mangouste",
            Some(("visibility", "members")),
        ),
    ] {
        let description = format!("Apportez une {word}");
        let mut fields = vec![("description", description.as_str())];
        fields.extend(extra);
        let meeting = schedule(
            &fanny,
            title,
            &local_in(10, 14, 0),
            &local_in(10, 17, 0),
            &fields,
        )
        .await;
        let marker = title.split(' ').nth(1).unwrap_or_default();
        things.insert(
            (Object::Meeting, config),
            Thing::new("jardins", &meeting, marker, word),
        );
        let res = fanny.post_form(&format!("{meeting}/minutes"), &[]).await;
        assert_eq!(res.status, 303, "{}", res.text);
        let minutes = res.location().trim_end_matches("/edit").to_string();
        assert!(minutes.starts_with("/g/jardins/wiki/"), "{minutes}");
        things.insert(
            (Object::Minutes, config),
            Thing::new("jardins", &minutes, marker, &marker.to_lowercase()),
        );
    }

    // News, public and members-only.
    for (config, title, visibility) in [
        (Open, "Nouvelle Narval", "public"),
        (Closed, "Nouvelle Okapi", "members"),
    ] {
        let res = crate::news::publish(&app, &fanny, title, "Du texte", visibility, None).await;
        assert_eq!(res.status, 303, "{}", res.text);
        let marker = title.split(' ').nth(1).unwrap_or_default();
        things.insert(
            (Object::News, config),
            Thing::new("jardins", &res.location(), marker, &marker.to_lowercase()),
        );
    }

    // Projects open to contributors, public and members-only.
    for (config, title, visibility) in [
        (Open, "Projet Pangolin", "public"),
        (Closed, "Projet Quokka", "members"),
    ] {
        let res = fanny
            .post_form(
                "/g/jardins/projects/new",
                &[
                    ("title", title),
                    ("summary", "Des graines"),
                    ("status", "active"),
                    ("next_step", "Trouver une boîte"),
                    ("visibility", visibility),
                    ("open", "on"),
                ],
            )
            .await;
        assert_eq!(res.status, 303, "{}", res.text);
        let marker = title.split(' ').nth(1).unwrap_or_default();
        things.insert(
            (Object::Project, config),
            Thing::new("jardins", &res.location(), marker, &marker.to_lowercase()),
        );
    }

    // Resources, public and members-only.
    for (config, title, visibility) in [
        (Open, "Ressource Fennec", "public"),
        (Closed, "Ressource Suricate", "members"),
    ] {
        let path = crate::resources::added(
            &app,
            &fanny,
            &[
                ("title", title),
                ("url", "https://exemple.org/"),
                ("visibility", visibility),
            ],
            None,
        )
        .await;
        let marker = title.split(' ').nth(1).unwrap_or_default();
        things.insert(
            (Object::Resource, config),
            Thing::new("jardins", &path, marker, &marker.to_lowercase()),
        );
    }

    // Usages: on `jardins` (wiki for everyone) and on `conseil`, whose
    // wiki is for members.
    let res = fanny
        .post_form(
            "/g/conseil/wiki-settings",
            &[("read", "members"), ("edit", "members")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    for (config, slug, marker) in [(Open, "jardins", "Quetzal"), (Closed, "conseil", "Tatou")] {
        crate::usages::switch_on(&fanny, slug).await;
        let want = format!("Usage {marker}");
        let id = crate::usages::propose(
            &fanny,
            slug,
            &[
                ("as_who", "membre"),
                ("want", &want),
                ("so_that", "choisir"),
            ],
        )
        .await;
        things.insert(
            (Object::Usage, config),
            Thing::new(slug, &format!("/g/{slug}/usages/{id}"), marker, ""),
        );
    }

    // Newsletters: a sent one with a public part and a members-only one
    // (the editor's words carry the markers), then a draft.
    let letter = newsletter_with(
        &app,
        &fanny,
        &[("Lettre Pangolin", true), ("Lettre Tatou", false)],
    )
    .await;
    let res = fanny.post_form(&format!("{letter}/send"), &[]).await;
    assert_eq!(res.status, 303, "{}", res.text);
    app.run_jobs().await;
    things.insert(
        (Object::Newsletter, Open),
        Thing::new("jardins", &letter, "Pangolin", ""),
    );
    things.insert(
        (Object::NewsletterItem, Open),
        Thing::new("jardins", &letter, "Pangolin", ""),
    );
    things.insert(
        (Object::NewsletterItem, Closed),
        Thing::new("jardins", &letter, "Tatou", ""),
    );
    let draft = newsletter_with(&app, &fanny, &[("Brouillon Lamantin", true)]).await;
    things.insert(
        (Object::Newsletter, Closed),
        Thing::new("jardins", &draft, "Lamantin", ""),
    );

    // Polls, and a guest who answered the open one.
    let open_poll = new_poll(
        &fanny,
        &[
            ("title", "Sondage Marmotte"),
            ("date_1", &local_in(8, 18, 0)),
            ("guests_allowed", "on"),
            ("visibility", "public"),
        ],
    )
    .await;
    let closed_poll = new_poll(
        &fanny,
        &[
            ("title", "Sondage Belette"),
            ("date_1", &local_in(8, 18, 0)),
            ("visibility", "members"),
        ],
    )
    .await;
    things.insert(
        (Object::Poll, Open),
        Thing::new("jardins", &open_poll, "Marmotte", ""),
    );
    things.insert(
        (Object::Poll, Closed),
        Thing::new("jardins", &closed_poll, "Belette", ""),
    );
    let guest = app.browser();
    let page = guest.get(&open_poll).await;
    assert_eq!(page.status, 200, "{}", page.text);
    let option = extract(&page.text, r#"name="choice_"#, '"').expect("an option");
    let choice = format!("choice_{option}");
    let res = guest
        .post_form(
            &format!("{open_poll}/answer"),
            &[("name", "Invitée"), (&choice, "yes")],
        )
        .await;
    assert_eq!(res.status, 303, "{}", res.text);
    let guest_link = res
        .location()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(guest_link.contains("/k/"), "{guest_link}");

    // Everyone's browser, token and private calendar.
    let mut browsers = HashMap::new();
    browsers.insert(Actor::Anonymous, app.browser());
    browsers.insert(Actor::NonMember, nina);
    browsers.insert(Actor::Member, gus);
    browsers.insert(Actor::Facilitator, fanny);
    browsers.insert(Actor::Helper, hugo);
    browsers.insert(Actor::Admin, admin);
    browsers.insert(Actor::Guest, guest);
    let mut tokens = HashMap::new();
    let mut calendars = HashMap::new();
    for actor in [
        Actor::NonMember,
        Actor::Member,
        Actor::Facilitator,
        Actor::Helper,
        Actor::Admin,
    ] {
        let user = account(&app, &address(actor, "")).await;
        let (_, secret) = app.store.create_api_token(user.id, "t").await.unwrap();
        tokens.insert(actor, secret);
        let made = browsers[&actor].post_form("/my/calendar-key", &[]).await;
        assert_eq!(made.status, 200, "{}", made.text);
        let url = extract(&made.text, r#"id="calendar-feed">"#, '<').expect("feed address");
        calendars.insert(actor, url.trim_start_matches(&app.base).to_string());
    }
    Fixture {
        app,
        browsers,
        tokens,
        calendars,
        things,
        guest_link,
        reply_keys,
    }
}

/// Prepares `jardins`' newsletter draft as `fanny` and gives its parts
/// the editor's `words`: each to a part for everyone (`true`: the
/// referent's) or to a members-only one; gives its address.
async fn newsletter_with(app: &TestApp, fanny: &Browser, words: &[(&str, bool)]) -> String {
    use essaim_domain::newsletter::{ItemKind, Reach};
    let res = fanny.post_form("/g/jardins/newsletters/prepare", &[]).await;
    assert_eq!(res.status, 303, "{}", res.text);
    let path = res.location();
    let id: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
    let items = app.store.newsletter_items(id).await.unwrap();
    for (text, public) in words {
        let item = items
            .iter()
            .find(|i| {
                if *public {
                    i.kind == ItemKind::Referent
                } else {
                    i.reach == Reach::Members
                }
            })
            .unwrap_or_else(|| panic!("no part for {text}: {items:#?}"));
        let res = fanny
            .post_form(
                &format!("{path}/items/{}", item.id),
                &[("action", "save"), ("text", text)],
            )
            .await;
        assert_eq!(res.status, 303, "{}", res.text);
    }
    path
}

impl Fixture {
    fn thing(&self, object: Object, config: Config) -> &Thing {
        self.things
            .get(&(object, config))
            .unwrap_or_else(|| panic!("no {object:?} made {config:?}"))
    }

    /// Where a cell knocks and what it looks for there.
    fn target(&self, row: &Row) -> (Via, String, String) {
        use Door::*;
        use Object::*;
        let t = self.thing(row.object, row.config);
        let g = &t.group;
        let web = |url: String, needle: &str| (Via::Web, url, needle.to_string());
        let api = |url: String, needle: &str| (Via::Api, url, needle.to_string());
        match (row.object, row.door) {
            (GroupCard | MemberList, Page) => web(t.path.clone(), &t.marker),
            (GroupCard | MemberList, Api) => api(format!("/api/v1/groups/{g}"), &t.marker),
            (GroupCard | MemberList, ApiList) => api("/api/v1/groups".into(), &t.marker),
            (GroupCard, Listing) => web("/groups".into(), &t.marker),
            (GroupCard, Ecosystem) => web("/e/jardin".into(), &t.marker),
            (GroupCard, Embed) => web(format!("/embed/groups?group={g}"), &t.marker),
            (GroupCard | MemberList, EmbedList) => web("/embed/groups".into(), &t.marker),
            (GroupCard, EmbedEcosystem) => web("/embed/e/jardin".into(), &t.marker),
            (GroupCard | MemberList, Csv) => web("/groups.csv".into(), &t.marker),
            (GroupCard | MemberList, GeoJson) => api("/api/v1/groups.geojson".into(), &t.marker),
            (MemberList, Search) => web(format!("/search?q={}", t.word), &t.marker),
            (WikiPage | Minutes | Topic | Post | Meeting, Page) => web(t.path.clone(), &t.marker),
            (WikiPage, History) => web(format!("{}/history", t.path), &t.marker),
            (WikiPage | Minutes, Listing) => web(format!("/g/{g}/wiki"), &t.link()),
            (WikiPage, Changes) => web(format!("/g/{g}/changes"), &t.marker),
            (WikiPage | Minutes, Api) => {
                api(format!("/api/v1/groups/{g}/pages/{}", t.last()), &t.marker)
            }
            (WikiPage, ApiList) => api(
                format!("/api/v1/groups/{g}/pages"),
                &format!("{}\"", t.last()),
            ),
            (WikiPage | Minutes, Atom) => web(format!("/g/{g}/changes.atom"), t.last()),
            (WikiPage, SiteAtom) => web("/changes.atom".into(), t.last()),
            (WikiPage | Minutes | Topic | Post | Meeting, Search) => {
                web(format!("/search?q={}", t.word), &t.link())
            }
            (WikiPage | Topic | Meeting, GroupSearch) => {
                web(format!("/g/{g}/search?q={}", t.word), &t.link())
            }
            (WikiPage | Minutes | Topic | Post | Meeting, ApiSearch) => {
                api(format!("/api/v1/search?q={}", t.word), &t.link())
            }
            (PageFile | PostFile, Attachment) => web(t.path.clone(), &t.marker),
            (Topic, Listing) => web(format!("/g/{g}/discussions"), &t.marker),
            (Topic | Post, Api) => api(format!("/api/v1/topics/{}", t.last()), &t.marker),
            (Topic, ApiList) => api(format!("/api/v1/groups/{g}/topics"), &t.marker),
            (Topic, Atom) => web(format!("/g/{g}/discussions.atom"), &t.marker),
            (Meeting | Poll, Listing) => web(format!("/g/{g}/meetings"), &t.marker),
            (Meeting, Agenda) => web("/agenda".into(), &t.marker),
            (Meeting, ApiList) => api("/api/v1/meetings".into(), &t.marker),
            (Meeting, ApiGroupList) => api(format!("/api/v1/groups/{g}/meetings"), &t.marker),
            (Meeting, Ics) => web(format!("{}/meeting.ics", t.path), &t.marker),
            (Meeting, IcsGroup) => web(format!("/g/{g}/meetings.ics"), &t.marker),
            (Meeting, IcsEcosystem) => web("/e/jardin/meetings.ics".into(), &t.marker),
            (Meeting, IcsPersonal) => web(self.calendars[&row.actor].clone(), &t.marker),
            (Poll, Page) if row.actor == Actor::Guest && row.config == Config::Open => {
                web(self.guest_link.clone(), &t.marker)
            }
            (Poll, Page) => web(t.path.clone(), &t.marker),
            (Poll, Api) => api(format!("/api/v1/polls/{}", t.last()), &t.marker),
            (OutboxMessage, Page) => web(t.path.clone(), &t.marker),
            (OutboxMessage, Listing) => web("/admin/outbox".into(), &t.marker),
            (OutboxMessage, Raw) => web(format!("{}/raw", t.path), &t.marker),
            (OutboxMessage, HtmlPart) => web(format!("{}/html", t.path), &t.marker),
            (News, Page) => web(t.path.clone(), &t.marker),
            (News, Listing) => web(format!("/g/{g}/news"), &t.marker),
            (News, Atom) => web(format!("/g/{g}/news.atom"), &t.marker),
            (News, Api) => api(format!("/api/v1/news/{}", t.last()), &t.marker),
            (News, ApiList) => api(format!("/api/v1/groups/{g}/news"), &t.marker),
            (News | Project | Resource, Search) => web(format!("/search?q={}", t.word), &t.link()),
            (News | Project | Resource, ApiSearch) => {
                api(format!("/api/v1/search?q={}", t.word), &t.link())
            }
            (Project, Page) => web(t.path.clone(), &t.marker),
            (Project, Listing) => web(format!("/g/{g}/projects"), &t.marker),
            (Project, Catalogue) => web("/projects".into(), &t.marker),
            (Project, Atom) => web("/projects.atom".into(), &t.marker),
            (Project, Api) => api(format!("/api/v1/projects/{}", t.last()), &t.marker),
            (Project, ApiList) => api(format!("/api/v1/groups/{g}/projects"), &t.marker),
            (Resource, Page) => web(t.path.clone(), &t.marker),
            (Resource, Listing) => web(format!("/g/{g}/resources"), &t.marker),
            (Resource, Catalogue) => web("/resources".into(), &t.marker),
            (Resource, Atom) => web("/resources.atom".into(), &t.marker),
            (Resource, Api) => api(format!("/api/v1/resources/{}", t.last()), &t.marker),
            (Resource, ApiList) => api(format!("/api/v1/groups/{g}/resources"), &t.marker),
            (Usage, Page) => web(t.path.clone(), &t.marker),
            (Usage, Listing) => web(format!("/g/{g}/usages"), &t.marker),
            (Usage, Api) => api(format!("/api/v1/usages/{}", t.last()), &t.marker),
            (Usage, ApiList) => api(format!("/api/v1/groups/{g}/usages"), &t.marker),
            (Newsletter | NewsletterItem, Page) => web(t.path.clone(), &t.marker),
            (Newsletter, Listing) => web(format!("/g/{g}/newsletters"), &t.link()),
            (Newsletter | NewsletterItem, Api) => api(
                format!("/api/v1/groups/{g}/newsletters/{}", t.last()),
                &t.marker,
            ),
            (Newsletter, ApiList) => api(format!("/api/v1/groups/{g}/newsletters"), &t.link()),
            (object, door) => panic!("no door {door:?} for {object:?} in the matrix"),
        }
    }

    /// `GET` through a door, as the actor.
    async fn knock(&self, via: &Via, actor: Actor, url: &str) -> Resp {
        match via {
            Via::Web => self.browsers[&actor].get(url).await,
            Via::Api => {
                let mut req = reqwest::Client::new().get(format!("{}{url}", self.app.base));
                if let Some(token) = self.tokens.get(&actor) {
                    req = req.bearer_auth(token);
                }
                Browser::read(req.send().await.expect("API request")).await
            }
        }
    }

    /// What one cell shows, and where it was looked at.
    async fn observe(&self, row: &Row) -> (Seen, String, String) {
        match row.door {
            Door::EmailReply => return self.reply_by_email(row).await,
            Door::EmailJoin => return self.join_by_email(row).await,
            _ => {}
        }
        let (via, url, needle) = self.target(row);
        let res = self.knock(&via, row.actor, &url).await;
        let seen = match res.status {
            200 if res.text.contains(&needle) => Seen::Sees,
            200 => Seen::Absent,
            401 | 403 | 404 | 410 => Seen::Refused(res.status),
            status => Seen::Other(status, res.text.chars().take(200).collect()),
        };
        (seen, format!("GET {url}"), needle)
    }

    /// A reply by email to the topic: the member and the facilitator
    /// answer from their own list email; anyone else answers a member's
    /// forwarded one. Seen if it became a visible post.
    async fn reply_by_email(&self, row: &Row) -> (Seen, String, String) {
        let topic = self.thing(Object::Topic, row.config);
        let (to, parent) = self
            .reply_keys
            .get(&(row.config, row.actor))
            .unwrap_or(&self.reply_keys[&(row.config, Actor::Member)])
            .clone();
        let from = address(row.actor, "reponse");
        let word = format!("courriel{:?}{:?}", row.actor, row.config).to_lowercase();
        let raw = format!(
            "From: {from}\r\nTo: {to}\r\nSubject: Re: [{g}] Sujet {title}\r\nMessage-ID: <{word}@ailleurs.example>\r\nIn-Reply-To: <{parent}>\r\nReferences: <{parent}>\r\nDate: Tue, 1 Dec 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nJe réponds : {word}\r\n",
            g = topic.group,
            title = topic.marker,
        );
        let sink = essaim_web::DiscussionsSink::new(self.app.app_state().await);
        let envelope = Envelope {
            mail_from: Some(from.clone()),
            recipients: vec![to.clone()],
        };
        let door = format!("mail from {from} to {to}");
        if let Err(e) = sink.deliver(&envelope, raw.as_bytes()).await {
            return (Seen::Other(0, e.to_string()), door, word);
        }
        let id: i64 = topic.last().parse().expect("topic id");
        let posted = self.app.store.posts(id).await.unwrap().iter().any(|p| {
            p.markdown.contains(&word)
                && p.status == essaim_domain::discussions::PostStatus::Visible
        });
        let seen = if posted { Seen::Sees } else { Seen::Refused(0) };
        (seen, door, word)
    }

    /// `{slug}+subscribe@`, then the signed link's page and its button.
    /// Seen if the sender became a member; refused otherwise, and a
    /// refusal that shows a closed group's name is a leak.
    async fn join_by_email(&self, row: &Row) -> (Seen, String, String) {
        let card = self.thing(Object::GroupCard, row.config);
        let group = self
            .app
            .store
            .group_by_slug(&card.group)
            .await
            .unwrap()
            .unwrap();
        let from = address(row.actor, &format!("{:?}", row.config).to_lowercase());
        let to = format!("{}+subscribe@essaim.test", card.group);
        let raw = format!(
            "From: {from}\r\nTo: {to}\r\nSubject: inscription\r\nMessage-ID: <join-{from}-{}>\r\nDate: Tue, 1 Dec 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBonjour\r\n",
            group.id
        );
        let sink = essaim_web::DiscussionsSink::new(self.app.app_state().await);
        let envelope = Envelope {
            mail_from: Some(from.clone()),
            recipients: vec![to.clone()],
        };
        let door = format!("mail from {from} to {to}");
        if let Err(e) = sink.deliver(&envelope, raw.as_bytes()).await {
            return (Seen::Other(0, e.to_string()), door, card.marker.clone());
        }
        let join_path = format!("/list/join/{}/", group.id);
        let mut shown = Vec::new();
        if let Some(mail) = self
            .app
            .outbox()
            .await
            .into_iter()
            .find(|m| m.to_addr == from && m.kind == "list-subscribe")
        {
            let mail = self
                .app
                .store
                .outbox_message(mail.id)
                .await
                .unwrap()
                .unwrap();
            shown.push(format!("{}\n{}", mail.subject, mail.text_body));
            if mail.text_body.contains(&join_path) {
                let link = find_link(&mail.text_body, &join_path);
                let b = self.app.browser();
                shown.push(b.get(&link).await.text);
                let res = b
                    .post_raw_form(&link, &[("name", "Nouvelle Personne")])
                    .await;
                shown.push(res.text);
            }
        }
        let member = match self.app.store.user_by_email(&from).await.unwrap() {
            Some(user) => self
                .app
                .store
                .membership(group.id, user.id)
                .await
                .unwrap()
                .is_some(),
            None => false,
        };
        let seen = if member {
            Seen::Sees
        } else if row.config == Config::Closed && shown.iter().any(|t| t.contains(&card.marker)) {
            Seen::Leak(
                shown
                    .iter()
                    .find(|t| t.contains(&card.marker))
                    .map(|t| t.chars().take(300).collect())
                    .unwrap_or_default(),
            )
        } else {
            Seen::Refused(0)
        };
        (seen, door, card.marker.clone())
    }
}

async fn every_object_through_every_door(backend: Backend) {
    let fixture = build(backend).await;
    let mut rows = table();
    // Mail changes things (a post, a membership): read every other door
    // first, then reply by email, then join by email.
    rows.sort_by_key(|r| match r.door {
        Door::EmailReply => 1,
        Door::EmailJoin => 2,
        _ => 0,
    });
    let mut mismatches = Vec::new();
    let mut seen_needles = BTreeSet::new();
    let mut absent_needles = Vec::new();
    for row in &rows {
        let (seen, door, needle) = fixture.observe(row).await;
        if seen == Seen::Sees {
            seen_needles.insert(needle.clone());
        }
        if row.expect == Expect::Absent {
            absent_needles.push((row, needle.clone()));
        }
        if !seen.fits(row.expect) {
            mismatches.push(format!(
                "{:?} × {:?} × {:?} × {:?}: expected {:?}, got {seen} ({door}, looking for {needle:?})",
                row.object, row.door, row.actor, row.config, row.expect
            ));
        }
    }
    for (row, needle) in absent_needles {
        if !seen_needles.contains(&needle) {
            mismatches.push(format!(
                "{:?} × {:?} × {:?} × {:?}: its marker {needle:?} was never seen through any door, so its absence proves nothing",
                row.object, row.door, row.actor, row.config
            ));
        }
    }
    fixture.app.run_jobs().await;
    assert!(
        mismatches.is_empty(),
        "{} of {} cells of the access matrix do not hold:\n{}",
        mismatches.len(),
        rows.len(),
        mismatches.join("\n")
    );
}
