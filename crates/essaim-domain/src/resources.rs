//! Resources: the finished, reusable things a hosted group offers beyond
//! its members — a link, an uploaded file or one of its wiki pages — with
//! a type, keywords and a license (the group's unless one says otherwise).
//!
//! A resource is public (whoever sees the group, the catalogue, its feed,
//! the search) or for the members only: who sees one is the rule every
//! group object follows ([`crate::audience::Sight`] with its effective
//! [`Visibility`]). A wiki page's resource is never more open than its
//! page ([`effective_visibility`]).

use serde::{Deserialize, Serialize};

use crate::groups::{self, License, Membership};
use crate::permissions::Viewer;
use crate::visibility::Visibility;
use crate::wiki::ReadAccess;
use crate::Invalid;

/// Longest title, in characters.
pub const TITLE_MAX: usize = 200;
/// Longest description, in characters.
pub const DESCRIPTION_MAX: usize = 5_000;
/// Longest address of a link, in bytes.
pub const URL_MAX: usize = 2_000;
/// Longest license name typed by hand, in characters.
pub const LICENSE_MAX: usize = 200;

/// What sort of thing a resource is (its « type »).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// A guide or a practical sheet (« fiche pratique »).
    #[default]
    Guide,
    /// A model to copy (a template of statutes, of a budget…).
    Template,
    /// A tool or a piece of software.
    Tool,
    /// A training course.
    Training,
    /// A video.
    Video,
    /// Anything else.
    Other,
}

impl Category {
    /// Every type, in the order forms show them.
    pub const ALL: [Category; 6] = [
        Category::Guide,
        Category::Template,
        Category::Tool,
        Category::Training,
        Category::Video,
        Category::Other,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Category::Guide => "guide",
            Category::Template => "template",
            Category::Tool => "tool",
            Category::Training => "training",
            Category::Video => "video",
            Category::Other => "other",
        }
    }

    /// The type of a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// What a resource is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    /// An address elsewhere (http or https).
    #[default]
    Link,
    /// A file sent to the site.
    File,
    /// A page of the group's shared space.
    Page,
}

impl ResourceKind {
    /// Every kind, in the order forms show them.
    pub const ALL: [ResourceKind; 3] = [ResourceKind::Link, ResourceKind::File, ResourceKind::Page];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            ResourceKind::Link => "link",
            ResourceKind::File => "file",
            ResourceKind::Page => "page",
        }
    }

    /// The kind of a stored code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// A resource as typed in its form or sent through the API, unchecked.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ResourceForm {
    /// Title.
    pub title: String,
    /// Description, in the wiki's formatting.
    pub description: String,
    /// Type code (`guide` by default).
    pub category: String,
    /// Kind code: `link` (default), `file` or `page`.
    pub kind: String,
    /// A link's address.
    pub url: String,
    /// A wiki page's address (`/g/{slug}/wiki/{page}`, or its last part).
    pub page: String,
    /// Keywords, separated by commas.
    pub keywords: String,
    /// A license code of [`License`], `""` for the group's, `other` with
    /// [`ResourceForm::license_other`].
    pub license: String,
    /// The license's name when `license` is `other`.
    pub license_other: String,
    /// Visibility code (`public` by default).
    pub visibility: String,
}

/// What a resource points at, checked (a page by its address, found by
/// the application in the group's wiki).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A link.
    Link(String),
    /// An uploaded file (checked and stored by the door).
    File,
    /// A page of the group's wiki, by its address.
    Page(String),
}

impl Source {
    /// Its kind.
    pub fn kind(&self) -> ResourceKind {
        match self {
            Source::Link(_) => ResourceKind::Link,
            Source::File => ResourceKind::File,
            Source::Page(_) => ResourceKind::Page,
        }
    }
}

/// A checked resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceDraft {
    /// Title, spaces folded.
    pub title: String,
    /// Description, trimmed.
    pub description: String,
    /// Type.
    pub category: Category,
    /// What it points at.
    pub source: Source,
    /// Keywords (normalized like a card's).
    pub keywords: Vec<String>,
    /// Its own license's name; `None`: the group's.
    pub license: Option<String>,
    /// Who its author lets see it.
    pub visibility: Visibility,
}

