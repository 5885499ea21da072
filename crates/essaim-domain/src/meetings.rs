//! Meetings: what an organizer types and how it is checked, who sees and
//! edits a meeting, series and their occurrences (computed in local time so
//! that 19:00 stays 19:00 across daylight-saving changes), iCalendar text,
//! minutes titles and the "keeping series alive" steps.

use crate::ids::UserId;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::groups::{self, Membership};
use crate::permissions::Viewer;
use crate::Invalid;

/// Longest meeting title, in characters.
pub const TITLE_MAX: usize = 200;
/// Largest description, in bytes of Markdown.
pub const DESCRIPTION_MAX: usize = 20_000;
/// Longest address, in characters.
pub const ADDRESS_MAX: usize = 300;
/// Largest capacity accepted.
pub const CAPACITY_MAX: i64 = 100_000;
/// The longest a meeting may last, in seconds.
pub const LONGEST_MEETING: i64 = 14 * 86_400;
/// The time zone used when none is given.
pub const DEFAULT_TIMEZONE: Tz = chrono_tz::Europe::Paris;
/// Days before a regular meeting is due when the organizer is reminded.
pub const DEFAULT_LEAD_DAYS: i64 = 10;
/// Days after the organizer's reminder when facilitators are told.
pub const ESCALATE_AFTER_DAYS: i64 = 7;

pub use crate::visibility::Visibility;

/// A person's answer to a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rsvp {
    /// Will come.
    Going,
    /// Might come.
    Maybe,
    /// Will not come.
    NotGoing,
}

impl Rsvp {
    /// Every answer.
    pub const ALL: [Rsvp; 3] = [Rsvp::Going, Rsvp::Maybe, Rsvp::NotGoing];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Rsvp::Going => "going",
            Rsvp::Maybe => "maybe",
            Rsvp::NotGoing => "not_going",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }
}

// ---------------------------------------------------------------------------
// Permissions: the one place that decides for meetings and polls
// ---------------------------------------------------------------------------

/// What the permission rules need to know about a meeting's group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GroupAccess {
    /// The group is in the directory.
    pub listed: bool,
    /// Who proposed the group (sees it while it awaits approval).
    pub proposed_by: Option<UserId>,
    /// The group is hosted here (only hosted groups hold meetings).
    pub hosted: bool,
}

/// Whether `viewer` may see a meeting or a poll of this visibility: members-only
/// ones by the group's members (and administrators), public ones by whoever
/// sees the group.
pub fn may_see(
    viewer: &Viewer,
    membership: Option<&Membership>,
    group: GroupAccess,
    visibility: Visibility,
) -> bool {
    if viewer.is_logged_in() && viewer.is_admin {
        return true;
    }
    if !groups::may_see_group(viewer, membership, group.listed, group.proposed_by) {
        return false;
    }
    match visibility {
        Visibility::Public => true,
        Visibility::Members => membership.is_some(),
    }
}

/// The read access a meeting's minutes page takes from the meeting: the
/// minutes of a members-only meeting are for members (at the least: a
/// stricter wiki stays stricter); those of an open one follow the wiki.
pub fn minutes_access(visibility: Visibility) -> Option<crate::wiki::ReadAccess> {
    match visibility {
        Visibility::Public => None,
        Visibility::Members => Some(crate::wiki::ReadAccess::Members),
    }
}

/// Whether a meeting may appear where nobody is known (public feeds, the
/// agenda for visitors, the API without a token, search).
pub fn is_public(group: GroupAccess, visibility: Visibility) -> bool {
    may_see(&Viewer::anonymous(), None, group, visibility)
}

/// Whether `viewer` may schedule a meeting or start a date poll in a group:
/// its members, and those who run it (facilitators, helpers, administrators).
pub fn may_organize(viewer: &Viewer, membership: Option<&Membership>, group: GroupAccess) -> bool {
    group.hosted
        && viewer.is_logged_in()
        && (membership.is_some() || groups::may_edit_card(viewer, membership))
}

/// Whether `viewer` may change, move, cancel a meeting or close a poll: its
/// organizer while still a member, and those who run the group.
pub fn may_manage(
    viewer: &Viewer,
    membership: Option<&Membership>,
    organizer_id: Option<UserId>,
) -> bool {
    viewer.is_logged_in()
        && ((membership.is_some() && viewer.user_id == organizer_id)
            || groups::may_edit_card(viewer, membership))
}

/// Whether `viewer` may say whether they come: anyone logged in who sees it.
pub fn may_answer(
    viewer: &Viewer,
    membership: Option<&Membership>,
    group: GroupAccess,
    visibility: Visibility,
) -> bool {
    viewer.is_logged_in() && may_see(viewer, membership, group, visibility)
}

