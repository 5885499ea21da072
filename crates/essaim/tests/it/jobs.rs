//! The job queue on both databases: no job taken twice, leases that expire.

use std::collections::HashSet;

use crate::both;
use crate::support::{test_config, Backend, TestDb};

both!(
    concurrent_workers_never_share_a_job,
    expired_lease_returns_the_job
);

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
        essaim_store::jobs::enqueue(&mut tx, "noop", &serde_json::json!({ "i": i }), now, 3, now)
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
