//! The words mail programs write around a quoted message, in every language
//! we read: one table, used by the plain-text trimmer and (through the
//! Markdown that HTML is turned into) by the HTML path alike.
//!
//! Every entry is written the way [`super::trim`] compares lines: lower
//! case, runs of spaces folded into one, no space before a colon, `*`
//! (bold) removed, the full-width colon `：` read as `:` and `’` as `'`.
//! Adding a language or a mail program's wording is adding lines here.

/// Verbs (or phrases) that close an attribution line, the line above a
/// quoted message: "On 3 March, Marie wrote:", « Le 3 mars, Marie a
/// écrit : ». The line must also end with a colon (or be wrapped in
/// dashes, Zoho's way) and carry a date, a time or an address.
pub const ATTRIBUTION_VERBS: &[&str] = &[
    // English (Gmail, Thunderbird, Apple Mail, Mutt, Eudora, Polymail, Zoho)
    "wrote",
    "writes",
    // French
    "a écrit",
    "a ecrit",
    "écrit",
    // German
    "schrieb",
    "geschrieben",
    // Dutch ("heeft … het volgende geschreven")
    "schreef",
    "het volgende geschreven",
    // Spanish
    "escribió",
    "escribio",
    // Portuguese
    "escreveu",
    // Italian
    "ha scritto",
    "scrisse",
    // Polish (Gmail, Thunderbird, Apple Mail)
    "napisał(a)",
    "napisał",
    "napisała",
    "pisze",
    "napisana przez",
    // Czech
    "napsal(a)",
    "napsal",
    "napsala",
    "odesílatel",
    // Russian
    "пишет",
    "написал(а)",
    "написал",
    "написала",
    // Ukrainian
    "пише",
    "написав(ла)",
    "написав",
    "написала",
    // Swedish, Norwegian, Danish
    "skrev",
    // Finnish
    "kirjoitti",
    // Turkish
    "yazdı",
    "şunu yazdı",
    "şunları yazdı",
    // Arabic (the verb comes before the name)
    "كتب",
    // Japanese (Apple Mail and Thunderbird's forms)
    "書きました",
    "のメッセージ",
    "のメール",
    // Chinese (simplified and traditional)
    "写道",
    "寫道",
];

/// Words that open an attribution, used to tell where one that is wrapped
/// over several lines begins (the person's last line above it must not be
/// taken for its start). Lines that begin with a date, a weekday or a name
/// and its address are recognized without this list.
pub const ATTRIBUTION_OPENERS: &[&str] = &[
    // English, French, German, Dutch, Spanish, Portuguese, Italian
    "on ",
    "le ",
    "am ",
    "op ",
    "el ",
    "em ",
    "il giorno",
    "il ",
    // Polish, Czech, the Nordic languages, Polish Apple Mail, Arabic
    "w dniu",
    "dne ",
    "den ",
    "wiadomość napisana",
    "في ",
];

/// Words that leave a line of an attribution unfinished when it is
/// wrapped right after them (« Le 3 mars 2026 à » / « 10:02, Marie … »):
/// the next line goes on with the same attribution.
pub const DANGLING_WORDS: &[&str] = &[
    "on", "le", "am", "op", "el", "em", "il", "giorno", "w", "dniu", "dne", "den", "at", "в", "у",
    "في", "à", "a", "um", "om", "às", "alle", "ore", "o", "v", "kl", "kl.", "klo", "kello", "de",
    "del", "van", "von", "du", "des", "las", "der", "the", "um", "uhr", "г.", "р.",
];

/// Lines that open a pasted original message, once their dashes, stars
/// (bold) and underscores are taken off both ends.
pub const ORIGINAL_SEPARATORS: &[&str] = &[
    "original message",
    "original e-mail",
    "message d'origine",
    "message original",
    "courriel original",
    "message initial",
    "mail original",
    "mail d'origine",
    "ursprüngliche nachricht",
    "originalnachricht",
    "original-nachricht",
    "oorspronkelijk bericht",
    "origineel bericht",
    "mensaje original",
    "mensagem original",
    "messaggio originale",
    "oryginalna wiadomość",
    "wiadomość oryginalna",
    "původní zpráva",
    "исходное сообщение",
    "оригинальное сообщение",
    "оригінальне повідомлення",
    "вихідне повідомлення",
    "originalmeddelande",
    "ursprungligt meddelande",
    "opprinnelig melding",
    "opprinnelig e-post",
    "oprindelig meddelelse",
    "original meddelelse",
    "alkuperäinen viesti",
    "orijinal mesaj",
    "özgün ileti",
    "الرسالة الأصلية",
    "元のメッセージ",
    "原始邮件",
    "原始郵件",
    "原始消息",
];