/// Whether someone may read and answer a poll. Holders of the poll's link
/// may when the organizer lets people without an account answer; otherwise
/// the meeting rules apply and an account is needed to answer.
pub fn may_use_poll(
    viewer: &Viewer,
    membership: Option<&Membership>,
    group: GroupAccess,
    visibility: Visibility,
    guests_allowed: bool,
) -> bool {
    guests_allowed || may_see(viewer, membership, group, visibility)
}

// ---------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------

/// A meeting as typed in the form or sent to the API.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MeetingInput {
    /// Title.
    pub title: String,
    /// Description (Markdown).
    pub description: String,
    /// Start: RFC 3339 with an offset, or a local `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    /// End, same forms.
    pub ends_at: String,
    /// IANA time zone name; the instance's when empty.
    pub timezone: String,
    /// Street address, if in person.
    pub address: String,
    /// Latitude of the place ("45,76" or "45.76").
    pub latitude: String,
    /// Longitude of the place.
    pub longitude: String,
    /// Link to join online.
    pub online_url: String,
    /// Largest number of people going; empty for no limit.
    pub capacity: String,
    /// `public` or `members`.
    pub visibility: String,
}

/// A checked meeting, ready to store.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingDraft {
    /// Title.
    pub title: String,
    /// Description (Markdown).
    pub description: String,
    /// Start, Unix seconds.
    pub starts_at: i64,
    /// End, Unix seconds.
    pub ends_at: i64,
    /// IANA time zone name.
    pub timezone: String,
    /// Street address.
    pub address: Option<String>,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// Online link.
    pub online_url: Option<String>,
    /// Capacity.
    pub capacity: Option<i64>,
    /// Who sees it.
    pub visibility: Visibility,
}

/// Parses a time zone name; the default when empty.
pub fn parse_timezone(raw: &str, default: Tz) -> Result<Tz, Invalid> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(default);
    }
    raw.parse::<Tz>()
        .map_err(|_| Invalid::new("timezone", "error-meeting-timezone"))
}

/// Parses a time: RFC 3339 with an offset always; a local date and time
/// (`2027-03-30T19:00`, as date pickers send) read in `tz` unless
/// `offset_required`. A local time that does not exist (the hour skipped
/// when clocks go forward) is refused.
pub fn parse_time(
    field: &'static str,
    raw: &str,
    tz: Tz,
    offset_required: bool,
) -> Result<i64, Invalid> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(Invalid::new(field, "error-meeting-time-missing"));
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Ok(t.timestamp());
    }
    if offset_required {
        return Err(Invalid::new(field, "error-meeting-time-offset"));
    }
    let local = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(raw, f).ok())
        .ok_or(Invalid::new(field, "error-meeting-time-invalid"))?;
    tz.from_local_datetime(&local)
        .earliest()
        .map(|t| t.timestamp())
        .ok_or(Invalid::new(field, "error-meeting-time-skipped"))
}

/// Checks a title: trimmed, 1 to [`TITLE_MAX`] characters, no control characters.
pub fn normalize_title(raw: &str) -> Result<String, Invalid> {
    let title = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return Err(Invalid::new("title", "error-meeting-title-empty"));
    }
    if title.chars().count() > TITLE_MAX {
        return Err(Invalid::new("title", "error-meeting-title-too-long"));
    }
    if title.chars().any(char::is_control) {
        return Err(Invalid::new("title", "error-meeting-title-empty"));
    }
    Ok(title)
}

impl MeetingInput {
    /// Checks everything; every problem is reported at once.
    pub fn validate(
        &self,
        default_tz: Tz,
        offset_required: bool,
    ) -> Result<MeetingDraft, Vec<Invalid>> {
        let mut errors = Vec::new();
        let title = normalize_title(&self.title)
            .map_err(|e| errors.push(e))
            .ok();
        if self.description.chars().count() > DESCRIPTION_MAX {
            errors.push(Invalid::new(
                "description",
                "error-meeting-description-too-long",
            ));
        }
        let tz = parse_timezone(&self.timezone, default_tz)
            .map_err(|e| errors.push(e))
            .unwrap_or(default_tz);
        let start = parse_time("starts_at", &self.starts_at, tz, offset_required)
            .map_err(|e| errors.push(e))
            .ok();
        let end = parse_time("ends_at", &self.ends_at, tz, offset_required)
            .map_err(|e| errors.push(e))
            .ok();
        if let (Some(s), Some(e)) = (start, end) {
            if e <= s {
                errors.push(Invalid::new("ends_at", "error-meeting-end-before-start"));
            } else if e - s > LONGEST_MEETING {
                errors.push(Invalid::new("ends_at", "error-meeting-too-long"));
            }
        }
        let address = self
            .address
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if address.chars().count() > ADDRESS_MAX || address.chars().any(char::is_control) {
            errors.push(Invalid::new("address", "error-meeting-address-too-long"));
        }
        let lat = groups::parse_coordinate("latitude", &self.latitude)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let lon = groups::parse_coordinate("longitude", &self.longitude)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let point = groups::check_coordinates(lat, lon)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let online_url = groups::check_url("online_url", &self.online_url)
            .map_err(|e| errors.push(e))
            .ok()
            .flatten();
        let capacity = match self.capacity.trim() {
            "" => None,
            text => match text.parse::<i64>() {
                Ok(n) if (1..=CAPACITY_MAX).contains(&n) => Some(n),
                _ => {
                    errors.push(Invalid::new("capacity", "error-meeting-capacity"));
                    None
                }
            },
        };
        let visibility = match self.visibility.trim() {
            "" => Visibility::Public,
            code => Visibility::from_code(code).unwrap_or_else(|| {
                errors.push(Invalid::new("visibility", "error-meeting-visibility"));
                Visibility::Public
            }),
        };
        match (title, start, end) {
            (Some(title), Some(starts_at), Some(ends_at)) if errors.is_empty() => {
                Ok(MeetingDraft {
                    title,
                    description: self.description.replace("\r\n", "\n"),
                    starts_at,
                    ends_at,
                    timezone: tz.name().to_string(),
                    address: (!address.is_empty()).then_some(address),
                    latitude: point.map(|p| p.0),
                    longitude: point.map(|p| p.1),
                    online_url,
                    capacity,
                    visibility,
                })
            }
            _ => Err(errors),
        }
    }
}

