//! Makes Leaflet's files available to `include_bytes!` without committing them.
//!
//! The version is pinned in `assets/package.json` and `assets/package-lock.json`.
//! When `assets/node_modules` lacks Leaflet (or holds another version than the
//! lock file), this runs `npm ci` there, then copies the few files we serve into
//! `$OUT_DIR/leaflet/`:
//!
//! ```text
//! include_bytes!(concat!(env!("OUT_DIR"), "/leaflet/leaflet.js"))
//! include_bytes!(concat!(env!("OUT_DIR"), "/leaflet/leaflet.css"))
//! include_bytes!(concat!(env!("OUT_DIR"), "/leaflet/images/marker-icon.png"))
//! include_bytes!(concat!(env!("OUT_DIR"), "/leaflet/images/marker-icon-2x.png"))
//! include_bytes!(concat!(env!("OUT_DIR"), "/leaflet/images/marker-shadow.png"))
//! ```

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Files copied from `node_modules/leaflet/dist/`, relative to it.
const LEAFLET_FILES: &[&str] = &[
    "leaflet.js",
    "leaflet.css",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/package-lock.json");

    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let assets = manifest_dir.join("assets");
    let leaflet = assets.join("node_modules").join("leaflet");
    let dist = leaflet.join("dist");

    if needs_install(&assets, &leaflet) {
        let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
        let ok = Command::new(npm)
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&assets)
            .status()
            .map(|status| status.success())
            .unwrap_or(false);
        if !ok || !dist.join("leaflet.js").is_file() {
            panic!(
                "Leaflet is missing: run `npm ci` in crates/essaim-web/assets \
                 (it needs npm and the npm registry), because essaim-web embeds \
                 the map's files from assets/node_modules at build time."
            );
        }
    }

    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR")).join("leaflet");
    for file in LEAFLET_FILES {
        let from = dist.join(file);
        let to = out.join(file);
        fs::create_dir_all(to.parent().expect("a parent folder"))
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
        fs::copy(&from, &to)
            .unwrap_or_else(|e| panic!("cannot copy {} to {}: {e}", from.display(), to.display()));
    }
}

/// True when Leaflet is absent, or its installed version differs from the lock file's.
fn needs_install(assets: &Path, leaflet: &Path) -> bool {
    if !leaflet.join("dist").join("leaflet.js").is_file() {
        return true;
    }
    let locked = fs::read_to_string(assets.join("package-lock.json"))
        .ok()
        .and_then(|lock| {
            let entry = lock.find("\"node_modules/leaflet\"")?;
            version_in(&lock[entry..])
        });
    let installed = fs::read_to_string(leaflet.join("package.json"))
        .ok()
        .and_then(|manifest| version_in(&manifest));
    match (locked, installed) {
        (Some(locked), Some(installed)) => locked != installed,
        _ => false,
    }
}

/// The value of the first `"version": "…"` in `json` (enough for npm's own files).
fn version_in(json: &str) -> Option<String> {
    let rest = &json[json.find("\"version\"")? + "\"version\"".len()..];
    let rest = rest
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_string())
}
