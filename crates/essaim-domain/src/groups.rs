//! Groups: what a valid directory card is, and who may do what with a group.
//!
//! The card is what the directory shows for every group, hosted here or
//! referenced (with links to its own tools elsewhere). Everything here is
//! pure: the web layer parses a form into [`GroupCardInput`], calls
//! [`GroupCardInput::validate`], and stores the [`GroupCard`] it gets back.
//!
//! Translation keys used by this module (each needs a French and an English
//! message):
//!
//! - `error-slug-empty`, `error-slug-format`, `error-slug-length`,
//!   `error-slug-reserved`
//! - `error-group-name-empty`, `error-group-name-too-short`,
//!   `error-group-name-too-long`, `error-group-name-invalid`
//! - `error-summary-empty`, `error-summary-too-long`
//! - `error-description-too-long`
//! - `error-keyword-too-long`, `error-keywords-too-many`, `error-keyword-invalid`
//! - `error-latitude-range`, `error-longitude-range`, `error-coordinates-pair`,
//!   `error-coordinate-invalid`
//! - `error-url-invalid`
//! - `error-country-invalid`, `error-region-too-long`
//! - `error-member-count-range`, `error-member-count-invalid`
//! - `error-group-kind-empty`, `error-choice-invalid`
//! - `error-license-other-empty`, `error-license-other-too-long`
//! - `error-partners-too-many`, `error-partner-name-empty`,
//!   `error-partner-name-too-long`, `error-partner-name-invalid`
//! - `error-last-facilitator`

use std::collections::BTreeMap;

use crate::errors::Invalid;
use crate::permissions::Viewer;
use serde::{Deserialize, Serialize};

/// Shortest short address (slug), in characters.
pub const SLUG_MIN: usize = 2;
/// Longest short address (slug), in characters.
pub const SLUG_MAX: usize = 40;
/// Shortest group name, in characters.
pub const GROUP_NAME_MIN: usize = 2;
/// Longest group name, in characters.
pub const GROUP_NAME_MAX: usize = 120;
/// Longest summary, in characters.
pub const SUMMARY_MAX: usize = 140;
/// Longest description, in characters.
pub const DESCRIPTION_MAX: usize = 20_000;
/// Longest keyword, in characters.
pub const KEYWORD_MAX: usize = 40;
/// Most keywords on one card.
pub const KEYWORDS_MAX: usize = 20;
/// Longest link, in characters.
pub const URL_MAX: usize = 2000;
/// Longest region name, in characters.
pub const REGION_MAX: usize = 80;
/// Largest member count a card may declare.
pub const MEMBER_COUNT_MAX: i64 = 10_000_000;
/// Most partners on one card.
pub const PARTNERS_MAX: usize = 30;
/// Longest partner name, in characters.
pub const PARTNER_NAME_MAX: usize = 120;
/// Longest description of an "other" license, in characters.
pub const LICENSE_OTHER_MAX: usize = 200;

/// What is appended to a suggested short address that is too short or reserved.
const SLUG_PAD: &str = "-groupe";

/// Short addresses no group may take: they name pages, mail boxes or routes
/// of the instance, or would confuse people ("admin", "aide").
pub const RESERVED_SLUGS: &[&str] = &[
    "admin",
    "api",
    "embed",
    "static",
    "www",
    "mail",
    "postmaster",
    "abuse",
    "hostmaster",
    "webmaster",
    "noreply",
    "no-reply",
    "root",
    "support-essaim",
    "help",
    "aide",
    "e",
    "g",
    "groups",
    "groupes",
    "wiki",
    "login",
    "logout",
    "register",
    "account",
    "compte",
    "verify",
    "password",
    "lang",
    "healthz",
    "readyz",
    "theme",
    "favicon",
    "robots",
    "sitemap",
    "feed",
    "feeds",
    "ical",
    "ics",
    "new",
    "nouveau",
    "edit",
    "bounce",
    "bounces",
    "list",
    "lists",
    "owner",
    "request",
    "subscribe",
    "unsubscribe",
    "security",
    "mailer-daemon",
    "null",
    "undefined",
];

/// ISO 3166-1 alpha-2 codes currently assigned, plus `XK` (Kosovo), the
/// user-assigned code that the EU and most registries use.
const COUNTRY_CODES: &str = "\
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ \
BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ \
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ \
DE DJ DK DM DO DZ \
EC EE EG EH ER ES ET \
FI FJ FK FM FO FR \
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY \
HK HM HN HR HT HU \
ID IE IL IM IN IO IQ IR IS IT \
JE JM JO JP \
KE KG KH KI KM KN KP KR KW KY KZ \
LA LB LC LI LK LR LS LT LU LV LY \
MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ \
NA NC NE NF NG NI NL NO NP NR NU NZ \
OM \
PA PE PF PG PH PK PL PM PN PR PS PT PW PY \
QA \
RE RO RS RU RW \
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ \
TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ \
UA UG UM US UY UZ \
VA VC VE VG VI VN VU \
WF WS \
XK \
YE YT \
ZA ZM ZW";

// ---------------------------------------------------------------------------
// Coded choices
// ---------------------------------------------------------------------------

/// What a group gathers around.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupKind {
    /// A theme (energy, housing, food…).
    Thematic,
    /// A place (a town, a valley, a region).
    Territorial,
    /// A group that supports the others (training, tools, funding).
    Support,
}

