//! The search index, one interface over SQLite FTS5 and PostgreSQL
//! `tsvector`. Words are turned into terms in Rust (accents folded, French
//! and English stems: see `essaim_domain::search`), so both engines match
//! the same way; each keeps its own index structure and ranking.
//!
//! Documents carry their scope (a group, or 0 for the instance) and their
//! effective read access, so results are filtered in the query itself.

use essaim_domain::search as rules;
use essaim_domain::wiki::ReadFilter;
use serde::Serialize;

use crate::db::{q, Backend, Tx};
use crate::{Result, Store};

/// A document to index.
#[derive(Debug, Clone)]
pub struct SearchDoc {
    /// `page`, later `topic`, `meeting`, `project`…
    pub kind: &'static str,
    /// Id of the indexed thing.
    pub ref_id: i64,
    /// Group id, or 0 for the instance.
    pub scope: i64,
    /// Effective read access code (`everyone`, `members`, `facilitators`).
    pub access: String,
    /// Title.
    pub title: String,
    /// Plain text body (for excerpts).
    pub body: String,
    /// Path of the document (`/g/…/wiki/…`).
    pub url: String,
    /// Last change.
    pub updated_at: i64,
}

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// Kind of document.
    pub kind: String,
    /// Id of the thing.
    pub ref_id: i64,
    /// Group id, or 0.
    pub scope: i64,
    /// Title.
    pub title: String,
    /// Path.
    pub url: String,
    /// HTML excerpt with `<mark>`ed matches (escaped).
    pub excerpt: String,
    /// Last change.
    pub updated_at: i64,
}

/// How many matching documents (the newest) are ranked at most.
const CANDIDATES: i64 = 2000;

#[derive(sqlx::FromRow)]
struct Id {
    id: i64,
}

#[derive(sqlx::FromRow)]
struct HitRow {
    kind: String,
    ref_id: i64,
    scope: i64,
    title: String,
    body: String,
    url: String,
    updated_at: i64,
}

/// Adds or replaces a document inside `tx` (so the index changes with the
/// content, or not at all).
pub async fn index(tx: &mut Tx, doc: &SearchDoc) -> Result<()> {
    // Title words count twice: a match in the title ranks higher.
    let terms = rules::terms(&format!("{} {} {}", doc.title, doc.title, doc.body));
    let terms_sql = match tx.backend() {
        Backend::Sqlite => "$9",
        Backend::Postgres => "to_tsvector('simple', $9)",
    };
    let sql = format!(
        "INSERT INTO search_docs (kind, ref_id, scope, access, title, body, url, updated_at, terms) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, {terms_sql}) \
         ON CONFLICT (kind, ref_id) DO UPDATE SET scope = excluded.scope, access = excluded.access, \
         title = excluded.title, body = excluded.body, url = excluded.url, updated_at = excluded.updated_at, \
         terms = excluded.terms RETURNING id"
    );
    let row: Id = tx
        .one(
            q(sql)
                .bind(doc.kind)
                .bind(doc.ref_id)
                .bind(doc.scope)
                .bind(&doc.access)
                .bind(&doc.title)
                .bind(&doc.body)
                .bind(&doc.url)
                .bind(doc.updated_at)
                .bind(terms.clone()),
        )
        .await?;
    if tx.backend() == Backend::Sqlite {
        tx.execute(q("DELETE FROM search_fts WHERE rowid = $1").bind(row.id))
            .await?;
        tx.execute(
            q("INSERT INTO search_fts (rowid, terms) VALUES ($1, $2)")
                .bind(row.id)
                .bind(terms),
        )
        .await?;
    }
    Ok(())
}

/// Changes the access of every document of a scope and kind (a wiki's
/// setting changed) — callers reindex pages whose own setting differs.
pub async fn set_scope_access(tx: &mut Tx, kind: &str, scope: i64, access: &str) -> Result<()> {
    tx.execute(
        q("UPDATE search_docs SET access = $1 WHERE kind = $2 AND scope = $3")
            .bind(access)
            .bind(kind)
            .bind(scope),
    )
    .await?;
    Ok(())
}

/// Removes a document.
pub async fn remove(tx: &mut Tx, kind: &str, ref_id: i64) -> Result<()> {
    let row: Option<Id> = tx
        .opt(
            q("DELETE FROM search_docs WHERE kind = $1 AND ref_id = $2 RETURNING id")
                .bind(kind)
                .bind(ref_id),
        )
        .await?;
    if let (Some(row), Backend::Sqlite) = (row, tx.backend()) {
        tx.execute(q("DELETE FROM search_fts WHERE rowid = $1").bind(row.id))
            .await?;
    }
    Ok(())
}