/// Reads a license choice: a code of [`License`] (its official name), or
/// `other` and a name typed by hand; `""` is `None` (the group's).
pub fn parse_license(code: &str, other: &str) -> Result<Option<String>, Invalid> {
    let code = code.trim();
    if code.is_empty() {
        return Ok(None);
    }
    match License::from_code(code) {
        Some(License::Other) => {
            let name = other.split_whitespace().collect::<Vec<_>>().join(" ");
            if name.is_empty() {
                Err(Invalid::new("license_other", "error-license-other-empty"))
            } else if name.chars().count() > LICENSE_MAX {
                Err(Invalid::new(
                    "license_other",
                    "error-license-other-too-long",
                ))
            } else if name.chars().any(char::is_control) {
                Err(Invalid::new("license_other", "error-resource-text-invalid"))
            } else {
                Ok(Some(name))
            }
        }
        Some(license) => Ok(license.label().map(String::from)),
        None => Err(Invalid::new("license", "error-choice-unknown")),
    }
}

/// The form's choice for a stored license name: its code when it is one
/// of the list's, `other` and the name otherwise, `""` for the group's.
pub fn license_choice(name: Option<&str>) -> (&'static str, String) {
    match name {
        None => ("", String::new()),
        Some(name) => match License::ALL.into_iter().find(|l| l.label() == Some(name)) {
            Some(license) => (license.code(), String::new()),
            None => (License::Other.code(), name.to_string()),
        },
    }
}

/// Checks a link's address: http or https, a host, no spaces.
pub fn check_url(raw: &str) -> Result<String, Invalid> {
    let url = raw.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| {
            // Schemes are case-insensitive.
            let lower = url.get(..8)?.to_ascii_lowercase();
            if lower == "https://" {
                url.get(8..)
            } else if lower.starts_with("http://") {
                url.get(7..)
            } else {
                None
            }
        });
    let host = rest
        .map(|r| r.split(['/', '?', '#']).next().unwrap_or(""))
        .unwrap_or("");
    if url.is_empty() {
        return Err(Invalid::new("url", "error-resource-url-empty"));
    }
    if host.is_empty()
        || host.starts_with('.')
        || url.len() > URL_MAX
        || url.chars().any(|c| c.is_whitespace() || c.is_control())
        || host.contains(['<', '>', '"', '\\'])
    {
        return Err(Invalid::new("url", "error-resource-url-invalid"));
    }
    Ok(url.to_string())
}

/// The page address of a typed page path: `/g/{slug}/wiki/{page}` (or a
/// full address ending so), or the page's own address alone.
pub fn page_slug(group_slug: &str, raw: &str) -> Option<String> {
    let raw = raw.trim();
    let prefix = format!("/g/{group_slug}/wiki/");
    let slug = match raw.find(&prefix) {
        Some(at) => &raw[at + prefix.len()..],
        None if raw.contains('/') => return None,
        None => raw,
    };
    let slug = slug
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_matches('/');
    if slug.is_empty() || slug.contains('/') {
        None
    } else {
        Some(slug.to_string())
    }
}

fn text(
    field: &'static str,
    raw: &str,
    max: usize,
    too_long: &'static str,
    errors: &mut Vec<Invalid>,
) -> String {
    let value = raw.replace("\r\n", "\n").trim().to_string();
    if value.chars().count() > max {
        errors.push(Invalid::new(field, too_long));
    } else if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        errors.push(Invalid::new(field, "error-resource-text-invalid"));
    }
    value
}

