//! Reading text that is not in the charset it declares. Mail programs
//! (and people's scripts) send Latin-1 labelled UTF-8, or a charset
//! nobody knows; mail-parser then replaces every accented letter with
//! U+FFFD, and « Réunion à Besançon » would be posted as « R�union �
//! Besan�on ». Such text is read again from the message's bytes, as
//! windows-1252 (the superset of Latin-1 that every mail program writes),
//! or ISO-8859-15 when windows-1252 leaves control characters.

use mail_parser::decoders::base64::base64_decode;
use mail_parser::decoders::quoted_printable::quoted_printable_decode;
use mail_parser::{Message, MessagePart, MimeHeaders};

const REPLACEMENT: char = '\u{fffd}';

/// Bytes that are not valid UTF-8, read as windows-1252, else ISO-8859-15;
/// valid UTF-8 is read as such.
pub fn decode_8bit(bytes: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    // The five bytes windows-1252 leaves undefined come out as C1 controls.
    if text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)) {
        let (text, _, _) = encoding_rs::ISO_8859_15.decode(bytes);
        return text.into_owned();
    }
    text.into_owned()
}

/// The text of a part as mail-parser decoded it (`decoded`), or read again
/// from its bytes when that lost characters to U+FFFD that the bytes do
/// not hold themselves.
pub fn part_text(message: &Message<'_>, part: &MessagePart<'_>, decoded: &str) -> String {
    if !decoded.contains(REPLACEMENT) {
        return decoded.to_string();
    }
    let start = part.raw_body_offset() as usize;
    let end = part.raw_end_offset() as usize;
    let Some(raw) = message.raw_message.get(start..end) else {
        return decoded.to_string();
    };
    let encoding = part
        .content_transfer_encoding()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let bytes = match encoding.as_str() {
        "base64" => base64_decode(raw),
        "quoted-printable" => quoted_printable_decode(raw),
        _ => Some(raw.to_vec()),
    };
    let Some(bytes) = bytes else {
        return decoded.to_string();
    };
    let text = decode_8bit(&bytes);
    // The bytes really hold replacement characters: keep mail-parser's.
    if text.contains(REPLACEMENT) {
        return decoded.to_string();
    }
    text
}

/// A header's raw bytes, unfolded and read with [`decode_8bit`], when they
/// are not valid UTF-8 (8-bit Latin-1 in a Subject or a From name).
pub fn raw_header(message: &Message<'_>, name: &str) -> Option<String> {
    let header = message
        .headers()
        .iter()
        .find(|h| h.name.as_str().eq_ignore_ascii_case(name))?;
    let raw = message
        .raw_message
        .get(header.offset_start as usize..header.offset_end as usize)?;
    if std::str::from_utf8(raw).is_ok() {
        return None;
    }
    let text = decode_8bit(raw);
    Some(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A header value that lost characters to U+FFFD, read again from its
/// bytes; else the value as decoded.
pub fn header_text(message: &Message<'_>, name: &str, decoded: &str) -> String {
    if decoded.contains(REPLACEMENT) {
        if let Some(text) = raw_header(message, name) {
            return text;
        }
    }
    decoded.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_read_as_windows_1252() {
        assert_eq!(
            decode_8bit(b"R\xe9union \xe0 Besan\xe7on"),
            "Réunion à Besançon"
        );
        assert_eq!(decode_8bit("déjà".as_bytes()), "déjà");
        assert_eq!(decode_8bit(b"\x93oui\x94 \x80"), "\u{201c}oui\u{201d} €");
        // 0x81 is undefined in windows-1252: ISO-8859-15 reads it.
        assert_eq!(decode_8bit(b"\xa4\x81"), "€\u{81}");
    }
}