impl GroupKind {
    /// Every kind, in the order forms show them.
    pub const ALL: [GroupKind; 3] = [
        GroupKind::Thematic,
        GroupKind::Territorial,
        GroupKind::Support,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            GroupKind::Thematic => "thematic",
            GroupKind::Territorial => "territorial",
            GroupKind::Support => "support",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Where a group is in its life.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum GroupStatus {
    /// Being set up; not yet running.
    #[default]
    Preparing,
    /// Running.
    Active,
    /// Stopped; its card and content stay readable.
    Archived,
}

impl GroupStatus {
    /// Every status, in the order forms show them.
    pub const ALL: [GroupStatus; 3] = [
        GroupStatus::Preparing,
        GroupStatus::Active,
        GroupStatus::Archived,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            GroupStatus::Preparing => "preparing",
            GroupStatus::Active => "active",
            GroupStatus::Archived => "archived",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The license of what a group publishes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum License {
    /// Creative Commons Attribution 4.0.
    #[serde(rename = "cc-by-4.0")]
    CcBy4,
    /// Creative Commons Attribution-ShareAlike 4.0, the default.
    #[default]
    #[serde(rename = "cc-by-sa-4.0")]
    CcBySa4,
    /// Creative Commons Attribution-NonCommercial 4.0.
    #[serde(rename = "cc-by-nc-4.0")]
    CcByNc4,
    /// Creative Commons Attribution-NonCommercial-ShareAlike 4.0.
    #[serde(rename = "cc-by-nc-sa-4.0")]
    CcByNcSa4,
    /// Creative Commons Attribution-NoDerivatives 4.0.
    #[serde(rename = "cc-by-nd-4.0")]
    CcByNd4,
    /// Creative Commons Attribution-NonCommercial-NoDerivatives 4.0.
    #[serde(rename = "cc-by-nc-nd-4.0")]
    CcByNcNd4,
    /// CC0 1.0: no rights reserved (public domain dedication).
    #[serde(rename = "cc0-1.0")]
    Cc0,
    /// Another license, described in the card's `license_other`.
    #[serde(rename = "other")]
    Other,
}

impl License {
    /// Every license, in the order forms show them.
    pub const ALL: [License; 8] = [
        License::CcBy4,
        License::CcBySa4,
        License::CcByNc4,
        License::CcByNcSa4,
        License::CcByNd4,
        License::CcByNcNd4,
        License::Cc0,
        License::Other,
    ];

    /// The stored code (`cc-by-sa-4.0`…).
    pub fn code(self) -> &'static str {
        match self {
            License::CcBy4 => "cc-by-4.0",
            License::CcBySa4 => "cc-by-sa-4.0",
            License::CcByNc4 => "cc-by-nc-4.0",
            License::CcByNcSa4 => "cc-by-nc-sa-4.0",
            License::CcByNd4 => "cc-by-nd-4.0",
            License::CcByNcNd4 => "cc-by-nc-nd-4.0",
            License::Cc0 => "cc0-1.0",
            License::Other => "other",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The official short name ("CC BY-SA 4.0"); `None` for another license,
    /// whose name the interface translates or takes from the card.
    pub fn label(self) -> Option<&'static str> {
        match self {
            License::CcBy4 => Some("CC BY 4.0"),
            License::CcBySa4 => Some("CC BY-SA 4.0"),
            License::CcByNc4 => Some("CC BY-NC 4.0"),
            License::CcByNcSa4 => Some("CC BY-NC-SA 4.0"),
            License::CcByNd4 => Some("CC BY-ND 4.0"),
            License::CcByNcNd4 => Some("CC BY-NC-ND 4.0"),
            License::Cc0 => Some("CC0 1.0"),
            License::Other => None,
        }
    }

    /// The license's deed on creativecommons.org; `None` for another license.
    pub fn url(self) -> Option<&'static str> {
        match self {
            License::CcBy4 => Some("https://creativecommons.org/licenses/by/4.0/"),
            License::CcBySa4 => Some("https://creativecommons.org/licenses/by-sa/4.0/"),
            License::CcByNc4 => Some("https://creativecommons.org/licenses/by-nc/4.0/"),
            License::CcByNcSa4 => Some("https://creativecommons.org/licenses/by-nc-sa/4.0/"),
            License::CcByNd4 => Some("https://creativecommons.org/licenses/by-nd/4.0/"),
            License::CcByNcNd4 => Some("https://creativecommons.org/licenses/by-nc-nd/4.0/"),
            License::Cc0 => Some("https://creativecommons.org/publicdomain/zero/1.0/"),
            License::Other => None,
        }
    }
}

/// The keys of a group's service links (where its home, meetings,
/// discussions… live), in the order the card shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceLink {
    /// The group's home page.
    Home,
    /// Information about the group.
    Information,
    /// Meetings and calendar.
    Meetings,
    /// Discussions.
    Discussions,
    /// Project tracking.
    Projects,
    /// Resources open to everyone.
    Resources,
    /// Projects open to contributors.
    OpenProjects,
    /// How to join.
    Join,
    /// The member list.
    Members,
    /// Administration of the group's tools.
    Administration,
    /// Follow-up (minutes, decisions, reports).
    FollowUp,
}

impl ServiceLink {
    /// Every link, in the order the card shows them.
    pub const ALL: [ServiceLink; 11] = [
        ServiceLink::Home,
        ServiceLink::Information,
        ServiceLink::Meetings,
        ServiceLink::Discussions,
        ServiceLink::Projects,
        ServiceLink::Resources,
        ServiceLink::OpenProjects,
        ServiceLink::Join,
        ServiceLink::Members,
        ServiceLink::Administration,
        ServiceLink::FollowUp,
    ];

    /// The stored code (`home`, `open_projects`…).
    pub fn code(self) -> &'static str {
        match self {
            ServiceLink::Home => "home",
            ServiceLink::Information => "information",
            ServiceLink::Meetings => "meetings",
            ServiceLink::Discussions => "discussions",
            ServiceLink::Projects => "projects",
            ServiceLink::Resources => "resources",
            ServiceLink::OpenProjects => "open_projects",
            ServiceLink::Join => "join",
            ServiceLink::Members => "members",
            ServiceLink::Administration => "administration",
            ServiceLink::FollowUp => "follow_up",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The form field that holds this link (`link_home`…), named in errors.
    pub fn field(self) -> &'static str {
        match self {
            ServiceLink::Home => "link_home",
            ServiceLink::Information => "link_information",
            ServiceLink::Meetings => "link_meetings",
            ServiceLink::Discussions => "link_discussions",
            ServiceLink::Projects => "link_projects",
            ServiceLink::Resources => "link_resources",
            ServiceLink::OpenProjects => "link_open_projects",
            ServiceLink::Join => "link_join",
            ServiceLink::Members => "link_members",
            ServiceLink::Administration => "link_administration",
            ServiceLink::FollowUp => "link_follow_up",
        }
    }
}

/// A role a member holds in a group (a member may hold several).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum GroupRole {
    /// Takes part.
    #[default]
    Member,
    /// Runs the group day to day (an hour a week).
    Facilitator,
    /// Carries the group's direction.
    Leader,
    /// Carries a project of the group.
    ProjectHolder,
    /// Helps newcomers contribute.
    Referent,
    /// Keeps discussions civil.
    Moderator,
}

impl GroupRole {
    /// Every role, in the order forms show them.
    pub const ALL: [GroupRole; 6] = [
        GroupRole::Member,
        GroupRole::Facilitator,
        GroupRole::Leader,
        GroupRole::ProjectHolder,
        GroupRole::Referent,
        GroupRole::Moderator,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            GroupRole::Member => "member",
            GroupRole::Facilitator => "facilitator",
            GroupRole::Leader => "leader",
            GroupRole::ProjectHolder => "project_holder",
            GroupRole::Referent => "referent",
            GroupRole::Moderator => "moderator",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Who can see a member in the group's member list.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum MemberVisibility {
    /// The group's members only (the default: privacy first).
    #[default]
    Members,
    /// Anyone, logged in or not.
    Everyone,
}

impl MemberVisibility {
    /// Every choice, in the order forms show them.
    pub const ALL: [MemberVisibility; 2] = [MemberVisibility::Members, MemberVisibility::Everyone];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            MemberVisibility::Members => "members",
            MemberVisibility::Everyone => "everyone",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }
}

/// How a person joins a group.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub enum Joining {
    /// Anyone logged in joins at once.
    #[default]
    #[serde(rename = "open")]
    Open,
    /// A facilitator accepts each request.
    #[serde(rename = "request")]
    OnRequest,
}

