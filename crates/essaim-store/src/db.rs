//! A small portable query layer: one SQL text, run on SQLite or PostgreSQL.
//!
//! Queries are written once with `$1` placeholders (SQLite maps `$N` to the
//! N-th argument too) and their arguments are kept as [`Arg`] values, so the
//! same code path serves both pools and both kinds of transaction. Rows are
//! structs deriving `sqlx::FromRow`, which sqlx implements for every backend.

use sqlx::postgres::{PgPool, PgRow};
use sqlx::sqlite::{SqlitePool, SqliteRow};
use sqlx::FromRow;
use std::borrow::Cow;

use crate::StoreError;

/// Which database engine is behind the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// SQLite, bundled, one file.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

/// One argument bound to a query.
#[derive(Debug, Clone)]
pub enum Arg {
    /// A 64-bit integer (ids, times in seconds, counters).
    I64(Option<i64>),
    /// A floating point number (coordinates).
    F64(Option<f64>),
    /// Text.
    Text(Option<String>),
    /// A boolean.
    Bool(Option<bool>),
    /// Raw bytes.
    Bytes(Option<Vec<u8>>),
}

macro_rules! arg_from {
    ($variant:ident, $ty:ty, $conv:expr) => {
        impl From<$ty> for Arg {
            fn from(value: $ty) -> Self {
                #[allow(clippy::redundant_closure_call)]
                Arg::$variant(Some(($conv)(value)))
            }
        }
        impl From<Option<$ty>> for Arg {
            fn from(value: Option<$ty>) -> Self {
                #[allow(clippy::redundant_closure_call)]
                Arg::$variant(value.map($conv))
            }
        }
    };
}

arg_from!(I64, i64, |v| v);
arg_from!(I64, i32, i64::from);
arg_from!(F64, f64, |v| v);
arg_from!(Text, String, |v| v);
arg_from!(Text, &str, str::to_string);
arg_from!(Text, &String, String::clone);
arg_from!(Bool, bool, |v| v);
arg_from!(Bytes, Vec<u8>, |v| v);
arg_from!(Bytes, &[u8], <[u8]>::to_vec);
arg_from!(
    I64,
    essaim_domain::ids::GroupId,
    |v: essaim_domain::ids::GroupId| v.0
);
arg_from!(
    I64,
    essaim_domain::ids::UserId,
    |v: essaim_domain::ids::UserId| v.0
);

/// A query and its arguments.
#[derive(Debug, Clone)]
pub struct Q {
    sql: Cow<'static, str>,
    args: Vec<Arg>,
}

/// Starts a query from its SQL text.
pub fn q(sql: impl Into<Cow<'static, str>>) -> Q {
    Q {
        sql: sql.into(),
        args: Vec::new(),
    }
}

impl Q {
    /// Adds the next argument (`$1`, `$2`, … in order).
    pub fn bind(mut self, arg: impl Into<Arg>) -> Self {
        self.args.push(arg.into());
        self
    }
}

/// Appends `text` to `sql` with its `$?` numbered as the next argument,
/// `arg` (a query built piece by piece: optional filters).
pub(crate) fn push(sql: &mut String, args: &mut Vec<Arg>, text: &str, arg: Arg) {
    args.push(arg);
    sql.push_str(&text.replace("$?", &format!("${}", args.len())));
}

/// The query of `sql` with `args` bound in order.
pub(crate) fn build(sql: String, args: Vec<Arg>) -> Q {
    args.into_iter().fold(q(sql), |query, a| query.bind(a))
}

/// A row type both backends can decode.
pub trait Row: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}
impl<T> Row for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{}

macro_rules! bind_all {
    ($query:expr, $args:expr) => {{
        let mut query = $query;
        for arg in $args {
            query = match arg {
                Arg::I64(v) => query.bind(v),
                Arg::F64(v) => query.bind(v),
                Arg::Text(v) => query.bind(v),
                Arg::Bool(v) => query.bind(v),
                Arg::Bytes(v) => query.bind(v),
            };
        }
        query
    }};
}

