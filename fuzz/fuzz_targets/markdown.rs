//! Fuzzes the Markdown + wiki-link renderer: it must never panic, and its
//! output must always be sanitized (see `essaim_domain::markdown::check_sanitized`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        essaim_domain::markdown::fuzz_one(text);
    }
});