/// Lines that open a forwarded message: what follows is passed on by the
/// person, so it is not cut as history.
pub const FORWARD_MARKERS: &[&str] = &[
    "forwarded message",
    "begin forwarded message",
    "message transféré",
    "message transfere",
    "début du message réexpédié",
    "début du message transféré",
    "weitergeleitete nachricht",
    "doorgestuurd bericht",
    "mensaje reenviado",
    "mensagem encaminhada",
    "messaggio inoltrato",
    "wiadomość przekazana",
    "přeposlaná zpráva",
    "пересланное сообщение",
    "переслане повідомлення",
    "vidarebefordrat meddelande",
    "videresendt melding",
    "videresendt meddelelse",
    "välitetty viesti",
    "iletilen mesaj",
    "رسالة معاد توجيهها",
    "転送メッセージ",
    "转发的邮件",
];

/// What a header field of a pasted header block (Outlook's, Apple's,
/// Zimbra's) is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Who sent the pasted message.
    From,
    /// When it was sent.
    Date,
    /// To whom.
    To,
    /// Copies.
    Cc,
    /// Its subject.
    Subject,
    /// Its Reply-To (Outlook for Mac writes it: every list mail has one).
    ReplyTo,
}

/// Header field names, each followed by a colon in the text.
pub const HEADER_FIELDS: &[(&str, Field)] = &[
    // From
    ("from", Field::From),
    ("de", Field::From),
    ("von", Field::From),
    ("van", Field::From),
    ("da", Field::From),
    ("från", Field::From),
    ("fra", Field::From),
    ("lähettäjä", Field::From),
    ("od", Field::From),
    ("от", Field::From),
    ("від", Field::From),
    ("kimden", Field::From),
    ("من", Field::From),
    ("差出人", Field::From),
    ("发件人", Field::From),
    ("寄件者", Field::From),
    ("afzender", Field::From),
    ("remitente", Field::From),
    ("remetente", Field::From),
    ("mittente", Field::From),
    ("nadawca", Field::From),
    ("avsändare", Field::From),
    ("afsender", Field::From),
    ("expéditeur", Field::From),
    // Date
    ("sent", Field::Date),
    ("date", Field::Date),
    ("envoyé le", Field::Date),
    ("envoyé", Field::Date),
    ("envoye", Field::Date),
    ("gesendet", Field::Date),
    ("datum", Field::Date),
    ("verzonden", Field::Date),
    ("verstuurd", Field::Date),
    ("inviato", Field::Date),
    ("data", Field::Date),
    ("enviado el", Field::Date),
    ("enviado em", Field::Date),
    ("enviado", Field::Date),
    ("enviada", Field::Date),
    ("fecha", Field::Date),
    ("skickat", Field::Date),
    ("sendt", Field::Date),
    ("lähetetty", Field::Date),
    ("päivämäärä", Field::Date),
    ("wysłane", Field::Date),
    ("wysłano", Field::Date),
    ("odesláno", Field::Date),
    ("отправлено", Field::Date),
    ("дата", Field::Date),
    ("надіслано", Field::Date),
    ("gönderildi", Field::Date),
    ("gönderilme tarihi", Field::Date),
    ("tarih", Field::Date),
    ("التاريخ", Field::Date),
    ("تاريخ الإرسال", Field::Date),
    ("送信日時", Field::Date),
    ("日付", Field::Date),
    ("发送时间", Field::Date),
    ("日期", Field::Date),
    ("時間", Field::Date),
    // To
    ("to", Field::To),
    ("à", Field::To),
    ("a", Field::To),
    ("an", Field::To),
    ("aan", Field::To),
    ("para", Field::To),
    ("till", Field::To),
    ("til", Field::To),
    ("vastaanottaja", Field::To),
    ("do", Field::To),
    ("komu", Field::To),
    ("кому", Field::To),
    ("kime", Field::To),
    ("alıcı", Field::To),
    ("إلى", Field::To),
    ("宛先", Field::To),
    ("收件人", Field::To),
    ("收件者", Field::To),
    ("destinataire", Field::To),
    ("per", Field::To),
    // Cc
    ("cc", Field::Cc),
    ("kopie", Field::Cc),
    ("kopia", Field::Cc),
    ("kopio", Field::Cc),
    ("копия", Field::Cc),
    ("копія", Field::Cc),
    ("bilgi", Field::Cc),
    ("نسخة", Field::Cc),
    ("抄送", Field::Cc),
    ("副本", Field::Cc),
    ("kopie (cc)", Field::Cc),
    // Subject
    ("subject", Field::Subject),
    ("objet", Field::Subject),
    ("sujet", Field::Subject),
    ("betreff", Field::Subject),
    ("onderwerp", Field::Subject),
    ("oggetto", Field::Subject),
    ("asunto", Field::Subject),
    ("assunto", Field::Subject),
    ("ämne", Field::Subject),
    ("emne", Field::Subject),
    ("aihe", Field::Subject),
    ("temat", Field::Subject),
    ("předmět", Field::Subject),
    ("тема", Field::Subject),
    ("konu", Field::Subject),
    ("الموضوع", Field::Subject),
    ("件名", Field::Subject),
    ("主题", Field::Subject),
    ("主旨", Field::Subject),
    // Reply-To
    ("reply-to", Field::ReplyTo),
    ("reply to", Field::ReplyTo),
    ("répondre à", Field::ReplyTo),
    ("antwort an", Field::ReplyTo),
    ("antwoord aan", Field::ReplyTo),
    ("responder a", Field::ReplyTo),
    ("rispondi a", Field::ReplyTo),
    ("svara till", Field::ReplyTo),
    ("svar til", Field::ReplyTo),
    ("odpowiedź do", Field::ReplyTo),
    ("odpovědět", Field::ReplyTo),
    ("ответить", Field::ReplyTo),
    ("відповісти", Field::ReplyTo),
    ("yanıt adresi", Field::ReplyTo),
    ("返信先", Field::ReplyTo),
    ("回复至", Field::ReplyTo),
];