/// Whether one more person may say "going": always under the capacity, and
/// always for someone already counted.
pub fn has_room(capacity: Option<i64>, going: i64, already_going: bool) -> bool {
    already_going || capacity.is_none_or(|c| going < c)
}

// ---------------------------------------------------------------------------
// Series
// ---------------------------------------------------------------------------

/// How a series repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recurrence {
    /// Every N weeks (1 to 8), same weekday and time.
    Weeks(u32),
    /// The Nth weekday of each month (1 to 4, or -1 for the last).
    MonthlyNth {
        /// Which one: 1 to 4, or -1 for the last.
        nth: i32,
        /// The weekday.
        weekday: Weekday,
    },
}

const WEEKDAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "mon"),
    (Weekday::Tue, "tue"),
    (Weekday::Wed, "wed"),
    (Weekday::Thu, "thu"),
    (Weekday::Fri, "fri"),
    (Weekday::Sat, "sat"),
    (Weekday::Sun, "sun"),
];

/// A weekday's code (`mon` … `sun`).
pub fn weekday_code(day: Weekday) -> &'static str {
    WEEKDAYS
        .iter()
        .find(|(d, _)| *d == day)
        .map(|(_, c)| *c)
        .unwrap_or("mon")
}

impl Recurrence {
    /// The stored code: `weeks:2`, `monthly:1:tue`, `monthly:-1:fri`.
    pub fn code(self) -> String {
        match self {
            Recurrence::Weeks(n) => format!("weeks:{n}"),
            Recurrence::MonthlyNth { nth, weekday } => {
                format!("monthly:{nth}:{}", weekday_code(weekday))
            }
        }
    }

    /// Parses a stored (or typed) code; `None` when it is not one.
    pub fn from_code(code: &str) -> Option<Self> {
        let mut parts = code.trim().split(':');
        match (parts.next()?, parts.next(), parts.next(), parts.next()) {
            ("weeks", Some(n), None, None) => {
                let n: u32 = n.parse().ok()?;
                (1..=8).contains(&n).then_some(Recurrence::Weeks(n))
            }
            ("monthly", Some(nth), Some(day), None) => {
                let nth: i32 = nth.parse().ok()?;
                let weekday = WEEKDAYS.iter().find(|(_, c)| *c == day)?.0;
                ((1..=4).contains(&nth) || nth == -1)
                    .then_some(Recurrence::MonthlyNth { nth, weekday })
            }
            _ => None,
        }
    }

    /// The rule that repeats like `first`: the same weekday every `weeks`,
    /// or its rank in the month ("first Tuesday", "last Friday").
    pub fn monthly_like(first: NaiveDate) -> Recurrence {
        let nth = (first.day() as i32 - 1) / 7 + 1;
        let last = (first + Duration::days(7)).month() != first.month();
        Recurrence::MonthlyNth {
            nth: if nth > 4 || (last && nth == 5) {
                -1
            } else {
                nth
            },
            weekday: first.weekday(),
        }
    }

    /// The local date of the occurrence after `date` (the same time of day
    /// is kept by the caller).
    pub fn next_date(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Recurrence::Weeks(n) => date.checked_add_signed(Duration::weeks(i64::from(n))),
            Recurrence::MonthlyNth { nth, weekday } => {
                let (mut y, mut m) = (date.year(), date.month());
                // The next month that has this weekday at this rank (every
                // month has a first to fourth and a last one).
                for _ in 0..2 {
                    m += 1;
                    if m > 12 {
                        m = 1;
                        y += 1;
                    }
                    if let Some(d) = nth_weekday(y, m, nth, weekday) {
                        if d > date {
                            return Some(d);
                        }
                    }
                }
                None
            }
        }
    }
}

