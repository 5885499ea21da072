//! Discussions: a group's forum and its mailing list in one. Who may read,
//! write and moderate (one rule for every door: pages, API, search, feeds,
//! email), topic titles and post texts, mentions, quotes, the email
//! choices of members, and how subjects are read for threading.

use crate::ids::UserId;
use serde::{Deserialize, Serialize};

use crate::groups::{fold_for_search, GroupRole, Membership};
use crate::permissions::Viewer;
use crate::Invalid;

/// Longest topic title, in characters.
pub const TITLE_MAX: usize = 200;
/// Largest post, in bytes of Markdown.
pub const POST_MAX_BYTES: usize = 100_000;
/// Hard bounces after which an address stops receiving the list.
pub const HARD_BOUNCES_STOP: i64 = 3;

pub use crate::visibility::Visibility;

/// What happens to mail sent to the group by someone who is not a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Outsiders {
    /// Held for the moderators, who may post it.
    #[default]
    Moderate,
    /// Refused with an explanation.
    Refuse,
}

impl Outsiders {
    /// Every choice.
    pub const ALL: [Outsiders; 2] = [Outsiders::Moderate, Outsiders::Refuse];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Outsiders::Moderate => "moderate",
            Outsiders::Refuse => "refuse",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }
}

/// Where a post stands: it decides who reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PostStatus {
    /// Read by whoever reads the discussions.
    #[default]
    Visible,
    /// A new member's first post, waiting for a moderator: its author and
    /// the moderators read it.
    Held,
    /// Hidden by a moderator: the moderators read it.
    Hidden,
    /// Deleted: nobody reads it (its place in the topic stays).
    Deleted,
}

impl PostStatus {
    /// Every status.
    pub const ALL: [PostStatus; 4] = [
        PostStatus::Visible,
        PostStatus::Held,
        PostStatus::Hidden,
        PostStatus::Deleted,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            PostStatus::Visible => "visible",
            PostStatus::Held => "held",
            PostStatus::Hidden => "hidden",
            PostStatus::Deleted => "deleted",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }
}

/// How a post came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum PostVia {
    /// Written on the site or through the API.
    #[default]
    Web,
    /// Sent by email.
    Email,
    /// Imported from an earlier list's archive (never mailed again).
    Import,
}

impl PostVia {
    /// Every way.
    pub const ALL: [PostVia; 3] = [PostVia::Web, PostVia::Email, PostVia::Import];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            PostVia::Web => "web",
            PostVia::Email => "email",
            PostVia::Import => "import",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }
}

/// Where a message held for the moderators stands (mail from someone
/// outside the group).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum HeldStatus {
    /// Waiting for a moderator.
    #[default]
    Pending,
    /// Posted by a moderator.
    Approved,
    /// Refused by a moderator.
    Refused,
}

impl HeldStatus {
    /// Every status.
    pub const ALL: [HeldStatus; 3] = [
        HeldStatus::Pending,
        HeldStatus::Approved,
        HeldStatus::Refused,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            HeldStatus::Pending => "pending",
            HeldStatus::Approved => "approved",
            HeldStatus::Refused => "refused",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }
}

/// How a member follows a group's discussions by email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum EmailMode {
    /// Every message, as it is written (new members start here).
    #[default]
    Every,
    /// One summary a day.
    Daily,
    /// One summary a week.
    Weekly,
    /// Nothing by email: the site only.
    None,
}

impl EmailMode {
    /// Every choice, in the order forms show them.
    pub const ALL: [EmailMode; 4] = [
        EmailMode::Every,
        EmailMode::Daily,
        EmailMode::Weekly,
        EmailMode::None,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            EmailMode::Every => "every",
            EmailMode::Daily => "daily",
            EmailMode::Weekly => "weekly",
            EmailMode::None => "none",
        }
    }

    /// Parses a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }
}

/// What someone may do in a group's discussions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Access {
    /// Read topics and posts (pages, API, search, feeds, emails).
    pub read: bool,
    /// Open topics and reply.
    pub post: bool,
    /// Pin, close, hide, restore and delete; approve held messages.
    pub moderate: bool,
}