impl Joining {
    /// Every choice, in the order forms show them.
    pub const ALL: [Joining; 2] = [Joining::Open, Joining::OnRequest];

    /// The stored code (`open`, `request`).
    pub fn code(self) -> &'static str {
        match self {
            Joining::Open => "open",
            Joining::OnRequest => "request",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|j| j.code() == code)
    }
}

// ---------------------------------------------------------------------------
// Short address (slug)
// ---------------------------------------------------------------------------

/// Whether `slug` is one of the [`RESERVED_SLUGS`].
pub fn is_reserved_slug(slug: &str) -> bool {
    RESERVED_SLUGS.contains(&slug)
}

/// Checks a short address typed by a person: trimmed, lowercased, 2 to 40
/// characters among `a-z`, `0-9` and `-`, no hyphen at either end nor two in
/// a row, not reserved.
pub fn normalize_slug(raw: &str) -> Result<String, Invalid> {
    let slug = raw.trim().to_ascii_lowercase();
    if slug.is_empty() {
        return Err(Invalid::new("slug", "error-slug-empty"));
    }
    if !slug
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(Invalid::new("slug", "error-slug-format"));
    }
    // Only ASCII is left, so bytes are characters.
    if slug.len() < SLUG_MIN || slug.len() > SLUG_MAX {
        return Err(Invalid::new("slug", "error-slug-length"));
    }
    if slug.starts_with('-') || slug.ends_with('-') || slug.contains("--") {
        return Err(Invalid::new("slug", "error-slug-format"));
    }
    if is_reserved_slug(&slug) {
        return Err(Invalid::new("slug", "error-slug-reserved"));
    }
    Ok(slug)
}

/// The ASCII spelling of a lowercase Latin letter with a diacritic or a
/// ligature (Latin-1 and Latin Extended-A); `None` for anything else.
fn fold_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ª' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ð' | 'ď' | 'đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' | 'ĸ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' | 'ŋ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'º' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ſ' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

/// Whether `c` is a combining accent (typed after its letter by some
/// keyboards and systems, e.g. `e` + U+0301 for `é`).
fn is_combining_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