/// The `nth` (1..=4, or -1 for last) `weekday` of a month.
pub fn nth_weekday(year: i32, month: u32, nth: i32, weekday: Weekday) -> Option<NaiveDate> {
    if nth == -1 {
        let next_month = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        let mut d = next_month.pred_opt()?;
        while d.weekday() != weekday {
            d = d.pred_opt()?;
        }
        return Some(d);
    }
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let offset = (7 + weekday.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
    let day = 1 + offset + 7 * (u32::try_from(nth).ok()? - 1);
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The local time `t` (Unix seconds) in `tz`.
pub fn local(tz: Tz, t: i64) -> Option<NaiveDateTime> {
    tz.timestamp_opt(t, 0).single().map(|d| d.naive_local())
}

/// A local time in `tz` as Unix seconds; a time skipped when clocks go
/// forward moves one hour later, and a repeated one takes its first pass.
pub fn from_local(tz: Tz, t: NaiveDateTime) -> Option<i64> {
    tz.from_local_datetime(&t)
        .earliest()
        .or_else(|| tz.from_local_datetime(&(t + Duration::hours(1))).earliest())
        .map(|d| d.timestamp())
}

/// The start of the occurrence after the one starting at `previous`
/// (Unix seconds), at the same local time of day in `tz`.
pub fn next_occurrence(rule: Recurrence, previous: i64, tz: Tz) -> Option<i64> {
    let prev = local(tz, previous)?;
    let date = rule.next_date(prev.date())?;
    from_local(tz, date.and_time(prev.time()))
}

/// The starts of the occurrences to create now: every occurrence after
/// `last` that starts before `now + horizon`, and at least one upcoming
/// (so the next meeting is always known). At most 60, a bound on any rule.
pub fn occurrences_to_create(
    rule: Recurrence,
    last: i64,
    now: i64,
    horizon: i64,
    tz: Tz,
) -> Vec<i64> {
    let mut out = Vec::new();
    let mut previous = last;
    let mut upcoming = last > now;
    while out.len() < 60 {
        let Some(next) = next_occurrence(rule, previous, tz) else {
            break;
        };
        if upcoming && next > now + horizon {
            break;
        }
        if next > now {
            upcoming = true;
        }
        out.push(next);
        previous = next;
    }
    out
}

// ---------------------------------------------------------------------------
// Minutes
// ---------------------------------------------------------------------------

/// The address of the wiki page a group edits to change its minutes template.
pub const MINUTES_TEMPLATE_SLUG: &str = "modele-compte-rendu";

/// The default minutes template (the group may edit its own).
pub const MINUTES_TEMPLATE: &str = "## Présents\n\n- \n\n## Ordre du jour\n\n1. \n\n## Décisions\n\n- \n\n## Prochaines étapes\n\n- [ ] \n";

/// The title of a meeting's minutes page: "Compte rendu — 30/03/2027 — Réunion".
pub fn minutes_title(starts_at: i64, tz: Tz, title: &str) -> String {
    let date = local(tz, starts_at)
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default();
    let mut full = format!("Compte rendu — {date} — {title}");
    // The wiki's own limit on titles.
    if full.chars().count() > crate::wiki::TITLE_MAX {
        full = full.chars().take(crate::wiki::TITLE_MAX).collect();
    }
    full
}

// ---------------------------------------------------------------------------
// Keeping series alive
// ---------------------------------------------------------------------------

/// How often a group says it meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cadence {
    /// Every week.
    Weekly,
    /// Every two weeks.
    Fortnightly,
    /// Every month.
    Monthly,
}

impl Cadence {
    /// Every choice.
    pub const ALL: [Cadence; 3] = [Cadence::Weekly, Cadence::Fortnightly, Cadence::Monthly];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Cadence::Weekly => "weekly",
            Cadence::Fortnightly => "fortnightly",
            Cadence::Monthly => "monthly",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }

    /// Its usual interval, in whole days (a month counts 31: the health
    /// of a group that meets monthly turns red only once a month is over).
    pub fn days(self) -> i64 {
        match self {
            Cadence::Weekly => 7,
            Cadence::Fortnightly => 14,
            Cadence::Monthly => 31,
        }
    }

    /// When the meeting after one held at `last` is due.
    pub fn due_after(self, last: i64, tz: Tz) -> i64 {
        match self {
            Cadence::Weekly => last + 7 * 86_400,
            Cadence::Fortnightly => last + 14 * 86_400,
            Cadence::Monthly => local(tz, last)
                .and_then(|l| l.checked_add_months(chrono::Months::new(1)))
                .and_then(|l| from_local(tz, l))
                .unwrap_or(last + 30 * 86_400),
        }
    }
}

/// What keeping a series alive asks for now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AliveStep {
    /// Nothing to do.
    Nothing,
    /// Remind the organizer (with the one-click poll link).
    RemindOrganizer,
    /// Tell the group's facilitators.
    TellFacilitators,
}

