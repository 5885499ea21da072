//! The search index, one interface over SQLite FTS5 and PostgreSQL
//! `tsvector`. Words are turned into terms in Rust (accents folded, French
//! and English stems: see `essaim_domain::search`), so both engines match
//! the same way; each keeps its own index structure and ranking.
//!
//! Documents carry their scope (a group, or 0 for the instance) and their
//! effective read access, so results are filtered in the query itself.

use essaim_domain::search as rules;
use essaim_domain::wiki::{ReadAccess, ReadFilter};
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
    /// Effective read access.
    pub access: ReadAccess,
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
    let terms = format!(
        "{} {}",
        rules::terms(&format!("{} {} {}", doc.title, doc.title, doc.body)),
        rules::scope_term(doc.scope)
    );
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
                .bind(doc.access.code())
                .bind(&doc.title)
                .bind(&doc.body)
                .bind(&doc.url)
                .bind(doc.updated_at)
                .bind(terms.clone()),
        )
        .await?;
    sync_fts(tx, row.id, terms).await?;
    Ok(())
}

/// On SQLite, puts a document's terms in the FTS5 table (PostgreSQL keeps
/// them in the row's `tsvector`).
async fn sync_fts(tx: &mut Tx, id: i64, terms: String) -> Result<()> {
    if tx.backend() == Backend::Sqlite {
        tx.execute(q("DELETE FROM search_fts WHERE rowid = $1").bind(id))
            .await?;
        tx.execute(
            q("INSERT INTO search_fts (rowid, terms) VALUES ($1, $2)")
                .bind(id)
                .bind(terms),
        )
        .await?;
    }
    Ok(())
}

/// Adds `text` to the end of an indexed document (a reply to a topic), its
/// terms made from `text` alone, instead of remaking the whole document;
/// `false` when there is no such document or it is full (`body_cap`
/// bytes), so the caller indexes the whole again.
pub async fn append(
    tx: &mut Tx,
    kind: &str,
    ref_id: i64,
    text: &str,
    updated_at: i64,
    body_cap: usize,
) -> Result<bool> {
    let extra = rules::terms(text);
    let sql = match tx.backend() {
        Backend::Sqlite => {
            "UPDATE search_docs SET body = body || $1, terms = terms || ' ' || $2, updated_at = $3 \
             WHERE kind = $4 AND ref_id = $5 AND length(body) <= $6 RETURNING id, terms"
        }
        Backend::Postgres => {
            "UPDATE search_docs SET body = body || $1, terms = terms || to_tsvector('simple', $2), updated_at = $3 \
             WHERE kind = $4 AND ref_id = $5 AND length(body) <= $6 RETURNING id, CAST('' AS TEXT) AS terms"
        }
    };
    #[derive(sqlx::FromRow)]
    struct Appended {
        id: i64,
        terms: String,
    }
    let row: Option<Appended> = tx
        .opt(
            q(sql)
                .bind(format!("{text}\n"))
                .bind(extra)
                .bind(updated_at)
                .bind(kind)
                .bind(ref_id)
                .bind(body_cap as i64),
        )
        .await?;
    let Some(row) = row else {
        return Ok(false);
    };
    sync_fts(tx, row.id, row.terms).await?;
    Ok(true)
}

/// What the search needs of one object of a group (a news item, a project)
/// to index it; read by each kind's own query.
#[derive(sqlx::FromRow)]
pub(crate) struct Indexed {
    pub id: i64,
    pub group_id: essaim_domain::ids::GroupId,
    pub title: String,
    /// Its text, in the wiki's formatting.
    pub body: String,
    #[sqlx(try_from = "String")]
    pub visibility: essaim_domain::visibility::Visibility,
    pub updated_at: i64,
    pub group_slug: String,
    pub listed: bool,
}