/// THE rule of discussions: what `viewer` (with their `membership` of the
/// group) may do, given the group's setting and whether it is listed in the
/// directory (a group awaiting approval keeps its discussions to members).
pub fn access(
    viewer: &Viewer,
    membership: Option<&Membership>,
    visibility: Visibility,
    group_listed: bool,
) -> Access {
    let admin = viewer.is_logged_in() && viewer.is_admin;
    let member = viewer.is_logged_in() && membership.is_some();
    let moderator = membership.is_some_and(|m| {
        m.has(GroupRole::Moderator) || m.has(GroupRole::Facilitator) || m.has(GroupRole::Leader)
    }) && viewer.is_logged_in();
    let public = visibility == Visibility::Public && group_listed;
    Access {
        read: public || member || admin,
        post: member,
        moderate: moderator || admin,
    }
}

/// Whether someone with `access` may reply in a topic (closed topics take
/// no new posts, except from moderators).
pub fn may_reply(access: Access, closed: bool) -> bool {
    access.post && (!closed || access.moderate)
}

/// Whether `viewer` may edit a post: its author only.
pub fn may_edit_post(viewer: &Viewer, author_id: Option<UserId>) -> bool {
    viewer.user_id.is_some() && viewer.user_id == author_id
}

/// Whether `viewer` sees a post's text, by its stored status: a visible
/// post, everyone who reads the group; a held one, its author and the
/// moderators; a hidden one, the moderators; a deleted one, nobody.
pub fn may_see_post(
    viewer: &Viewer,
    access: Access,
    status: PostStatus,
    author_id: Option<UserId>,
) -> bool {
    match status {
        PostStatus::Visible => true,
        PostStatus::Held => access.moderate || may_edit_post(viewer, author_id),
        PostStatus::Hidden => access.moderate,
        PostStatus::Deleted => false,
    }
}

/// Whether `viewer` may delete a post: its author, or a moderator.
pub fn may_delete_post(viewer: &Viewer, author_id: Option<UserId>, access: Access) -> bool {
    may_edit_post(viewer, author_id) || access.moderate
}

/// Checks a topic title: trimmed, 1 to [`TITLE_MAX`] characters, no control
/// characters.
pub fn normalize_title(raw: &str) -> Result<String, Invalid> {
    let title = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return Err(Invalid::new("title", "error-topic-title-empty"));
    }
    if title.chars().count() > TITLE_MAX {
        return Err(Invalid::new("title", "error-topic-title-too-long"));
    }
    if title.chars().any(char::is_control) {
        return Err(Invalid::new("title", "error-topic-title-invalid"));
    }
    Ok(title)
}

/// Checks a post's text: not empty, at most [`POST_MAX_BYTES`]; line ends
/// made uniform.
pub fn check_body(raw: &str) -> Result<String, Invalid> {
    let text = raw.replace("\r\n", "\n");
    if text.trim().is_empty() {
        return Err(Invalid::new("markdown", "error-post-empty"));
    }
    if text.len() > POST_MAX_BYTES {
        return Err(Invalid::new("markdown", "error-post-too-long"));
    }
    Ok(text.trim_end().to_string())
}

/// Whether an emailed reply means "I like this" (its body is exactly `+1`).
pub fn is_plus_one(body: &str) -> bool {
    body.trim() == "+1"
}

/// How a name is written after `@`: folded, without spaces
/// ("Fanny Martin" → "fannymartin").
pub fn mention_handle(name: &str) -> String {
    fold_for_search(name).replace(' ', "")
}

