#!/usr/bin/env python3
"""Writes the generated part of the reply corpus (`../gen-*.eml` and their
`.expected.md`): for every language of `languages.py`, the shapes that the
mail programs give a reply, plus the hand-picked cases of `special.py`.

Every message is built from what the person wrote (so the expected post is
known) and the way a given program lays out the quote, as described in
`../README.md`. Run it from anywhere: `python3 generate.py`; it rewrites
only `gen-*` files."""

import base64
import glob
import html
import os
import quopri
import textwrap
from email.header import Header

from languages import L

OUT = os.path.normpath(os.path.join(os.path.dirname(__file__), ".."))
DATE = "Mon, 03 Mar 2025 11:40:00 +0100"


def enc_header(value):
    if all(ord(c) < 128 for c in value):
        return value
    return Header(value, "utf-8").encode()


def address(name, email):
    return f"{enc_header(name)} <{email}>"


def body_bytes(text, cte, charset="utf-8"):
    raw = text.replace("\n", "\r\n").encode(charset)
    if cte == "quoted-printable":
        return quopri.encodestring(raw).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if cte == "base64":
        return base64.encodebytes(raw).replace(b"\n", b"\r\n")
    return raw


def part(ctype, text, cte="8bit", charset="utf-8", extra=""):
    head = f"Content-Type: {ctype}; charset=\"{charset}\"{extra}\r\nContent-Transfer-Encoding: {cte}\r\n\r\n"
    return head.encode() + body_bytes(text, cte, charset)


def message(lang, msgid, headers, payload, subject=None, sender=None):
    d = L[lang]
    name, email = sender or (d["name"], d["email"])
    subject = subject if subject is not None else f"Re: [{d['group']}] {d['subj']}"
    lines = [
        f"From: {address(name, email)}",
        f"To: {d['list']}",
        f"Subject: {enc_header(subject)}",
        f"Date: {DATE}",
        f"Message-ID: <{msgid}>",
        "In-Reply-To: <post-17@essaim.test>",
        "References: <topic-3@essaim.test> <post-17@essaim.test>",
        "MIME-Version: 1.0",
    ] + headers
    return ("\r\n".join(lines) + "\r\n").encode() + payload


def alternative(text_part, html_part, boundary):
    b = boundary.encode()
    return (
        f"Content-Type: multipart/alternative; boundary=\"{boundary}\"\r\n\r\n".encode()
        + b"--" + b + b"\r\n" + text_part + b"\r\n--" + b + b"\r\n" + html_part
        + b"\r\n--" + b + b"--\r\n"
    )


def fill(template, d, author=None, author_email=None):
    return (
        template.replace("{A}", author or d["author"])
        .replace("{AE}", author_email or d["author_email"])
        .replace("{LIST}", d["list"])
        .replace("{SUBJ}", f"[{d['group']}] {d['subj']}")
    )


def quoted(lines):
    return "\n".join("> " + l if l else ">" for l in lines)


def own(d):
    return d["reply"][0] + "\n\n" + d["reply"][1]


CASES = []


def case(name, eml, expected, automatic=False):
    CASES.append((name, eml, expected, automatic))


def hesc(s):
    return html.escape(s, quote=False)