/// Lines that end what the person wrote on a phone or a webmail: the line
/// and everything below it go. Matched at the start of a short line.
pub const DEVICE_SIGNATURES: &[&str] = &[
    // French
    "envoyé de mon ",
    "envoyé depuis mon ",
    "envoyé à partir de outlook",
    "envoyé à partir de mon ",
    "envoyé à partir de courrier pour windows",
    "envoyé depuis yahoo mail",
    "envoyé de yahoo mail",
    "envoyé depuis l'application mail orange",
    "envoyé depuis proton mail",
    "envoyé avec proton mail",
    "provenance : courrier pour windows",
    "provenance: courrier pour windows",
    "télécharger outlook pour",
    "obtenir outlook pour",
    // English
    "sent from my ",
    "sent from mail for windows",
    "sent from yahoo mail",
    "sent from outlook",
    "sent from proton mail",
    "sent from protonmail",
    "sent with proton mail",
    "sent with protonmail",
    "sent from samsung",
    "sent via the samsung",
    "sent from the samsung",
    "sent from blackberry",
    "get outlook for ",
    // German
    "von meinem iphone gesendet",
    "von meinem ipad gesendet",
    "von meinem smartphone gesendet",
    "von meinem samsung",
    "gesendet von meinem ",
    "gesendet von outlook",
    "gesendet mit der web.de",
    "gesendet mit gmx",
    // Dutch
    "verzonden vanaf mijn ",
    "verstuurd vanaf mijn ",
    "verzonden vanuit outlook",
    "verzonden met outlook",
    // Spanish
    "enviado desde mi ",
    "enviado desde outlook",
    "enviado desde yahoo",
    // Portuguese
    "enviado do meu ",
    "enviado de meu ",
    "enviado do outlook",
    // Italian
    "inviato da iphone",
    "inviato da ipad",
    "inviato da android",
    "inviato dal mio ",
    "inviato da outlook",
    // Polish
    "wysłane z mojego ",
    "wysłane z iphone",
    "wysłane z aplikacji outlook",
    "wysłano z mojego ",
    "wysłano z iphone",
    // Czech
    "odesláno z iphonu",
    "odesláno z mého ",
    "odesláno z aplikace outlook",
    // Russian
    "отправлено с iphone",
    "отправлено с моего ",
    "отправлено из мобильной",
    "отправлено из outlook",
    // Ukrainian
    "надіслано з iphone",
    "надіслано з мого ",
    "надіслано з outlook",
    // Swedish
    "skickat från min ",
    "skickat från outlook",
    // Norwegian, Danish
    "sendt fra min ",
    "sendt fra outlook",
    // Finnish
    "lähetetty iphonesta",
    "lähetetty ipadista",
    "lähetetty android",
    "lähetetty outlookista",
    // Turkish
    "iphone'umdan gönderildi",
    "ipad'imden gönderildi",
    "android cihazımdan gönderildi",
    // Arabic
    "أرسلت من جهاز",
    "أُرسلت من",
    // Japanese
    "iphoneから送信",
    "ipadから送信",
    "androidから送信",
    // Chinese
    "从我的iphone发送",
    "从我的 iphone 发送",
    "发自我的iphone",
    "发自我的 iphone",
];

