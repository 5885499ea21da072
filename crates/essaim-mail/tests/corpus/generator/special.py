"""Hand-picked cases: one mail program's shape each, or one of the
problems of issue 17 (wrapped attributions, charsets, list forwards,
subjects that look automatic, real automatic replies)."""


def add(case, message, part, alternative, L, body_bytes):
    fr, en = L["fr"], L["en"]
    plain8 = lambda text, charset="utf-8": part("text/plain", text, "8bit", charset)
    qp = lambda text: part("text/plain", text, "quoted-printable")
    html8 = lambda h: part("text/html", h, "8bit")

    def fr_msg(msgid, headers, payload, subject=None):
        return message("fr", msgid, headers, payload, subject=subject)

    def en_msg(msgid, headers, payload, subject=None):
        return message("en", msgid, headers, payload, subject=subject)

    # Issue 17, first point: a reply right above an attribution broken over two lines.
    text = ("Je viendrai avec deux bêches.\n\nLe 3 mars 2026 à 10:02, Marie Dupont <marie.dupont@orange.fr> a\n"
            "écrit :\n\n> Qui a des outils à prêter ?\n")
    case("gen-apple-fr-wrapped-a-ecrit", fr_msg("wrap-fr-1@free.fr", [], qp(text)), "Je viendrai avec deux bêches.")
    text = "D'accord\nLe 3 mars 2026 à 10:02, Marie Dupont <marie.dupont@orange.fr> a écrit :\n> On se voit samedi ?\n"
    case("gen-apple-fr-short-above-attribution", fr_msg("wrap-fr-2@free.fr", [], qp(text)), "D'accord")
    text = ("Merci Marie\nLe lun. 3 mars 2025 à 10:12, Association des Jardins Partagés du Quartier\n"
            "Saint-Michel et de la Butte aux Cailles (Paris 13e) <\ncontact@jardins-saint-michel.example.org> a écrit :\n\n"
            "> Assemblée générale le 22 mars.\n")
    case("gen-gmail-fr-three-lines-short-above", fr_msg("wrap-fr-3@mail.gmail.com", [], plain8(text)), "Merci Marie")
    text = ("Le 12 ça me va\nLe 3 mars 2026 à 10:02, Marie Dupont\n<marie.dupont@orange.fr> a écrit :\n> Le 12 ou le 19 ?\n")
    case("gen-apple-fr-opener-like-reply", fr_msg("wrap-fr-4@free.fr", [], qp(text)), "Le 12 ça me va")
    text = ("On the 12th then\nOn Mon, Mar 3, 2025 at 10:12 AM Riverside Community Repair Cafe and Tool\n"
            "Library <contact@repair.example.org> wrote:\n\n> The 12th or the 19th?\n")
    case("gen-gmail-en-opener-like-reply", en_msg("wrap-en-1@mail.gmail.com", [], plain8(text)), "On the 12th then")

    # The attribution on top, the text under it, then the quote (some phones).
    text = ("Le 3 mars 2025 à 10:12, Marie Dupont <marie.dupont@orange.fr> a écrit :\n\n"
            "Oui, je garde les clés ce week-end.\n\n> Qui garde les clés ce week-end ?\n")
    case("gen-mobile-fr-attribution-top-then-quote", fr_msg("top-fr-1@free.fr", [], plain8(text)),
         "Oui, je garde les clés ce week-end.")

    # Point by point (the issue's own example) and one question only.
    text = ("Le 03/03/2025 à 10:12, Marie Dupont a écrit :\n> Qui apporte les chaises ?\n\nMoi.\n\n"
            "> Et les tables ?\n\nPaul, avec sa camionnette.\n\n> Bonne journée,\n> Marie\n")
    case("gen-thunderbird-fr-chaises", fr_msg("tb-fr-chaises@free.fr", [], plain8(text)),
         "> Qui apporte les chaises ?\n\nMoi.\n\n> Et les tables ?\n\nPaul, avec sa camionnette.")
    text = ("Le 03/03/2025 à 10:12, Marie Dupont a écrit :\n> Bonjour,\n>\n> Qui apporte les chaises ?\nMoi.\n>\n"
            "> Pour le reste, on en parle samedi.\n> Marie\n")
    case("gen-thunderbird-fr-one-question", fr_msg("tb-fr-one@free.fr", [], plain8(text)),
         "> Bonjour,\n>\n> Qui apporte les chaises ?\n\nMoi.")
    text = ("Bonjour Marie,\n\nLe 03/03/2025 à 10:12, Marie Dupont a écrit :\n> Point 1 : le compost.\n"
            "C'est urgent.\n\n> Point 2 : la fête.\nLe 14 juin.\n\n> Point 3 : les cotisations.\n\nCamille\n")
    case("gen-thunderbird-fr-points-signed", fr_msg("tb-fr-points@free.fr", [], plain8(text)),
         "Bonjour Marie,\n\n> Point 1 : le compost.\n\nC'est urgent.\n\n> Point 2 : la fête.\n\nLe 14 juin.\n\nCamille")

    # Charsets.
    latin = "Bonjour,\n\nRéunion à Besançon le 12, on réserve la salle des fêtes.\n\nCamille\n"
    raw = latin.replace("\n", "\r\n").encode("latin-1")
    head = b"Content-Type: text/plain; charset=\"utf-8\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    case("gen-latin1-declared-utf8", fr_msg("cs-1@free.fr", [], head + raw), latin.strip())
    head = b"Content-Type: text/plain; charset=\"unknown-8bit\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    case("gen-latin1-unknown-8bit", fr_msg("cs-2@free.fr", [], head + raw), latin.strip())
    head = b"Content-Type: text/plain; charset=\"x-mac-latin-old\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
    qpraw = raw.replace(b"\xe9", b"=E9").replace(b"\xe0", b"=E0").replace(b"\xe7", b"=E7")
    case("gen-latin1-unknown-charset-qp", fr_msg("cs-3@free.fr", [], head + qpraw), latin.strip())
    head = b"Content-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    case("gen-latin1-no-charset", fr_msg("cs-4@free.fr", [], head + raw), latin.strip())
    cp = "Bonjour,\n\nLe « goûter » coûte 5 € par personne.\n"
    head = b"Content-Type: text/plain; charset=\"utf-8\"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    case("gen-windows1252-declared-utf8", fr_msg("cs-5@free.fr", [], head + cp.replace("\n", "\r\n").encode("cp1252")), cp.strip())

    # A person's message forwarded from another list: not automatic.
    fwd = ("Pour info, l'annonce de l'AMAP voisine.\n\n---------- Forwarded message ---------\n"
           "De : AMAP du Moulin <amap@lists.example.org>\nDate: lun. 3 mars 2025 à 09:00\n"
           "Subject: [AMAP] Distribution de jeudi\nTo: <amap@lists.example.org>\n\n"
           "La distribution de jeudi est avancée à 17 h.\n")
    case("gen-gmail-fr-list-forward",
         fr_msg("fwd-1@mail.gmail.com", ["List-Id: AMAP du Moulin <amap.lists.example.org>",
                                         "List-Unsubscribe: <mailto:amap-leave@lists.example.org>",
                                         "Precedence: bulk"], qp(fwd), subject="Fwd: [AMAP] Distribution de jeudi"),
         fwd.strip())
    text = "Bonjour à tous,\n\nJe relaie ce message de la liste du quartier : la fête est le 14 juin.\n\nCamille\n"
    case("gen-list-relayed-reply",
         fr_msg("relay-1@free.fr", ["List-Id: <quartier.lists.example.org>", "List-Post: <mailto:quartier@lists.example.org>",
                                    "Precedence: list"], plain8(text)), text.strip())

    # A subject that starts like an automatic reply, written by a person.
    text = ("Bonjour à tous,\n\nVoici le planning des congés d'été, chacun peut-il vérifier ses dates avant vendredi ?\n\n"
            "- Marie : du 1er au 15 juillet\n- Paul : août\n\nMerci de répondre même si rien ne change pour vous.\n\nCamille\n")
    case("gen-fr-absence-du-bureau-human",
         fr_msg("human-1@free.fr", [], plain8(text), subject="Absence du bureau : planning des congés à valider"),
         text.strip())
    text = "Hi all,\n\nWho takes over the newsletter while I'm away in August?\n\nHarriet\n"
    case("gen-en-out-of-office-human",
         en_msg("human-2@gmail.com", [], plain8(text), subject="Out of office in August: who takes the newsletter?"),
         text.strip())

    # Real automatic replies.
    text = "Bonjour,\n\nJe suis absente du bureau jusqu'au 10 mars inclus.\nPour toute urgence, contactez Paul.\n\nCamille\n"
    case("gen-outlook-fr-auto-reply",
         fr_msg("oof-1@free.fr", ["Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: All",
                                  "X-MS-Exchange-Inbox-Rules-Loop: camille.roux@free.fr"], plain8(text),
                subject="Réponse automatique : [Jardins] Arrosage de juillet"),
         text.strip(), automatic="Auto-Submitted: auto-replied")
    text = "I am out of the office until March 10 with limited access to email.\n"
    case("gen-gmail-en-vacation",
         en_msg("vac-1@mail.gmail.com", ["Auto-Submitted: auto-replied", "Precedence: bulk"], plain8(text),
                subject="Out of Office: [Repair Cafe] Soldering station"),
         text.strip(), automatic="Auto-Submitted: auto-replied")
    text = "Vielen Dank für Ihre Nachricht. Ich bin bis zum 10. März abwesend.\n"
    case("gen-de-abwesenheitsnotiz",
         message("de", "oof-de@web.de", [], plain8(text), subject="Abwesenheitsnotiz: [Gemeinschaftsgarten] Gießplan"),
         text.strip(), automatic="subject and an absence notice")
    text = "Merci pour votre message, je suis en congé jusqu'au 10 mars.\n"
    case("gen-fr-precedence-auto-reply",
         fr_msg("oof-2@laposte.net", ["Precedence: auto_reply"], plain8(text), subject="Absent : Arrosage de juillet"),
         text.strip(), automatic="Precedence: auto_reply")
    text = "Ce message est envoyé automatiquement : votre demande a bien été reçue.\n"
    case("gen-fr-x-autoreply",
         fr_msg("oof-3@orange.fr", ["X-Autoreply: yes", "Return-Path: <>"], plain8(text), subject="Re: [Jardins] Arrosage de juillet"),
         text.strip(), automatic="X-Autoreply")

    # Clients' quote headers.
    text = ("Yes, count me in.\n\n---- On Mon, 03 Mar 2025 10:12:00 +0100 Sam Okafor <sam.okafor@example.org> wrote ----\n\n"
            "Who can help on Saturday?\n")
    case("gen-zoho-en", en_msg("zoho-1@zoho.com", ["User-Agent: Zoho Mail"], plain8(text)), "Yes, count me in.")
    text = ("Oui, je m'inscris.\n\n---- Le lun., 03 mars 2025 10:12:00 +0100 Marie Dupont <marie.dupont@orange.fr> a écrit ----\n\n"
            "Qui peut aider samedi ?\n")
    case("gen-zoho-fr", fr_msg("zoho-2@zoho.eu", ["User-Agent: Zoho Mail"], plain8(text)), "Oui, je m'inscris.")
    text = ("Works for me.\n\nOn Mon, Mar 03, 2025 at 10:12 AM, Sam Okafor < sam.okafor@example.org > wrote:\n\n"
            "> Saturday 10 am at the hall?\n")
    case("gen-polymail-en", en_msg("polymail-1@polymail.io", [], plain8(text)), "Works for me.")
    text = "I'll bring the multimeter.\n\nAt 10:12 03/03/2025, Sam Okafor wrote:\n>We need a multimeter.\n"
    case("gen-eudora-en", en_msg("eudora-1@example.net", ["X-Mailer: QUALCOMM Windows Eudora Version 7.1.0.9"], plain8(text)),
         "I'll bring the multimeter.")
    text = "Parfait, merci !\n\n2016-10-24 15:36 GMT+02:00 Marie Dupont <marie.dupont@orange.fr>:\n\n> La salle est réservée.\n"
    case("gen-gmail-old-fr", fr_msg("gmail-old-1@mail.gmail.com", [], plain8(text)), "Parfait, merci !")
    text = "Great, thanks!\n\n2016-10-24 15:36 GMT+01:00 Sam Okafor <sam.okafor@example.org>:\n\n> The hall is booked.\n"
    case("gen-gmail-old-en", en_msg("gmail-old-2@mail.gmail.com", [], plain8(text)), "Great, thanks!")
    text = ("I'll be there at nine.\n\n*-------- Original Message --------*\n*From:* Sam Okafor <sam.okafor@example.org>\n"
            "*Date:* Mon, 3 Mar 2025, 10:12\n*To:* repair-cafe+q1w2e3@essaim.test\n*Subject:* [Repair Cafe] Soldering station\n\n"
            "Who opens the hall?\n")
    case("gen-samsung-en-bold-original", en_msg("samsung-1@gmail.com", [], plain8(text)), "I'll be there at nine.")
    text = "Noted, I'll order the fuses.\n\nSent from my BlackBerry 10 smartphone.\n\n  Original Message\nFrom: Sam Okafor\nSent: Monday, 3 March 2025 10:12\nTo: Repair Cafe\nSubject: Fuses\n\nWe need fuses.\n"
    case("gen-blackberry-en", en_msg("bb-1@example.net", [], plain8(text)), "Noted, I'll order the fuses.")
    text = ("Je m'occupe du pain.\n\nEnvoyé à partir de Outlook pour iOS\n________________________________\n"
            "De : Marie Dupont <marie.dupont@orange.fr>\nEnvoyé : lundi, mars 3, 2025 10:12 AM\nÀ : jardins+k3y9@essaim.test\n"
            "Objet : [Jardins] Pique-nique\n\nQui apporte le pain ?\n")
    case("gen-outlook-ios-fr", fr_msg("olios-1@outlook.fr", [], qp(text)), "Je m'occupe du pain.")
    text = "I'll take the Saturday shift.\n\nGet Outlook for Android<https://aka.ms/AAb9ysg>\n________________________________\nFrom: Sam Okafor <sam.okafor@example.org>\nSent: Monday, March 3, 2025 10:12:00 AM\nTo: repair-cafe+q1w2e3@essaim.test\nSubject: Shifts\n\nWho takes Saturday?\n"
    case("gen-outlook-android-en", en_msg("olandroid-1@outlook.com", [], qp(text)), "I'll take the Saturday shift.")

    # Outlook for Mac: « Répondre à » in its header block (every list mail has a Reply-To).
    text = ("Je peux tenir le stand de 14 h à 16 h.\n\nDe : Marie Dupont <marie.dupont@orange.fr>\n"
            "Répondre à : Jardins <jardins+k3y9@essaim.test>\nDate : lundi 3 mars 2025 à 10:12\n"
            "À : Jardins <jardins+k3y9@essaim.test>\nObjet : [Jardins] Stand de la fête\n\nQui tient le stand ?\n")
    case("gen-outlook-mac-fr-repondre-a", fr_msg("olmac-fr-1@asso.example", ["User-Agent: Microsoft-MacOutlook/16.94.25011212"], qp(text)),
         "Je peux tenir le stand de 14 h à 16 h.")
    text = ("I can run the stall from 2 to 4.\n\nFrom: Sam Okafor <sam.okafor@example.org>\n"
            "Reply-To: Repair Cafe <repair-cafe+q1w2e3@essaim.test>\nDate: Monday, 3 March 2025 at 10:12\n"
            "To: Repair Cafe <repair-cafe+q1w2e3@essaim.test>\nSubject: [Repair Cafe] Stall\n\nWho runs the stall?\n")
    case("gen-outlook-mac-en-reply-to", en_msg("olmac-en-1@asso.example", ["User-Agent: Microsoft-MacOutlook/16.94.25011212"], qp(text)),
         "I can run the stall from 2 to 4.")
    htm = ("<html><head></head><body><div><p class=\"MsoNormal\">Je peux tenir le stand.</p></div>"
           "<div style=\"border:none;border-top:solid #B5C4DF 1.0pt;padding:3.0pt 0cm 0cm 0cm\">"
           "<p class=\"MsoNormal\"><b>De : </b>Marie Dupont &lt;marie.dupont@orange.fr&gt;<br><b>Répondre à : </b>Jardins &lt;jardins+k3y9@essaim.test&gt;<br>"
           "<b>Date : </b>lundi 3 mars 2025 à 10:12<br><b>À : </b>Jardins &lt;jardins+k3y9@essaim.test&gt;<br><b>Objet : </b>[Jardins] Stand</p></div>"
           "<p>Qui tient le stand ?</p></body></html>\n")
    case("gen-outlook-mac-fr-html", fr_msg("olmac-fr-2@asso.example", [], html8(htm)), "Je peux tenir le stand.")

    # Outlook desktop HTML: the header div with a top border; a stray rule in text.
    htm = ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><style><!-- p.MsoNormal {margin:0cm;} --></style></head>"
           "<body lang=\"FR\"><div class=\"WordSection1\"><p class=\"MsoNormal\">Bonjour Marie,<o:p></o:p></p><p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>"
           "<p class=\"MsoNormal\">C'est noté pour samedi.<o:p></o:p></p><p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>"
           "<div><div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\"><p class=\"MsoNormal\"><b>De&nbsp;:</b> Marie Dupont &lt;marie.dupont@orange.fr&gt;<br>"
           "<b>Envoyé&nbsp;:</b> lundi 3 mars 2025 10:12<br><b>À&nbsp;:</b> jardins+k3y9@essaim.test<br><b>Objet&nbsp;:</b> [Jardins] Samedi<o:p></o:p></p></div></div>"
           "<p class=\"MsoNormal\">Rendez-vous samedi ?<o:p></o:p></p></div></body></html>\n")
    case("gen-outlook-desktop-fr-html-border", fr_msg("oldesk-fr-1@asso.example", ["X-Mailer: Microsoft Outlook 16.0"], part("text/html", htm, "quoted-printable")),
         "Bonjour Marie,\n\nC'est noté pour samedi.")
    text = ("C'est noté pour samedi.\n\n-----\n\nDe : Marie Dupont <marie.dupont@orange.fr>\nEnvoyé : lundi 3 mars 2025 10:12\n"
            "À : jardins+k3y9@essaim.test\nObjet : [Jardins] Samedi\n\nRendez-vous samedi ?\n")
    case("gen-outlook-fr-stray-rule", fr_msg("oldesk-fr-2@asso.example", ["X-Mailer: Microsoft Outlook 16.0"], qp(text)),
         "C'est noté pour samedi.")
    text = ("Done, see you there.\n\n-----\nFrom: Sam Okafor <sam.okafor@example.org>\nSent: Monday, March 3, 2025 10:12 AM\n"
            "To: repair-cafe+q1w2e3@essaim.test\nSubject: [Repair Cafe] Saturday\n\nSee you Saturday?\n")
    case("gen-outlook-en-stray-rule", en_msg("oldesk-en-2@asso.example", ["X-Mailer: Microsoft Outlook 16.0"], qp(text)),
         "Done, see you there.")

    # List footers.
    text = ("Je serai là.\n\nLe lun. 3 mars 2025 à 10:12, Marie Dupont <marie.dupont@orange.fr> a écrit :\n> Qui vient ?\n>\n"
            "> --\n> Vous recevez ce message car vous êtes abonné au groupe Google Groupes « Jardins ».\n")
    case("gen-google-groups-fr-quoted-footer", fr_msg("gg-fr-1@mail.gmail.com", [], plain8(text)), "Je serai là.")
    text = ("I'll be there.\n\nYou received this message because you are subscribed to the Google Groups \"Repair Cafe\" group.\n"
            "To unsubscribe from this group and stop receiving emails from it, send an email to repair-cafe+unsubscribe@googlegroups.com.\n")
    case("gen-google-groups-en-footer", en_msg("gg-en-1@mail.gmail.com", [], plain8(text)), "I'll be there.")
    text = ("Je relaie : la fête est le 14 juin.\n\n_______________________________________________\nQuartier mailing list\n"
            "quartier@lists.example.org\nhttps://lists.example.org/mailman/listinfo/quartier\n")
    case("gen-mailman-footer", fr_msg("mm-1@free.fr", [], plain8(text)), "Je relaie : la fête est le 14 juin.")
    text = ("Merci, je m'inscris.\n\nLe lun. 3 mars 2025 à 10:12, Jardins <jardins+k3y9@essaim.test> a écrit :\n\n"
            "> Marie Dupont a écrit au groupe Jardins :\n> Qui vient samedi ?\n>\n"
            "> Vous recevez ce message parce que vous êtes membre du groupe Jardins.\n")
    case("gen-essaim-own-footer-quoted", fr_msg("es-1@mail.gmail.com", [], plain8(text)), "Merci, je m'inscris.")
    text = ("Merci, je m'inscris.\n\nVous recevez ce message parce que vous êtes membre du groupe Jardins.\n"
            "Répondez simplement à cet e-mail pour répondre au groupe.\n")
    case("gen-essaim-own-footer-unquoted", fr_msg("es-2@free.fr", [], plain8(text)), "Merci, je m'inscris.")

    # French webmails and other clients.
    text = ("Je prends le créneau de 10 h.\n\nLe lundi 3 mars 2025 à 10:12:00 UTC+1, Marie Dupont <marie.dupont@orange.fr> a écrit :\n\n\n"
            "Qui prend le créneau de 10 h ?\n")
    case("gen-yahoo-fr-plain", fr_msg("yahoo-fr-1@yahoo.fr", [], qp(text)), "Je prends le créneau de 10 h.")
    htm = ("<html><head></head><body><div class=\"ydp3c2b1a9eyahoo-style-wrap\" style=\"font-family:Helvetica Neue, Helvetica, Arial, sans-serif;font-size:13px;\">"
           "<div dir=\"ltr\" data-setdir=\"false\">Je prends le créneau de 10 h.</div></div><div id=\"yahoo_quoted_1234567890\" class=\"yahoo_quoted\">"
           "<div style=\"font-family:'Helvetica Neue', Helvetica, Arial, sans-serif;font-size:13px;color:#26282a;\"><div>"
           "Le lundi 3 mars 2025 à 10:12:00 UTC+1, Marie Dupont &lt;marie.dupont@orange.fr&gt; a écrit :</div><div><br></div><div><br></div>"
           "<div><div dir=\"ltr\">Qui prend le créneau de 10 h ?</div></div></div></div></body></html>\n")
    case("gen-yahoo-fr-html-only", fr_msg("yahoo-fr-2@yahoo.fr", [], part("text/html", htm, "quoted-printable")), "Je prends le créneau de 10 h.")
    htm = ("<div style=\"font-family: Arial, sans-serif; font-size: 14px;\">Count me in for Saturday.</div><div style=\"font-family: Arial, sans-serif; font-size: 14px;\"><br></div>"
           "<div class=\"protonmail_signature_block\" style=\"font-family: Arial, sans-serif; font-size: 14px;\"><div class=\"protonmail_signature_block-proton\">Sent with <a href=\"https://proton.me/mail/home\" target=\"_blank\">Proton Mail</a> secure email.</div></div>"
           "<div style=\"font-family: Arial, sans-serif; font-size: 14px;\"><br></div><div class=\"protonmail_quote\">On Monday, March 3rd, 2025 at 10:12 AM, Sam Okafor &lt;sam.okafor@example.org&gt; wrote:<br>"
           "<blockquote class=\"protonmail_quote\" type=\"cite\"><div>Who is in for Saturday?</div></blockquote><br></div>\n")
    case("gen-proton-en-html-only", en_msg("proton-en-1@proton.me", [], part("text/html", htm, "base64")), "Count me in for Saturday.")
    text = ("Count me in for Saturday.\n\nSent with Proton Mail secure email.\n\nOn Monday, March 3rd, 2025 at 10:12 AM, Sam Okafor <sam.okafor@example.org> wrote:\n\n"
            "> Who is in for Saturday?\n")
    case("gen-proton-en-plain", en_msg("proton-en-2@proton.me", [], qp(text)), "Count me in for Saturday.")
    text = ("Je viens samedi.\n\n------- Original Message -------\nLe lundi 3 mars 2025 à 10:12, Marie Dupont <marie.dupont@orange.fr> a écrit :\n\n"
            "> Qui vient samedi ?\n")
    case("gen-proton-fr-plain", fr_msg("proton-fr-1@proton.me", [], qp(text)), "Je viens samedi.")
    htm = ("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\"></head><body style='font-size: 10pt; font-family: Verdana,Geneva,sans-serif'>"
           "<p>Je peux faire la permanence de mardi.</p><p id=\"reply-intro\">Le 2025-03-03 10:12, Marie Dupont a écrit&nbsp;:</p>"
           "<blockquote type=\"cite\" style=\"padding: 0 0.4em; border-left: #1010ff 2px solid; margin: 0\"><div style=\"margin: 0; padding: 0; font-family: monospace\">Qui fait la permanence de mardi ?</div></blockquote></body></html>\n")
    case("gen-roundcube-fr-html-only", fr_msg("rc-fr-1@webmail.example.org", ["User-Agent: Roundcube Webmail/1.6.9"], html8(htm)), "Je peux faire la permanence de mardi.")
    text = "Je peux faire la permanence de mardi.\n\nLe 2025-03-03 10:12, Marie Dupont a écrit :\n> Qui fait la permanence de mardi ?\n"
    case("gen-roundcube-fr-plain", fr_msg("rc-fr-2@webmail.example.org", ["User-Agent: Roundcube Webmail/1.6.9"], plain8(text)), "Je peux faire la permanence de mardi.")
    htm = ("<html><body><div>D'accord pour le 22.</div><br /><br />Le lundi, mars 03, 2025 10:12 CET, \"Marie Dupont\" &lt;marie.dupont@orange.fr&gt; a écrit:<br />"
           "&nbsp;<blockquote type=\"cite\" cite=\"&lt;msg-1@orange.fr&gt;\"><div>On avance l'assemblée au 22 ?</div></blockquote><br />&nbsp;</body></html>\n")
    case("gen-sogo-fr-html-only", fr_msg("sogo-fr-1@sogo.example.org", ["User-Agent: SOGoMail 5.11.0"], html8(htm)), "D'accord pour le 22.")
    text = "D'accord pour le 22.\n\nLe lundi, mars 03, 2025 10:12 CET, \"Marie Dupont\" <marie.dupont@orange.fr> a écrit:\n\n> On avance l'assemblée au 22 ?\n"
    case("gen-sogo-fr-plain", fr_msg("sogo-fr-2@sogo.example.org", ["User-Agent: SOGoMail 5.11.0"], qp(text)), "D'accord pour le 22.")
    htm = ("<html><body><div style=\"font-family: arial, helvetica, sans-serif; font-size: 12pt; color: #000000\"><div>Je passe prendre les clés jeudi.</div><div><br></div>"
           "<hr id=\"zwchr\" data-marker=\"__DIVIDER__\"><div data-marker=\"__HEADERS__\"><b>De: </b>\"Marie Dupont\" &lt;marie.dupont@orange.fr&gt;<br><b>À: </b>\"jardins\" &lt;jardins+k3y9@essaim.test&gt;<br>"
           "<b>Envoyé: </b>Lundi 3 Mars 2025 10:12:00<br><b>Objet: </b>[Jardins] Clés<br></div><br><div data-marker=\"__QUOTED_TEXT__\"><div>Qui prend les clés ?</div></div></div></body></html>\n")
    case("gen-zimbra-fr-html-only", fr_msg("zimbra-fr-1@zimbra.example.org", ["X-Mailer: Zimbra 10.0.8_GA_4681 (ZimbraWebClient - FF133)"], part("text/html", htm, "quoted-printable")),
         "Je passe prendre les clés jeudi.")
    text = ("Je passe prendre les clés jeudi.\n\n----- Mail original -----\nDe: \"Marie Dupont\" <marie.dupont@orange.fr>\nÀ: \"jardins\" <jardins+k3y9@essaim.test>\n"
            "Envoyé: Lundi 3 Mars 2025 10:12:00\nObjet: [Jardins] Clés\n\nQui prend les clés ?\n")
    case("gen-zimbra-fr-plain", fr_msg("zimbra-fr-2@zimbra.example.org", [], qp(text)), "Je passe prendre les clés jeudi.")
    text = ("Je passe prendre les clés jeudi.\n\n----- Mail d'origine -----\nDe: Marie Dupont <marie.dupont@orange.fr>\nÀ: jardins+k3y9@essaim.test\n"
            "Envoyé: Mon, 03 Mar 2025 10:12:00 +0100 (CET)\nObjet: [Jardins] Clés\n\nQui prend les clés ?\n")
    case("gen-free-zimbra-fr", fr_msg("free-fr-1@free.fr", [], qp(text)), "Je passe prendre les clés jeudi.")
    text = ("Je m'occupe des affiches.\n\n> Message du 03/03/25 10:12\n> De : \"Marie Dupont\" <marie.dupont@orange.fr>\n> A : jardins+k3y9@essaim.test\n"
            "> Copie à : \n> Objet : [Jardins] Affiches\n>\n> Qui fait les affiches ?\n")
    case("gen-orange-fr-plain", fr_msg("orange-fr-1@orange.fr", [], qp(text)), "Je m'occupe des affiches.")
    text = ("Je m'occupe des affiches.\n\nDe : \"Marie Dupont\" marie.dupont@orange.fr\nEnvoyé : lundi 3 mars 2025 10:12\nÀ : jardins+k3y9@essaim.test\n"
            "Objet : [Jardins] Affiches\n\nQui fait les affiches ?\n")
    case("gen-laposte-fr-plain", fr_msg("laposte-fr-1@laposte.net", [], qp(text)), "Je m'occupe des affiches.")
    text = ("Je m'occupe des affiches.\n\nLe 3 mars 2025 10:12:00 GMT+01:00, Marie Dupont <marie.dupont@orange.fr> a écrit :\n>Qui fait les affiches ?\n>\n>Marie\n")
    case("gen-k9-fr", fr_msg("k9-fr-1@free.fr", ["User-Agent: K-9 Mail for Android"], plain8(text)), "Je m'occupe des affiches.")
    text = ("Je m'occupe des affiches.\n\n3 mars 2025 10:12:00 Marie Dupont <marie.dupont@orange.fr>:\n\n> Qui fait les affiches ?\n")
    case("gen-fairemail-fr", fr_msg("fe-fr-1@free.fr", [], plain8(text)), "Je m'occupe des affiches.")
    text = ("Je m'occupe des affiches.\n\nEnvoyé depuis l'application Mail Orange\n\n> Message du 03/03/25 10:12\n> De : \"Marie Dupont\"\n")
    case("gen-orange-app-fr", fr_msg("orange-fr-2@orange.fr", [], qp(text)), "Je m'occupe des affiches.")

    # One question answered below it: kept; a whole message answered below: not.
    text = "> Qui apporte les chaises ?\n\nMoi.\n"
    case("gen-mutt-fr-one-question-answered", fr_msg("mutt-fr-1@riseup.example", ["User-Agent: Mutt/2.2.12"], plain8(text)),
         "> Qui apporte les chaises ?\n\nMoi.")
    text = ("Le lun. 3 mars 2025 à 10:12, Marie Dupont <marie.dupont@orange.fr> a écrit :\n\n> Bonjour à tous,\n>\n"
            "> La fête du jardin aura lieu le 14 juin.\n> Il nous faut des bras pour le montage,\n> des gâteaux et une sono.\n>\n"
            "> Merci de me dire ce que vous pouvez faire.\n>\n> Marie\n\nJe fais un gâteau et j'aide au montage.\n")
    case("gen-gmail-fr-bottom-post-whole-message", fr_msg("bp-fr-1@mail.gmail.com", [], qp(text)),
         "Je fais un gâteau et j'aide au montage.")

    # Gmail HTML, point by point: one blockquote per question.
    htm = ("<div dir=\"ltr\"><br></div><br><div class=\"gmail_quote gmail_quote_container\"><div dir=\"ltr\" class=\"gmail_attr\">"
           "Le lun. 3 mars 2025 à 10:12, Marie Dupont &lt;<a href=\"mailto:marie.dupont@orange.fr\">marie.dupont@orange.fr</a>&gt; a écrit&nbsp;:<br></div>"
           "<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex\"><div dir=\"ltr\">Qui apporte les chaises ?</div></blockquote>"
           "<div>Moi.</div><div><br></div>"
           "<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex\"><div dir=\"ltr\">Et les tables ?</div></blockquote>"
           "<div>Paul les amène.</div><div><br></div>"
           "<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex\"><div dir=\"ltr\">Merci !<br>Marie</div></blockquote></div>\n")
    case("gen-gmail-fr-html-interleaved", fr_msg("gm-html-int@mail.gmail.com", [], part("text/html", htm, "quoted-printable")),
         "> Qui apporte les chaises ?\n\nMoi.\n\n> Et les tables ?\n\nPaul les amène.")

    # Android and Samsung mail: the dashed separator in French.
    text = ("Je serai là à 9 h.\n\n\n-------- Message d'origine --------\nDe : Marie Dupont <marie.dupont@orange.fr>\n"
            "Date : 03/03/2025 10:12 (GMT+01:00)\nÀ : jardins+k3y9@essaim.test\nObjet : [Jardins] Montage\n\nQui vient au montage ?\n")
    case("gen-samsung-fr-message-d-origine", fr_msg("samsung-fr-2@gmail.com", [], qp(text)), "Je serai là à 9 h.")

    # A forward from Apple Mail in French: everything is passed on.
    fwd = ("À lire avant samedi.\n\nDébut du message réexpédié :\n\nDe: Mairie <contact@mairie.example.fr>\n"
           "Objet: Arrêté de voirie\nDate: 3 mars 2025 à 10:12:00 UTC+1\nÀ: camille.roux@free.fr\n\nLa rue sera fermée samedi matin.\n")
    case("gen-apple-fr-forward", fr_msg("apple-fwd-1@free.fr", [], qp(fwd), subject="Fwd: Arrêté de voirie"), fwd.strip())

    # More programs: Tutanota (no verb, the address last), GMX and Web.de
    # (the header block opens with the date), eM Client, Spark, Airmail,
    # Lotus Notes (tabs), Huawei's phone line.
    text = "Je m'en occupe.\n\n3 mars 2025, 10:12 de marie.dupont@orange.fr:\n\n> Qui s'occupe du compost ?\n"
    case("gen-tutanota-fr", fr_msg("tuta-fr-1@tutanota.com", [], qp(text)), "Je m'en occupe.")
    text = "I'll handle it.\n\nMar 3, 2025, 10:12 by sam.okafor@example.org:\n\n> Who handles the compost?\n"
    case("gen-tutanota-en", en_msg("tuta-en-1@tuta.io", [], qp(text)), "I'll handle it.")
    text = "Ich kümmere mich darum.\n\n03.03.2025, 10:12 von lena.schmidt@gmx.de:\n\n> Wer kümmert sich um den Kompost?\n"
    case("gen-tutanota-de", message("de", "tuta-de-1@tutanota.de", [], qp(text)), "Ich kümmere mich darum.")
    text = ("Ich bringe Kuchen mit.\n\nGesendet: Montag, 03. März 2025 um 10:12 Uhr\nVon: \"Lena Schmidt\" <lena.schmidt@gmx.de>\n"
            "An: garten+a1b2@essaim.test\nBetreff: [Gemeinschaftsgarten] Fest\n\nWer bringt Kuchen mit?\n")
    case("gen-gmx-de", message("de", "gmx-de-1@gmx.de", [], qp(text)), "Ich bringe Kuchen mit.")
    text = ("I'll bring a cake.\n\n------ Original Message ------\nFrom: \"Sam Okafor\" <sam.okafor@example.org>\n"
            "To: repair-cafe+q1w2e3@essaim.test\nSent: 03/03/2025 10:12:00\nSubject: [Repair Cafe] Party\n\nWho brings a cake?\n")
    case("gen-emclient-en", en_msg("emc-en-1@example.net", ["X-Mailer: eM_Client/10.1.4588.0"], qp(text)), "I'll bring a cake.")
    text = ("J'apporte un gâteau.\n\n------ Message d'origine ------\nDe : \"Marie Dupont\" <marie.dupont@orange.fr>\n"
            "À : jardins+k3y9@essaim.test\nEnvoyé : 03/03/2025 10:12:00\nObjet : [Jardins] Fête\n\nQui apporte un gâteau ?\n")
    case("gen-emclient-fr", fr_msg("emc-fr-1@example.net", ["X-Mailer: eM_Client/10.1.4588.0"], qp(text)), "J'apporte un gâteau.")
    text = ("J'apporte un gâteau.\nLe 3 mars 2025 à 10:12 +0100, Marie Dupont <marie.dupont@orange.fr>, a écrit :\n> Qui apporte un gâteau ?\n")
    case("gen-spark-fr", fr_msg("spark-fr-1@sparkmailapp.com", [], qp(text)), "J'apporte un gâteau.")
    text = "I'll bring a cake.\n\nOn 3 March 2025 at 10:12:00, Sam Okafor (sam.okafor@example.org) wrote:\n\n> Who brings a cake?\n"
    case("gen-airmail-en", en_msg("airmail-en-1@airmailapp.com", ["X-Mailer: Airmail (605)"], qp(text)), "I'll bring a cake.")
    text = ("J'apporte un gâteau.\n\n\n\nDe :\tMarie Dupont <marie.dupont@orange.fr>\nA :\tjardins+k3y9@essaim.test\n"
            "Date :\t03/03/2025 10:12\nObjet :\t[Jardins] Fête\n\n\n\nQui apporte un gâteau ?\n")
    case("gen-lotus-notes-fr", fr_msg("notes-fr-1@example.fr", ["X-Mailer: Lotus Notes Release 9.0.1"], qp(text)), "J'apporte un gâteau.")
    text = "J'apporte un gâteau.\n\nEnvoyé de mon HUAWEI P30\n\n-------- Message d'origine --------\nDe : Marie Dupont <marie.dupont@orange.fr>\n"
    case("gen-huawei-fr", fr_msg("huawei-fr-1@free.fr", [], qp(text)), "J'apporte un gâteau.")
