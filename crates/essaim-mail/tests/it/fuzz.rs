//! What the fuzz targets `mime` and `trim` check, run on every test run
//! over a few thousand variants of the corpus: messages cut short, lines
//! shuffled and spliced from other messages, bytes changed.

use essaim_mail::incoming;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn corpus() -> Vec<Vec<u8>> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn variant(rng: &mut StdRng, messages: &[Vec<u8>]) -> Vec<u8> {
    let base = &messages[rng.gen_range(0..messages.len())];
    let mut lines: Vec<Vec<u8>> = base.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
    match rng.gen_range(0..5) {
        0 => {
            let cut = rng.gen_range(0..=base.len());
            return base[..cut].to_vec();
        }
        1 => {
            let other = &messages[rng.gen_range(0..messages.len())];
            let at = rng.gen_range(0..=lines.len());
            let from: Vec<Vec<u8>> = other.split(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
            let start = rng.gen_range(0..from.len());
            let end = rng.gen_range(start..=from.len());
            lines.splice(at..at, from[start..end].iter().cloned());
        }
        2 => {
            for _ in 0..rng.gen_range(1..10) {
                let a = rng.gen_range(0..lines.len());
                let b = rng.gen_range(0..lines.len());
                lines.swap(a, b);
            }
        }
        3 => {
            let mut bytes = base.clone();
            for _ in 0..rng.gen_range(1..20) {
                if bytes.is_empty() {
                    break;
                }
                let i = rng.gen_range(0..bytes.len());
                bytes[i] = *[b'>', b'<', b'\n', b'=', b'-', b'"', 0xC3, 0xFF, b' ', b'.']
                    .get(rng.gen_range(0..10))
                    .unwrap();
            }
            return bytes;
        }
        _ => {
            for line in lines.iter_mut() {
                if rng.gen_bool(0.3) {
                    line.insert(0, b'>');
                }
            }
        }
    }
    lines.join(&b'\n')
}

#[test]
fn fuzz_reading_and_trimming_never_panic() {
    let messages = corpus();
    // More rounds or another seed for a longer hunt:
    // ESSAIM_FUZZ_ROUNDS=100000 ESSAIM_FUZZ_SEED=7 cargo test -p essaim-mail --test it fuzz
    let rounds = std::env::var("ESSAIM_FUZZ_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3000);
    let seed = std::env::var("ESSAIM_FUZZ_SEED")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(0x5eed_e55a);
    let mut rng = StdRng::seed_from_u64(seed);
    for _ in 0..rounds {
        let raw = variant(&mut rng, &messages);
        incoming::fuzz_one(&raw);
        incoming::trim::fuzz_one(&String::from_utf8_lossy(&raw));
    }
    for text in [
        "",
        "\n",
        "--",
        ">",
        "Le\nLe\nLe",
        "On x wrote:",
        "De :\nDe :\nDe :",
        "\u{a0}\r\n\r",
    ] {
        incoming::trim::fuzz_one(text);
        incoming::fuzz_one(text.as_bytes());
    }
}