/// The people `@`-mentioned in a text, among `people` (id, name): `@` then
/// the whole name without spaces (`@fannymartin`), or the first name alone
/// when only one person has it (`@fanny`). Each person once, in order.
pub fn mentioned(markdown: &str, people: &[(UserId, String)]) -> Vec<UserId> {
    let mut out = Vec::new();
    let chars: Vec<char> = markdown.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i] == '@' && (i == 0 || !chars[i - 1].is_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && (chars[j].is_alphanumeric() || chars[j] == '-' || chars[j] == '_')
        {
            j += 1;
        }
        let word: String = chars[i + 1..j].iter().collect();
        let handle = mention_handle(&word);
        if !handle.is_empty() {
            let full: Vec<UserId> = people
                .iter()
                .filter(|(_, n)| mention_handle(n) == handle)
                .map(|(id, _)| *id)
                .collect();
            let first: Vec<UserId> = people
                .iter()
                .filter(|(_, n)| {
                    fold_for_search(n).split(' ').next().unwrap_or("") == handle.as_str()
                })
                .map(|(id, _)| *id)
                .collect();
            let found = if full.len() == 1 {
                Some(full[0])
            } else if full.is_empty() && first.len() == 1 {
                Some(first[0])
            } else {
                None
            };
            if let Some(id) = found.filter(|id| !out.contains(id)) {
                out.push(id);
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// A passage of another post, quoted: the author's line (its own
/// paragraph) then every line of the passage behind `> `, and an empty line
/// to write after.
pub fn quote(author_line: &str, passage: &str) -> String {
    let mut out = format!("> {author_line}\n>\n");
    for line in passage.trim().lines() {
        if line.trim().is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str("> ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push('\n');
    out
}

/// The passage a person selected in a post, when it really is in the
/// post's text (`plain`, without formatting): spaces are compared loosely,
/// since a browser's selection joins lines its own way.
pub fn passage_of<'a>(plain: &str, passage: &'a str) -> Option<&'a str> {
    let passage = passage.trim();
    if passage.is_empty() || passage.chars().count() > 2000 {
        return None;
    }
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    squeeze(plain)
        .contains(&squeeze(passage))
        .then_some(passage)
}

/// The subject of a list email: `[group] title`, `Re:` before it for a
/// reply.
pub fn list_subject(tag: &str, title: &str, reply: bool) -> String {
    if reply {
        format!("Re: [{tag}] {title}")
    } else {
        format!("[{tag}] {title}")
    }
}

/// A subject as threading compares it: without `Re:`, `Fwd:`, `TR:`,
/// `RE :`, `AW:` prefixes and `[list]` tags, whitespace collapsed,
/// accents folded.
pub fn base_subject(subject: &str) -> String {
    let mut s = subject.trim().to_string();
    loop {
        let before = s.clone();
        let lower = s.to_lowercase();
        for prefix in ["re", "fwd", "fw", "tr", "aw", "réf", "ref"] {
            if let Some(rest) = lower.strip_prefix(prefix) {
                let rest_trim = rest.trim_start();
                if let Some(after) = rest_trim.strip_prefix(':') {
                    let cut = s.len() - after.len();
                    s = s[cut..].trim().to_string();
                    break;
                }
            }
        }
        if s.starts_with('[') {
            if let Some(end) = s.find(']') {
                s = s[end + 1..].trim().to_string();
            }
        }
        if s == before {
            break;
        }
    }
    fold_for_search(&s)
}

/// A title for a topic opened by email, from the subject (without reply
/// prefixes); `fallback` when nothing is left.
pub fn title_from_subject(subject: &str, fallback: &str) -> String {
    let mut s = subject.trim().to_string();
    loop {
        let before = s.clone();
        let lower = s.to_lowercase();
        for prefix in ["re:", "re :", "fwd:", "fw:", "tr:", "tr :"] {
            if lower.starts_with(prefix) {
                s = s[prefix.len()..].trim().to_string();
                break;
            }
        }
        if s.starts_with('[') {
            if let Some(end) = s.find(']') {
                s = s[end + 1..].trim().to_string();
            }
        }
        if s == before {
            break;
        }
    }
    normalize_title(&s).unwrap_or_else(|_| fallback.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::UserId;

    fn viewer(id: i64) -> Viewer {
        Viewer {
            user_id: Some(UserId(id)),
            ..Viewer::default()
        }
    }

    #[test]
    fn held_and_hidden_posts_are_seen_by_few() {
        let reader = Access {
            read: true,
            post: true,
            moderate: false,
        };
        let moderator = Access {
            moderate: true,
            ..reader
        };
        let (author, other) = (viewer(1), viewer(2));
        assert!(may_see_post(
            &other,
            reader,
            PostStatus::Visible,
            Some(UserId(1))
        ));
        assert!(may_see_post(
            &author,
            reader,
            PostStatus::Held,
            Some(UserId(1))
        ));
        assert!(!may_see_post(
            &other,
            reader,
            PostStatus::Held,
            Some(UserId(1))
        ));
        assert!(may_see_post(
            &other,
            moderator,
            PostStatus::Held,
            Some(UserId(1))
        ));
        assert!(!may_see_post(
            &author,
            reader,
            PostStatus::Hidden,
            Some(UserId(1))
        ));
        assert!(may_see_post(
            &other,
            moderator,
            PostStatus::Hidden,
            Some(UserId(1))
        ));
        assert!(!may_see_post(
            &other,
            moderator,
            PostStatus::Deleted,
            Some(UserId(1))
        ));
    }

    fn member(roles: &[GroupRole]) -> Membership {
        let mut all = roles.to_vec();
        all.push(GroupRole::Member);
        Membership::new(all)
    }

    #[test]
    fn the_access_matrix() {
        let anon = Viewer::anonymous();
        let m = member(&[]);
        let moderator = member(&[GroupRole::Moderator]);
        let public = access(&anon, None, Visibility::Public, true);
        assert!(public.read && !public.post && !public.moderate);
        assert!(!access(&anon, None, Visibility::Members, true).read);
        assert!(
            !access(&anon, None, Visibility::Public, false).read,
            "unlisted groups keep discussions to members"
        );
        let outsider = access(&viewer(2), None, Visibility::Public, true);
        assert!(outsider.read && !outsider.post);
        let mem = access(&viewer(2), Some(&m), Visibility::Members, true);
        assert!(mem.read && mem.post && !mem.moderate);
        assert!(access(&viewer(2), Some(&moderator), Visibility::Members, true).moderate);
        let admin = Viewer {
            user_id: Some(UserId(1)),
            is_admin: true,
            is_helper: false,
        };
        let a = access(&admin, None, Visibility::Members, false);
        assert!(a.read && a.moderate && !a.post);
        assert!(may_reply(mem, false) && !may_reply(mem, true));
        assert!(may_reply(
            access(&viewer(2), Some(&moderator), Visibility::Public, true),
            true
        ));
        assert!(
            may_edit_post(&viewer(2), Some(UserId(2)))
                && !may_edit_post(&viewer(3), Some(UserId(2)))
        );
        assert!(!may_edit_post(&anon, None));
        assert!(may_delete_post(&viewer(3), Some(UserId(2)), a));
    }

    #[test]
    fn titles_and_bodies() {
        assert_eq!(normalize_title("  Le  jardin ").unwrap(), "Le jardin");
        assert!(normalize_title(" ").is_err());
        assert!(normalize_title(&"a".repeat(201)).is_err());
        assert!(check_body("  \n ").is_err());
        assert_eq!(
            check_body("Bonjour\r\nà tous\n\n").unwrap(),
            "Bonjour\nà tous"
        );
        assert!(is_plus_one(" +1 \n") && !is_plus_one("+1 merci"));
    }

    #[test]
    fn mentions_find_people() {
        let people = vec![
            (UserId(1), "Fanny Martin".to_string()),
            (UserId(2), "Gus".to_string()),
            (UserId(3), "Élise Roy".to_string()),
            (UserId(4), "Élise Durand".to_string()),
        ];
        assert_eq!(
            mentioned("Merci @fanny et @Gus !", &people),
            vec![UserId(1), UserId(2)]
        );
        assert_eq!(mentioned("@eliseroy, @elise ?", &people), vec![UserId(3)]);
        assert_eq!(
            mentioned("écrire à gus@coop.fr", &people),
            Vec::<UserId>::new()
        );
        assert_eq!(mentioned("@fannymartin @fanny", &people), vec![UserId(1)]);
    }

    #[test]
    fn quotes_and_subjects() {
        assert_eq!(
            quote("Fanny a écrit :", "Un\n\ndeux"),
            "> Fanny a écrit :\n>\n> Un\n>\n> deux\n\n"
        );
        assert_eq!(
            list_subject("jardins", "Semis", true),
            "Re: [jardins] Semis"
        );
        assert_eq!(
            base_subject("RE : [jardins] Re: Semis d'été"),
            "semis d ete"
        );
        assert_eq!(base_subject("TR: Semis d'été"), base_subject("Semis d'été"));
        assert_eq!(
            title_from_subject("Re: [jardins] Les semis", "Sans titre"),
            "Les semis"
        );
        assert_eq!(title_from_subject("  ", "Sans titre"), "Sans titre");
    }
}
