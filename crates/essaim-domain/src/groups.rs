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

use crate::ids::UserId;
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

    /// Links meant for members only when the group is joined on request.
    pub fn is_internal(self) -> bool {
        matches!(
            self,
            ServiceLink::Members | ServiceLink::Administration | ServiceLink::FollowUp
        )
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

/// Checks a short address sent by a program (the API): it must already be
/// in its normal form, in small letters without spaces around, so that the
/// address the caller sent is the group's address.
pub fn check_slug_as_sent(raw: &str) -> Result<String, Invalid> {
    let slug = normalize_slug(raw)?;
    if slug != raw {
        return Err(Invalid::new("slug", "error-slug-lowercase"));
    }
    Ok(slug)
}

/// The length of a text as typed, in characters (not bytes): what a form's
/// `maxlength` counts, a line break sent as CR LF counting once. Limits
/// apply to what was typed, before spaces are trimmed or collapsed, so that
/// the form, the API's document and the server count the same thing.
pub fn typed_len(raw: &str) -> usize {
    raw.chars().count() - raw.matches("\r\n").count()
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

/// Text folded for searching and for short addresses: lowercase, accents
/// folded ("é" → "e", "œ" → "oe"), every other character a word break,
/// words separated by one space. "Coopérative" and "cooperative" fold alike.
pub fn fold_for_search(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if let Some(folded) = fold_letter(c) {
            out.push_str(folded);
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// Suggests a short address from a group's name: lowercase, accents folded
/// ("é" → "e", "œ" → "oe"), anything else a hyphen, at most 40 characters
/// (cut at a hyphen when that keeps at least half), padded with "-groupe"
/// when shorter than 2 characters or reserved. The result always passes
/// [`normalize_slug`].
pub fn slugify(text: &str) -> String {
    let slug = fold_for_search(text).replace(' ', "-");
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
    if typed_len(raw) > GROUP_NAME_MAX {
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
    if summary.is_empty() {
        return Err(Invalid::new("summary", "error-summary-empty"));
    }
    if typed_len(raw) > SUMMARY_MAX {
        return Err(Invalid::new("summary", "error-summary-too-long"));
    }
    Ok(summary)
}

/// Checks a description (formatted text, may be empty): line endings made
/// `\n`, control characters other than line breaks and tabs dropped (a NUL
/// would break PostgreSQL), blank lines at either end trimmed, at most
/// 20 000 characters as typed.
pub fn check_description(raw: &str) -> Result<String, Invalid> {
    if typed_len(raw) > DESCRIPTION_MAX {
        return Err(Invalid::new("description", "error-description-too-long"));
    }
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
    Ok(text[start..].trim_end().to_string())
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
    let breaks_url = keyword.chars().any(|c| "/?#<>\\,".contains(c))
        || keyword.chars().all(|c| c == '.' || c == ' ');
    if breaks_url {
        return Err(Invalid::new("keywords", "error-keyword-invalid"));
    }
    Ok(Some(keyword))
}

/// Checks one keyword, e.g. from an address like `/e/{keyword}` or the
/// directory's filter: at most 40 characters as sent, none of
/// `/ ? # < > \ ,` nor a control character, something else than dots and
/// spaces; then trimmed, lowercased (accents kept), spaces collapsed.
/// [`KEYWORD_FILTER_PATTERN`] says the same for the API's document.
pub fn normalize_keyword(raw: &str) -> Result<String, Invalid> {
    let invalid = || Invalid::new("keyword", "error-keyword-invalid");
    if raw.chars().count() > KEYWORD_MAX {
        return Err(Invalid::new("keyword", "error-keyword-too-long"));
    }
    if raw.chars().any(char::is_control) {
        return Err(invalid());
    }
    clean_keyword(raw)
        .map_err(|_| invalid())?
        .ok_or_else(invalid)
}

/// What [`normalize_keyword`] accepts, as a regular expression (JSON Schema,
/// ECMAScript and Python alike): empty (no filter), or none of
/// `/ ? # < > \ ,` nor a control character, and at least one character that
/// is neither a dot nor a space.
pub const KEYWORD_FILTER_PATTERN: &str = r"^([^/?#<>\\,\x00-\x1f\x7f-\x9f]*[^/?#<>\\,.\s\x00-\x1f\x7f-\x9f][^/?#<>\\,\x00-\x1f\x7f-\x9f]*)?$";

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

/// The country codes [`normalize_country`] accepts (ISO 3166-1 alpha-2).
pub fn country_codes() -> impl Iterator<Item = &'static str> {
    COUNTRY_CODES.split(' ')
}

/// Reads a yes/no filter of a query string (`archived=1`): `1` or `true`
/// is yes, empty, `0` or `false` is no; anything else is refused.
pub fn parse_flag(field: &'static str, raw: &str) -> Result<bool, Invalid> {
    match raw {
        "1" | "true" => Ok(true),
        "" | "0" | "false" => Ok(false),
        _ => Err(Invalid::new(field, "error-choice-unknown")),
    }
}

/// Checks a region (free text, spaces collapsed): empty means none; at most
/// 80 characters.
pub fn normalize_region(raw: &str) -> Result<Option<String>, Invalid> {
    let region = collapse_whitespace(raw);
    if region.is_empty() {
        return Ok(None);
    }
    if typed_len(raw) > REGION_MAX {
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
    if url.is_empty() && typed_len(raw) <= URL_MAX {
        return Ok(None);
    }
    let invalid = Invalid::new(field, "error-url-invalid");
    if typed_len(raw) > URL_MAX
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
    if name.is_empty() {
        return Err(Invalid::new("partner_name", "error-partner-name-empty"));
    }
    if typed_len(raw) > PARTNER_NAME_MAX {
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
    /// Notes why a field is wrong.
    fn note(&mut self, e: Invalid) {
        if !self.0.contains(&e) {
            self.0.push(e);
        }
    }

    /// The value, or `None` after noting why it is wrong.
    fn take<T>(&mut self, result: Result<T, Invalid>) -> Option<T> {
        result.map_err(|e| self.note(e)).ok()
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
            report.note(Invalid::new("partners", "error-partners-too-many"));
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
                    report.note(Invalid::new("license_other", "error-license-other-empty"));
                } else if other.chars().count() > LICENSE_OTHER_MAX {
                    report.note(Invalid::new(
                        "license_other",
                        "error-license-other-too-long",
                    ));
                }
                Some(other)
            }
            // What was typed for another license no longer applies.
            _ => None,
        };

        let mut links = BTreeMap::new();
        for (code, raw) in &self.links {
            // The form's fields name the services exactly; a code that is
            // not one of them is refused, never trimmed into one.
            match ServiceLink::from_code(code) {
                Some(link) => {
                    if let Some(Some(url)) = report.take(check_url(link.field(), raw)) {
                        links.insert(link, url);
                    }
                }
                None => {
                    report.note(Invalid::new("links", "error-choice-invalid"));
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

    /// The membership of a member holding the stored role codes `codes`
    /// (besides being a member). A code this version does not know grants
    /// nothing.
    pub fn of_member<'a>(codes: impl IntoIterator<Item = &'a str>) -> Self {
        let mut roles: Vec<GroupRole> =
            codes.into_iter().filter_map(GroupRole::from_code).collect();
        roles.push(GroupRole::Member);
        Self::new(roles)
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

/// Whether `viewer` may edit a group's card: [`may_edit_card`], or the
/// person who proposed a referenced group (it has no members to run it).
pub fn may_edit_group(
    viewer: &Viewer,
    membership: Option<&Membership>,
    proposed_by: Option<UserId>,
    hosted: bool,
) -> bool {
    may_edit_card(viewer, membership)
        || (!hosted && viewer.user_id.is_some() && viewer.user_id == proposed_by)
}

/// Whether `viewer` may see a link of a group's card. The internal links
/// (member list, administration, project follow-up) of a group one joins on
/// request are for its members only, and never leave through the API,
/// exports or embeds (which see the group as an anonymous visitor does).
pub fn may_see_link(
    viewer: &Viewer,
    membership: Option<&Membership>,
    joining: Joining,
    link: ServiceLink,
) -> bool {
    !(link.is_internal() && joining == Joining::OnRequest)
        || membership.is_some()
        || (viewer.is_logged_in() && viewer.is_admin)
}

/// Whether `viewer` may see a group's card. Listed groups are public; a
/// group awaiting approval (or refused) is seen by its proposer, its
/// members, helpers and administrators only.
pub fn may_see_group(
    viewer: &Viewer,
    membership: Option<&Membership>,
    listed: bool,
    proposed_by: Option<UserId>,
) -> bool {
    listed
        || membership.is_some()
        || (viewer.is_logged_in() && (viewer.is_admin || viewer.is_helper))
        || (viewer.user_id.is_some() && viewer.user_id == proposed_by)
}

/// What the joining rule needs to know of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JoinTarget {
    /// In the directory.
    pub listed: bool,
    /// Who proposed it.
    pub proposed_by: Option<UserId>,
    /// Hosted here (only hosted groups have members).
    pub hosted: bool,
    /// Where it is in its life.
    pub status: GroupStatus,
    /// How people join it.
    pub joining: Joining,
}

/// How `viewer`, not yet a member, may join a group, whatever the door
/// (the group's page, the API, a `+subscribe` link): a logged-in person who
/// sees it joins a hosted group that is not archived, at once or on
/// request as the group says.
pub fn may_join(viewer: &Viewer, group: JoinTarget) -> Result<Joining, Invalid> {
    let refused = Invalid::new("group", "error-group-not-joinable");
    if !viewer.is_logged_in()
        || !may_see_group(viewer, None, group.listed, group.proposed_by)
        || !group.hosted
        || group.status == GroupStatus::Archived
    {
        return Err(refused);
    }
    Ok(group.joining)
}

/// Whether a group created by `viewer` appears in the directory at once:
/// always for administrators and helpers, for others only when the instance
/// does not require approval.
pub fn listed_at_once(viewer: &Viewer, approval_required: bool) -> bool {
    may_approve_groups(viewer) || !approval_required
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::UserId;
    use serde::de::value::StrDeserializer;
    use serde::de::IntoDeserializer;

    fn key<T: std::fmt::Debug>(result: Result<T, Invalid>) -> &'static str {
        result.unwrap_err().key
    }

    fn admin() -> Viewer {
        Viewer {
            user_id: Some(UserId(1)),
            is_admin: true,
            is_helper: false,
        }
    }

    fn helper() -> Viewer {
        Viewer {
            user_id: Some(UserId(2)),
            is_admin: false,
            is_helper: true,
        }
    }

    fn person() -> Viewer {
        Viewer {
            user_id: Some(UserId(3)),
            ..Viewer::default()
        }
    }

    #[test]
    fn archived_referenced_and_hidden_groups_cannot_be_joined() {
        let open = JoinTarget {
            listed: true,
            proposed_by: None,
            hosted: true,
            status: GroupStatus::Active,
            joining: Joining::Open,
        };
        assert_eq!(may_join(&person(), open), Ok(Joining::Open));
        let closed = JoinTarget {
            joining: Joining::OnRequest,
            ..open
        };
        assert_eq!(may_join(&person(), closed), Ok(Joining::OnRequest));
        assert!(may_join(&Viewer::anonymous(), open).is_err());
        for refused in [
            JoinTarget {
                status: GroupStatus::Archived,
                ..open
            },
            JoinTarget {
                hosted: false,
                ..open
            },
            JoinTarget {
                listed: false,
                ..open
            },
        ] {
            assert_eq!(
                may_join(&person(), refused).unwrap_err().key,
                "error-group-not-joinable"
            );
        }
        // Its proposer and helpers see an unlisted group, and may join it.
        let unlisted = JoinTarget {
            listed: false,
            proposed_by: Some(UserId(3)),
            ..open
        };
        assert!(may_join(&person(), unlisted).is_ok());
        assert!(may_join(&helper(), unlisted).is_ok());
    }

    #[test]
    fn codes_round_trip() {
        for k in GroupKind::ALL {
            assert_eq!(GroupKind::from_code(k.code()), Some(k));
        }
        for s in GroupStatus::ALL {
            assert_eq!(GroupStatus::from_code(s.code()), Some(s));
        }
        for l in License::ALL {
            assert_eq!(License::from_code(l.code()), Some(l));
            assert_eq!(l.label().is_some(), l != License::Other);
            assert_eq!(l.url().is_some(), l != License::Other);
        }
        for l in ServiceLink::ALL {
            assert_eq!(ServiceLink::from_code(l.code()), Some(l));
            assert_eq!(l.field(), format!("link_{}", l.code()));
        }
        for r in GroupRole::ALL {
            assert_eq!(GroupRole::from_code(r.code()), Some(r));
        }
        for v in MemberVisibility::ALL {
            assert_eq!(MemberVisibility::from_code(v.code()), Some(v));
        }
        for j in Joining::ALL {
            assert_eq!(Joining::from_code(j.code()), Some(j));
        }
        assert_eq!(GroupKind::from_code("Thematic"), None);
        assert_eq!(License::from_code("cc-by-sa"), None);
        assert_eq!(Joining::from_code("on_request"), None);
    }

    /// Reads a value from a bare string the way serde reads a stored code.
    fn from_serde<T: Deserialize<'static>>(code: &'static str) -> T {
        let reader: StrDeserializer<'static, serde::de::value::Error> = code.into_deserializer();
        T::deserialize(reader).unwrap()
    }

    #[test]
    fn serde_uses_the_stored_codes() {
        // Serialize and Deserialize share the renames, so reading each code
        // back checks both.
        for l in License::ALL {
            assert_eq!(from_serde::<License>(l.code()), l);
        }
        for l in ServiceLink::ALL {
            assert_eq!(from_serde::<ServiceLink>(l.code()), l);
        }
        for r in GroupRole::ALL {
            assert_eq!(from_serde::<GroupRole>(r.code()), r);
        }
        for j in Joining::ALL {
            assert_eq!(from_serde::<Joining>(j.code()), j);
        }
        for k in GroupKind::ALL {
            assert_eq!(from_serde::<GroupKind>(k.code()), k);
        }
        for s in GroupStatus::ALL {
            assert_eq!(from_serde::<GroupStatus>(s.code()), s);
        }
        for v in MemberVisibility::ALL {
            assert_eq!(from_serde::<MemberVisibility>(v.code()), v);
        }
    }

    #[test]
    fn licenses() {
        assert_eq!(License::default(), License::CcBySa4);
        assert_eq!(License::CcBySa4.label(), Some("CC BY-SA 4.0"));
        assert_eq!(License::Cc0.label(), Some("CC0 1.0"));
        assert_eq!(License::CcByNcNd4.label(), Some("CC BY-NC-ND 4.0"));
        assert_eq!(
            License::CcBySa4.url(),
            Some("https://creativecommons.org/licenses/by-sa/4.0/")
        );
        assert_eq!(
            License::Cc0.url(),
            Some("https://creativecommons.org/publicdomain/zero/1.0/")
        );
        assert_eq!(License::Other.url(), None);
        // Every deed address is itself a valid link.
        for l in License::ALL {
            if let Some(url) = l.url() {
                assert_eq!(check_url("license", url).unwrap().as_deref(), Some(url));
            }
        }
    }

    #[test]
    fn service_links_keep_their_order() {
        let codes: Vec<_> = ServiceLink::ALL.iter().map(|l| l.code()).collect();
        assert_eq!(
            codes,
            [
                "home",
                "information",
                "meetings",
                "discussions",
                "projects",
                "resources",
                "open_projects",
                "join",
                "members",
                "administration",
                "follow_up"
            ]
        );
        let mut sorted = ServiceLink::ALL;
        sorted.sort();
        assert_eq!(
            sorted,
            ServiceLink::ALL,
            "a map of links iterates in card order"
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(normalize_slug("  compost-lyon ").unwrap(), "compost-lyon");
        assert_eq!(normalize_slug("Compost-Lyon").unwrap(), "compost-lyon");
        assert_eq!(normalize_slug("ab").unwrap(), "ab");
        assert_eq!(normalize_slug("2024").unwrap(), "2024");
        assert_eq!(normalize_slug(&"a".repeat(40)).unwrap().len(), 40);
        assert_eq!(key(normalize_slug("   ")), "error-slug-empty");
        assert_eq!(key(normalize_slug("a")), "error-slug-length");
        assert_eq!(key(normalize_slug(&"a".repeat(41))), "error-slug-length");
        for bad in [
            "-compost",
            "compost-",
            "compost--lyon",
            "compost lyon",
            "jardins_partagés",
            "café",
            "a/b",
            "a.b",
        ] {
            assert_eq!(key(normalize_slug(bad)), "error-slug-format", "{bad}");
        }
        for reserved in [
            "admin",
            "API",
            "no-reply",
            "aide",
            "groupes",
            "mailer-daemon",
            "support-essaim",
        ] {
            assert_eq!(
                key(normalize_slug(reserved)),
                "error-slug-reserved",
                "{reserved}"
            );
        }
        // Every reserved word is itself shaped like a slug (lowercase, no space).
        for word in RESERVED_SLUGS {
            assert!(
                word.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{word}"
            );
        }
    }

    #[test]
    fn slugify_french_names() {
        assert_eq!(
            slugify("Compost & Jardins partagés — Lyon"),
            "compost-jardins-partages-lyon"
        );
        assert_eq!(slugify("Cœur de Bœuf"), "coeur-de-boeuf");
        assert_eq!(slugify("L'Atelier Vélo"), "l-atelier-velo");
        assert_eq!(
            slugify("Ça déménage à Saint-Étienne"),
            "ca-demenage-a-saint-etienne"
        );
        assert_eq!(slugify("Æsthétique Straße"), "aesthetique-strasse");
        assert_eq!(slugify("Łódź Škoda Ørsted"), "lodz-skoda-orsted");
        assert_eq!(slugify("  --Énergie 2030!!  "), "energie-2030");
        // An accent typed as a separate combining mark (e + U+0301).
        assert_eq!(slugify("Cafe\u{301} solidaire"), "cafe-solidaire");
        assert_eq!(slugify("ÎLE-DE-FRANCE"), "ile-de-france");
    }

    #[test]
    fn slugify_pads_and_avoids_reserved_words() {
        assert_eq!(slugify("Admin"), "admin-groupe");
        assert_eq!(slugify("Aide !"), "aide-groupe");
        assert_eq!(slugify("É"), "e-groupe");
        assert_eq!(slugify("X"), "x-groupe");
        assert_eq!(slugify("日本"), "groupe");
        assert_eq!(slugify(""), "groupe");
    }

    #[test]
    fn slugify_cuts_long_names_at_a_hyphen() {
        let name = "Réseau des coopératives d'habitants de la métropole lyonnaise";
        let slug = slugify(name);
        assert_eq!(slug, "reseau-des-cooperatives-d-habitants-de");
        assert!(slug.len() <= SLUG_MAX);
        // One long word is cut hard.
        assert_eq!(slugify(&"a".repeat(60)), "a".repeat(40));
        // A cut falling right before a hyphen keeps the whole word.
        let exact = format!("{}-suite", "b".repeat(40));
        assert_eq!(slugify(&exact), "b".repeat(40));
        // A hyphen too early is not used: cutting there would lose too much.
        let early = format!("ab-{}", "c".repeat(50));
        assert_eq!(slugify(&early).len(), 40);
    }

    #[test]
    fn slugify_always_gives_a_valid_slug() {
        let samples = [
            "Compost & Jardins partagés — Lyon",
            "a",
            "",
            "-",
            "e",
            "g",
            "no reply",
            "Mailer Daemon",
            "Support Essaim",
            "日本語のグループ",
            "ÿŸẞ İstanbul",
            "x-",
            "Ⅻ ① ½",
            &"mot ".repeat(30),
            &"é".repeat(45),
            &format!("{}-{}", "a".repeat(39), "b".repeat(5)),
        ];
        for sample in samples {
            let slug = slugify(sample);
            assert_eq!(
                normalize_slug(&slug).as_deref(),
                Ok(slug.as_str()),
                "{sample:?} → {slug:?}"
            );
        }
    }

    #[test]
    fn free_slugs() {
        let taken = ["compost-lyon", "compost-lyon-2", "admin-2"];
        let is_taken = |s: &str| taken.contains(&s);
        assert_eq!(suggest_free_slug("jardins", is_taken), "jardins");
        assert_eq!(
            suggest_free_slug("compost-lyon", is_taken),
            "compost-lyon-3"
        );
        // A reserved base is never suggested as is.
        assert_eq!(suggest_free_slug("admin", is_taken), "admin-3");
        // A name rather than a slug is turned into one first.
        assert_eq!(
            suggest_free_slug("Compost Lyon", is_taken),
            "compost-lyon-3"
        );
        // The suffix still fits in 40 characters.
        let long = "a".repeat(40);
        let suggestion = suggest_free_slug(&long, |s| s == long);
        assert_eq!(suggestion, format!("{}-2", "a".repeat(38)));
        // A shortened base never ends with a hyphen before the suffix.
        let hyphen = format!("{}-b", "a".repeat(37));
        let suggestion = suggest_free_slug(&hyphen, |s| s == hyphen);
        assert_eq!(suggestion, format!("{}-2", "a".repeat(37)));
        let many = suggest_free_slug("jardin", |s| s != "jardin-12");
        assert_eq!(many, "jardin-12");
        // Never loops for ever, even when everything is taken.
        assert!(suggest_free_slug("ab", |_| true).starts_with("ab-"));
    }

    #[test]
    fn names_summaries_descriptions() {
        assert_eq!(
            normalize_name("  Jardins du Rhône ").unwrap(),
            "Jardins du Rhône"
        );
        assert_eq!(key(normalize_name(" ")), "error-group-name-empty");
        assert_eq!(key(normalize_name("A")), "error-group-name-too-short");
        assert!(normalize_name("Ça").is_ok());
        assert!(normalize_name(&"é".repeat(120)).is_ok());
        assert_eq!(
            key(normalize_name(&"é".repeat(121))),
            "error-group-name-too-long"
        );
        assert_eq!(
            key(normalize_name("Jardins\u{0}")),
            "error-group-name-invalid"
        );
        assert_eq!(
            key(normalize_name("Jardins\tdu Rhône")),
            "error-group-name-invalid"
        );

        assert_eq!(
            normalize_summary("  Nous cultivons\r\n des  jardins ").unwrap(),
            "Nous cultivons des jardins"
        );
        assert_eq!(key(normalize_summary(" \n ")), "error-summary-empty");
        assert!(normalize_summary("x").is_ok());
        // Counted in characters, not bytes.
        assert!(normalize_summary(&"é".repeat(140)).is_ok());
        assert_eq!(
            key(normalize_summary(&"é".repeat(141))),
            "error-summary-too-long"
        );

        assert_eq!(check_description("").unwrap(), "");
        assert_eq!(
            check_description("\r\n\n  Bienvenue\r\n\r\n- un\n- deux\n\n  ").unwrap(),
            "  Bienvenue\n\n- un\n- deux"
        );
        assert_eq!(check_description("a\u{0}b").unwrap(), "ab");
        assert!(check_description(&"é".repeat(20_000)).is_ok());
        assert_eq!(
            key(check_description(&"é".repeat(20_001))),
            "error-description-too-long"
        );
    }

    #[test]
    fn keywords() {
        assert_eq!(
            normalize_keywords("Écologie, énergie ,  ÉCOLOGIE").unwrap(),
            ["écologie", "énergie"]
        );
        assert_eq!(
            normalize_keywords("Habitat  Participatif\nhabitat participatif\r\n, ,\n Économie sociale et solidaire")
                .unwrap(),
            ["habitat participatif", "économie sociale et solidaire"]
        );
        assert_eq!(normalize_keywords("  ").unwrap(), Vec::<String>::new());
        // A decomposed accent and a precomposed one make the same keyword.
        assert_eq!(
            normalize_keywords("e\u{301}nergie, énergie").unwrap(),
            ["énergie"]
        );
        assert!(normalize_keywords(&"é".repeat(40)).is_ok());
        assert_eq!(
            key(normalize_keywords(&"é".repeat(41))),
            "error-keyword-too-long"
        );
        let twenty: Vec<String> = (1..=20).map(|n| format!("mot {n}")).collect();
        assert_eq!(normalize_keywords(&twenty.join(",")).unwrap().len(), 20);
        let twenty_one: Vec<String> = (1..=21).map(|n| format!("mot {n}")).collect();
        assert_eq!(
            key(normalize_keywords(&twenty_one.join(","))),
            "error-keywords-too-many"
        );
        // Repeats do not count towards the limit.
        let repeated = format!("{},mot 1,Mot 1", twenty.join(","));
        assert_eq!(normalize_keywords(&repeated).unwrap().len(), 20);
        for bad in ["a/b", "quoi?", "#tag", "<b>", "x>y", "a\\b", "..", "."] {
            assert_eq!(
                key(normalize_keywords(bad)),
                "error-keyword-invalid",
                "{bad}"
            );
        }
        assert_eq!(
            normalize_keywords("v1.2, l'été").unwrap(),
            ["v1.2", "l'été"]
        );
    }

    #[test]
    fn limits_count_characters_as_typed() {
        // Characters, not bytes: 20 000 "é" fit, one more does not.
        assert!(check_description(&"é".repeat(DESCRIPTION_MAX)).is_ok());
        assert_eq!(
            key(check_description(&"é".repeat(DESCRIPTION_MAX + 1))),
            "error-description-too-long"
        );
        // As typed: spaces trimmed afterwards still count…
        let padded = format!("{}{}", "a".repeat(DESCRIPTION_MAX), "  ");
        assert_eq!(
            key(check_description(&padded)),
            "error-description-too-long"
        );
        assert_eq!(
            key(normalize_name(&format!("{} ", "a".repeat(GROUP_NAME_MAX)))),
            "error-group-name-too-long"
        );
        assert_eq!(
            key(normalize_summary(&format!("{}\n", "a".repeat(SUMMARY_MAX)))),
            "error-summary-too-long"
        );
        assert_eq!(
            key(normalize_region(&format!("{} ", "a".repeat(REGION_MAX)))),
            "error-region-too-long"
        );
        assert_eq!(
            key(check_url("link_home", &" ".repeat(URL_MAX + 1))),
            "error-url-invalid"
        );
        let url = format!("https://example.org/{}", "é".repeat(URL_MAX - 20));
        assert!(check_url("link_home", &url).unwrap().is_some());
        // …but a line break sent as CR LF counts once, as a text box counts it.
        let lines = "abcd\r\n".repeat(DESCRIPTION_MAX / 5);
        assert_eq!(typed_len(&lines), DESCRIPTION_MAX);
        assert!(check_description(&lines).is_ok());
    }

    #[test]
    fn slugs_as_sent_are_in_normal_form() {
        assert_eq!(check_slug_as_sent("jardins-lyon").unwrap(), "jardins-lyon");
        for raw in ["Jardins-Lyon", " jardins", "jardins\n"] {
            assert_eq!(
                key(check_slug_as_sent(raw)),
                "error-slug-lowercase",
                "{raw:?}"
            );
        }
        assert_eq!(key(check_slug_as_sent("a--b")), "error-slug-format");
        // A form still writes what a person typed in small letters.
        assert_eq!(normalize_slug(" Jardins ").unwrap(), "jardins");
    }

    #[test]
    fn a_link_names_its_service_exactly() {
        let mut input = GroupCardInput {
            name: "Jardins".into(),
            summary: "Des jardins".into(),
            kind: "territorial".into(),
            slug: "jardins".into(),
            ..Default::default()
        };
        input
            .links
            .insert(" home".into(), "https://example.org".into());
        let errors = input.validate().unwrap_err();
        assert_eq!(errors[0].key, "error-choice-invalid");
        input.links.clear();
        input
            .links
            .insert("home".into(), "https://example.org".into());
        assert!(input.validate().is_ok());
    }

    #[test]
    fn keyword_filter_as_its_pattern_says() {
        assert_eq!(normalize_keyword(" Jardin ").unwrap(), "jardin");
        assert_eq!(
            normalize_keyword(&"é".repeat(KEYWORD_MAX))
                .unwrap()
                .chars()
                .count(),
            40
        );
        assert_eq!(
            key(normalize_keyword(&format!(" {}", "a".repeat(KEYWORD_MAX)))),
            "error-keyword-too-long"
        );
        for raw in ["\u{1}", "a\u{7f}", ". .", "..", "  ", "a/b", "a,b"] {
            assert_eq!(
                key(normalize_keyword(raw)),
                "error-keyword-invalid",
                "{raw:?}"
            );
        }
        assert!(KEYWORD_FILTER_PATTERN.contains(r"\x00-\x1f"));
    }

    #[test]
    fn one_keyword() {
        assert_eq!(
            normalize_keyword(" Énergie  Citoyenne ").unwrap(),
            "énergie citoyenne"
        );
        assert_eq!(key(normalize_keyword("  ")), "error-keyword-invalid");
        assert_eq!(key(normalize_keyword("a,b")), "error-keyword-invalid");
        assert_eq!(key(normalize_keyword("../admin")), "error-keyword-invalid");
        assert_eq!(
            key(normalize_keyword(&"x".repeat(41))),
            "error-keyword-too-long"
        );
        assert_eq!(normalize_keyword("x/y").unwrap_err().field, "keyword");
    }

    #[test]
    fn coordinates() {
        assert_eq!(parse_coordinate("latitude", "45,76").unwrap(), Some(45.76));
        assert_eq!(
            parse_coordinate("latitude", " 45.76 ").unwrap(),
            Some(45.76)
        );
        assert_eq!(parse_coordinate("longitude", "-4,5").unwrap(), Some(-4.5));
        assert_eq!(
            parse_coordinate("longitude", "\u{2212}4,5").unwrap(),
            Some(-4.5)
        );
        assert_eq!(parse_coordinate("longitude", "+4").unwrap(), Some(4.0));
        assert_eq!(parse_coordinate("longitude", ",5").unwrap(), Some(0.5));
        assert_eq!(parse_coordinate("longitude", "5,").unwrap(), Some(5.0));
        assert_eq!(parse_coordinate("latitude", "").unwrap(), None);
        assert_eq!(parse_coordinate("latitude", "   ").unwrap(), None);
        for bad in [
            "45,7,6", "45.7,6", "abc", "NaN", "inf", "1e5", "-", ",", "45°", "4 5", "--4",
        ] {
            let e = parse_coordinate("latitude", bad).unwrap_err();
            assert_eq!(
                (e.field, e.key),
                ("latitude", "error-coordinate-invalid"),
                "{bad}"
            );
        }

        assert_eq!(check_coordinates(None, None).unwrap(), None);
        assert_eq!(
            check_coordinates(Some(45.76), Some(4.83)).unwrap(),
            Some((45.76, 4.83))
        );
        assert!(check_coordinates(Some(-90.0), Some(180.0)).is_ok());
        assert_eq!(
            key(check_coordinates(Some(90.5), Some(4.0))),
            "error-latitude-range"
        );
        assert_eq!(
            key(check_coordinates(Some(45.0), Some(-180.1))),
            "error-longitude-range"
        );
        assert_eq!(
            key(check_coordinates(Some(f64::NAN), Some(4.0))),
            "error-latitude-range"
        );
        assert_eq!(
            key(check_coordinates(Some(4.0), Some(f64::INFINITY))),
            "error-longitude-range"
        );
        let e = check_coordinates(Some(45.0), None).unwrap_err();
        assert_eq!((e.field, e.key), ("longitude", "error-coordinates-pair"));
        let e = check_coordinates(None, Some(4.0)).unwrap_err();
        assert_eq!((e.field, e.key), ("latitude", "error-coordinates-pair"));
    }

    #[test]
    fn urls() {
        let ok = |raw: &str| check_url("url", raw).unwrap();
        assert_eq!(ok(""), None);
        assert_eq!(ok("  "), None);
        assert_eq!(
            ok(" https://jardins.example.org/ "),
            Some("https://jardins.example.org/".into())
        );
        assert_eq!(
            ok("HTTPS://Jardins.Example.ORG/Page?x=1#Haut"),
            Some("https://jardins.example.org/Page?x=1#Haut".into())
        );
        assert_eq!(ok("http://example.org"), Some("http://example.org".into()));
        assert_eq!(
            ok("https://example.org:8443/x"),
            Some("https://example.org:8443/x".into())
        );
        assert_eq!(
            ok("https://192.168.1.10/"),
            Some("https://192.168.1.10/".into())
        );
        assert_eq!(
            ok("https://[2001:db8::1]:8080/"),
            Some("https://[2001:db8::1]:8080/".into())
        );
        assert_eq!(
            ok("https://café.fr/menu"),
            Some("https://café.fr/menu".into())
        );
        assert_eq!(
            ok("https://fr.wikipedia.org/wiki/L'Isle-d'Abeau"),
            Some("https://fr.wikipedia.org/wiki/L'Isle-d'Abeau".into())
        );
        assert_eq!(
            ok("https://example.org?q=1"),
            Some("https://example.org?q=1".into())
        );
        for bad in [
            "javascript:alert(1)",
            "JavaScript://example.org/%0Aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "data://example.org/x",
            "ftp://example.org/",
            "mailto:contact@example.org",
            "//example.org/",
            "example.org",
            "https:/example.org",
            "https://",
            "https:///path",
            "https://example",
            "https://exa mple.org",
            "https://example.org/a b",
            "https://example.org/\"onmouseover=",
            "https://example.org/<script>",
            "https://user:pass@example.org/",
            "https://bank.example@evil.example/",
            "https://evil.example\\@bank.example/",
            "https://-bad.org/",
            "https://bad-.org/",
            "https://example..org/",
            "https://example.org:0/",
            "https://example.org:99999/",
            "https://example.org:/",
            "https://example.org:http/",
            "https://1.2.3.999/",
            "https://[2001:db8::1/",
            "https://[zz::1]/",
            "https://example.org/\u{0}",
        ] {
            let e = check_url("link_home", bad).unwrap_err();
            assert_eq!(
                (e.field, e.key),
                ("link_home", "error-url-invalid"),
                "{bad}"
            );
        }
        let long = format!("https://example.org/{}", "a".repeat(URL_MAX));
        assert!(check_url("url", &long).is_err());
        let fits = format!("https://example.org/{}", "a".repeat(URL_MAX - 20));
        assert!(check_url("url", &fits).is_ok());
    }

    #[test]
    fn countries_regions_counts() {
        assert_eq!(normalize_country("").unwrap(), None);
        assert_eq!(normalize_country(" fr ").unwrap().as_deref(), Some("FR"));
        assert_eq!(normalize_country("BE").unwrap().as_deref(), Some("BE"));
        assert_eq!(normalize_country("xk").unwrap().as_deref(), Some("XK"));
        for bad in ["FRA", "F", "XX", "UK", "é", "1A", "France"] {
            assert_eq!(
                key(normalize_country(bad)),
                "error-country-invalid",
                "{bad}"
            );
        }
        let codes: Vec<&str> = COUNTRY_CODES.split(' ').collect();
        assert_eq!(codes.len(), 249 + 1);
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");

        assert_eq!(normalize_region("  ").unwrap(), None);
        assert_eq!(
            normalize_region(" Auvergne-\nRhône-Alpes ")
                .unwrap()
                .as_deref(),
            Some("Auvergne- Rhône-Alpes")
        );
        assert!(normalize_region(&"é".repeat(80)).is_ok());
        assert_eq!(
            key(normalize_region(&"é".repeat(81))),
            "error-region-too-long"
        );

        assert_eq!(check_member_count(None).unwrap(), None);
        assert_eq!(check_member_count(Some(0)).unwrap(), Some(0));
        assert_eq!(
            check_member_count(Some(10_000_000)).unwrap(),
            Some(10_000_000)
        );
        assert_eq!(
            key(check_member_count(Some(-1))),
            "error-member-count-range"
        );
        assert_eq!(
            key(check_member_count(Some(10_000_001))),
            "error-member-count-range"
        );

        assert_eq!(parse_member_count("").unwrap(), None);
        assert_eq!(parse_member_count(" 1 200 ").unwrap(), Some(1200));
        assert_eq!(parse_member_count("1\u{202f}200").unwrap(), Some(1200));
        assert_eq!(parse_member_count("1\u{a0}200").unwrap(), Some(1200));
        assert_eq!(key(parse_member_count("-3")), "error-member-count-range");
        assert_eq!(
            key(parse_member_count("99999999999999999999999")),
            "error-member-count-range"
        );
        for bad in ["douze", "1.200", "1,5", "-", "+3", "12a"] {
            assert_eq!(
                key(parse_member_count(bad)),
                "error-member-count-invalid",
                "{bad}"
            );
        }
    }

    fn good_input() -> GroupCardInput {
        GroupCardInput {
            name: " Compost & Jardins partagés — Lyon ".into(),
            summary: "Nous compostons et jardinons ensemble.".into(),
            kind: "territorial".into(),
            slug: "compost-jardins-partages-lyon".into(),
            description: "## Qui sommes-nous\n\nDes voisins.".into(),
            keywords: "Compost, Jardins partagés".into(),
            partners: vec![
                PartnerInput {
                    name: "Ville de Lyon".into(),
                    url: "https://www.lyon.fr".into(),
                    logo: String::new(),
                },
                PartnerInput::default(),
            ],
            country: "fr".into(),
            region: "Auvergne-Rhône-Alpes".into(),
            latitude: "45,764".into(),
            longitude: "4,8357".into(),
            member_count: "120".into(),
            links: BTreeMap::from([
                (
                    "meetings".to_string(),
                    "https://agenda.example.org/compost".to_string(),
                ),
                (
                    "home".to_string(),
                    "https://compost.example.org".to_string(),
                ),
                ("join".to_string(), String::new()),
            ]),
            hosted: "on".into(),
            ..GroupCardInput::default()
        }
    }

    #[test]
    fn a_good_card_validates() {
        let card = good_input().validate().unwrap();
        assert_eq!(card.name, "Compost & Jardins partagés — Lyon");
        assert_eq!(card.kind, GroupKind::Territorial);
        assert_eq!(card.slug, "compost-jardins-partages-lyon");
        assert_eq!(card.keywords, ["compost", "jardins partagés"]);
        assert_eq!(
            card.partners,
            [Partner {
                name: "Ville de Lyon".into(),
                url: Some("https://www.lyon.fr".into()),
                logo: None
            }]
        );
        assert_eq!(card.country.as_deref(), Some("FR"));
        assert_eq!(
            (card.latitude, card.longitude),
            (Some(45.764), Some(4.8357))
        );
        assert_eq!(card.member_count, Some(120));
        // Empty choices take their defaults.
        assert_eq!(card.status, GroupStatus::Preparing);
        assert_eq!(card.license, License::CcBySa4);
        assert_eq!(card.license_other, None);
        assert_eq!(card.joining, Joining::Open);
        assert!(card.hosted);
        // Links come back in card order; empty ones are dropped.
        let links: Vec<_> = card.links.keys().copied().collect();
        assert_eq!(links, [ServiceLink::Home, ServiceLink::Meetings]);
    }

    #[test]
    fn a_minimal_card_validates() {
        let input = GroupCardInput {
            name: "Vélo".into(),
            summary: "Réparer ensemble.".into(),
            kind: "thematic".into(),
            slug: "velo".into(),
            ..GroupCardInput::default()
        };
        let card = input.validate().unwrap();
        assert!(!card.hosted);
        assert!(card.keywords.is_empty() && card.partners.is_empty() && card.links.is_empty());
        assert_eq!(
            (card.country, card.region, card.latitude, card.member_count),
            (None, None, None, None)
        );
    }

    #[test]
    fn every_wrong_field_is_reported() {
        let input = GroupCardInput {
            name: "A".into(),
            summary: String::new(),
            kind: String::new(),
            slug: "admin".into(),
            description: "é".repeat(20_001),
            keywords: "a/b".into(),
            partners: vec![
                PartnerInput {
                    name: String::new(),
                    url: "javascript:alert(1)".into(),
                    logo: "data:image/png;base64,xx".into(),
                },
                // The same mistake twice is reported once.
                PartnerInput {
                    name: String::new(),
                    url: "https://ok.example.org".into(),
                    logo: String::new(),
                },
            ],
            country: "XX".into(),
            region: "r".repeat(81),
            latitude: "95".into(),
            longitude: "abc".into(),
            member_count: "-5".into(),
            status: "closed".into(),
            license: "other".into(),
            license_other: "  ".into(),
            links: BTreeMap::from([
                ("home".to_string(), "javascript:alert(1)".to_string()),
                ("blog".to_string(), "https://example.org".to_string()),
            ]),
            hosted: "peut-être".into(),
            joining: "closed".into(),
        };
        let errors = input.validate().unwrap_err();
        let got: Vec<_> = errors.iter().map(|e| (e.field, e.key)).collect();
        assert_eq!(
            got,
            [
                ("name", "error-group-name-too-short"),
                ("summary", "error-summary-empty"),
                ("kind", "error-group-kind-empty"),
                ("slug", "error-slug-reserved"),
                ("description", "error-description-too-long"),
                ("keywords", "error-keyword-invalid"),
                ("partner_name", "error-partner-name-empty"),
                ("partner_url", "error-url-invalid"),
                ("partner_logo", "error-url-invalid"),
                ("country", "error-country-invalid"),
                ("region", "error-region-too-long"),
                ("latitude", "error-latitude-range"),
                ("longitude", "error-coordinate-invalid"),
                ("member_count", "error-member-count-range"),
                ("status", "error-choice-invalid"),
                ("license_other", "error-license-other-empty"),
                ("links", "error-choice-invalid"),
                ("link_home", "error-url-invalid"),
                ("hosted", "error-choice-invalid"),
                ("joining", "error-choice-invalid"),
            ]
        );
    }

    #[test]
    fn card_details() {
        // Unknown kind.
        let input = GroupCardInput {
            kind: "regional".into(),
            ..good_input()
        };
        let e = input.validate().unwrap_err();
        assert_eq!((e[0].field, e[0].key), ("kind", "error-choice-invalid"));
        // Half a position.
        let input = GroupCardInput {
            longitude: String::new(),
            ..good_input()
        };
        let e = input.validate().unwrap_err();
        assert_eq!(
            (e[0].field, e[0].key),
            ("longitude", "error-coordinates-pair")
        );
        // Another license needs its name, which is kept.
        let input = GroupCardInput {
            license: "other".into(),
            license_other: " Licence Art Libre 1.3 ".into(),
            ..good_input()
        };
        let card = input.validate().unwrap();
        assert_eq!(card.license, License::Other);
        assert_eq!(card.license_other.as_deref(), Some("Licence Art Libre 1.3"));
        let input = GroupCardInput {
            license: "other".into(),
            license_other: "x".repeat(201),
            ..good_input()
        };
        assert_eq!(
            input.validate().unwrap_err()[0].key,
            "error-license-other-too-long"
        );
        // What was typed for another license is dropped with a CC license.
        let input = GroupCardInput {
            license: "cc0-1.0".into(),
            license_other: "ignored".into(),
            ..good_input()
        };
        let card = input.validate().unwrap();
        assert_eq!((card.license, card.license_other), (License::Cc0, None));
        // Explicit choices.
        let input = GroupCardInput {
            status: "active".into(),
            joining: "request".into(),
            hosted: "off".into(),
            ..good_input()
        };
        let card = input.validate().unwrap();
        assert_eq!(
            (card.status, card.joining, card.hosted),
            (GroupStatus::Active, Joining::OnRequest, false)
        );
    }

    #[test]
    fn partners_are_limited() {
        let partner = |n: usize| PartnerInput {
            name: format!("Partenaire {n}"),
            ..PartnerInput::default()
        };
        let input = GroupCardInput {
            partners: (0..30).map(partner).collect(),
            ..good_input()
        };
        assert_eq!(input.validate().unwrap().partners.len(), 30);
        let input = GroupCardInput {
            partners: (0..31).map(partner).collect(),
            ..good_input()
        };
        let e = input.validate().unwrap_err();
        assert_eq!(
            (e[0].field, e[0].key),
            ("partners", "error-partners-too-many")
        );
        let long = PartnerInput {
            name: "p".repeat(121),
            ..PartnerInput::default()
        };
        let input = GroupCardInput {
            partners: vec![long],
            ..good_input()
        };
        assert_eq!(
            input.validate().unwrap_err()[0].key,
            "error-partner-name-too-long"
        );
        let bad = PartnerInput {
            name: "a\u{7}b".into(),
            ..PartnerInput::default()
        };
        let input = GroupCardInput {
            partners: vec![bad],
            ..good_input()
        };
        assert_eq!(
            input.validate().unwrap_err()[0].key,
            "error-partner-name-invalid"
        );
        // A row with only a logo still needs a name.
        let logo_only = PartnerInput {
            logo: "https://img.example.org/l.png".into(),
            ..PartnerInput::default()
        };
        let input = GroupCardInput {
            partners: vec![logo_only],
            ..good_input()
        };
        assert_eq!(
            input.validate().unwrap_err()[0].key,
            "error-partner-name-empty"
        );
    }

    #[test]
    fn who_edits_a_card() {
        let facilitator = Membership::new([GroupRole::Member, GroupRole::Facilitator]);
        let leader = Membership::new([GroupRole::Member, GroupRole::Leader]);
        let member =
            Membership::new([GroupRole::Member, GroupRole::Referent, GroupRole::Moderator]);
        assert!(may_edit_card(&person(), Some(&facilitator)));
        assert!(may_edit_card(&person(), Some(&leader)));
        assert!(!may_edit_card(&person(), Some(&member)));
        assert!(!may_edit_card(&person(), None));
        assert!(may_edit_card(&admin(), None));
        assert!(may_edit_card(&helper(), None));
        // Flags or roles without a logged-in account grant nothing.
        assert!(!may_edit_card(&Viewer::anonymous(), Some(&facilitator)));
        assert!(!may_edit_card(
            &Viewer {
                is_admin: true,
                ..Viewer::default()
            },
            None
        ));

        assert!(may_manage_roles(&person(), Some(&facilitator)));
        assert!(may_manage_roles(&person(), Some(&leader)));
        assert!(!may_manage_roles(&person(), Some(&member)));
        assert!(may_manage_roles(&admin(), None));
        assert!(
            !may_manage_roles(&helper(), None),
            "helpers advise; they do not hand out roles"
        );
        assert!(!may_manage_roles(&Viewer::anonymous(), Some(&leader)));
    }

    #[test]
    fn who_approves_and_who_is_listed() {
        assert!(may_approve_groups(&admin()));
        assert!(may_approve_groups(&helper()));
        assert!(!may_approve_groups(&person()));
        assert!(!may_approve_groups(&Viewer {
            is_helper: true,
            ..Viewer::default()
        }));

        assert!(listed_at_once(&admin(), true));
        assert!(listed_at_once(&helper(), true));
        assert!(!listed_at_once(&person(), true));
        assert!(listed_at_once(&person(), false));
    }

    #[test]
    fn who_sees_a_member() {
        let member = Membership::new([GroupRole::Member]);
        let anonymous = Viewer::anonymous();
        assert!(may_see_member(&anonymous, None, MemberVisibility::Everyone));
        assert!(may_see_member(&person(), None, MemberVisibility::Everyone));
        assert!(!may_see_member(&anonymous, None, MemberVisibility::Members));
        assert!(!may_see_member(&person(), None, MemberVisibility::Members));
        assert!(!may_see_member(&helper(), None, MemberVisibility::Members));
        assert!(may_see_member(
            &person(),
            Some(&member),
            MemberVisibility::Members
        ));
        assert!(may_see_member(&admin(), None, MemberVisibility::Members));
        assert_eq!(MemberVisibility::default(), MemberVisibility::Members);
    }

    #[test]
    fn the_last_facilitator_stays() {
        let facilitator = Membership::new([GroupRole::Member, GroupRole::Facilitator]);
        let member = Membership::new([GroupRole::Member]);
        let e = may_leave(&facilitator, 1).unwrap_err();
        assert_eq!(e.key, "error-last-facilitator");
        assert!(may_leave(&facilitator, 2).is_ok());
        assert!(may_leave(&member, 1).is_ok());
        assert!(may_leave(&member, 0).is_ok());

        assert_eq!(
            check_role_change(&facilitator, &[GroupRole::Member], 1)
                .unwrap_err()
                .key,
            "error-last-facilitator"
        );
        assert!(check_role_change(&facilitator, &[GroupRole::Member], 2).is_ok());
        assert!(check_role_change(
            &facilitator,
            &[GroupRole::Facilitator, GroupRole::Leader],
            1
        )
        .is_ok());
        assert!(check_role_change(&member, &[GroupRole::Leader], 1).is_ok());
    }
}

#[cfg(test)]
mod flag_tests {
    use super::*;

    #[test]
    fn a_flag_is_yes_no_or_refused() {
        assert_eq!(parse_flag("archived", "1"), Ok(true));
        assert_eq!(parse_flag("archived", "true"), Ok(true));
        for no in ["", "0", "false"] {
            assert_eq!(parse_flag("archived", no), Ok(false), "{no}");
        }
        for bad in ["yes", "2", "TRUE", " 1"] {
            assert_eq!(
                parse_flag("archived", bad),
                Err(Invalid::new("archived", "error-choice-unknown")),
                "{bad}"
            );
        }
        assert!(country_codes().all(|c| normalize_country(c) == Ok(Some(c.to_string()))));
    }
}