/// Generates the four ways to run a query against `$exec` for each backend.
macro_rules! run_methods {
    ([$($recv:tt)+] $self:ident, $sqlite:pat => $sexec:expr, $pg:pat => $pexec:expr) => {
        /// Runs a statement; returns the number of rows it touched.
        pub async fn execute($($recv)+, query: Q) -> Result<u64, StoreError> {
            Ok(match $self.target() {
                $sqlite => bind_all!(sqlx::query(&query.sql), query.args).execute($sexec).await?.rows_affected(),
                $pg => bind_all!(sqlx::query(&query.sql), query.args).execute($pexec).await?.rows_affected(),
            })
        }

        /// Fetches every row.
        pub async fn all<T: Row>($($recv)+, query: Q) -> Result<Vec<T>, StoreError> {
            Ok(match $self.target() {
                $sqlite => bind_all!(sqlx::query_as::<_, T>(&query.sql), query.args).fetch_all($sexec).await?,
                $pg => bind_all!(sqlx::query_as::<_, T>(&query.sql), query.args).fetch_all($pexec).await?,
            })
        }

        /// Fetches one row, if any.
        pub async fn opt<T: Row>($($recv)+, query: Q) -> Result<Option<T>, StoreError> {
            Ok(match $self.target() {
                $sqlite => bind_all!(sqlx::query_as::<_, T>(&query.sql), query.args).fetch_optional($sexec).await?,
                $pg => bind_all!(sqlx::query_as::<_, T>(&query.sql), query.args).fetch_optional($pexec).await?,
            })
        }

        /// Fetches exactly one row.
        pub async fn one<T: Row>($($recv)+, query: Q) -> Result<T, StoreError> {
            Ok(match $self.target() {
                $sqlite => bind_all!(sqlx::query_as::<_, T>(&query.sql), query.args).fetch_one($sexec).await?,
                $pg => bind_all!(sqlx::query_as::<_, T>(&query.sql), query.args).fetch_one($pexec).await?,
            })
        }
    };
}

/// The connection pool of one backend.
#[derive(Debug, Clone)]
pub enum Pool {
    /// SQLite pool.
    Sqlite(SqlitePool),
    /// PostgreSQL pool.
    Postgres(PgPool),
}

/// A cheap handle on the pool that runs queries outside a transaction.
#[derive(Debug, Clone)]
pub struct Db {
    pool: Pool,
}

enum PoolRef<'a> {
    Sqlite(&'a SqlitePool),
    Postgres(&'a PgPool),
}

impl Db {
    pub(crate) fn new(pool: Pool) -> Self {
        Self { pool }
    }

    /// Which engine this is.
    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// The underlying pool.
    pub fn pool(&self) -> &Pool {
        &self.pool
    }

    fn target(&self) -> PoolRef<'_> {
        match &self.pool {
            Pool::Sqlite(p) => PoolRef::Sqlite(p),
            Pool::Postgres(p) => PoolRef::Postgres(p),
        }
    }

    /// Opens a transaction.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match &self.pool {
            // IMMEDIATE takes the write lock up front, so two writers never
            // deadlock upgrading a read lock (SQLite is single-writer).
            Pool::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    run_methods!([&self] self, PoolRef::Sqlite(p) => p, PoolRef::Postgres(p) => p);
}

/// An open transaction; dropped without [`Tx::commit`], it rolls back.
pub enum Tx {
    /// On SQLite.
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    /// On PostgreSQL.
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

enum TxRef<'a> {
    Sqlite(&'a mut sqlx::SqliteConnection),
    Postgres(&'a mut sqlx::PgConnection),
}

impl Tx {
    fn target(&mut self) -> TxRef<'_> {
        match self {
            Tx::Sqlite(tx) => TxRef::Sqlite(tx),
            Tx::Postgres(tx) => TxRef::Postgres(tx),
        }
    }

    /// Which engine this is.
    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }

    /// Makes the transaction's changes permanent.
    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }

    run_methods!([&mut self] self, TxRef::Sqlite(c) => c, TxRef::Postgres(c) => c);
}