/// Suggests a short address from a group's name: lowercase, accents folded
/// ("é" → "e", "œ" → "oe"), anything else a hyphen, at most 40 characters
/// (cut at a hyphen when that keeps at least half), padded with "-groupe"
/// when shorter than 2 characters or reserved. The result always passes
/// [`normalize_slug`].
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            slug.push(c);
        } else if let Some(folded) = fold_letter(c) {
            slug.push_str(folded);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_matches('-').to_string();
    if slug.len() > SLUG_MAX {
        // Only ASCII is left, so byte indexes are character indexes.
        let at_boundary = slug.as_bytes()[SLUG_MAX] == b'-';
        slug.truncate(SLUG_MAX);
        if !at_boundary {
            if let Some(hyphen) = slug.rfind('-').filter(|&i| i >= SLUG_MAX / 2) {
                slug.truncate(hyphen);
            }
        }
        slug = slug.trim_end_matches('-').to_string();
    }
    if slug.is_empty() {
        slug.push_str(&SLUG_PAD[1..]);
    } else if slug.len() < SLUG_MIN {
        slug.push_str(SLUG_PAD);
    }
    if is_reserved_slug(&slug) {
        slug.push_str(SLUG_PAD);
    }
    slug
}

/// The first free short address among `base`, `base-2`, `base-3`… (each at
/// most 40 characters, the base shortened when needed). A `base` that is
/// not shaped like a short address is first turned into one by [`slugify`].
///
/// `taken` says whether an address is already used. After 10 000 tries the
/// last candidate is returned as is: the store's uniqueness check then
/// refuses it rather than this function looping for ever.
pub fn suggest_free_slug(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let stem = match normalize_slug(base) {
        Ok(slug) => slug,
        Err(e) if e.key == "error-slug-reserved" => base.trim().to_ascii_lowercase(),
        Err(_) => slugify(base),
    };
    if normalize_slug(&stem).is_ok() && !taken(&stem) {
        return stem;
    }
    let mut candidate = stem.clone();
    for n in 2..=10_000u32 {
        let suffix = format!("-{n}");
        let mut head = stem.clone();
        head.truncate(SLUG_MAX - suffix.len());
        candidate = format!("{}{suffix}", head.trim_end_matches('-'));
        if normalize_slug(&candidate).is_ok() && !taken(&candidate) {
            return candidate;
        }
    }
    candidate
}

// ---------------------------------------------------------------------------
// Texts
// ---------------------------------------------------------------------------

/// Collapses every run of whitespace (newlines included) into one space,
/// drops other control characters, and trims.
fn collapse_whitespace(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for word in raw.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|c| !c.is_control()));
    }
    out
}

/// Checks a group's name: trimmed, 2 to 120 characters, no control characters.
pub fn normalize_name(raw: &str) -> Result<String, Invalid> {
    let name = raw.trim();
    let len = name.chars().count();
    if len == 0 {
        return Err(Invalid::new("name", "error-group-name-empty"));
    }
    if len < GROUP_NAME_MIN {
        return Err(Invalid::new("name", "error-group-name-too-short"));
    }
    if len > GROUP_NAME_MAX {
        return Err(Invalid::new("name", "error-group-name-too-long"));
    }
    if name.chars().any(char::is_control) {
        return Err(Invalid::new("name", "error-group-name-invalid"));
    }
    Ok(name.to_string())
}

/// Checks a card's one-line summary: spaces and line breaks collapsed,
/// 1 to 140 characters.
pub fn normalize_summary(raw: &str) -> Result<String, Invalid> {
    let summary = collapse_whitespace(raw);
    let len = summary.chars().count();
    if len == 0 {
        return Err(Invalid::new("summary", "error-summary-empty"));
    }
    if len > SUMMARY_MAX {
        return Err(Invalid::new("summary", "error-summary-too-long"));
    }
    Ok(summary)
}

/// Checks a description (formatted text, may be empty): line endings made
/// `\n`, control characters other than line breaks and tabs dropped (a NUL
/// would break PostgreSQL), blank lines at either end trimmed, at most
/// 20 000 characters.
pub fn check_description(raw: &str) -> Result<String, Invalid> {
    let text: String = raw
        .replace("\r\n", "\n")
        .chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect();
    // Leading spaces of the first line may be meaningful (an indented
    // block), so only whole blank lines go at the start.
    let start = text
        .char_indices()
        .scan(0, |line_start, (i, c)| {
            let current = *line_start;
            if c == '\n' {
                *line_start = i + 1;
            }
            Some((current, c))
        })
        .find(|&(_, c)| !c.is_whitespace())
        .map_or(text.len(), |(line_start, _)| line_start);
    let text = text[start..].trim_end();
    if text.chars().count() > DESCRIPTION_MAX {
        return Err(Invalid::new("description", "error-description-too-long"));
    }
    Ok(text.to_string())
}

// ---------------------------------------------------------------------------
// Keywords
// ---------------------------------------------------------------------------

/// The precomposed form of a lowercase letter followed by a combining
/// accent, for the accents French and its neighbours use.
fn compose(base: char, mark: char) -> Option<char> {
    // Pairs: base letter, then the same letter with the accent.
    let pairs = match mark {
        '\u{300}' => "aàeèiìoòuù",
        '\u{301}' => "aáeéiíoóuúyýcćnńsśzź",
        '\u{302}' => "aâeêiîoôuû",
        '\u{303}' => "aãnñoõ",
        '\u{308}' => "aäeëiïoöuüyÿ",
        '\u{30a}' => "aåuů",
        '\u{327}' => "cçsştţ",
        '\u{30c}' => "cčeěnňrřsšzž",
        _ => return None,
    };
    let chars: Vec<char> = pairs.chars().collect();
    chars
        .chunks(2)
        .find(|pair| pair[0] == base)
        .map(|pair| pair[1])
}