impl ResourceForm {
    /// Checks every field; all the problems at once. A file's presence and
    /// content are the door's to check.
    pub fn validate(&self) -> Result<ResourceDraft, Vec<Invalid>> {
        let mut errors = Vec::new();
        let title = self.title.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.is_empty() {
            errors.push(Invalid::new("title", "error-resource-title-empty"));
        } else if title.chars().count() > TITLE_MAX {
            errors.push(Invalid::new("title", "error-resource-title-too-long"));
        } else if title.chars().any(char::is_control) {
            errors.push(Invalid::new("title", "error-resource-text-invalid"));
        }
        let description = text(
            "description",
            &self.description,
            DESCRIPTION_MAX,
            "error-resource-description-too-long",
            &mut errors,
        );
        let category = match self.category.trim() {
            "" => Some(Category::default()),
            code => Category::from_code(code),
        };
        if category.is_none() {
            errors.push(Invalid::new("category", "error-choice-unknown"));
        }
        let kind = match self.kind.trim() {
            "" => Some(ResourceKind::default()),
            code => ResourceKind::from_code(code),
        };
        let source = match kind {
            Some(ResourceKind::Link) => match check_url(&self.url) {
                Ok(url) => Some(Source::Link(url)),
                Err(e) => {
                    errors.push(e);
                    None
                }
            },
            Some(ResourceKind::File) => Some(Source::File),
            Some(ResourceKind::Page) => {
                let page = self.page.trim();
                if page.is_empty() {
                    errors.push(Invalid::new("page", "error-resource-page-empty"));
                    None
                } else {
                    Some(Source::Page(page.to_string()))
                }
            }
            None => {
                errors.push(Invalid::new("kind", "error-choice-unknown"));
                None
            }
        };
        let keywords = groups::normalize_keywords(&self.keywords)
            .map_err(|e| errors.push(e))
            .unwrap_or_default();
        let license = parse_license(&self.license, &self.license_other)
            .map_err(|e| errors.push(e))
            .unwrap_or_default();
        let visibility = match self.visibility.trim() {
            "" => Some(Visibility::Public),
            code => Visibility::from_code(code),
        };
        if visibility.is_none() {
            errors.push(Invalid::new("visibility", "error-choice-unknown"));
        }
        match (category, source, visibility, errors.is_empty()) {
            (Some(category), Some(source), Some(visibility), true) => Ok(ResourceDraft {
                title,
                description,
                category,
                source,
                keywords,
                license,
                visibility,
            }),
            _ => Err(errors),
        }
    }
}

/// What a resource is: what its author chose, made members-only whenever
/// it is a page that not everyone reads (`page_read`, the page's effective
/// read access) — a closed page never makes a public resource.
pub fn effective_visibility(chosen: Visibility, page_read: Option<ReadAccess>) -> Visibility {
    match page_read {
        Some(access) if access != ReadAccess::Everyone => Visibility::Members,
        _ => chosen,
    }
}

/// Adding a resource to a group: its members, and those who run it
/// (facilitators, leaders, helpers, administrators), in a hosted group.
pub fn may_add(viewer: &Viewer, membership: Option<&Membership>, hosted: bool) -> bool {
    hosted
        && viewer.is_logged_in()
        && (membership.is_some() || groups::may_edit_card(viewer, membership))
}

/// Changing or removing a resource: its author while a member, and those
/// who run the group.
pub fn may_manage(viewer: &Viewer, membership: Option<&Membership>, is_author: bool) -> bool {
    viewer.is_logged_in()
        && ((membership.is_some() && is_author) || groups::may_edit_card(viewer, membership))
}