/// The first line of a mailing list's footer (Google Groups, Mailman, our
/// own): it and everything below it go.
pub const LIST_FOOTERS: &[&str] = &[
    "you received this message because you are subscribed to the google groups",
    "you are receiving this because you are subscribed",
    "to unsubscribe from this group and stop receiving emails from it",
    "vous avez reçu ce message, car vous êtes abonné",
    "vous avez reçu ce message car vous êtes abonné",
    "vous recevez ce message car vous êtes abonné",
    "vous recevez ce message parce que vous êtes abonné",
    "pour vous désabonner de ce groupe",
    "sie haben diese nachricht erhalten, weil sie",
    "u ontvangt dit bericht omdat u",
    "je ontvangt dit bericht omdat je",
    "recibiste este mensaje porque",
    "has recibido este mensaje porque",
    "você recebeu essa mensagem porque",
    "você está recebendo esta mensagem porque",
    "hai ricevuto questo messaggio perché",
    "otrzymujesz tę wiadomość, ponieważ",
    "вы получили это сообщение, поскольку",
    "вы получили это сообщение, так как",
    // Essaim's own footer, in French and English
    "vous recevez ce message parce que vous êtes membre du groupe",
    "répondez simplement à cet e-mail pour répondre au groupe",
    "you receive this message because you are a member of the group",
    "just reply to this email to answer the group",
];

/// Closing words that sign a message off: a last paragraph made only of
/// one of these (and a name) answers no quoted question above it.
pub const CLOSINGS: &[&str] = &[
    "merci",
    "merci !",
    "merci d'avance",
    "cordialement",
    "bien à vous",
    "bien cordialement",
    "amicalement",
    "bises",
    "bisous",
    "à bientôt",
    "a+",
    "salutations",
    "bonne journée",
    "thanks",
    "thank you",
    "thanks!",
    "cheers",
    "best",
    "best regards",
    "regards",
    "kind regards",
    "all the best",
    "viele grüße",
    "liebe grüße",
    "grüße",
    "lg",
    "vg",
    "mit freundlichen grüßen",
    "groeten",
    "groetjes",
    "met vriendelijke groet",
    "saludos",
    "un saludo",
    "abrazos",
    "abraços",
    "atenciosamente",
    "cumprimentos",
    "saluti",
    "ciao",
    "cordiali saluti",
    "pozdrawiam",
    "pozdrowienia",
    "s pozdravem",
    "díky",
    "с уважением",
    "спасибо",
    "з повагою",
    "дякую",
    "hälsningar",
    "mvh",
    "hilsen",
    "med venlig hilsen",
    "venlig hilsen",
    "terveisin",
    "kiitos",
    "saygılarımla",
    "teşekkürler",
    "مع التحية",
    "شكرا",
    "よろしくお願いします",
    "よろしく",
    "谢谢",
    "此致",
];