/// A search request.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// The words typed.
    pub text: String,
    /// Only this scope (a group, or 0 for the instance's pages).
    pub scope: Option<i64>,
    /// Only this kind.
    pub kind: Option<String>,
    /// What the viewer may read.
    pub filter: ReadFilter,
    /// Results wanted.
    pub limit: i64,
}

fn id_list(first: usize, ids: &[i64]) -> String {
    if ids.is_empty() {
        return "NULL".into();
    }
    (first..first + ids.len())
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Store {
    /// Searches the documents the viewer may read, best first.
    pub async fn search(&self, query: &SearchQuery) -> Result<Vec<SearchHit>> {
        let groups = rules::query_groups(&query.text);
        if groups.is_empty() {
            return Ok(Vec::new());
        }
        // The full-text index is read once and ranked in the same query.
        // The full-text index is read once and ranked in the same query;
        // only (id, score) pairs are sorted, the documents' texts are read
        // for the few results kept.
        let (from_clause, matcher, score, query_text) = match self.backend() {
            Backend::Sqlite => (
                "search_fts JOIN search_docs d ON d.id = search_fts.rowid",
                "search_fts MATCH $1 AND search_fts.rowid >= $2".to_string(),
                "search_fts.rank",
                rules::fts5_query(&groups),
            ),
            Backend::Postgres => (
                "search_docs d",
                "d.terms @@ to_tsquery('simple', $1) AND d.id >= $2".to_string(),
                "-ts_rank(d.terms, to_tsquery('simple', $1))",
                rules::tsquery(&groups),
            ),
        };
        // Ranking is done among the newest CANDIDATES matching documents:
        // a very common word (in tens of thousands of pages) is then still
        // answered in milliseconds. Both engines seek a document-id range
        // in their index.
        let threshold_sql = match self.backend() {
            Backend::Sqlite => "SELECT rowid AS id FROM search_fts WHERE search_fts MATCH $1 ORDER BY rowid DESC LIMIT 1 OFFSET $2",
            Backend::Postgres => {
                "SELECT id FROM search_docs WHERE terms @@ to_tsquery('simple', $1) ORDER BY id DESC LIMIT 1 OFFSET $2"
            }
        };
        let threshold: Option<Id> = self
            .db()
            .opt(
                q(threshold_sql)
                    .bind(query_text.clone())
                    .bind(CANDIDATES - 1),
            )
            .await?;
        let mut clauses = vec![matcher];
        let mut args: Vec<crate::db::Arg> =
            vec![query_text.into(), threshold.map_or(0, |t| t.id).into()];
        if let Some(scope) = query.scope {
            args.push(scope.into());
            clauses.push(format!("d.scope = ${}", args.len()));
        }
        if let Some(kind) = &query.kind {
            args.push(kind.into());
            clauses.push(format!("d.kind = ${}", args.len()));
        }
        if !query.filter.all {
            let members = id_list(args.len() + 1, &query.filter.members_of);
            args.extend(query.filter.members_of.iter().map(|i| (*i).into()));
            let facilitators = id_list(args.len() + 1, &query.filter.facilitator_of);
            args.extend(query.filter.facilitator_of.iter().map(|i| (*i).into()));
            clauses.push(format!(
                "(d.access = 'everyone' OR (d.access = 'members' AND d.scope IN ({members})) \
                 OR (d.access = 'facilitators' AND d.scope IN ({facilitators})))"
            ));
        }
        args.push(query.limit.clamp(1, 100).into());
        let sql = format!(
            "SELECT d.kind, d.ref_id, d.scope, d.title, d.body, d.url, d.updated_at FROM search_docs d \
             JOIN (SELECT d.id AS id, {score} AS score FROM {from_clause} WHERE {} ORDER BY score LIMIT ${}) top \
             ON top.id = d.id ORDER BY top.score, d.updated_at DESC",
            clauses.join(" AND "),
            args.len()
        );
        let mut statement = q(sql);
        for arg in args {
            statement = statement.bind(arg);
        }
        let rows: Vec<HitRow> = self.db().all(statement).await?;
        Ok(rows
            .into_iter()
            .map(|r| SearchHit {
                excerpt: rules::excerpt(&r.body, &query.text, 220),
                kind: r.kind,
                ref_id: r.ref_id,
                scope: r.scope,
                title: r.title,
                url: r.url,
                updated_at: r.updated_at,
            })
            .collect())
    }
}