/// Joins a letter and the combining accent after it into one character, so
/// "e" + U+0301 and "é" make the same keyword.
fn compose_accents(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_combining_mark(c) {
            if let Some(composed) = out.chars().last().and_then(|base| compose(base, c)) {
                out.pop();
                out.push(composed);
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Normalizes one keyword, without the length check: lowercased (accents
/// kept), spaces collapsed; `None` when nothing is left.
fn clean_keyword(raw: &str) -> Result<Option<String>, Invalid> {
    let keyword = compose_accents(&collapse_whitespace(&raw.to_lowercase()));
    if keyword.is_empty() {
        return Ok(None);
    }
    // These would break the keyword's address (`/e/{keyword}`); a backslash
    // counts as a slash for browsers, and "." or ".." would climb the path.
    let breaks_url =
        keyword.chars().any(|c| "/?#<>\\,".contains(c)) || keyword.chars().all(|c| c == '.');
    if breaks_url {
        return Err(Invalid::new("keywords", "error-keyword-invalid"));
    }
    Ok(Some(keyword))
}

/// Checks one keyword, e.g. from an address like `/e/{keyword}`: trimmed,
/// lowercased (accents kept), spaces collapsed, 1 to 40 characters, none of
/// `/ ? # < > \ ,`.
pub fn normalize_keyword(raw: &str) -> Result<String, Invalid> {
    let invalid = || Invalid::new("keyword", "error-keyword-invalid");
    let keyword = clean_keyword(raw)
        .map_err(|_| invalid())?
        .ok_or_else(invalid)?;
    if keyword.chars().count() > KEYWORD_MAX {
        return Err(Invalid::new("keyword", "error-keyword-too-long"));
    }
    Ok(keyword)
}

/// Checks a card's keywords, separated by commas or line breaks: each one
/// trimmed, lowercased (accents kept), spaces collapsed, at most 40
/// characters; empty ones and repeats dropped (first order kept); at most 20.
pub fn normalize_keywords(raw: &str) -> Result<Vec<String>, Invalid> {
    let mut keywords: Vec<String> = Vec::new();
    for piece in raw.split([',', '\n', '\r']) {
        let Some(keyword) = clean_keyword(piece)? else {
            continue;
        };
        if keyword.chars().count() > KEYWORD_MAX {
            return Err(Invalid::new("keywords", "error-keyword-too-long"));
        }
        if !keywords.contains(&keyword) {
            keywords.push(keyword);
        }
    }
    if keywords.len() > KEYWORDS_MAX {
        return Err(Invalid::new("keywords", "error-keywords-too-many"));
    }
    Ok(keywords)
}

// ---------------------------------------------------------------------------
// Place
// ---------------------------------------------------------------------------

/// Parses one coordinate typed in a form: "45,76" (French decimal comma) or
/// "45.76", an optional sign; empty means none. The range is checked by
/// [`check_coordinates`].
pub fn parse_coordinate(field: &'static str, text: &str) -> Result<Option<f64>, Invalid> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let invalid = Invalid::new(field, "error-coordinate-invalid");
    if text.chars().count() > 40 {
        return Err(invalid);
    }
    // A typographic minus (U+2212) is what some French keyboards and
    // documents produce.
    let (negative, unsigned) = match text.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = unsigned.split_once([',', '.']).unwrap_or((unsigned, ""));
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction) {
        return Err(invalid);
    }
    let number: f64 = format!("0{whole}.{fraction}0")
        .parse()
        .map_err(|_| invalid)?;
    Ok(Some(if negative { -number } else { number }))
}

/// A latitude between -90 and 90.
fn check_latitude(lat: f64) -> Result<f64, Invalid> {
    if lat.is_finite() && (-90.0..=90.0).contains(&lat) {
        Ok(lat)
    } else {
        Err(Invalid::new("latitude", "error-latitude-range"))
    }
}

/// A longitude between -180 and 180.
fn check_longitude(lon: f64) -> Result<f64, Invalid> {
    if lon.is_finite() && (-180.0..=180.0).contains(&lon) {
        Ok(lon)
    } else {
        Err(Invalid::new("longitude", "error-longitude-range"))
    }
}

/// The error for a coordinate given without the other one: it names the
/// missing field.
fn check_pair(lat: Option<f64>, lon: Option<f64>) -> Result<(), Invalid> {
    match (lat, lon) {
        (Some(_), None) => Err(Invalid::new("longitude", "error-coordinates-pair")),
        (None, Some(_)) => Err(Invalid::new("latitude", "error-coordinates-pair")),
        _ => Ok(()),
    }
}

/// Checks a map position: both coordinates or neither, latitude in
/// [-90, 90], longitude in [-180, 180], finite numbers.
pub fn check_coordinates(
    lat: Option<f64>,
    lon: Option<f64>,
) -> Result<Option<(f64, f64)>, Invalid> {
    if let Some(lat) = lat {
        check_latitude(lat)?;
    }
    if let Some(lon) = lon {
        check_longitude(lon)?;
    }
    check_pair(lat, lon)?;
    Ok(lat.zip(lon))
}

/// Checks a country: empty means none; otherwise an ISO 3166-1 alpha-2 code
/// ("FR", "be"), returned uppercase.
pub fn normalize_country(raw: &str) -> Result<Option<String>, Invalid> {
    let code = raw.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Ok(None);
    }
    let known = code.len() == 2
        && code.chars().all(|c| c.is_ascii_uppercase())
        && COUNTRY_CODES.split(' ').any(|known| known == code);
    if known {
        Ok(Some(code))
    } else {
        Err(Invalid::new("country", "error-country-invalid"))
    }
}

/// Checks a region (free text, spaces collapsed): empty means none; at most
/// 80 characters.
pub fn normalize_region(raw: &str) -> Result<Option<String>, Invalid> {
    let region = collapse_whitespace(raw);
    if region.is_empty() {
        return Ok(None);
    }
    if region.chars().count() > REGION_MAX {
        return Err(Invalid::new("region", "error-region-too-long"));
    }
    Ok(Some(region))
}

/// Checks a declared member count: none, or 0 to 10 000 000.
pub fn check_member_count(raw: Option<i64>) -> Result<Option<i64>, Invalid> {
    match raw {
        Some(n) if !(0..=MEMBER_COUNT_MAX).contains(&n) => {
            Err(Invalid::new("member_count", "error-member-count-range"))
        }
        _ => Ok(raw),
    }
}

/// Parses a member count typed in a form ("1200", "1 200"): empty means none.
fn parse_member_count(raw: &str) -> Result<Option<i64>, Invalid> {
    // French writes thousands with a (narrow, non-breaking) space.
    let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty() {
        return Ok(None);
    }
    let (negative, unsigned) = match digits.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, digits.as_str()),
    };
    if unsigned.is_empty() || !unsigned.chars().all(|c| c.is_ascii_digit()) {
        return Err(Invalid::new("member_count", "error-member-count-invalid"));
    }
    // Too many digits to fit is out of range, not unreadable.
    let number = unsigned.parse::<i64>().unwrap_or(i64::MAX);
    check_member_count(Some(if negative { -number } else { number }))
}

