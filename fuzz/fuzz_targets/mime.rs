//! Fuzzes the reading of received mail (MIME, headers, HTML to Markdown,
//! machine-mail and bounce detection): it must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    essaim_mail::incoming::fuzz_one(data);
});
