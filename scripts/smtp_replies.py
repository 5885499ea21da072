#!/usr/bin/env python3
"""Answers a list email 1,000 times over SMTP, as the members would, for the
discussion benchmark (standard library only).

    python3 scripts/smtp_replies.py DATABASE PORT TOPIC_TITLE

Reads the list emails of the topic from the outbox of the SQLite DATABASE
(one per member, each with its own Reply-To key), then sends every member's
reply to the listener on 127.0.0.1:PORT over one SMTP connection, with a
quoted part and a signature to trim. Prints the Unix time (float) at which
the first reply was sent.
"""
import email
import email.policy
import smtplib
import sqlite3
import sys
import time

database, port, title = sys.argv[1], int(sys.argv[2]), sys.argv[3]
db = sqlite3.connect(database, timeout=10)
rows = db.execute(
    "SELECT to_addr, raw FROM outbox WHERE kind = 'list-post' AND subject LIKE ?",
    (f"%{title}%",),
).fetchall()
replies = []
for to_addr, raw in rows:
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    key = parsed["Reply-To"].addresses[0].addr_spec
    parent = parsed["Message-ID"].strip()
    n = len(replies)
    body = (
        f"Je viendrai, merci ! (réponse {n})\n\n"
        "Le mar. 1 déc. 2026 à 10:00, Essaim <noreply@bench.essaim.test> a écrit :\n"
        "> Notre assemblée générale aura lieu le 12 avril à 18 h.\n"
        "\n-- \nUn membre du réseau\n"
    )
    message = (
        f"From: {to_addr}\r\nTo: {key}\r\nSubject: Re: {title}\r\n"
        f"Message-ID: <reply-{n}@members.bench.essaim.test>\r\n"
        f"In-Reply-To: {parent}\r\nReferences: {parent}\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
        + body.replace("\n", "\r\n")
    ).encode("utf-8")
    replies.append((to_addr, key, message))
if len(replies) < 1000:
    sys.exit(f"only {len(replies)} list emails found in the outbox")
with smtplib.SMTP("127.0.0.1", port) as client:
    client.ehlo("members.bench.essaim.test")
    start = time.time()
    for sender, key, message in replies[:1000]:
        client.sendmail(sender, [key], message)
print(f"{start:.6f}")