// ---------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------

/// Whether `host` is a dotted IPv4 address (four numbers up to 255).
fn is_ipv4(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.chars().all(|c| c.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// Whether `host` is a domain name of at least two labels (letters of any
/// script, digits, hyphens inside), not ending in a number.
fn is_domain(host: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    let label_ok = |label: &&str| {
        !label.is_empty()
            && label.chars().count() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    };
    let top_ok = labels
        .last()
        .is_some_and(|top| !top.chars().all(|c| c.is_ascii_digit()));
    host.len() <= 253 && labels.len() >= 2 && labels.iter().all(label_ok) && top_ok
}

/// Whether `authority` (what follows `//` up to the path) is a host with an
/// optional port. Credentials (`user@`) are refused: they serve mostly to
/// disguise where a link leads.
fn is_authority(authority: &str) -> bool {
    let (host, port) = match authority.strip_prefix('[') {
        // An IPv6 address in brackets, then maybe a port.
        Some(rest) => match rest.split_once(']') {
            Some((inside, after)) => {
                let ipv6 = inside.contains(':')
                    && inside
                        .chars()
                        .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
                if !ipv6 {
                    return false;
                }
                match after {
                    "" => (None, None),
                    _ => match after.strip_prefix(':') {
                        Some(port) => (None, Some(port)),
                        None => return false,
                    },
                }
            }
            None => return false,
        },
        None => match authority.rsplit_once(':') {
            Some((host, port)) => (Some(host), Some(port)),
            None => (Some(authority), None),
        },
    };
    let port_ok = port.is_none_or(|p| {
        !p.is_empty()
            && p.len() <= 5
            && p.chars().all(|c| c.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| (1..=65535).contains(&n))
    });
    // `None` is an IPv6 host, already checked.
    port_ok && host.is_none_or(|h| is_ipv4(h) || is_domain(h))
}

/// Checks a web address: empty means none; otherwise an absolute `http` or
/// `https` address with a host, at most 2000 characters, without spaces or
/// characters that could break out of an HTML attribute. Other schemes
/// (`javascript:`, `data:`…) are refused. The scheme and host come back
/// lowercase.
pub fn check_url(field: &'static str, raw: &str) -> Result<Option<String>, Invalid> {
    let url = raw.trim();
    if url.is_empty() {
        return Ok(None);
    }
    let invalid = Invalid::new(field, "error-url-invalid");
    if url.chars().count() > URL_MAX
        || url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"<>\\`".contains(c))
    {
        return Err(invalid);
    }
    let (scheme, rest) = url.split_once("://").ok_or(invalid.clone())?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return Err(invalid);
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if !is_authority(authority) {
        return Err(invalid);
    }
    Ok(Some(format!(
        "{scheme}://{}{tail}",
        authority.to_lowercase()
    )))
}

// ---------------------------------------------------------------------------
// The card
// ---------------------------------------------------------------------------

/// A partner of a group, shown on its card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partner {
    /// The partner's name.
    pub name: String,
    /// The partner's web site.
    pub url: Option<String>,
    /// The address of the partner's logo.
    pub logo: Option<String>,
}

/// A group's directory card, validated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupCard {
    /// The group's name.
    pub name: String,
    /// One line saying what the group does.
    pub summary: String,
    /// What the group gathers around.
    pub kind: GroupKind,
    /// The short address (`/g/{slug}`).
    pub slug: String,
    /// The long description (formatted text; may be empty).
    pub description: String,
    /// Keywords, lowercase, accents kept; each has its ecosystem page.
    pub keywords: Vec<String>,
    /// Partners.
    pub partners: Vec<Partner>,
    /// ISO 3166-1 alpha-2 country code, uppercase.
    pub country: Option<String>,
    /// Region (free text).
    pub region: Option<String>,
    /// Latitude for the map (set together with the longitude).
    pub latitude: Option<f64>,
    /// Longitude for the map (set together with the latitude).
    pub longitude: Option<f64>,
    /// How many members the group says it has (useful for referenced groups).
    pub member_count: Option<i64>,
    /// Where the group is in its life.
    pub status: GroupStatus,
    /// The license of what the group publishes.
    pub license: License,
    /// The other license's name or address, when `license` is `Other`.
    pub license_other: Option<String>,
    /// Links to the group's services, by kind.
    pub links: BTreeMap<ServiceLink, String>,
    /// Whether the group's space is hosted here (otherwise only referenced).
    pub hosted: bool,
    /// How a person joins.
    pub joining: Joining,
}