/// Where a regular group stands for its next meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AliveState {
    /// When the next meeting is due.
    pub due_at: i64,
    /// A meeting is scheduled or a date poll is open.
    pub planned: bool,
    /// When the organizer was reminded for this due date.
    pub organizer_told_at: Option<i64>,
    /// When facilitators were told for this due date.
    pub facilitators_told_at: Option<i64>,
}

/// The step to take at `now`: the organizer `lead_days` before the due
/// date, then the facilitators a week after the organizer's reminder, each
/// once per due date, never when something is planned.
pub fn alive_step(state: AliveState, now: i64, lead_days: i64) -> AliveStep {
    if state.planned {
        return AliveStep::Nothing;
    }
    match (state.organizer_told_at, state.facilitators_told_at) {
        (None, _) if now >= state.due_at - lead_days * 86_400 => AliveStep::RemindOrganizer,
        (Some(told), None) if now >= told + ESCALATE_AFTER_DAYS * 86_400 => {
            AliveStep::TellFacilitators
        }
        _ => AliveStep::Nothing,
    }
}

// ---------------------------------------------------------------------------
// iCalendar (RFC 5545)
// ---------------------------------------------------------------------------

/// One event of a calendar.
#[derive(Debug, Clone, Default)]
pub struct IcsEvent {
    /// Globally unique id (`meeting-12@domain`).
    pub uid: String,
    /// Revision number, raised on each change.
    pub sequence: i64,
    /// When this text was made, Unix seconds.
    pub stamp: i64,
    /// Start, Unix seconds.
    pub starts_at: i64,
    /// End, Unix seconds.
    pub ends_at: i64,
    /// Title.
    pub summary: String,
    /// Plain-text description.
    pub description: String,
    /// Place (address, or the online link).
    pub location: Option<String>,
    /// Map point.
    pub geo: Option<(f64, f64)>,
    /// The meeting's page.
    pub url: Option<String>,
    /// Cancelled.
    pub cancelled: bool,
    /// Organizer (name, address) for invitations.
    pub organizer: Option<(String, String)>,
    /// Invited person (name, address) for invitations.
    pub attendee: Option<(String, String)>,
}

/// Escapes a TEXT value (backslash, semicolon, comma, newline; other
/// control characters are dropped).
pub fn ics_escape(text: &str) -> std::borrow::Cow<'_, str> {
    // Most values need nothing: no copy then. Bytes are checked (the
    // C1 controls, U+0080 to U+009F, start with 0xC2).
    let special = |b: &u8| matches!(*b, b'\\' | b';' | b',' | 0..=31 | 127 | 0xC2);
    if !text.as_bytes().iter().any(special) {
        return std::borrow::Cow::Borrowed(text);
    }
    // Runs between special bytes are copied whole; every special byte is
    // ASCII or a lead byte, so each cut falls between characters.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 16);
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let (replacement, width) = match bytes[i] {
            b'\\' => ("\\\\", 1),
            b';' => ("\\;", 1),
            b',' => ("\\,", 1),
            b'\n' => ("\\n", 1),
            0..=31 | 127 => ("", 1),
            0xC2 if bytes.get(i + 1).is_some_and(|n| (0x80..=0x9F).contains(n)) => ("", 2),
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&text[start..i]);
        out.push_str(replacement);
        i += width;
        start = i;
    }
    out.push_str(&text[start..]);
    std::borrow::Cow::Owned(out)
}

/// Appends one content line, folded at 75 octets (never inside a UTF-8
/// character), ended by CRLF.
pub fn ics_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut width = 75;
    while rest.len() > width {
        let mut cut = width;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // Continuation lines start with a space.
        width = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

/// A UTC date-time value (`20270330T170000Z`).
pub fn ics_time(t: i64) -> String {
    use chrono::Timelike;
    // Written by hand: a format string is parsed at each call, and feeds
    // write three times per event.
    match Utc.timestamp_opt(t, 0).single() {
        Some(d) => format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            d.year(),
            d.month(),
            d.day(),
            d.hour(),
            d.minute(),
            d.second()
        ),
        None => "19700101T000000Z".into(),
    }
}

/// Quotes a parameter value (names may hold commas or colons).
fn ics_param(text: &str) -> String {
    text.chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect()
}

/// Writes a whole calendar. Times are in UTC, which every calendar program
/// shows in its own zone: correct across daylight-saving changes without
/// time-zone definitions. `method` is `REQUEST` for invitations.
pub fn calendar(name: &str, method: Option<&str>, events: &[IcsEvent]) -> String {
    let mut body = String::with_capacity(events.len() * 640);
    for e in events {
        write_event(&mut body, e);
    }
    calendar_of_events(name, method, &body)
}

