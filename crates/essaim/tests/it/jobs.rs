//! The job queue on both databases: no job taken twice, leases that expire.

use std::collections::HashSet;

use crate::both;
use crate::support::{test_config, Backend, TestDb};

both!(
    concurrent_workers_never_share_a_job,
    expired_lease_returns_the_job,
    a_payload_that_does_not_decode_is_a_failed_job
);

/// A job kind of the tests alone.
#[derive(serde::Serialize, serde::Deserialize)]
struct Noop {
    i: i64,
}

impl essaim_domain::jobs::JobKind for Noop {
    const NAME: &'static str = "noop";
    const MAX_ATTEMPTS: i64 = 3;
}

async fn store_for(db: &TestDb) -> essaim_store::Store {
    let dir = std::env::temp_dir();
    essaim::server::open_store(&test_config(&db.url, &dir))
        .await
        .unwrap()
}

async fn enqueue(store: &essaim_store::Store, n: i64) {
    let now = store.now();
    let mut tx = store.db().begin().await.unwrap();
    for i in 0..n {
        essaim_store::jobs::enqueue(&mut tx, &Noop { i }, now, now)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
}

async fn concurrent_workers_never_share_a_job(backend: Backend) {
    let db = TestDb::create(&backend).await;
    let store = store_for(&db).await;
    enqueue(&store, 60).await;
    let mut tasks = Vec::new();
    for w in 0..4 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let jobs = store.claim_jobs(&format!("w{w}"), 5, 300).await.unwrap();
                if jobs.is_empty() {
                    return mine;
                }
                mine.extend(jobs.into_iter().map(|j| j.id));
            }
        }));
    }
    let mut seen = HashSet::new();
    let mut total = 0;
    for t in tasks {
        for id in t.await.unwrap() {
            total += 1;
            assert!(seen.insert(id), "job {id} claimed twice");
        }
    }
    assert_eq!(total, 60);
}

async fn expired_lease_returns_the_job(backend: Backend) {
    let db = TestDb::create(&backend).await;
    let store = store_for(&db).await;
    enqueue(&store, 1).await;
    let first = store.claim_jobs("a", 10, 60).await.unwrap();
    assert_eq!(first.len(), 1);
    assert!(
        store.claim_jobs("b", 10, 60).await.unwrap().is_empty(),
        "leased"
    );
    store.clock().advance(61);
    let again = store.claim_jobs("b", 10, 60).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].attempts, 2);
    store.complete_job(again[0].id).await.unwrap();
    store.clock().advance(600);
    assert!(
        store.claim_jobs("c", 10, 60).await.unwrap().is_empty(),
        "done jobs stay done"
    );
}

/// A payload written by another version (a renamed key) fails its job for
/// good, with the reason shown to administrators, instead of passing as
/// done; the email job's own payload too.
async fn a_payload_that_does_not_decode_is_a_failed_job(backend: Backend) {
    let app = crate::support::TestApp::start(backend).await;
    let now = app.store.now();
    for (kind, payload) in [
        ("page_changed", r#"{"page": 1, "revision": 1}"#),
        ("send_email", r#"{"outbox": 1}"#),
    ] {
        app.store
            .db()
            .execute(
                essaim_store::q(
                    "INSERT INTO jobs (kind, payload, run_at, max_attempts, created_at) VALUES ($1, $2, $3, 5, $3)",
                )
                .bind(kind)
                .bind(payload)
                .bind(now),
            )
            .await
            .unwrap();
    }
    app.worker.run_due().await.unwrap();
    let failed = app.failed_jobs().await;
    assert_eq!(failed.len(), 2, "{failed:?}");
    for job in &failed {
        let error = job.last_error.as_deref().unwrap_or_default();
        assert!(error.contains("does not decode"), "{error}");
    }
    // The administrators' page lists them.
    let admin = app
        .user("Camille", "camille@essaim.test", "un mot de passe long")
        .await;
    assert!(admin.is_admin, "the first account administers");
    let b = app
        .logged_in("camille@essaim.test", "un mot de passe long")
        .await;
    let res = b.get("/admin/outbox").await;
    assert_eq!(res.status, 200);
    assert!(res.text.contains("page_changed"), "{}", res.text);
    app.forget_failed_jobs().await;
}

/// A scenario that queues a job which cannot succeed, and never runs its
/// jobs, still fails: the harness runs what is left when it ends.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_harness_fails_a_scenario_that_leaves_a_failing_job() {
    let scenario = crate::support::watched(async {
        let app = crate::support::TestApp::start(Backend::Sqlite).await;
        let now = app.store.now();
        app.store
            .db()
            .execute(
                essaim_store::q(
                    "INSERT INTO jobs (kind, payload, run_at, max_attempts, created_at) VALUES ('page_changed', '{}', $1, 1, $1)",
                )
                .bind(now),
            )
            .await
            .unwrap();
    });
    let outcome = tokio::spawn(scenario).await;
    assert!(
        outcome.is_err_and(|e| e.is_panic()),
        "a job left failing must fail the scenario"
    );
}