/// One partner as a form sends it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PartnerInput {
    /// Name as typed.
    pub name: String,
    /// Web site as typed.
    pub url: String,
    /// Logo address as typed.
    pub logo: String,
}

/// A group card as a web form sends it: raw strings, nothing checked yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GroupCardInput {
    /// Name as typed.
    pub name: String,
    /// Summary as typed.
    pub summary: String,
    /// Kind code (`thematic`…); empty when none was chosen.
    pub kind: String,
    /// Short address as typed.
    pub slug: String,
    /// Description as typed.
    pub description: String,
    /// Keywords separated by commas or line breaks.
    pub keywords: String,
    /// Partner rows; rows left entirely blank are ignored.
    pub partners: Vec<PartnerInput>,
    /// Country code as typed.
    pub country: String,
    /// Region as typed.
    pub region: String,
    /// Latitude as typed ("45,76").
    pub latitude: String,
    /// Longitude as typed ("4,83").
    pub longitude: String,
    /// Member count as typed ("1 200").
    pub member_count: String,
    /// Status code; empty means `preparing`.
    pub status: String,
    /// License code; empty means the default (`cc-by-sa-4.0`).
    pub license: String,
    /// The other license, when the license code is `other`.
    pub license_other: String,
    /// Links by code (`home`, `meetings`…); empty addresses are ignored.
    pub links: BTreeMap<String, String>,
    /// A checkbox: "on", "true", "1", "yes" or "oui" mean hosted; empty,
    /// "off", "false", "0", "no" or "non" mean referenced.
    pub hosted: String,
    /// Joining code; empty means `open`.
    pub joining: String,
}

/// Parses a choice code, empty meaning the default.
fn choice<T: Default>(
    field: &'static str,
    raw: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T, Invalid> {
    match raw.trim() {
        "" => Ok(T::default()),
        code => parse(code).ok_or(Invalid::new(field, "error-choice-invalid")),
    }
}

/// Parses a checkbox value.
fn checkbox(field: &'static str, raw: &str) -> Result<bool, Invalid> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "on" | "true" | "1" | "yes" | "oui" => Ok(true),
        "" | "off" | "false" | "0" | "no" | "non" => Ok(false),
        _ => Err(Invalid::new(field, "error-choice-invalid")),
    }
}

/// Checks a partner's name: trimmed, 1 to 120 characters, no control characters.
fn normalize_partner_name(raw: &str) -> Result<String, Invalid> {
    let name = raw.trim();
    let len = name.chars().count();
    if len == 0 {
        return Err(Invalid::new("partner_name", "error-partner-name-empty"));
    }
    if len > PARTNER_NAME_MAX {
        return Err(Invalid::new("partner_name", "error-partner-name-too-long"));
    }
    if name.chars().any(char::is_control) {
        return Err(Invalid::new("partner_name", "error-partner-name-invalid"));
    }
    Ok(name.to_string())
}

/// Collects validation failures, each reported once.
struct Report(Vec<Invalid>);

impl Report {
    /// The value, or `None` after noting why it is wrong.
    fn take<T>(&mut self, result: Result<T, Invalid>) -> Option<T> {
        result
            .map_err(|e| {
                if !self.0.contains(&e) {
                    self.0.push(e);
                }
            })
            .ok()
    }
}