impl Indexed {
    /// Its document of `kind` at `url`.
    pub fn doc(&self, kind: &'static str, url: String) -> SearchDoc {
        SearchDoc {
            kind,
            ref_id: self.id,
            scope: self.group_id.0,
            access: self.visibility.index_access(self.listed),
            title: self.title.clone(),
            body: essaim_domain::markdown::render_inline_text(&self.body, 20_000),
            url,
            updated_at: self.updated_at,
        }
    }
}

/// The ids of a group's rows in `table` (whose documents change with the
/// group's listing).
pub(crate) async fn ids_of(
    tx: &mut Tx,
    table: &str,
    group_id: essaim_domain::ids::GroupId,
) -> Result<Vec<i64>> {
    let rows: Vec<Id> = tx
        .all(
            q(format!(
                "SELECT id FROM {table} WHERE group_id = $1 ORDER BY id"
            ))
            .bind(group_id),
        )
        .await?;
    Ok(rows.into_iter().map(|r| r.id).collect())
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
        let mut groups = rules::query_groups(&query.text);
        if groups.is_empty() {
            return Ok(Vec::new());
        }
        if let Some(scope) = query.scope {
            // The index itself then yields only this place's documents.
            groups.push(vec![rules::scope_term(scope)]);
        }
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
        // What the reader may see in the place searched: the same clauses
        // for the bound below and for the ranking ($1 is the query, $2 the
        // bound; these arguments follow).
        let mut filters: Vec<String> = Vec::new();
        let mut filter_args: Vec<crate::db::Arg> = Vec::new();
        if let Some(scope) = query.scope {
            filter_args.push(scope.into());
            filters.push(format!("d.scope = ${}", filter_args.len() + 2));
        }
        if let Some(kind) = &query.kind {
            filter_args.push(kind.into());
            filters.push(format!("d.kind = ${}", filter_args.len() + 2));
        }
        if !query.filter.all {
            // `ReadFilter::admits`, clause for clause.
            let mut code = |access: ReadAccess| {
                filter_args.push(access.code().into());
                format!("d.access = ${}", filter_args.len() + 2)
            };
            let everyone = code(ReadAccess::Everyone);
            let members_code = code(ReadAccess::Members);
            let facilitators_code = code(ReadAccess::Facilitators);
            let members = id_list(filter_args.len() + 3, &query.filter.members_of);
            filter_args.extend(query.filter.members_of.iter().map(|i| (*i).into()));
            let facilitators = id_list(filter_args.len() + 3, &query.filter.facilitator_of);
            filter_args.extend(query.filter.facilitator_of.iter().map(|i| (*i).into()));
            filters.push(format!(
                "({everyone} OR ({members_code} AND d.scope IN ({members})) \
                 OR ({facilitators_code} AND d.scope IN ({facilitators})))"
            ));
        }
        let ranked = ranking_sql(from_clause, &matcher, score, &filters);
        let limit = query.limit.clamp(1, 100);
        // One group's documents are few: all of them are ranked.
        if query.scope.is_some() {
            let rows = self
                .search_ranked(&ranked, &query_text, 0, &filter_args, limit)
                .await?;
            return Ok(hits(rows, &query.text));
        }
        // Otherwise ranking is done among the newest CANDIDATES matching
        // documents: a very common word (in tens of thousands of pages) is
        // then still answered in milliseconds. Both engines seek a
        // document-id range in their index. The first bound reads the index
        // alone (the cheapest).
        let all_sql = match self.backend() {
            Backend::Sqlite => {
                "SELECT rowid AS id FROM search_fts WHERE search_fts MATCH $1 \
                                ORDER BY rowid DESC LIMIT 1 OFFSET $2"
            }
            Backend::Postgres => {
                "SELECT d.id FROM search_docs d WHERE d.terms @@ to_tsquery('simple', $1) \
                                  ORDER BY d.id DESC LIMIT 1 OFFSET $2"
            }
        };
        let Some(bound) = self
            .search_bound(all_sql.to_string(), &query_text, &[])
            .await?
        else {
            // Fewer than CANDIDATES documents match at all: rank them all.
            let rows = self
                .search_ranked(&ranked, &query_text, 0, &filter_args, limit)
                .await?;
            return Ok(hits(rows, &query.text));
        };
        let rows = self
            .search_ranked(&ranked, &query_text, bound, &filter_args, limit)
            .await?;
        if rows.len() as i64 >= limit || filters.is_empty() {
            return Ok(hits(rows, &query.text));
        }
        // Too few of those newest matches are the reader's to see (closed
        // wikis): bound by the newest matches the reader may see instead.
        let visible_sql = match self.backend() {
            Backend::Sqlite => format!(
                "SELECT d.id AS id FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid \
                 WHERE search_fts MATCH $1 AND {} ORDER BY search_fts.rowid DESC LIMIT 1 OFFSET $2",
                filters.join(" AND ")
            ),
            Backend::Postgres => format!(
                "SELECT d.id FROM search_docs d WHERE d.terms @@ to_tsquery('simple', $1) AND {} \
                 ORDER BY d.id DESC LIMIT 1 OFFSET $2",
                filters.join(" AND ")
            ),
        };
        let bound = self
            .search_bound(visible_sql, &query_text, &filter_args)
            .await?
            .unwrap_or(0);
        let rows = self
            .search_ranked(&ranked, &query_text, bound, &filter_args, limit)
            .await?;
        Ok(hits(rows, &query.text))
    }

    /// The id of the newest document past the [`CANDIDATES`] newest the
    /// query finds (`None`: fewer match).
    async fn search_bound(
        &self,
        sql: String,
        query_text: &str,
        filter_args: &[crate::db::Arg],
    ) -> Result<Option<i64>> {
        let mut statement = q(sql).bind(query_text.to_string()).bind(CANDIDATES - 1);
        for arg in filter_args {
            statement = statement.bind(arg.clone());
        }
        let row: Option<Id> = self.db().opt(statement).await?;
        Ok(row.map(|r| r.id))
    }

    /// The `limit` best documents from `bound` on, with their texts.
    async fn search_ranked(
        &self,
        ranked: &str,
        query_text: &str,
        bound: i64,
        filter_args: &[crate::db::Arg],
        limit: i64,
    ) -> Result<Vec<HitRow>> {
        let mut args: Vec<crate::db::Arg> = vec![query_text.to_string().into(), bound.into()];
        args.extend(filter_args.iter().cloned());
        args.push(limit.into());
        let sql = format!(
            "SELECT d.kind, d.ref_id, d.scope, d.title, d.body, d.url, d.updated_at FROM search_docs d \
             JOIN ({ranked} LIMIT ${}) top ON top.id = d.id ORDER BY top.score, d.updated_at DESC",
            args.len()
        );
        let mut statement = q(sql);
        for arg in args {
            statement = statement.bind(arg);
        }
        self.db().all(statement).await
    }
}

/// The ranking sub-query: (id, score) of the matching documents the reader
/// may see, best first.
fn ranking_sql(from_clause: &str, matcher: &str, score: &str, filters: &[String]) -> String {
    let mut clauses = vec![matcher.to_string()];
    clauses.extend(filters.iter().cloned());
    format!(
        "SELECT d.id AS id, {score} AS score FROM {from_clause} WHERE {} ORDER BY score",
        clauses.join(" AND ")
    )
}

/// Search results with their excerpts.
fn hits(rows: Vec<HitRow>, text: &str) -> Vec<SearchHit> {
    rows.into_iter()
        .map(|r| SearchHit {
            excerpt: rules::excerpt(&r.body, text, 220),
            kind: r.kind,
            ref_id: r.ref_id,
            scope: r.scope,
            title: r.title,
            url: r.url,
            updated_at: r.updated_at,
        })
        .collect()
}
