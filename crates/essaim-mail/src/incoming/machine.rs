//! Telling machine mail from people's: automatic replies, lists, loops of
//! our own, and delivery reports (bounces).

use mail_parser::{Message, MimeHeaders, PartType};

/// The header every message Essaim sends carries, so that a copy coming
/// back (a forward, a misconfigured list) is never posted again. Its value
/// is the instance's mail domain.
pub const LOOP_HEADER: &str = "X-Essaim-Loop";

/// A delivery failure report (a bounce).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    /// A hard failure (`5.x.x`: the address does not work) rather than a
    /// soft one (`4.x.x`: a full mailbox, a server down).
    pub permanent: bool,
    /// The status code as reported (`5.1.1`), or the best guess.
    pub status: String,
    /// The address that failed, when the report names it.
    pub recipient: Option<String>,
}

fn text_header<'a>(message: &'a Message<'_>, name: &'static str) -> Option<&'a str> {
    message
        .header(name)
        .and_then(|v| v.as_text())
        .map(str::trim)
        .or_else(|| message.header_raw(name).map(str::trim))
}

/// Reply prefixes mail programs put before a subject.
fn strip_reply_prefixes(subject: &str) -> String {
    let mut s = subject.trim().to_lowercase();
    loop {
        let before = s.len();
        for prefix in [
            "re:", "re :", "aw:", "tr:", "tr :", "fw:", "fwd:", "réf:", "ref:",
        ] {
            if let Some(rest) = s.strip_prefix(prefix) {
                s = rest.trim_start().to_string();
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

const AUTO_SUBJECTS: &[&str] = &[
    "réponse automatique",
    "reponse automatique",
    "réponse automatique d'absence",
    "message automatique",
    "absent du bureau",
    "absence du bureau",
    "message d'absence",
    "message d’absence",
    "out of office",
    "out of the office",
    "automatic reply",
    "auto-reply",
    "autoreply",
    "auto reply",
    "auto response",
    "autosvar",
    "abwesenheitsnotiz",
    "automatische antwort",
    "automatisch antwoord",
    "respuesta automática",
    "risposta automatica",
    "resposta automática",
    "fuera de la oficina",
    "fora do escritório",
    "fuori sede",
    "afwezig",
    "autoodpowiedź",
    "automatická odpověď",
    "автоответ",
    "автоматический ответ",
    "автоматична відповідь",
    "frånvaro",
    "fravær",
    "automaattinen vastaus",
    "poissa",
    "otomatik yanıt",
    "ofis dışında",
    "رد تلقائي",
    "自動返信",
    "不在",
    "自动回复",
];

const BOUNCE_SUBJECTS: &[&str] = &[
    "undelivered mail returned to sender",
    "delivery status notification",
    "mail delivery failed",
    "mail delivery failure",
    "undeliverable:",
    "undeliverable mail",
    "returned mail:",
    "failure notice",
    "delivery failure",
    "non remis",
    "échec de la remise",
    "echec de la remise",
    "message non délivré",
    "message non remis",
    "delivery has failed",
    "unzustellbar",
];

/// Why a machine sent this message, if one did.
///
/// What counts, in this order:
///
/// - our loop header [`LOOP_HEADER`] (a copy of our own mail coming back);
/// - a delivery report (see [`delivery_report`]);
/// - `Auto-Submitted` with any value but `no` (RFC 3834);
/// - `Precedence: auto_reply` always; `Precedence: bulk` or `junk` only
///   without any `List-*` header: list software (Mailman, Sympa, Google
///   Groups) sets `bulk` on the people's messages it passes on, so `bulk`
///   with a `List-Id` is a person's message forwarded from a list;
///   `Precedence: list` never counts;
/// - `X-Autoreply`, `X-Autorespond`, `X-Autoresponder`, `X-Auto-Reply`;
/// - `X-Auto-Response-Suppress` naming `All`, `OOF` or `AutoReply`
///   (what Exchange sets on the mail it generates);
/// - an empty return path (`Return-Path: <>`), which only machines use;
/// - a sender `mailer-daemon`, `postmaster`, `noreply` and the like;
/// - a subject starting with an automatic-reply phrase («
///   Réponse automatique », "Out of Office"…) only together with one of
///   the signals above or when the body is nothing but a short absence
///   notice: a person's topic « Absence du bureau : planning des congés
///   à valider » is a person's.
///
/// `List-Id`, `List-Unsubscribe` and `Precedence: list` alone never make a
/// message automatic: a person forwards mail from another list.
pub fn automatic_reason(message: &Message<'_>, report: Option<&DeliveryReport>) -> Option<String> {
    automatic_reason_with_body(message, report, "")
}

/// [`automatic_reason`], the body (as read) telling an absence notice
/// from a person's message when the subject says "out of office".
pub fn automatic_reason_with_body(
    message: &Message<'_>,
    report: Option<&DeliveryReport>,
    body: &str,
) -> Option<String> {
    if let Some(value) = text_header(message, LOOP_HEADER) {
        return Some(format!("loop: {LOOP_HEADER}: {value}"));
    }
    if report.is_some() {
        return Some("delivery report".into());
    }
    if let Some(reason) = header_signal(message) {
        return Some(reason);
    }
    let subject = strip_reply_prefixes(message.subject().unwrap_or_default());
    let phrase = AUTO_SUBJECTS.iter().find(|s| subject.starts_with(**s));
    if let Some(phrase) = phrase {
        if is_absence_notice(body) {
            return Some(format!("subject: {phrase}, and an absence notice"));
        }
    }
    None
}

/// The headers (and the sender) that only machines set.
fn header_signal(message: &Message<'_>) -> Option<String> {
    if let Some(value) = text_header(message, "Auto-Submitted") {
        let kind = value
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if kind != "no" && !kind.is_empty() {
            return Some(format!("Auto-Submitted: {kind}"));
        }
    }
    let from_list = message.header("List-Id").is_some()
        || message.header("List-Unsubscribe").is_some()
        || message.header("List-Post").is_some()
        || !message.list_id().is_empty()
        || !message.list_unsubscribe().is_empty();
    if let Some(value) = text_header(message, "Precedence") {
        let value = value.to_ascii_lowercase();
        let automatic = match value.as_str() {
            "auto_reply" => true,
            "bulk" | "junk" => !from_list,
            _ => false,
        };
        if automatic {
            return Some(format!("Precedence: {value}"));
        }
    }
    for name in [
        "X-Autoreply",
        "X-Autorespond",
        "X-Autoresponder",
        "X-Auto-Reply",
    ] {
        if message.header(name).is_some() {
            return Some(format!("{name} present"));
        }
    }
    if let Some(value) = text_header(message, "X-Auto-Response-Suppress") {
        // Exchange marks what it generates ("All", "OOF", "AutoReply").
        let v = value.to_ascii_lowercase();
        if v.contains("oof") || v.contains("autoreply") || v.contains("all") {
            return Some(format!("X-Auto-Response-Suppress: {value}"));
        }
    }
    if text_header(message, "Return-Path").is_some_and(|v| v == "<>") {
        return Some("null return path".into());
    }
    let from = message
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let local = from.split('@').next().unwrap_or("");
    if matches!(
        local,
        "mailer-daemon" | "postmaster" | "noreply" | "no-reply" | "donotreply" | "do-not-reply"
    ) {
        return Some(format!("sender: {local}"));
    }
    None
}

/// What an absence notice says of its sender, in the first person.
const ABSENCE_PHRASES: &[&str] = &[
    "je suis absent",
    "je serai absent",
    "je suis actuellement absent",
    "je suis en congé",
    "je serai en congé",
    "je suis en vacances",
    "je serai de retour",
    "de retour le",
    "je reviendrai le",
    "je n'aurai pas accès",
    "i am out of",
    "i'm out of",
    "i am away",
    "i'm away",
    "i will be back",
    "i'll be back",
    "i am on leave",
    "i'm on leave",
    "i am currently out",
    "i will be out",
    "ich bin bis",
    "ich bin derzeit",
    "abwesend",
    "im urlaub",
    "ik ben afwezig",
    "ik ben tot",
    "estoy fuera",
    "estaré fuera",
    "estoy ausente",
    "estou ausente",
    "estarei ausente",
    "sono assente",
    "sarò assente",
    "jestem nieobecn",
    "jsem mimo",
    "я в отпуске",
    "меня нет",
    "я відсутн",
    "jag är ledig",
    "jag är borta",
    "jeg er fraværende",
    "jeg er på ferie",
    "jeg er ikke på kontoret",
    "olen poissa",
    "olen lomalla",
    "izindeyim",
    "ofis dışında",
    "خارج المكتب",
    "不在",
    "休假",
];

/// A short body that is itself an out-of-office text: a few lines, no
/// question, one of which says the sender is away.
fn is_absence_notice(body: &str) -> bool {
    let text = body.to_lowercase().replace('’', "'");
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    // Absence notices tell, they do not ask.
    text.len() <= 600
        && lines <= 8
        && !text.contains('?')
        && ABSENCE_PHRASES.iter().any(|w| text.contains(w))
}

/// Reads a delivery report: a standard one (RFC 3464) or the common
/// shapes of the others (Exim's `X-Failed-Recipients`, qmail, Exchange).
pub fn delivery_report(message: &Message<'_>) -> Option<DeliveryReport> {
    let standard = message.parts.iter().find_map(|part| {
        let ct = part.content_type()?;
        let sub = ct.subtype().unwrap_or("").to_ascii_lowercase();
        (ct.ctype().eq_ignore_ascii_case("message")
            && (sub == "delivery-status" || sub == "global-delivery-status"))
            .then(|| part.contents())
    });
    if let Some(contents) = standard {
        if let Some(report) = read_delivery_status(&String::from_utf8_lossy(contents)) {
            return Some(report);
        }
    }
    let subject = strip_reply_prefixes(message.subject().unwrap_or_default());
    let from = message
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let from_daemon = from.starts_with("mailer-daemon@") || from.starts_with("postmaster@");
    let failed_header = text_header(message, "X-Failed-Recipients").map(str::to_string);
    let looks_like = BOUNCE_SUBJECTS.iter().any(|s| subject.contains(s));
    if !(looks_like || failed_header.is_some() || (from_daemon && subject.contains("fail"))) {
        return None;
    }
    let body: String = message
        .parts
        .iter()
        .filter_map(|p| match &p.body {
            PartType::Text(t) => Some(t.to_string()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let delayed =
        subject.contains("delay") || subject.contains("retard") || subject.contains("warning");
    let status =
        find_status(&body).unwrap_or_else(|| if delayed { "4.0.0" } else { "5.0.0" }.into());
    let recipient = failed_header
        .and_then(|h| h.split(',').next().map(|a| a.trim().to_ascii_lowercase()))
        .filter(|a| a.contains('@'))
        .or_else(|| find_recipient(&body, &from));
    Some(DeliveryReport {
        permanent: status.starts_with('5'),
        status,
        recipient,
    })
}

/// The per-recipient fields of a `message/delivery-status` part.
fn read_delivery_status(text: &str) -> Option<DeliveryReport> {
    let mut best: Option<DeliveryReport> = None;
    // Blocks are separated by blank lines; the first is about the message.
    for block in text.replace("\r\n", "\n").split("\n\n") {
        let mut recipient = None;
        let mut status = None;
        let mut action = None;
        for line in block.lines() {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "final-recipient" | "original-recipient"
                    if recipient.is_none()
                        || name.trim().eq_ignore_ascii_case("final-recipient") =>
                {
                    let address = value.split_once(';').map(|(_, a)| a).unwrap_or(value);
                    recipient = Some(address.trim().trim_matches(['<', '>']).to_ascii_lowercase());
                }
                "status" => status = value.split_whitespace().next().map(str::to_string),
                "action" => action = Some(value.to_ascii_lowercase()),
                _ => {}
            }
        }
        let Some(status) = status else { continue };
        if action
            .as_deref()
            .is_some_and(|a| a == "delivered" || a == "relayed" || a == "expanded")
        {
            continue;
        }
        let report = DeliveryReport {
            permanent: status.starts_with('5')
                || action.as_deref() == Some("failed") && !status.starts_with('4'),
            status,
            recipient,
        };
        // A hard failure outweighs a delay for another recipient.
        if best
            .as_ref()
            .is_none_or(|b| !b.permanent && report.permanent)
        {
            best = Some(report);
        }
    }
    best
}

/// The first enhanced status code (`5.1.1`) in a text, else a bare SMTP
/// reply code (`550`) turned into one.
fn find_status(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split(|c: char| {
            c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | ',' | ';' | '#' | '<' | '>')
        })
        .collect();
    let enhanced = words.iter().find_map(|w| {
        let w = w.trim_end_matches([':', '.', '-']);
        let parts: Vec<&str> = w.split('.').collect();
        (parts.len() == 3
            && matches!(parts[0], "4" | "5")
            && parts[1..]
                .iter()
                .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit())))
        .then(|| w.to_string())
    });
    enhanced.or_else(|| {
        words.iter().find_map(|w| {
            let w = w.trim_end_matches(['-', ':']);
            (w.len() == 3
                && matches!(w.as_bytes()[0], b'4' | b'5')
                && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| format!("{}.0.0", &w[..1]))
        })
    })
}

/// The first address in a bounce's text that is not the reporting server's.
fn find_recipient(text: &str, reporter: &str) -> Option<String> {
    text.split(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '<' | '>' | '(' | ')' | '"' | '\'' | ',' | ';' | '[' | ']'
            )
    })
    .map(|w| w.trim_end_matches([':', '.']).trim_start_matches("mailto:"))
    .filter(|w| {
        let Some((local, host)) = w.split_once('@') else {
            return false;
        };
        !local.is_empty() && host.contains('.') && !host.contains('@')
    })
    .map(str::to_ascii_lowercase)
    .find(|w| w != reporter && !w.starts_with("mailer-daemon@") && !w.starts_with("postmaster@"))
}
