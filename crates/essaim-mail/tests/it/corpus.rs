//! Every message of `tests/corpus/` read, each compared with the post it
//! must give (`NAME.expected.md`), what was trimmed (`NAME.trimmed.txt`,
//! when present) and the files kept (`NAME.attachments.txt`, when present).
//! A message with a `NAME.automatic.txt` must be read as machine mail (the
//! file says why); every other one must not.
//! All mismatches are reported at once, with the share read exactly.
//!
//! `ESSAIM_CORPUS_BLESS=1` writes what is read over the expected files
//! that differ (review it with `git diff` before committing).

use std::path::{Path, PathBuf};

use essaim_mail::incoming;

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn read_expected(path: &Path) -> Option<String> {
    std::fs::read_to_string(path)
        .ok()
        .map(|s| s.trim_end_matches('\n').to_string())
}

#[test]
fn every_reply_of_the_corpus_gives_its_expected_post() {
    let mut names: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("the corpus folder")
        .map(|e| e.expect("a corpus entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    names.sort();
    assert!(
        names.len() >= 300,
        "the corpus has {} messages",
        names.len()
    );

    let mut failures = Vec::new();
    let mut exact = 0;
    for path in &names {
        let before = failures.len();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let raw = std::fs::read(path).expect("a corpus message");
        let parsed = match incoming::parse(&raw) {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("{name}: not read: {e}"));
                continue;
            }
        };
        let base = path.with_extension("");
        let expected = read_expected(&base.with_extension("expected.md"));
        if std::env::var_os("ESSAIM_CORPUS_BLESS").is_some() {
            if expected.as_deref() != Some(parsed.body.as_str()) {
                std::fs::write(
                    base.with_extension("expected.md"),
                    format!("{}\n", parsed.body),
                )
                .expect("writing an expected file");
            }
            let trimmed = base.with_extension("trimmed.txt");
            if trimmed.exists() {
                std::fs::write(trimmed, format!("{}\n", parsed.trimmed))
                    .expect("writing a trimmed file");
            }
        }
        match expected {
            None => failures.push(format!("{name}: no {name}.expected.md")),
            Some(expected) if expected != parsed.body => failures.push(format!(
                "{name}: body\n--- expected\n{expected}\n--- got\n{}\n---",
                parsed.body
            )),
            Some(_) => {}
        }
        if let Some(trimmed) = read_expected(&base.with_extension("trimmed.txt")) {
            if trimmed != parsed.trimmed {
                failures.push(format!(
                    "{name}: trimmed\n--- expected\n{trimmed}\n--- got\n{}\n---",
                    parsed.trimmed
                ));
            }
        }
        if let Some(list) = read_expected(&base.with_extension("attachments.txt")) {
            let got: Vec<String> = parsed
                .attachments
                .iter()
                .map(|a| format!("{} {} {}", a.filename, a.content_type, a.data.len()))
                .collect();
            let want: Vec<String> = list.lines().map(str::to_string).collect();
            if got != want {
                failures.push(format!("{name}: attachments {got:?}, expected {want:?}"));
            }
        }
        let machine = base.with_extension("automatic.txt").exists();
        if parsed.automatic.is_some() && !machine {
            failures.push(format!(
                "{name}: a person's reply taken for machine mail: {:?}",
                parsed.automatic
            ));
        }
        if parsed.automatic.is_none() && machine {
            failures.push(format!("{name}: machine mail taken for a person's"));
        }
        if parsed.from_address.is_none() || parsed.message_id.is_none() {
            failures.push(format!("{name}: sender or Message-ID not read"));
        }
        if failures.len() == before {
            exact += 1;
        }
    }
    println!(
        "corpus: {exact} of {} messages read exactly ({:.1} %)",
        names.len(),
        100.0 * exact as f64 / names.len() as f64
    );
    assert!(
        failures.is_empty(),
        "{} of {} corpus messages differ:\n\n{}",
        failures.len(),
        names.len(),
        failures.join("\n\n")
    );
}