def per_language(lang):
    d = L[lang]
    orig = d["orig"]
    mine = own(d)
    gmail = fill(d["gmail"], d)
    tb = fill(d["tb"], d)
    apple = fill(d["apple"], d)
    plain = "Content-Type: text/plain; charset=\"UTF-8\""

    # Gmail, top-posted, text and HTML.
    text = f"{mine}\n\n{gmail}\n\n{quoted(orig)}\n"
    htm = (
        f"<div dir=\"ltr\"><div>{hesc(d['reply'][0])}</div><div><br></div><div>{hesc(d['reply'][1])}</div></div><br>"
        f"<div class=\"gmail_quote gmail_quote_container\"><div dir=\"ltr\" class=\"gmail_attr\">{hesc(gmail)}<br></div>"
        "<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex\">"
        f"<div dir=\"ltr\">{'<br>'.join(hesc(l) for l in orig)}</div></blockquote></div>\n"
    )
    payload = alternative(
        part("text/plain", text, "quoted-printable", "UTF-8"),
        part("text/html", htm, "quoted-printable", "UTF-8"),
        f"0000000000009a1b{lang}06302e",
    )
    case(f"gen-gmail-{lang}-toppost", message(lang, f"CAGm{lang}1@mail.gmail.com", [], payload), mine)

    # Gmail, HTML only (as sent by some Gmail integrations and forwards).
    payload = part("text/html", htm, "base64", "UTF-8")
    case(f"gen-gmail-{lang}-html-only", message(lang, f"CAGm{lang}2@mail.gmail.com", [], payload), mine)

    # Gmail, the attribution wrapped at 78 columns over two or three lines.
    if d.get("org"):
        long_attr = fill(d["gmail"], d, author=d["org"], author_email=f"contact@{lang}.example.org")
    else:
        long_attr = fill(d["gmail"], d, author_email=d["long_email"])
    wrapped = "\n".join(textwrap.wrap(long_attr, 78, break_long_words=False, break_on_hyphens=False))
    text = f"{mine}\n\n{wrapped}\n\n{quoted(orig)}\n"
    case(
        f"gen-gmail-{lang}-wrapped-attribution",
        message(lang, f"CAGm{lang}3@mail.gmail.com", [], (plain + "\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").encode() + body_bytes(text, "8bit")),
        mine,
    )

    # A short reply without a full stop right above a wrapped attribution.
    text = f"{d['short']}\n{wrapped}\n\n{quoted(orig)}\n"
    case(
        f"gen-gmail-{lang}-short-above-wrapped",
        message(lang, f"CAGm{lang}4@mail.gmail.com", [], (plain + "\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").encode() + body_bytes(text, "8bit")),
        d["short"],
    )

    # Apple Mail on an iPhone: the phone's line, then the attribution.
    text = f"{d['reply'][0]}\n\n{d['device']}\n\n{apple}\n\n{quoted(orig)}\n"
    payload = part("text/plain", text, "quoted-printable", "utf-8")
    case(
        f"gen-apple-{lang}-iphone",
        message(lang, f"5C1D2E3F-{lang.upper()}01-4A5B-9C8D-0E1F2A3B4C5D@{d['email'].split('@')[1]}", ["X-Mailer: iPhone Mail (22D82)"], payload),
        d["reply"][0],
    )

    # Apple Mail, HTML only: the attribution inside the quote.
    htm = (
        f"<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=utf-8\"></head><body dir=\"auto\">"
        f"<div dir=\"ltr\">{hesc(d['reply'][0])}</div><div dir=\"ltr\"><br></div><div dir=\"ltr\">{hesc(d['reply'][1])}</div>"
        f"<div dir=\"ltr\"><br><blockquote type=\"cite\">{hesc(apple)}<br><br></blockquote></div>"
        f"<blockquote type=\"cite\"><div dir=\"ltr\">{'<br>'.join(hesc(l) for l in orig)}</div></blockquote></body></html>\n"
    )
    case(
        f"gen-apple-{lang}-html-only",
        message(lang, f"A1B2C3D4-{lang.upper()}02@{d['email'].split('@')[1]}", ["X-Mailer: iPhone Mail (22D82)"], part("text/html", htm, "quoted-printable")),
        mine,
    )

    # Thunderbird, top-posted, format=flowed.
    text = f"{mine}\n\n{tb}\n{quoted(orig)}\n"
    case(
        f"gen-thunderbird-{lang}-toppost",
        message(lang, f"tb-{lang}-0001@{d['email'].split('@')[1]}", ["User-Agent: Mozilla Thunderbird", f"Content-Language: {lang}"],
                part("text/plain", text, "8bit", "UTF-8", "; format=flowed")),
        mine,
    )

    # Thunderbird, answers between the quoted questions.
    text = f"{tb}\n> {d['q1']}\n\n{d['a1']}\n\n> {d['q2']}\n\n{d['a2']}\n\n> {d['tail']}\n"
    expected = f"> {d['q1']}\n\n{d['a1']}\n\n> {d['q2']}\n\n{d['a2']}"
    case(
        f"gen-thunderbird-{lang}-interleaved",
        message(lang, f"tb-{lang}-0002@{d['email'].split('@')[1]}", ["User-Agent: Mozilla Thunderbird"],
                part("text/plain", text, "8bit", "UTF-8", "; format=flowed")),
        expected,
    )

    # Thunderbird, HTML: moz-cite-prefix and blockquote type=cite, interleaved.
    htm = (
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\"></head><body>"
        f"<div class=\"moz-cite-prefix\">{hesc(tb)}<br></div>"
        f"<blockquote type=\"cite\"><p>{hesc(d['q1'])}</p></blockquote><p>{hesc(d['a1'])}</p>"
        f"<blockquote type=\"cite\"><p>{hesc(d['q2'])}</p></blockquote><p>{hesc(d['a2'])}</p>"
        f"<blockquote type=\"cite\"><p>{hesc(d['tail'])}</p></blockquote></body></html>\n"
    )
    case(
        f"gen-thunderbird-{lang}-html-interleaved",
        message(lang, f"tb-{lang}-0003@{d['email'].split('@')[1]}", ["User-Agent: Mozilla Thunderbird"], part("text/html", htm, "8bit")),
        expected,
    )

    # Outlook desktop, plain text: the separator, then the header block.
    block = "\n".join(fill(l, d) for l in d["outlook"])
    text = f"{mine}\n\n{d['sep']}\n{block}\n\n{orig[0]}\n{orig[1]}\n"
    case(
        f"gen-outlook-{lang}-original-message",
        message(lang, f"000a01db{lang}01$1a2b3c4d$5e6f7a8b@example.com", ["X-Mailer: Microsoft Outlook 16.0"],
                part("text/plain", text, "quoted-printable")),
        mine,
    )

    # Outlook on the web and the new Outlook, plain: a rule of underscores.
    text = f"{mine}\n\n________________________________\n{block}\n\n{orig[0]}\n{orig[1]}\n"
    case(
        f"gen-outlook-web-{lang}-underscores",
        message(lang, f"AM0PR01MB{lang.upper()}1234@AM0PR01MB1234.eurprd01.prod.outlook.com", [],
                part("text/plain", text, "quoted-printable")),
        mine,
    )

    # Outlook on the web, HTML only: appendonsend, divRplyFwdMsg.
    fields = "<br>".join(
        f"<b>{hesc(fill(l, d).split(':', 1)[0])}:</b>{hesc(fill(l, d).split(':', 1)[1])}" for l in d["outlook"]
    )
    htm = (
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"><style type=\"text/css\" style=\"display:none;\"> P {margin-top:0;margin-bottom:0;} </style></head>"
        "<body dir=\"ltr\">"
        f"<div class=\"elementToProof\" style=\"font-family: Aptos, Calibri, Helvetica, sans-serif; font-size: 12pt;\">{hesc(d['reply'][0])}</div>"
        "<div class=\"elementToProof\"><br></div>"
        f"<div class=\"elementToProof\">{hesc(d['reply'][1])}</div>"
        "<div id=\"appendonsend\"></div><hr style=\"display:inline-block;width:98%\" tabindex=\"-1\">"
        f"<div id=\"divRplyFwdMsg\" dir=\"ltr\"><font face=\"Calibri, sans-serif\" style=\"font-size:11pt\" color=\"#000000\">{fields}</font><div>&nbsp;</div></div>"
        f"<div><p>{hesc(orig[0])}</p><p>{hesc(orig[1])}</p></div></body></html>\n"
    )
    case(
        f"gen-outlook-web-{lang}-html-only",
        message(lang, f"AM0PR01MB{lang.upper()}5678@AM0PR01MB5678.eurprd01.prod.outlook.com", [], part("text/html", htm, "base64")),
        mine,
    )

    # A phone that puts the attribution on top, the answer under it, unquoted.
    text = f"{apple}\n\n{d['reply'][0]}\n"
    case(
        f"gen-mobile-{lang}-attribution-on-top",
        message(lang, f"mob-{lang}-0001@{d['email'].split('@')[1]}", [], part("text/plain", text, "8bit")),
        d["reply"][0],
    )


def main():
    import special

    for lang in L:
        per_language(lang)
    special.add(case, message, part, alternative, L, body_bytes)
    for old in glob.glob(os.path.join(OUT, "gen-*")):
        os.remove(old)
    for name, eml, expected, automatic in CASES:
        with open(os.path.join(OUT, name + ".eml"), "wb") as f:
            f.write(eml)
        with open(os.path.join(OUT, name + ".expected.md"), "w", encoding="utf-8") as f:
            f.write(expected.rstrip("\n") + "\n")
        if automatic:
            with open(os.path.join(OUT, name + ".automatic.txt"), "w", encoding="utf-8") as f:
                f.write(automatic + "\n")
    print(f"{len(CASES)} messages written")


if __name__ == "__main__":
    main()
