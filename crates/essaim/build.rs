//! Tells the integration tests whether PostgreSQL was asked for: without
//! `ESSAIM_TEST_DATABASE_URL` their PostgreSQL half is marked ignored, so
//! the test summary counts it as not run instead of passed.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(essaim_no_postgres)");
    println!("cargo:rerun-if-env-changed=ESSAIM_TEST_DATABASE_URL");
    let asked = std::env::var("ESSAIM_TEST_DATABASE_URL").is_ok_and(|url| !url.is_empty());
    if !asked {
        println!("cargo:rustc-cfg=essaim_no_postgres");
    }
}