impl GroupCardInput {
    /// Validates the whole card, reporting every wrong field at once (in
    /// the order the form shows them).
    pub fn validate(&self) -> Result<GroupCard, Vec<Invalid>> {
        let mut report = Report(Vec::new());
        let name = report.take(normalize_name(&self.name));
        let summary = report.take(normalize_summary(&self.summary));
        let kind = report.take(match self.kind.trim() {
            "" => Err(Invalid::new("kind", "error-group-kind-empty")),
            code => GroupKind::from_code(code).ok_or(Invalid::new("kind", "error-choice-invalid")),
        });
        let slug = report.take(normalize_slug(&self.slug));
        let description = report.take(check_description(&self.description));
        let keywords = report.take(normalize_keywords(&self.keywords));

        let rows: Vec<&PartnerInput> = self
            .partners
            .iter()
            .filter(|p| {
                !(p.name.trim().is_empty() && p.url.trim().is_empty() && p.logo.trim().is_empty())
            })
            .collect();
        if rows.len() > PARTNERS_MAX {
            report.take::<()>(Err(Invalid::new("partners", "error-partners-too-many")));
        }
        let mut partners = Vec::with_capacity(rows.len());
        for row in rows {
            let name = report.take(normalize_partner_name(&row.name));
            let url = report.take(check_url("partner_url", &row.url));
            let logo = report.take(check_url("partner_logo", &row.logo));
            if let (Some(name), Some(url), Some(logo)) = (name, url, logo) {
                partners.push(Partner { name, url, logo });
            }
        }

        let country = report.take(normalize_country(&self.country));
        let region = report.take(normalize_region(&self.region));
        let latitude = report.take(
            parse_coordinate("latitude", &self.latitude)
                .and_then(|l| l.map(check_latitude).transpose()),
        );
        let longitude = report.take(
            parse_coordinate("longitude", &self.longitude)
                .and_then(|l| l.map(check_longitude).transpose()),
        );
        if let (Some(lat), Some(lon)) = (latitude, longitude) {
            report.take(check_pair(lat, lon));
        }
        let member_count = report.take(parse_member_count(&self.member_count));
        let status = report.take(choice("status", &self.status, GroupStatus::from_code));
        let license = report.take(choice("license", &self.license, License::from_code));
        let license_other = match license {
            Some(License::Other) => {
                let other = collapse_whitespace(&self.license_other);
                if other.is_empty() {
                    report.take::<()>(Err(Invalid::new(
                        "license_other",
                        "error-license-other-empty",
                    )));
                } else if other.chars().count() > LICENSE_OTHER_MAX {
                    report.take::<()>(Err(Invalid::new(
                        "license_other",
                        "error-license-other-too-long",
                    )));
                }
                Some(other)
            }
            // What was typed for another license no longer applies.
            _ => None,
        };

        let mut links = BTreeMap::new();
        for (code, raw) in &self.links {
            match ServiceLink::from_code(code.trim()) {
                Some(link) => {
                    if let Some(Some(url)) = report.take(check_url(link.field(), raw)) {
                        links.insert(link, url);
                    }
                }
                None => {
                    report.take::<()>(Err(Invalid::new("links", "error-choice-invalid")));
                }
            }
        }
        let hosted = report.take(checkbox("hosted", &self.hosted));
        let joining = report.take(choice("joining", &self.joining, Joining::from_code));

        if !report.0.is_empty() {
            return Err(report.0);
        }
        match (
            name,
            summary,
            kind,
            slug,
            description,
            keywords,
            country,
            region,
        ) {
            (
                Some(name),
                Some(summary),
                Some(kind),
                Some(slug),
                Some(description),
                Some(keywords),
                Some(country),
                Some(region),
            ) => Ok(GroupCard {
                name,
                summary,
                kind,
                slug,
                description,
                keywords,
                partners,
                country,
                region,
                latitude: latitude.flatten(),
                longitude: longitude.flatten(),
                member_count: member_count.flatten(),
                status: status.unwrap_or_default(),
                license: license.unwrap_or_default(),
                license_other,
                links,
                hosted: hosted.unwrap_or_default(),
                joining: joining.unwrap_or_default(),
            }),
            // Unreachable: every `None` above pushed an error.
            _ => Err(report.0),
        }
    }
}

// ---------------------------------------------------------------------------
// Permissions
// ---------------------------------------------------------------------------

/// A person's membership of one group: the roles they hold there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    /// The roles held (a plain member holds `Member`).
    pub roles: Vec<GroupRole>,
}

impl Membership {
    /// A membership with these roles.
    pub fn new(roles: impl IntoIterator<Item = GroupRole>) -> Self {
        Self {
            roles: roles.into_iter().collect(),
        }
    }

    /// Whether the member holds `role`.
    pub fn has(&self, role: GroupRole) -> bool {
        self.roles.contains(&role)
    }

    /// Whether the member runs the group (facilitator or leader).
    pub fn runs_group(&self) -> bool {
        self.has(GroupRole::Facilitator) || self.has(GroupRole::Leader)
    }
}

/// Editing a group's card: its facilitators and leaders, instance
/// administrators and helpers.
pub fn may_edit_card(viewer: &Viewer, membership: Option<&Membership>) -> bool {
    viewer.is_logged_in()
        && (viewer.is_admin || viewer.is_helper || membership.is_some_and(Membership::runs_group))
}

/// Giving and taking roles in a group: its facilitators and leaders, and
/// instance administrators.
pub fn may_manage_roles(viewer: &Viewer, membership: Option<&Membership>) -> bool {
    viewer.is_logged_in() && (viewer.is_admin || membership.is_some_and(Membership::runs_group))
}

/// Approving new groups for the directory: helpers and administrators.
pub fn may_approve_groups(viewer: &Viewer) -> bool {
    viewer.is_logged_in() && (viewer.is_admin || viewer.is_helper)
}

/// Seeing a member in the member list: everyone when the member chose
/// `Everyone`; otherwise the group's members and administrators.
pub fn may_see_member(
    viewer: &Viewer,
    viewer_membership: Option<&Membership>,
    member_visibility: MemberVisibility,
) -> bool {
    match member_visibility {
        MemberVisibility::Everyone => true,
        MemberVisibility::Members => {
            viewer.is_logged_in() && (viewer.is_admin || viewer_membership.is_some())
        }
    }
}

/// Leaving a group: refused to its last facilitator, so that no group is
/// left without someone to run it. `facilitator_count` counts the group's
/// facilitators, this member included.
pub fn may_leave(membership: &Membership, facilitator_count: usize) -> Result<(), Invalid> {
    if membership.has(GroupRole::Facilitator) && facilitator_count <= 1 {
        return Err(Invalid::new("membership", "error-last-facilitator"));
    }
    Ok(())
}

/// Changing a member's roles: taking the facilitator role from the group's
/// last facilitator is refused, like [`may_leave`].
pub fn check_role_change(
    membership: &Membership,
    new_roles: &[GroupRole],
    facilitator_count: usize,
) -> Result<(), Invalid> {
    if new_roles.contains(&GroupRole::Facilitator) {
        return Ok(());
    }
    may_leave(membership, facilitator_count)
        .map_err(|_| Invalid::new("roles", "error-last-facilitator"))
}

/// Whether a group created by `viewer` appears in the directory at once:
/// always for administrators and helpers, for others only when the instance
/// does not require approval.
pub fn listed_at_once(viewer: &Viewer, approval_required: bool) -> bool {
    may_approve_groups(viewer) || !approval_required
}
