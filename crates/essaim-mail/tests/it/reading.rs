//! Reading machine mail: automatic replies, lists, our own loops and
//! delivery reports must be told apart from people's messages.

use essaim_mail::incoming::{self, DeliveryReport};

fn message(extra_headers: &str, subject: &str, body: &str) -> Vec<u8> {
    format!(
        "From: Marie Dupont <marie@example.org>\r\nTo: jardins@essaim.test\r\n\
         Subject: {subject}\r\nMessage-ID: <m1@example.org>\r\n\
         Date: Mon, 3 Mar 2025 10:12:00 +0100\r\n{extra_headers}\
         Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
    .into_bytes()
}

fn automatic(extra_headers: &str, subject: &str) -> Option<String> {
    automatic_with(extra_headers, subject, "Bonjour")
}

fn automatic_with(extra_headers: &str, subject: &str, body: &str) -> Option<String> {
    incoming::parse(&message(extra_headers, subject, body))
        .expect("a message")
        .automatic
}

const ABSENT: &str = "Bonjour,\r\n\r\nJe suis absente du bureau jusqu'au 10 mars.\r\n\r\nMarie";

#[test]
fn automatic_replies_and_lists_are_machine_mail() {
    for (headers, subject) in [
        ("Auto-Submitted: auto-replied\r\n", "Re: Arrosage"),
        (
            "Auto-Submitted: auto-generated; owner-email=\"x@y.z\"\r\n",
            "Re: Arrosage",
        ),
        ("Precedence: bulk\r\n", "Lettre d'information"),
        ("Precedence: junk\r\n", "Promotion"),
        ("Precedence: auto_reply\r\n", "Re: Arrosage"),
        (
            "Precedence: auto_reply\r\nList-Id: <jardins.lists.example.org>\r\n",
            "Re: Arrosage",
        ),
        ("X-Autoreply: yes\r\n", "Re: Arrosage"),
        ("X-Autorespond: Je suis absente\r\n", "Re: Arrosage"),
        ("X-Auto-Response-Suppress: All\r\n", "Re: Arrosage"),
        ("Return-Path: <>\r\n", "Re: Arrosage"),
        ("X-Essaim-Loop: essaim.test\r\n", "Re: Arrosage"),
        (
            "Auto-Submitted: auto-replied\r\n",
            "Réponse automatique : [Jardins] Arrosage",
        ),
    ] {
        assert!(
            automatic(headers, subject).is_some(),
            "not recognized: {headers:?} {subject:?}"
        );
    }
    // A subject phrase counts with a body that is only an absence notice.
    for subject in [
        "Réponse automatique : [Jardins] Arrosage",
        "RE: Réponse automatique : Arrosage",
        "Absent du bureau : Arrosage",
        "Out of Office: Arrosage",
        "Automatic reply: [Jardins] Arrosage",
        "Autosvar: Arrosage",
        "Abwesenheitsnotiz: Arrosage",
    ] {
        assert!(
            automatic_with("", subject, ABSENT).is_some(),
            "not recognized: {subject:?}"
        );
    }
}

#[test]
fn forwards_from_lists_and_human_subjects_are_people() {
    for (headers, subject, body) in [
        (
            "List-Id: Jardins du Moulin <jardins.lists.example.org>\r\n",
            "Re: Arrosage",
            "Bonjour",
        ),
        (
            "List-Unsubscribe: <mailto:leave@lists.example.org>\r\n",
            "Re: Arrosage",
            "Bonjour",
        ),
        ("Precedence: list\r\n", "Re: Arrosage", "Bonjour"),
        (
            "Precedence: bulk\r\nList-Id: <amap.lists.example.org>\r\n",
            "Fwd: Distribution de jeudi",
            "Bonjour",
        ),
        (
            "",
            "Absence du bureau : planning des congés à valider",
            "Bonjour à tous,\r\n\r\nVoici le planning des congés d'été : \
             chacun peut-il vérifier ses dates avant vendredi ?\r\n\r\n\
             - Marie : du 1er au 15 juillet\r\n- Paul : août\r\n\r\n\
             Merci de répondre à tous, même si rien ne change pour vous : \
             nous devons envoyer le tableau à la mairie lundi.\r\n\r\nMarie",
        ),
        ("", "Réponse automatique : [Jardins] Arrosage", "Bonjour"),
    ] {
        assert_eq!(
            automatic_with(headers, subject, body),
            None,
            "{headers:?} {subject:?}"
        );
    }
}

#[test]
fn people_are_not_machine_mail() {
    for (headers, subject) in [
        ("", "Re: [Jardins] Arrosage"),
        ("Auto-Submitted: no\r\n", "Re: Arrosage"),
        ("Precedence: normal\r\n", "Re: Arrosage"),
        ("", "Absence à la réunion de mardi"),
        ("", "Re: Qui a écrit la réponse automatique du site ?"),
    ] {
        assert_eq!(automatic(headers, subject), None, "{headers:?} {subject:?}");
    }
}

#[test]
fn the_loop_header_names_itself() {
    let reason = automatic("X-Essaim-Loop: essaim.test\r\n", "Re: Arrosage").unwrap();
    assert!(reason.contains("X-Essaim-Loop"), "{reason}");
    assert_eq!(incoming::LOOP_HEADER, "X-Essaim-Loop");
}

const POSTFIX_BOUNCE: &str = "Return-Path: <>\r\n\
From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\r\n\
Subject: Undelivered Mail Returned to Sender\r\n\
To: bounces+k9f8@essaim.test\r\n\
Message-ID: <20250303101200.AB12@mx.example.net>\r\n\
Date: Mon, 3 Mar 2025 10:12:00 +0100\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/report; report-type=delivery-status;\r\n\
\tboundary=\"B0UND\"\r\n\
\r\n\
--B0UND\r\n\
Content-Description: Notification\r\n\
Content-Type: text/plain; charset=us-ascii\r\n\
\r\n\
I'm sorry to have to inform you that your message could not\r\n\
be delivered to one or more recipients.\r\n\
\r\n\
<paul@old.example>: host mx.old.example said: 550 5.1.1 User unknown\r\n\
\r\n\
--B0UND\r\n\
Content-Description: Delivery report\r\n\
Content-Type: message/delivery-status\r\n\
\r\n\
Reporting-MTA: dns; mx.example.net\r\n\
Arrival-Date: Mon,  3 Mar 2025 10:11:58 +0100 (CET)\r\n\
\r\n\
Final-Recipient: rfc822; Paul@old.example\r\n\
Original-Recipient: rfc822;paul@old.example\r\n\
Action: failed\r\n\
Status: 5.1.1\r\n\
Remote-MTA: dns; mx.old.example\r\n\
Diagnostic-Code: smtp; 550 5.1.1 User unknown\r\n\
\r\n\
--B0UND\r\n\
Content-Description: Undelivered Message Headers\r\n\
Content-Type: text/rfc822-headers\r\n\
\r\n\
From: Essaim <noreply@essaim.test>\r\n\
Subject: [Jardins] Arrosage\r\n\
\r\n\
--B0UND--\r\n";

#[test]
fn a_standard_delivery_report_is_a_hard_bounce() {
    let parsed = incoming::parse(POSTFIX_BOUNCE.as_bytes()).unwrap();
    assert_eq!(
        parsed.delivery_report,
        Some(DeliveryReport {
            permanent: true,
            status: "5.1.1".into(),
            recipient: Some("paul@old.example".into()),
        })
    );
    assert!(parsed.automatic.is_some());
}

#[test]
fn a_delay_is_a_soft_bounce() {
    let delayed = POSTFIX_BOUNCE
        .replace("Action: failed", "Action: delayed")
        .replace("Status: 5.1.1", "Status: 4.4.1")
        .replace(
            "Undelivered Mail Returned to Sender",
            "Delayed Mail (still being retried)",
        );
    let report = incoming::parse(delayed.as_bytes())
        .unwrap()
        .delivery_report
        .unwrap();
    assert!(!report.permanent);
    assert_eq!(report.status, "4.4.1");
}

#[test]
fn non_standard_bounces_are_read_too() {
    let exim = "From: Mail Delivery System <Mailer-Daemon@mx.example.com>\r\n\
To: bounces+k1@essaim.test\r\nSubject: Mail delivery failed: returning message to sender\r\n\
X-Failed-Recipients: jean@gone.example\r\nAuto-Submitted: auto-replied\r\n\
Message-ID: <E1x@mx.example.com>\r\n\r\n\
This message was created automatically by mail delivery software.\r\n\r\n\
A message that you sent could not be delivered to one or more of its\r\n\
recipients. This is a permanent error. The following address(es) failed:\r\n\r\n\
  jean@gone.example\r\n    host mx.gone.example [192.0.2.1]\r\n\
    SMTP error from remote mail server after RCPT TO:<jean@gone.example>:\r\n\
    550 No such user here\r\n";
    let report = incoming::parse(exim.as_bytes())
        .unwrap()
        .delivery_report
        .unwrap();
    assert_eq!(report.recipient.as_deref(), Some("jean@gone.example"));
    assert!(report.permanent);
    assert_eq!(report.status, "5.0.0");

    let qmail = "From: MAILER-DAEMON@mail.example.org\r\nTo: bounces+k2@essaim.test\r\n\
Subject: failure notice\r\nMessage-ID: <q1@mail.example.org>\r\n\r\n\
Hi. This is the qmail-send program at mail.example.org.\r\n\
I'm afraid I wasn't able to deliver your message to the following addresses.\r\n\
This is a permanent error; I've given up. Sorry it didn't work out.\r\n\r\n\
<lucie@full.example>:\r\nmailbox full (#4.2.2)\r\n";
    let report = incoming::parse(qmail.as_bytes())
        .unwrap()
        .delivery_report
        .unwrap();
    assert_eq!(report.recipient.as_deref(), Some("lucie@full.example"));
    assert_eq!(report.status, "4.2.2");
    assert!(!report.permanent);

    // A person's message mentioning a failure is no bounce.
    let person = message("", "Re: échec de la tombola", "Dommage pour la tombola.");
    assert_eq!(incoming::parse(&person).unwrap().delivery_report, None);
}

#[test]
fn headers_are_decoded_and_the_delivery_address_read() {
    let raw = "From: =?ISO-8859-1?Q?Ren=E9e_Lef=E8vre?= <Renee@Orange.fr>\r\n\
X-Original-To: jardins+ab12@essaim.test\r\nDelivered-To: other@essaim.test\r\n\
To: =?UTF-8?B?SmFyZGlucw==?= <jardins+ab12@essaim.test>\r\nCc: paul@example.org\r\n\
Subject: =?windows-1252?Q?Re=A0:_=AB_Arrosage_=BB?=\r\nMessage-ID: <x1@orange.fr>\r\n\
In-Reply-To: <post-1@essaim.test>\r\nReferences: <topic-1@essaim.test>\r\n <post-1@essaim.test>\r\n\
Date: Mon, 3 Mar 2025 10:12:00 +0100\r\n\r\nOui\r\n";
    let parsed = incoming::parse(raw.as_bytes()).unwrap();
    assert_eq!(parsed.from_name.as_deref(), Some("Renée Lefèvre"));
    assert_eq!(parsed.from_address.as_deref(), Some("renee@orange.fr"));
    assert_eq!(parsed.subject, "Re\u{a0}: « Arrosage »");
    assert_eq!(
        parsed.delivered_to.as_deref(),
        Some("jardins+ab12@essaim.test")
    );
    assert_eq!(
        parsed.to,
        vec!["jardins+ab12@essaim.test", "paul@example.org"]
    );
    assert_eq!(parsed.in_reply_to, vec!["post-1@essaim.test"]);
    assert_eq!(
        parsed.references,
        vec!["topic-1@essaim.test", "post-1@essaim.test"]
    );
    assert_eq!(parsed.date, Some(1_740_993_120));
    assert_eq!(parsed.body, "Oui");
}

#[test]
fn what_is_not_a_message_is_refused() {
    assert!(incoming::parse(b"").is_err());
    let huge = vec![b'a'; incoming::MAX_MESSAGE_BYTES + 1];
    assert_eq!(incoming::parse(&huge), Err(incoming::ParseError::TooLarge));
}

#[test]
fn deeply_nested_parts_do_not_bring_the_reader_down() {
    let depth = 5000;
    let mut raw = String::from("From: a@b.example\r\nSubject: x\r\n");
    for n in 0..depth {
        raw.push_str(&format!(
            "Content-Type: multipart/mixed; boundary=\"b{n}\"\r\n\r\n--b{n}\r\n"
        ));
    }
    raw.push_str("Content-Type: text/plain\r\n\r\nau fond\r\n");
    for n in (0..depth).rev() {
        raw.push_str(&format!("--b{n}--\r\n"));
    }
    let _ = incoming::parse(raw.as_bytes());

    let mut nested = String::from("Bonjour\r\n");
    for _ in 0..depth {
        nested = format!("From: a@b.example\r\nContent-Type: message/rfc822\r\n\r\n{nested}");
    }
    let _ = incoming::parse(nested.as_bytes());
}

#[test]
fn latin1_headers_and_bodies_are_read_as_windows_1252() {
    let mut raw = b"From: Ren\xe9e Lef\xe8vre <renee@example.fr>\r\nTo: jardins@essaim.test\r\n\
Subject: R\xe9union \xe0 Besan\xe7on\r\nMessage-ID: <l1@example.fr>\r\n\
Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        .to_vec();
    raw.extend_from_slice(b"R\xe9union \xe0 Besan\xe7on le 12.\r\n");
    let parsed = incoming::parse(&raw).unwrap();
    assert_eq!(parsed.body, "Réunion à Besançon le 12.");
    assert_eq!(parsed.subject, "Réunion à Besançon");
    assert_eq!(parsed.from_name.as_deref(), Some("Renée Lefèvre"));

    // An HTML part under a charset nobody knows, quoted-printable.
    let raw = "From: a@example.fr\r\nSubject: x\r\nMessage-ID: <l2@example.fr>\r\n\
Content-Type: text/html; charset=x-inconnu\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
<p>Caf=E9 cr=E8me</p>\r\n";
    assert_eq!(incoming::parse(raw.as_bytes()).unwrap().body, "Café crème");
}

#[test]
fn the_trimmed_history_is_capped() {
    let mut body =
        String::from("Oui.\r\n\r\nLe 3 mars 2025 à 10:12, Marie <marie@example.org> a écrit :\r\n");
    while body.len() < 2 * incoming::TRIMMED_MAX_BYTES {
        body.push_str("> Une très longue histoire, encore et encore, é à ç.\r\n");
    }
    let parsed = incoming::parse(&message("", "Re: Arrosage", &body)).unwrap();
    assert_eq!(parsed.body, "Oui.");
    assert!(parsed.trimmed.len() <= incoming::TRIMMED_MAX_BYTES);
    assert!(parsed
        .trimmed
        .ends_with(&format!("\n{}", incoming::TRIMMED_SHORTENED)));
}
