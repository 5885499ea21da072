//! The SQL condition of a [`Sight`]: what a list query shows of what groups
//! publish, made from the same value the domain evaluates for one object
//! (`Sight::admits`), clause for clause.

use essaim_domain::audience::Sight;
use essaim_domain::ids::GroupId;
use essaim_domain::visibility::Visibility;

use crate::db::Arg;

/// The columns a condition reads: the object's group and visibility, and
/// the group's listing and proposer.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    /// The object's group id (`m.group_id`).
    pub group_id: &'static str,
    /// The object's visibility code (`m.visibility`).
    pub visibility: &'static str,
    /// The group's `listed` flag (`g.listed`).
    pub listed: &'static str,
    /// The group's proposer (`g.proposed_by`).
    pub proposed_by: &'static str,
}

/// Appends ` AND (…)`, the condition under which `sight` shows a row, to
/// `sql`, with its arguments numbered after those already in `args`.
pub fn push_condition(sight: &Sight, cols: Columns, sql: &mut String, args: &mut Vec<Arg>) {
    if sight.everything {
        return;
    }
    let mut open_if = vec![format!("{} = {}", cols.listed, bind(args, true.into()))];
    if sight.unlisted_groups {
        open_if = vec!["1 = 1".to_string()];
    } else if let Some(proposer) = sight.proposer {
        open_if.push(format!(
            "{} = {}",
            cols.proposed_by,
            bind(args, proposer.into())
        ));
    }
    let public = bind(args, Visibility::Public.code().into());
    let mut clauses = vec![format!(
        "({} = {public} AND ({}))",
        cols.visibility,
        open_if.join(" OR ")
    )];
    if !sight.member_of.is_empty() {
        // Ids are integers from our own database: safe to inline.
        let ids: Vec<String> = sight.member_of.iter().map(GroupId::to_string).collect();
        clauses.push(format!("{} IN ({})", cols.group_id, ids.join(",")));
    }
    sql.push_str(&format!(" AND ({})", clauses.join(" OR ")));
}

fn bind(args: &mut Vec<Arg>, arg: Arg) -> String {
    args.push(arg);
    format!("${}", args.len())
}