/// Writes a calendar around events already written by [`event_text`]
/// (a feed keeps each meeting's text and joins them).
pub fn calendar_of_events(name: &str, method: Option<&str>, events: &str) -> String {
    let mut out = String::with_capacity(256 + events.len());
    ics_line(&mut out, "BEGIN:VCALENDAR");
    ics_line(&mut out, "VERSION:2.0");
    ics_line(&mut out, "PRODID:-//Essaim//Rencontres//FR");
    ics_line(&mut out, "CALSCALE:GREGORIAN");
    if let Some(method) = method {
        ics_line(&mut out, &format!("METHOD:{method}"));
    }
    ics_line(&mut out, &format!("X-WR-CALNAME:{}", ics_escape(name)));
    out.push_str(events);
    ics_line(&mut out, "END:VCALENDAR");
    out
}

/// One event's lines (`BEGIN:VEVENT` … `END:VEVENT`, each ending in CRLF).
pub fn event_text(e: &IcsEvent) -> String {
    let mut out = String::with_capacity(640);
    write_event(&mut out, e);
    out
}

fn write_event(out: &mut String, e: &IcsEvent) {
    use std::fmt::Write;
    // One buffer for every line of the event: no allocation per line.
    let mut line = String::with_capacity(256);
    let mut put = |out: &mut String, name: &str, value: &str| {
        line.clear();
        line.push_str(name);
        line.push_str(value);
        ics_line(out, &line);
    };
    ics_line(out, "BEGIN:VEVENT");
    put(out, "UID:", &ics_escape(&e.uid));
    put(out, "SEQUENCE:", &e.sequence.to_string());
    put(out, "DTSTAMP:", &ics_time(e.stamp));
    put(out, "DTSTART:", &ics_time(e.starts_at));
    put(out, "DTEND:", &ics_time(e.ends_at));
    put(out, "SUMMARY:", &ics_escape(&e.summary));
    if !e.description.is_empty() {
        put(out, "DESCRIPTION:", &ics_escape(&e.description));
    }
    if let Some(location) = &e.location {
        put(out, "LOCATION:", &ics_escape(location));
    }
    if let Some((lat, lon)) = e.geo {
        let mut geo = String::new();
        let _ = write!(geo, "{lat:.6};{lon:.6}");
        put(out, "GEO:", &geo);
    }
    if let Some(url) = &e.url {
        put(out, "URL:", url);
    }
    if let Some((name, email)) = &e.organizer {
        put(
            out,
            "ORGANIZER;CN=",
            &format!("\"{}\":mailto:{email}", ics_param(name)),
        );
    }
    if let Some((name, email)) = &e.attendee {
        put(
            out,
            "ATTENDEE;CN=",
            &format!(
                "\"{}\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:{email}",
                ics_param(name)
            ),
        );
    }
    ics_line(
        out,
        if e.cancelled {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        },
    );
    ics_line(out, "END:VEVENT");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::groups::GroupRole;
    use crate::ids::UserId;

    const PARIS: Tz = chrono_tz::Europe::Paris;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
        from_local(
            PARIS,
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(h, min, 0)
                .unwrap(),
        )
        .unwrap()
    }

    fn utc_hour(t: i64) -> u32 {
        use chrono::Timelike;
        Utc.timestamp_opt(t, 0).unwrap().hour()
    }

    #[test]
    fn local_times_follow_daylight_saving() {
        // Clocks go forward on 28 March 2027 in Paris.
        let before = parse_time("starts_at", "2027-03-23T19:00", PARIS, false).unwrap();
        let after = parse_time("starts_at", "2027-03-30T19:00", PARIS, false).unwrap();
        assert_eq!(utc_hour(before), 18);
        assert_eq!(utc_hour(after), 17);
        assert_eq!(after - before, 7 * 86_400 - 3600);
        // The skipped hour does not exist.
        assert_eq!(
            parse_time("starts_at", "2027-03-28T02:30", PARIS, false)
                .unwrap_err()
                .key,
            "error-meeting-time-skipped"
        );
        // The API insists on an offset.
        assert_eq!(
            parse_time("starts_at", "2027-03-30T19:00", PARIS, true)
                .unwrap_err()
                .key,
            "error-meeting-time-offset"
        );
        assert_eq!(
            parse_time("starts_at", "2027-03-30T19:00:00+02:00", PARIS, true).unwrap(),
            after
        );
    }

    #[test]
    fn weekly_series_keep_their_local_hour_across_the_change() {
        let first = at(2027, 3, 16, 19, 0);
        let rule = Recurrence::from_code("weeks:2").unwrap();
        let second = next_occurrence(rule, first, PARIS).unwrap();
        assert_eq!(second, at(2027, 3, 30, 19, 0));
        assert_eq!(utc_hour(first), 18);
        assert_eq!(utc_hour(second), 17);
        // And back in October.
        let autumn = next_occurrence(rule, at(2027, 10, 26, 19, 0), PARIS).unwrap();
        assert_eq!(autumn, at(2027, 11, 9, 19, 0));
        assert_eq!(utc_hour(autumn), 18);
    }

    #[test]
    fn monthly_series_find_the_nth_weekday() {
        let rule = Recurrence::from_code("monthly:1:tue").unwrap();
        assert_eq!(rule.code(), "monthly:1:tue");
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(rule.next_date(d(2027, 1, 5)), Some(d(2027, 2, 2)));
        assert_eq!(rule.next_date(d(2027, 12, 7)), Some(d(2028, 1, 4)));
        let last = Recurrence::from_code("monthly:-1:fri").unwrap();
        assert_eq!(last.next_date(d(2027, 1, 29)), Some(d(2027, 2, 26)));
        assert_eq!(
            Recurrence::monthly_like(d(2027, 3, 2)),
            Recurrence::MonthlyNth {
                nth: 1,
                weekday: Weekday::Tue
            }
        );
        assert_eq!(
            Recurrence::monthly_like(d(2027, 3, 30)),
            Recurrence::MonthlyNth {
                nth: -1,
                weekday: Weekday::Tue
            }
        );
        for bad in [
            "",
            "weeks:0",
            "weeks:9",
            "monthly:5:tue",
            "monthly:1:xyz",
            "daily",
        ] {
            assert_eq!(Recurrence::from_code(bad), None, "{bad}");
        }
        // First Tuesday of March 2027, then April at the same local hour
        // after the change.
        let march = at(2027, 3, 2, 19, 0);
        let april = next_occurrence(rule, march, PARIS).unwrap();
        assert_eq!(april, at(2027, 4, 6, 19, 0));
    }

    #[test]
    fn occurrences_are_created_ahead_up_to_the_horizon() {
        let rule = Recurrence::Weeks(1);
        let last = at(2027, 1, 5, 19, 0);
        let now = at(2027, 1, 1, 12, 0);
        // The last one is upcoming: fill the 3 weeks after now.
        let made = occurrences_to_create(rule, last, now, 21 * 86_400, PARIS);
        assert_eq!(made, vec![at(2027, 1, 12, 19, 0), at(2027, 1, 19, 19, 0)]);
        // Long after: catch up and have one upcoming at least.
        let later = at(2027, 2, 20, 12, 0);
        let made = occurrences_to_create(
            Recurrence::from_code("monthly:1:tue").unwrap(),
            last,
            later,
            0,
            PARIS,
        );
        assert_eq!(made, vec![at(2027, 2, 2, 19, 0), at(2027, 3, 2, 19, 0)]);
    }

    #[test]
    fn meeting_input_is_checked_whole() {
        let input = MeetingInput {
            title: "  Réunion   mensuelle ".into(),
            starts_at: "2027-03-30T19:00".into(),
            ends_at: "2027-03-30T21:00".into(),
            latitude: "45,76".into(),
            longitude: "4.83".into(),
            online_url: "https://visio.example.org/coop".into(),
            capacity: "20".into(),
            ..MeetingInput::default()
        };
        let draft = input.validate(PARIS, false).unwrap();
        assert_eq!(draft.title, "Réunion mensuelle");
        assert_eq!(draft.timezone, "Europe/Paris");
        assert_eq!(draft.ends_at - draft.starts_at, 7200);
        assert_eq!(draft.latitude, Some(45.76));
        let bad = MeetingInput {
            title: "".into(),
            starts_at: "2027-03-30T19:00".into(),
            ends_at: "2027-03-30T18:00".into(),
            capacity: "0".into(),
            timezone: "Mars/Olympus".into(),
            visibility: "secret".into(),
            online_url: "javascript:alert(1)".into(),
            ..MeetingInput::default()
        };
        let keys: Vec<&str> = bad
            .validate(PARIS, false)
            .unwrap_err()
            .iter()
            .map(|e| e.key)
            .collect();
        for key in [
            "error-meeting-title-empty",
            "error-meeting-end-before-start",
            "error-meeting-capacity",
            "error-meeting-timezone",
            "error-meeting-visibility",
            "error-url-invalid",
        ] {
            assert!(keys.contains(&key), "{key} in {keys:?}");
        }
    }

    #[test]
    fn reminders_and_escalation_happen_once_each() {
        let day = 86_400;
        let due = 100 * day;
        let state = AliveState {
            due_at: due,
            planned: false,
            organizer_told_at: None,
            facilitators_told_at: None,
        };
        assert_eq!(alive_step(state, due - 11 * day, 10), AliveStep::Nothing);
        assert_eq!(
            alive_step(state, due - 10 * day, 10),
            AliveStep::RemindOrganizer
        );
        let told = AliveState {
            organizer_told_at: Some(due - 10 * day),
            ..state
        };
        assert_eq!(alive_step(told, due - 4 * day, 10), AliveStep::Nothing);
        assert_eq!(
            alive_step(told, due - 3 * day, 10),
            AliveStep::TellFacilitators
        );
        let both = AliveState {
            facilitators_told_at: Some(due - 3 * day),
            ..told
        };
        assert_eq!(alive_step(both, due + 30 * day, 10), AliveStep::Nothing);
        let planned = AliveState {
            planned: true,
            ..state
        };
        assert_eq!(alive_step(planned, due, 10), AliveStep::Nothing);
        assert_eq!(
            Cadence::Monthly.due_after(at(2027, 3, 2, 19, 0), PARIS),
            at(2027, 4, 2, 19, 0)
        );
    }

    #[test]
    fn members_only_meetings_are_for_members() {
        let listed = GroupAccess {
            listed: true,
            proposed_by: None,
            hosted: true,
        };
        let member = Membership::new([GroupRole::Member]);
        let someone = Viewer {
            user_id: Some(UserId(5)),
            ..Viewer::default()
        };
        let admin = Viewer {
            user_id: Some(UserId(1)),
            is_admin: true,
            is_helper: false,
        };
        assert!(may_see(
            &Viewer::anonymous(),
            None,
            listed,
            Visibility::Public
        ));
        assert!(!may_see(
            &Viewer::anonymous(),
            None,
            listed,
            Visibility::Members
        ));
        assert!(!may_see(&someone, None, listed, Visibility::Members));
        assert!(may_see(
            &someone,
            Some(&member),
            listed,
            Visibility::Members
        ));
        assert!(may_see(&admin, None, listed, Visibility::Members));
        let unlisted = GroupAccess {
            listed: false,
            ..listed
        };
        assert!(!is_public(unlisted, Visibility::Public));
        assert!(may_see(
            &someone,
            Some(&member),
            unlisted,
            Visibility::Public
        ));
        // Organizing and managing.
        assert!(may_organize(&someone, Some(&member), listed));
        assert!(!may_organize(&someone, None, listed));
        assert!(!may_organize(
            &someone,
            Some(&member),
            GroupAccess {
                hosted: false,
                ..listed
            }
        ));
        assert!(may_manage(&someone, Some(&member), Some(UserId(5))));
        assert!(!may_manage(&someone, Some(&member), Some(UserId(6))));
        let facilitator = Membership::new([GroupRole::Member, GroupRole::Facilitator]);
        assert!(may_manage(&someone, Some(&facilitator), Some(UserId(6))));
        assert!(!may_use_poll(
            &Viewer::anonymous(),
            None,
            listed,
            Visibility::Members,
            false
        ));
        assert!(may_use_poll(
            &Viewer::anonymous(),
            None,
            listed,
            Visibility::Members,
            true
        ));
        assert!(has_room(Some(2), 1, false));
        assert!(!has_room(Some(2), 2, false));
        assert!(has_room(Some(2), 2, true));
    }

    #[test]
    fn calendars_fold_escape_and_end_lines_with_crlf() {
        let event = IcsEvent {
            uid: "meeting-1@essaim.test".into(),
            stamp: at(2027, 3, 1, 12, 0),
            starts_at: at(2027, 3, 30, 19, 0),
            ends_at: at(2027, 3, 30, 21, 0),
            summary: "Réunion; ordre du jour, vote".into(),
            description: "Ligne 1\nLigne 2 ".repeat(20),
            geo: Some((45.76, 4.83)),
            ..IcsEvent::default()
        };
        let text = calendar("Jardins", Some("REQUEST"), std::slice::from_ref(&event));
        // Events written one by one and joined make the same calendar.
        assert_eq!(
            calendar_of_events("Jardins", Some("REQUEST"), &event_text(&event)),
            text
        );
        assert!(text.contains("DTSTART:20270330T170000Z\r\n"));
        assert!(text.contains("SUMMARY:Réunion\\; ordre du jour\\, vote\r\n"));
        assert!(text.contains("METHOD:REQUEST\r\n"));
        assert!(text.contains("GEO:45.760000;4.830000\r\n"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line}");
            assert!(!line.contains('\n'));
        }
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        // Folding never cuts a character in two.
        for text in [
            "é".repeat(100),
            "a".repeat(75),
            "a".repeat(76),
            "aé".repeat(90),
        ] {
            let mut out = String::new();
            ics_line(&mut out, &text);
            assert!(out.split("\r\n").all(|l| l.len() <= 75), "{out}");
            // Unfolding gives the line back.
            assert_eq!(out.trim_end_matches("\r\n").replace("\r\n ", ""), text);
        }
        assert!(matches!(ics_escape("plain"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(ics_escape("a\\b\r\nc\u{1f}"), "a\\\\b\\nc");
        assert_eq!(ics_escape("é, «x»\u{85};"), "é\\, «x»\\;");
    }

    #[test]
    fn minutes_titles_name_the_local_date() {
        assert_eq!(
            minutes_title(at(2027, 3, 30, 0, 30), PARIS, "Réunion"),
            "Compte rendu — 30/03/2027 — Réunion"
        );
    }
}
