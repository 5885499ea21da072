//! Fuzzes reply trimming: it must never panic, and what it keeps must be
//! lines of the input, in order (see `essaim_mail::incoming::trim::fuzz_one`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        essaim_mail::incoming::trim::fuzz_one(text);
    }
});
