//! A measurement, not a check (ignored by default): trimming one reply of
//! about 50 KB, three shapes, the median of many runs each.
//!
//! `cargo test -p essaim-mail --release --test it trim_bench -- --ignored --nocapture`

use std::time::{Duration, Instant};

use essaim_mail::incoming::trim::trim_reply;

/// A short answer above a long history: Gmail's attribution, then quotes
/// nested three deep, each with its own attribution, and an Outlook block.
fn toppost() -> String {
    let mut text = String::from("Merci, je prends le créneau de samedi.\n\nCamille\n\n");
    text.push_str(
        "Le lun. 3 mars 2025 à 10:12, Marie Dupont <marie.dupont@orange.fr> a écrit :\n\n",
    );
    let mut n = 0;
    while text.len() < 50_000 {
        let depth = "> ".repeat(1 + n % 3);
        text.push_str(&format!(
            "{depth}Le {} mars 2025 à 09:{:02}, Paul Martin <paul@example.org> a écrit :\n",
            1 + n % 28,
            n % 60
        ));
        for line in [
            "Bonjour à tous, voici le planning des arrosages pour le mois de juillet,",
            "chacun peut-il vérifier ses dates et répondre avant vendredi ?",
            "De : Sophie <sophie@example.org>",
            "Envoyé : lundi 3 mars 2025 10:12",
            "",
        ] {
            text.push_str(&format!("{depth}{line}\n"));
        }
        n += 1;
    }
    text
}

/// Answers between quoted questions, all through the message.
fn interleaved() -> String {
    let mut text = String::from("Le 03/03/2025 à 10:12, Marie Dupont a écrit :\n");
    let mut n = 0;
    while text.len() < 50_000 {
        text.push_str(&format!(
            "> Question {n} : qui apporte les chaises pour la fête ?\n>\n"
        ));
        text.push_str(&format!(
            "Réponse {n} : moi, avec la camionnette de Paul.\n\n"
        ));
        n += 1;
    }
    text
}

/// A long message of the person's own, nothing quoted.
fn own_text() -> String {
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 50_000 {
        text.push_str(&format!(
            "Le point {n} de l'ordre du jour : on en parle samedi, le 12 à 10:00, au jardin.\n"
        ));
        if n % 5 == 4 {
            text.push('\n');
        }
        n += 1;
    }
    text
}

/// Lines made to look like attribution starts and ends (a worst case).
fn lookalikes() -> String {
    let mut text = String::new();
    while text.len() < 50_000 {
        text.push_str("Le 3 mars 2025 on verra :\nLe 4 mars 2025, Paul <p@x.fr> dira :\n");
    }
    text
}

fn median(text: &str) -> Duration {
    let mut times: Vec<Duration> = (0..201)
        .map(|_| {
            let started = Instant::now();
            let trimmed = trim_reply(std::hint::black_box(text));
            std::hint::black_box(trimmed);
            started.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

#[test]
#[ignore = "a measurement: run with --release --ignored --nocapture"]
fn trim_bench() {
    for (label, text) in [
        ("top-post above 50 KB of nested quotes", toppost()),
        ("50 KB of interleaved answers", interleaved()),
        ("50 KB of the person's own text", own_text()),
        (
            "50 KB of lines made to look like attributions",
            lookalikes(),
        ),
    ] {
        println!(
            "trim_bench: {label} ({} bytes): median {:.1?}",
            text.len(),
            median(&text)
        );
    }
}