/// Setting the group's default license of its resources: those who run
/// the group.
pub fn may_set_license(viewer: &Viewer, membership: Option<&Membership>) -> bool {
    groups::may_edit_card(viewer, membership)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::groups::GroupRole;
    use crate::ids::UserId;

    fn link(title: &str, url: &str) -> ResourceForm {
        ResourceForm {
            title: title.into(),
            url: url.into(),
            ..ResourceForm::default()
        }
    }

    #[test]
    fn forms_are_checked_whole() {
        let d = link("  Guide   du compost ", "https://exemple.org/compost")
            .validate()
            .unwrap();
        assert_eq!(d.title, "Guide du compost");
        assert_eq!(d.category, Category::Guide);
        assert_eq!(d.source, Source::Link("https://exemple.org/compost".into()));
        assert_eq!(d.visibility, Visibility::Public);
        assert_eq!(d.license, None);
        let bad = ResourceForm {
            category: "livre".into(),
            visibility: "secret".into(),
            license: "gpl".into(),
            ..link("", "ftp://exemple.org")
        };
        let fields: Vec<&str> = bad
            .validate()
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            ["title", "category", "url", "license", "visibility"]
        );
        let page = ResourceForm {
            kind: "page".into(),
            ..link("Une page", "")
        };
        assert_eq!(
            page.validate().unwrap_err()[0].key,
            "error-resource-page-empty"
        );
        let kind = ResourceForm {
            kind: "pdf".into(),
            ..link("Un fichier", "")
        };
        assert_eq!(kind.validate().unwrap_err()[0].field, "kind");
    }

    #[test]
    fn links_are_http_or_https_with_a_host() {
        assert!(check_url("https://exemple.org").is_ok());
        assert!(check_url("HTTP://exemple.org/a?b=c").is_ok());
        for bad in [
            "",
            "exemple.org",
            "javascript:alert(1)",
            "https://",
            "https:///chemin",
            "https://exemple.org/a b",
            "mailto:a@b.fr",
        ] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn licenses_come_from_the_list_or_are_typed() {
        assert_eq!(parse_license("", "x"), Ok(None));
        assert_eq!(
            parse_license("cc-by-4.0", ""),
            Ok(Some("CC BY 4.0".to_string()))
        );
        assert_eq!(
            parse_license("other", "  Licence  Art Libre "),
            Ok(Some("Licence Art Libre".to_string()))
        );
        assert!(parse_license("other", " ").is_err());
        assert!(parse_license("mit", "").is_err());
        assert_eq!(license_choice(Some("CC0 1.0")), ("cc0-1.0", String::new()));
        assert_eq!(
            license_choice(Some("Licence Art Libre")),
            ("other", "Licence Art Libre".to_string())
        );
        assert_eq!(license_choice(None), ("", String::new()));
    }

    #[test]
    fn pages_are_named_by_their_address() {
        assert_eq!(page_slug("jardins", "compost"), Some("compost".into()));
        assert_eq!(
            page_slug("jardins", "https://site.fr/g/jardins/wiki/compost#haut"),
            Some("compost".into())
        );
        assert_eq!(page_slug("jardins", "/g/autre/wiki/compost"), None);
        assert_eq!(page_slug("jardins", "/g/jardins/wiki/"), None);
    }

    #[test]
    fn a_closed_page_never_makes_a_public_resource() {
        use Visibility::*;
        assert_eq!(effective_visibility(Public, None), Public);
        assert_eq!(
            effective_visibility(Public, Some(ReadAccess::Everyone)),
            Public
        );
        assert_eq!(
            effective_visibility(Public, Some(ReadAccess::Members)),
            Members
        );
        assert_eq!(
            effective_visibility(Public, Some(ReadAccess::Facilitators)),
            Members
        );
        assert_eq!(
            effective_visibility(Members, Some(ReadAccess::Everyone)),
            Members
        );
    }

    #[test]
    fn members_add_authors_and_facilitators_manage() {
        let person = Viewer {
            user_id: Some(UserId(3)),
            ..Viewer::default()
        };
        let member = Membership::new([GroupRole::Member]);
        let facilitator = Membership::new([GroupRole::Member, GroupRole::Facilitator]);
        assert!(may_add(&person, Some(&member), true));
        assert!(!may_add(&person, Some(&member), false));
        assert!(!may_add(&person, None, true));
        assert!(!may_add(&Viewer::anonymous(), None, true));
        assert!(may_manage(&person, Some(&member), true));
        assert!(!may_manage(&person, Some(&member), false));
        assert!(!may_manage(&person, None, true));
        assert!(may_manage(&person, Some(&facilitator), false));
        assert!(may_set_license(&person, Some(&facilitator)));
        assert!(!may_set_license(&person, Some(&member)));
    }
}
