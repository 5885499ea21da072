//! The generated large network of `essaim demo --scale`: 1,000 groups and
//! 100,000 members by default, with wiki pages and meetings for the
//! benchmarks, the same on every run (a seeded generator).
//!
//! It lives beside the schema it writes: groups are cards validated by the
//! domain, turned into stored fields by [`GroupFields::of`] and into first
//! pages by the caller's [`FirstPages`] (as the directory's form does), pages go
//! through the wiki's own [`insert_page`] (first revision and search entry)
//! and the counters and search documents the store maintains are written
//! here too, so a generated data set keeps the invariants of
//! [`crate::invariants`]. People, groups, memberships and meetings are
//! written with multi-row inserts, in one transaction.

use essaim_domain::activity::EventKind;
use essaim_domain::ids::{GroupId, UserId};
use regions::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Instant;

use essaim_domain::groups::{fold_for_search, slugify, suggest_free_slug};
use essaim_domain::groups::{GroupCard, GroupCardInput, PartnerInput};

use crate::db::{q, Arg, Backend, Tx};
use crate::groups::{GroupFields, NewPage};
use crate::wiki::{insert_page, NewWikiPage};
use crate::{Result, Store, StoreError};

/// Size of the generated network.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    /// Listed groups to generate.
    pub groups: usize,
    /// Member accounts to generate.
    pub members: usize,
    /// Wiki pages to write across the hosted groups (the wiki benchmark).
    pub pages: usize,
    /// Meetings for the busiest ecosystem's groups (the calendar benchmark).
    pub meetings: usize,
    /// Projects across the hosted groups, with a year of news and of
    /// activity in the groups' log (the projects and newsletter benchmarks).
    pub projects: usize,
}

/// The first pages of a hosted group's shared space, in the network's
/// language: the words are the web layer's translations, the function the
/// directory's form uses.
pub type FirstPages = fn(&GroupCard) -> Vec<NewPage>;

/// What [`generate`] did, with the database's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    /// Written now (false: the network was already there).
    pub generated: bool,
    /// Groups in the database.
    pub groups: i64,
    /// Accounts.
    pub people: i64,
    /// Memberships.
    pub memberships: i64,
}

/// Domain of generated accounts.
pub const SCALE_MAIL_DOMAIN: &str = "scale.essaim.test";

/// The regions of the generated (and of the written demo) networks.
pub mod regions {
    #![allow(missing_docs)]
    pub const AURA: &str = "Auvergne-Rhône-Alpes";
    pub const BRETAGNE: &str = "Bretagne";
    pub const OCCITANIE: &str = "Occitanie";
    pub const HDF: &str = "Hauts-de-France";
    pub const IDF: &str = "Île-de-France";
    pub const NAQ: &str = "Nouvelle-Aquitaine";
    pub const GRAND_EST: &str = "Grand Est";
    pub const PACA: &str = "Provence-Alpes-Côte d'Azur";
    pub const PDL: &str = "Pays de la Loire";
    pub const NORMANDIE: &str = "Normandie";
    pub const BFC: &str = "Bourgogne-Franche-Comté";
}

/// Seed of the generator: the same network on every run.
const SCALE_SEED: u64 = 0x0E55_A1D0_2026;
/// Values bound in one multi-row statement on SQLite. SQLite finds each
/// `$N` by name, so its cost per value grows with the number of values in
/// the statement: measured on this machine, 100 four-value rows cost 3 µs a
/// row, 1,000 rows 33 µs a row; a few hundred values is the sweet spot.
const SQLITE_BINDS: usize = 400;
/// The same on PostgreSQL, which allows 65,535 and gains from big statements.
const POSTGRES_BINDS: usize = 30_000;
/// Most rows in one statement.
const MAX_ROWS: usize = 1_000;

/// A small deterministic generator (SplitMix64): good enough to spread
/// demo data, the same everywhere, with no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0 ≤ n < `bound` (`bound` > 0).
    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    /// 0 ≤ x < 1.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Roughly normal, mean 0 and deviation 1 (sum of four uniforms).
    fn normal(&mut self) -> f64 {
        let sum: f64 = (0..4).map(|_| self.unit()).sum();
        (sum - 2.0) * 3f64.sqrt()
    }
}

/// Cities of the generated network: (name, region, latitude, longitude).
const CITIES: &[(&str, &str, f64, f64)] = &[
    ("Lyon", AURA, 45.764, 4.836),
    ("Villeurbanne", AURA, 45.772, 4.890),
    ("Grenoble", AURA, 45.188, 5.724),
    ("Saint-Étienne", AURA, 45.439, 4.387),
    ("Clermont-Ferrand", AURA, 45.777, 3.087),
    ("Annecy", AURA, 45.899, 6.129),
    ("Chambéry", AURA, 45.564, 5.918),
    ("Valence", AURA, 44.933, 4.892),
    ("Aurillac", AURA, 44.926, 2.440),
    ("Le Puy-en-Velay", AURA, 45.043, 3.885),
    ("Die", AURA, 44.754, 5.370),
    ("Rennes", BRETAGNE, 48.117, -1.678),
    ("Brest", BRETAGNE, 48.390, -4.486),
    ("Quimper", BRETAGNE, 47.996, -4.102),
    ("Lorient", BRETAGNE, 47.748, -3.370),
    ("Vannes", BRETAGNE, 47.658, -2.760),
    ("Saint-Brieuc", BRETAGNE, 48.514, -2.765),
    ("Morlaix", BRETAGNE, 48.578, -3.828),
    ("Toulouse", OCCITANIE, 43.605, 1.444),
    ("Montpellier", OCCITANIE, 43.611, 3.877),
    ("Nîmes", OCCITANIE, 43.837, 4.360),
    ("Perpignan", OCCITANIE, 42.699, 2.895),
    ("Albi", OCCITANIE, 43.929, 2.148),
    ("Millau", OCCITANIE, 44.098, 3.078),
    ("Cahors", OCCITANIE, 44.448, 1.441),
    ("Tarbes", OCCITANIE, 43.233, 0.078),
    ("Carcassonne", OCCITANIE, 43.213, 2.351),
    ("Lille", HDF, 50.629, 3.057),
    ("Amiens", HDF, 49.894, 2.296),
    ("Roubaix", HDF, 50.690, 3.181),
    ("Dunkerque", HDF, 51.034, 2.377),
    ("Arras", HDF, 50.291, 2.778),
    ("Beauvais", HDF, 49.430, 2.083),
    ("Saint-Quentin", HDF, 49.848, 3.287),
    ("Paris", IDF, 48.857, 2.352),
    ("Montreuil", IDF, 48.864, 2.448),
    ("Saint-Denis", IDF, 48.936, 2.357),
    ("Nanterre", IDF, 48.892, 2.207),
    ("Versailles", IDF, 48.804, 2.130),
    ("Créteil", IDF, 48.790, 2.455),
    ("Évry", IDF, 48.629, 2.441),
    ("Bordeaux", NAQ, 44.838, -0.579),
    ("Limoges", NAQ, 45.834, 1.261),
    ("Poitiers", NAQ, 46.580, 0.340),
    ("La Rochelle", NAQ, 46.160, -1.151),
    ("Pau", NAQ, 43.295, -0.371),
    ("Bayonne", NAQ, 43.493, -1.475),
    ("Guéret", NAQ, 46.172, 1.872),
    ("Périgueux", NAQ, 45.184, 0.721),
    ("Strasbourg", GRAND_EST, 48.573, 7.752),
    ("Nancy", GRAND_EST, 48.692, 6.184),
    ("Metz", GRAND_EST, 49.120, 6.176),
    ("Reims", GRAND_EST, 49.258, 4.032),
    ("Mulhouse", GRAND_EST, 47.750, 7.336),
    ("Colmar", GRAND_EST, 48.079, 7.358),
    ("Troyes", GRAND_EST, 48.297, 4.074),
    ("Marseille", PACA, 43.296, 5.370),
    ("Nice", PACA, 43.710, 7.262),
    ("Toulon", PACA, 43.124, 5.928),
    ("Avignon", PACA, 43.949, 4.806),
    ("Aix-en-Provence", PACA, 43.530, 5.447),
    ("Arles", PACA, 43.677, 4.630),
    ("Gap", PACA, 44.559, 6.079),
    ("Digne-les-Bains", PACA, 44.092, 6.236),
    ("Nantes", PDL, 47.218, -1.554),
    ("Angers", PDL, 47.478, -0.563),
    ("Le Mans", PDL, 48.006, 0.199),
    ("Saint-Nazaire", PDL, 47.274, -2.214),
    ("La Roche-sur-Yon", PDL, 46.670, -1.426),
    ("Laval", PDL, 48.073, -0.770),
    ("Rouen", NORMANDIE, 49.443, 1.099),
    ("Caen", NORMANDIE, 49.183, -0.371),
    ("Le Havre", NORMANDIE, 49.494, 0.108),
    ("Cherbourg-en-Cotentin", NORMANDIE, 49.640, -1.616),
    ("Évreux", NORMANDIE, 49.027, 1.151),
    ("Alençon", NORMANDIE, 48.432, 0.091),
    ("Dijon", BFC, 47.322, 5.041),
    ("Besançon", BFC, 47.238, 6.024),
    ("Auxerre", BFC, 47.798, 3.567),
    ("Mâcon", BFC, 46.307, 4.828),
    ("Tours", "Centre-Val de Loire", 47.394, 0.685),
    ("Orléans", "Centre-Val de Loire", 47.903, 1.909),
    ("Bourges", "Centre-Val de Loire", 47.081, 2.399),
    ("Blois", "Centre-Val de Loire", 47.586, 1.336),
    ("Ajaccio", "Corse", 41.919, 8.738),
    ("Bastia", "Corse", 42.697, 9.451),
];

/// A family of themes: its keywords (the first is the main one), names
/// (`{de}` becomes "de Lyon", "d'Amiens", "du Mans"…) and summaries.
struct Theme {
    keywords: &'static [&'static str],
    names: &'static [&'static str],
    summaries: &'static [&'static str],
}

const THEMES: &[Theme] = &[
    Theme {
        keywords: &["alimentation", "jardins partagés", "compostage", "amap", "circuits courts"],
        names: &["Jardin partagé {de}", "AMAP {de}", "Épicerie solidaire {de}", "Les Paniers {de}", "Compost collectif {de}", "Potager des voisins {de}"],
        summaries: &[
            "Des habitants qui cultivent, cuisinent et partagent une alimentation locale et accessible à toutes et tous.",
            "Des paniers, des potagers et des repas partagés : manger bien, local et à prix juste, ensemble.",
            "Nous rapprochons paysans et habitants, et nous apprenons à cultiver, cuisiner et composter à plusieurs.",
        ],
    },
    Theme {
        keywords: &["énergie", "énergie citoyenne", "sobriété", "climat"],
        names: &["Énergie citoyenne {de}", "Les Toits solaires {de}", "Coopérative d'énergie {de}", "Défi sobriété {de}"],
        summaries: &[
            "Produire une énergie renouvelable qui appartient aux habitants, et apprendre ensemble à en consommer moins.",
            "Panneaux solaires sur les toits communs, conseils pour moins consommer : l'énergie devient l'affaire de tous.",
            "Des habitants qui investissent ensemble dans les renouvelables et s'entraident pour réduire leurs factures.",
        ],
    },
    Theme {
        keywords: &["réemploi", "réparation", "recyclerie", "gratuité"],
        names: &["Repair café {de}", "Recyclerie {de}", "Atelier de réparation {de}", "Bricothèque {de}", "Ressourcerie {de}"],
        summaries: &[
            "Réparer, prêter, donner : nous faisons durer les objets plutôt que de les jeter, et nous apprenons en le faisant.",
            "Un atelier où l'on apprend à réparer ses objets avec des bénévoles, plutôt que de racheter.",
            "Collecter, remettre en état, prêter : les objets ont plusieurs vies, et les savoir-faire circulent.",
        ],
    },
    Theme {
        keywords: &["habitat", "habitat participatif", "logement"],
        names: &["Habitat partagé {de}", "Coopérative d'habitants {de}", "Collectif logement {de}", "Habiter autrement {a}"],
        summaries: &[
            "Des foyers qui conçoivent ensemble un habitat partagé, économe et abordable, avec des espaces communs.",
            "Habiter autrement : des logements à soi, des espaces partagés et des décisions prises ensemble.",
            "Nous accompagnons les projets d'habitat groupé, de la première réunion à la remise des clés.",
        ],
    },
    Theme {
        keywords: &["numérique libre", "inclusion numérique", "logiciels libres"],
        names: &["Numérique libre {de}", "Atelier informatique {de}", "Libre et solidaire {de}", "Clic et entraide {de}"],
        summaries: &[
            "Ateliers et entraide pour utiliser des outils numériques libres, sans jargon, à son rythme.",
            "Permanences d'aide aux démarches en ligne et ateliers pour reprendre la main sur ses outils numériques.",
            "Des bénévoles qui remettent en état des ordinateurs et font découvrir les logiciels libres.",
        ],
    },
    Theme {
        keywords: &["éducation populaire", "jeunesse", "lecture", "parentalité"],
        names: &["Université populaire {de}", "Les Veillées {de}", "Café des savoirs {de}", "Bibliothèque de rue {de}"],
        summaries: &[
            "Comprendre le monde à partir de ce que chacun vit et sait, pour agir ensemble sur ce qui nous concerne.",
            "Soirées de débat, ateliers et cours du soir gratuits : on apprend les uns des autres.",
            "Des temps pour se former ensemble, débattre sans tribune et passer de l'idée à l'action.",
        ],
    },
    Theme {
        keywords: &["tiers-lieux", "fablab", "ruralité"],
        names: &["Tiers-lieu {de}", "La Fabrique {de}", "Le Hangar partagé {de}", "Fablab {de}"],
        summaries: &[
            "Un lieu partagé où l'on travaille, bricole, se forme et se retrouve, géré par celles et ceux qui le font vivre.",
            "Atelier, café associatif et bureaux partagés : un lieu ouvert, géré par celles et ceux qui le font vivre.",
            "Un ancien bâtiment rénové à plusieurs, pour créer, se former et accueillir les associations du coin.",
        ],
    },
    Theme {
        keywords: &["mobilité douce", "vélo", "covoiturage"],
        names: &["Atelier vélo {de}", "Covoiturage solidaire {de}", "Vélo-école {de}", "À pied et à vélo {a}"],
        summaries: &[
            "Se déplacer autrement : à vélo, à pied, à plusieurs, pour que personne ne reste bloqué faute de voiture.",
            "Atelier de réparation de vélos, balades et apprentissage : le vélo pour tous les âges.",
            "Trajets partagés et conducteurs bénévoles pour relier les villages sans dépendre de la voiture.",
        ],
    },
    Theme {
        keywords: &["économie solidaire", "monnaie locale", "finance solidaire"],
        names: &["Monnaie locale {de}", "Club d'épargne solidaire {de}", "Marché des producteurs {de}", "Coopérative d'achat {de}"],
        summaries: &[
            "Une économie au service des personnes et du territoire : monnaie locale, épargne solidaire, achats groupés.",
            "Une monnaie locale qui circule entre habitants et commerces indépendants du territoire.",
            "Épargner, acheter et produire autrement : des outils collectifs pour une économie locale et solidaire.",
        ],
    },
    Theme {
        keywords: &["culture", "musique", "théâtre"],
        names: &["Chorale populaire {de}", "Ciné-club associatif {de}", "Fanfare {de}", "Théâtre d'habitants {de}"],
        summaries: &[
            "Chanter, jouer, projeter, raconter : une culture faite par les habitants, ouverte à toutes et tous.",
            "Une chorale, un ciné-club et des spectacles d'habitants : la culture se fait ensemble, près de chez soi.",
            "Des soirées, des répétitions et des fêtes ouvertes à toutes et tous, sans condition de niveau.",
        ],
    },
    Theme {
        keywords: &["biodiversité", "eau", "forêt"],
        names: &["Les Amis des haies {de}", "Sentinelles de la rivière {de}", "Refuge de biodiversité {de}", "Forêt nourricière {de}"],
        summaries: &[
            "Observer, protéger et replanter : des habitants qui prennent soin du vivant autour de chez eux.",
            "Inventaires participatifs, plantations de haies et chantiers nature : prendre soin du vivant près de chez soi.",
            "Des habitants qui veillent sur la rivière, la forêt et les jardins, et partagent ce qu'ils observent.",
        ],
    },
    Theme {
        keywords: &["solidarité", "santé", "aînés", "accueil"],
        names: &["Entraide {de}", "Visites aux aînés {de}", "Accueil solidaire {de}", "Santé communautaire {de}"],
        summaries: &[
            "Des voisins qui s'entraident au quotidien : visites, accompagnement, accueil des nouveaux arrivants.",
            "Visites aux personnes isolées, coups de main et accueil : personne ne reste seul dans le quartier.",
            "Un réseau d'entraide entre voisins pour les démarches, les courses, la santé et l'accueil des nouveaux venus.",
        ],
    },
];

/// Territorial groups: names and the keywords they may carry.
const PLACE_NAMES: &[&str] = &[
    "Réseau des initiatives {de}",
    "{city} en transition",
    "Vivre ensemble {a}",
    "Collectif des habitants {de}",
    "{city} solidaire",
];
const PLACE_KEYWORDS: &[&str] = &[
    "vie de quartier",
    "démocratie locale",
    "transition",
    "initiatives locales",
];
const PLACE_SUMMARY: &str =
    "Le réseau des habitants, associations et collectifs du territoire : agenda commun, entraide et projets partagés.";

/// Support groups: names (`{region}`) and keywords.
const SUPPORT_NAMES: &[&str] = &[
    "Appui aux groupes — {region}",
    "Cercle des animateurs — {region}",
    "Accueil des nouveaux groupes — {region}",
    "Formation des animateurs — {region}",
];
const SUPPORT_KEYWORDS: &[&str] = &["accompagnement", "animation", "formation"];
const SUPPORT_SUMMARY: &str =
    "Nous aidons les groupes de la région à démarrer, à s'outiller et à traverser les passages difficiles.";

/// Neighbourhoods that tell apart two groups of the same name.
const QUARTERS: &[&str] = &[
    "Centre",
    "Nord",
    "Sud",
    "Est",
    "Ouest",
    "Gare",
    "Vieille ville",
    "Les Coteaux",
    "Le Port",
    "Les Prés",
    "Bourg",
    "Faubourg",
    "La Plaine",
    "Les Hauts",
];

const RHYTHMS: &[&str] = &[
    "chaque semaine",
    "deux fois par mois",
    "le premier samedi du mois",
    "un soir par mois",
    "chaque mercredi après-midi",
];
const VENUES: &[&str] = &[
    "à la maison des associations",
    "au café associatif",
    "dans la salle du centre social",
    "à la médiathèque",
    "en plein air quand il fait beau, au chaud sinon",
    "en ligne et sur place",
];
const INVITATIONS: &[&str] = &[
    "Tout le monde est bienvenu, sans compétence particulière : venez voir, et restez si ça vous plaît.",
    "Nos comptes rendus et nos fiches pratiques sont publiés dans les ressources, sous licence libre.",
    "Nous cherchons en ce moment des personnes pour accueillir les nouveaux venus et tenir l'agenda.",
    "Vous avez une idée de projet ? Présentez-la lors d'une réunion : on cherchera ensemble comment la porter.",
];

const FIRST_NAMES: &[&str] = &[
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Inès",
    "Jade",
    "Louise",
    "Alice",
    "Emma",
    "Sarah",
    "Nadia",
    "Fatima",
    "Aïcha",
    "Awa",
    "Mariam",
    "Sophie",
    "Nathalie",
    "Isabelle",
    "Sylvie",
    "Martine",
    "Monique",
    "Françoise",
    "Catherine",
    "Hélène",
    "Anne",
    "Claire",
    "Julie",
    "Margaux",
    "Zoé",
    "Elsa",
    "Lucas",
    "Hugo",
    "Louis",
    "Gabriel",
    "Arthur",
    "Jules",
    "Nathan",
    "Yanis",
    "Karim",
    "Mehdi",
    "Mamadou",
    "Moussa",
    "Thomas",
    "Nicolas",
    "Julien",
    "Pierre",
    "Jean",
    "Michel",
    "Philippe",
    "Alain",
    "Patrick",
    "Bernard",
    "Olivier",
    "Christophe",
    "Rémi",
    "Antoine",
    "Maxime",
    "Théo",
    "Quentin",
    "Loïc",
    "Erwan",
    "Yann",
    "Gwenaëlle",
    "Maëlle",
];
const LAST_NAMES: &[&str] = &[
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Masson",
    "Benali",
    "Haddad",
    "Diallo",
    "Traoré",
    "Nguyen",
    "Le Gall",
    "Le Goff",
    "Kerbrat",
    "Tanguy",
    "Hoarau",
    "Payet",
    "Weber",
    "Schmitt",
    "Meyer",
    "Castelli",
    "Da Silva",
    "Carvalho",
    "Bouzid",
    "Mansouri",
    "Cherif",
];

/// "de Lyon", "d'Amiens", "du Mans", "des Sables", "de La Rochelle".
fn of_city(city: &str) -> String {
    if let Some(rest) = city.strip_prefix("Le ") {
        return format!("du {rest}");
    }
    if let Some(rest) = city.strip_prefix("Les ") {
        return format!("des {rest}");
    }
    if starts_with_vowel(city) {
        format!("d'{city}")
    } else {
        format!("de {city}")
    }
}

/// "à Lyon", "au Mans", "aux Sables".
fn at_city(city: &str) -> String {
    if let Some(rest) = city.strip_prefix("Le ") {
        return format!("au {rest}");
    }
    if let Some(rest) = city.strip_prefix("Les ") {
        return format!("aux {rest}");
    }
    format!("à {city}")
}

fn starts_with_vowel(word: &str) -> bool {
    word.chars()
        .next()
        .and_then(|c| fold_for_search(&c.to_string()).chars().next())
        .is_some_and(|c| "aeiouy".contains(c))
}

/// One planned group of the scale network.
struct Planned {
    card: GroupCard,
    /// Index in [`THEMES`] (territorial and support groups have one too,
    /// so people join groups near their interests).
    theme: usize,
    created_at: i64,
    /// How much the group attracts members.
    weight: f64,
}

/// Plans `n` valid group cards.
fn plan_groups(rng: &mut Rng, n: usize, now: i64) -> Result<Vec<Planned>> {
    let mut names = HashSet::new();
    let mut slugs: HashSet<String> = HashSet::new();
    let mut planned = Vec::with_capacity(n);
    for _ in 0..n {
        let (city, region, lat, lon) = *rng.pick(CITIES);
        // Food is the biggest ecosystem, as in most networks (and the one
        // the benchmark measures).
        let theme_index = if rng.chance(0.05) {
            0
        } else {
            rng.below(THEMES.len())
        };
        let theme = &THEMES[theme_index];
        let roll = rng.unit();
        let (kind, template, mut keywords, summary) = if roll < 0.06 {
            let keyword = *rng.pick(SUPPORT_KEYWORDS);
            (
                "support",
                *rng.pick(SUPPORT_NAMES),
                vec![keyword],
                SUPPORT_SUMMARY,
            )
        } else if roll < 0.24 {
            let keyword = *rng.pick(PLACE_KEYWORDS);
            (
                "territorial",
                *rng.pick(PLACE_NAMES),
                vec![keyword],
                PLACE_SUMMARY,
            )
        } else {
            let main = if rng.chance(0.5) {
                theme.keywords[0]
            } else {
                *rng.pick(&theme.keywords[1..])
            };
            (
                "thematic",
                *rng.pick(theme.names),
                vec![main],
                *rng.pick(theme.summaries),
            )
        };
        // A second keyword from the group's theme, sometimes a third from
        // another: ecosystems overlap as they do in life.
        if rng.chance(0.5) {
            keywords.push(*rng.pick(theme.keywords));
        }
        if rng.chance(0.15) {
            let other = rng.below(THEMES.len());
            keywords.push(*rng.pick(THEMES[other].keywords));
        }
        keywords.dedup();
        let base = template
            .replace("{de}", &of_city(city))
            .replace("{a}", &at_city(city))
            .replace("{city}", city)
            .replace("{region}", region);
        let mut name = base.clone();
        let mut attempt = 0;
        while !names.insert(name.clone()) {
            attempt += 1;
            name = if attempt <= QUARTERS.len() {
                format!(
                    "{base} — {}",
                    QUARTERS[(attempt - 1 + rng.below(3)) % QUARTERS.len()]
                )
            } else {
                format!("{base} {attempt}")
            };
        }
        let slug = suggest_free_slug(&slugify(&name), |s| slugs.contains(s));
        slugs.insert(slug.clone());
        let hosted = rng.chance(0.85);
        let status = match rng.unit() {
            x if x < 0.80 => "active",
            x if x < 0.93 => "preparing",
            _ => "archived",
        };
        let license = match rng.below(20) {
            0 => "cc-by-4.0",
            1 => "cc0-1.0",
            2 => "cc-by-nc-sa-4.0",
            _ => "cc-by-sa-4.0",
        };
        let with_point = rng.chance(0.7);
        let point = |base: f64, spread: f64, rng: &mut Rng| {
            let value = base + (rng.unit() - 0.5) * spread;
            format!("{value:.5}")
        };
        let description = format!(
            "{summary}\n\nNous nous retrouvons {} {}, {}.\n\n{}",
            rng.pick(RHYTHMS),
            rng.pick(VENUES),
            at_city(city),
            rng.pick(INVITATIONS)
        );
        let mut partners = Vec::new();
        if rng.chance(0.25) {
            for _ in 0..1 + rng.below(2) {
                let partner = format!("Maison des associations {}", of_city(city));
                let other = format!("Coopérative {} {}", rng.pick(LAST_NAMES), of_city(city));
                let name = if partners.is_empty() { partner } else { other };
                let url = format!("https://{}.example", slugify(&name));
                partners.push(PartnerInput {
                    name,
                    url,
                    logo: String::new(),
                });
            }
        }
        let mut links = BTreeMap::new();
        if !hosted {
            links.insert("home".to_string(), format!("https://{slug}.example"));
            if rng.chance(0.6) {
                links.insert(
                    "discussions".to_string(),
                    format!("https://forum.{slug}.example"),
                );
            }
            if rng.chance(0.4) {
                links.insert(
                    "meetings".to_string(),
                    format!("https://{slug}.example/agenda"),
                );
            }
        }
        let input = GroupCardInput {
            name,
            summary: summary.into(),
            kind: kind.into(),
            slug,
            description,
            keywords: keywords.join(", "),
            partners,
            country: "FR".into(),
            region: if with_point || rng.chance(0.7) {
                region.into()
            } else {
                String::new()
            },
            latitude: if with_point {
                point(lat, 0.12, rng)
            } else {
                String::new()
            },
            longitude: if with_point {
                point(lon, 0.16, rng)
            } else {
                String::new()
            },
            member_count: if hosted {
                String::new()
            } else {
                (10 + (rng.unit().powi(3) * 2000.0) as i64).to_string()
            },
            status: status.into(),
            license: license.into(),
            license_other: String::new(),
            links,
            hosted: if hosted { "on" } else { "off" }.into(),
            joining: if rng.chance(0.1) { "request" } else { "open" }.into(),
        };
        let card = input.validate().map_err(|errors| {
            let list: Vec<String> = errors
                .iter()
                .map(|e| format!("{} ({})", e.field, e.key))
                .collect();
            StoreError::Corrupt(format!(
                "generated group {}: {}",
                input.name,
                list.join(", ")
            ))
        })?;
        // A few big groups, many middle-sized ones, the new ones small.
        let mut weight = (0.9 * rng.normal()).exp();
        if status == "preparing" {
            weight *= 0.3;
        }
        planned.push(Planned {
            card,
            theme: theme_index,
            created_at: now - rng.below(4 * 365 * 86_400) as i64,
            weight,
        });
    }
    Ok(planned)
}

/// How many groups a generated person joins: (count, cumulative share);
/// about 2.6 on average.
const MEMBERSHIPS_PER_PERSON: &[(usize, f64)] = &[
    (1, 0.36),
    (2, 0.61),
    (3, 0.76),
    (4, 0.85),
    (5, 0.91),
    (6, 0.95),
    (7, 0.98),
    (8, 1.0),
];

/// Members of each planned group (indexes into the people), with at least
/// three per hosted group; people join groups near their interests.
fn plan_memberships(rng: &mut Rng, groups: &[Planned], people: usize) -> Vec<Vec<u32>> {
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); groups.len()];
    let hosted: Vec<usize> = (0..groups.len())
        .filter(|&g| groups[g].card.hosted)
        .collect();
    if hosted.is_empty() || people == 0 {
        return members;
    }
    let mut cumulative = Vec::with_capacity(hosted.len());
    let mut total = 0.0;
    for &g in &hosted {
        total += groups[g].weight;
        cumulative.push(total);
    }
    let mut by_theme: Vec<Vec<usize>> = vec![Vec::new(); THEMES.len()];
    for &g in &hosted {
        by_theme[groups[g].theme].push(g);
    }
    let weighted = |rng: &mut Rng| {
        let x = rng.unit() * total;
        hosted[cumulative
            .partition_point(|&c| c <= x)
            .min(hosted.len() - 1)]
    };
    let mut chosen: Vec<usize> = Vec::with_capacity(8);
    for person in 0..people {
        let x = rng.unit();
        let count = MEMBERSHIPS_PER_PERSON
            .iter()
            .find(|(_, share)| x < *share)
            .map_or(1, |(n, _)| *n)
            .min(hosted.len());
        chosen.clear();
        let mut attempts = 0;
        while chosen.len() < count && attempts < 40 {
            attempts += 1;
            let group = match chosen.first() {
                Some(&first) if rng.chance(0.55) => *rng.pick(&by_theme[groups[first].theme]),
                _ => weighted(rng),
            };
            if !chosen.contains(&group) {
                chosen.push(group);
            }
        }
        for &g in &chosen {
            members[g].push(person as u32);
        }
    }
    for &g in &hosted {
        let mut attempts = 0;
        while members[g].len() < 3.min(people) && attempts < 100 {
            attempts += 1;
            let person = rng.below(people) as u32;
            if !members[g].contains(&person) {
                members[g].push(person);
            }
        }
    }
    members
}

/// `$1, $2…` of `row` shifted by `offset`, appended to `out`.
fn push_shifted(out: &mut String, row: &str, offset: usize) {
    let bytes = row.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'$' {
            let start = i + 1;
            let mut end = start;
            while end < bytes.len() && bytes[end].is_ascii_digit() {
                end += 1;
            }
            if let Ok(n) = row[start..end].parse::<usize>() {
                out.push('$');
                out.push_str(&(n + offset).to_string());
                i = end;
                continue;
            }
        }
        out.push(bytes[i] as char);
        i += 1;
    }
}

/// Inserts rows of `width` values each with as few statements as the
/// databases allow: `head` is `INSERT INTO t (a, b, …)`, `row` the values
/// of one row with `$1…$width`.
async fn insert_rows(
    tx: &mut Tx,
    head: &str,
    row: &str,
    width: usize,
    values: Vec<Arg>,
) -> Result<()> {
    debug_assert_eq!(values.len() % width, 0);
    let binds = match tx.backend() {
        Backend::Sqlite => SQLITE_BINDS,
        Backend::Postgres => POSTGRES_BINDS,
    };
    let per_statement = (binds / width).clamp(1, MAX_ROWS);
    let mut values = values.into_iter();
    let mut left = values.len() / width;
    while left > 0 {
        let rows = left.min(per_statement);
        let mut sql = String::with_capacity(head.len() + 8 + rows * (row.len() + 16));
        sql.push_str(head);
        sql.push_str(" VALUES ");
        for r in 0..rows {
            if r > 0 {
                sql.push_str(", ");
            }
            push_shifted(&mut sql, row, r * width);
        }
        let mut query = q(sql);
        for value in values.by_ref().take(rows * width) {
            query = query.bind(value);
        }
        tx.execute(query).await?;
        left -= rows;
    }
    Ok(())
}

/// Generates the large network once: nothing is written if the database
/// already has groups (but a data set made before meetings existed gets
/// them). `people` (already there, e.g. the demo's accounts) take part as
/// members too, before the generated ones.
pub async fn generate(
    store: &Store,
    scale: Scale,
    first_pages: FirstPages,
    people: &[i64],
) -> Result<Report> {
    let (existing,): (i64,) = store.db().one(q("SELECT COUNT(*) FROM groups")).await?;
    if existing > 0 {
        let (meetings,): (i64,) = store.db().one(q("SELECT COUNT(*) FROM meetings")).await?;
        if scale.meetings > 0 && meetings == 0 {
            generate_meetings(store, scale.meetings, store.now()).await?;
        }
        let (projects,): (i64,) = store.db().one(q("SELECT COUNT(*) FROM projects")).await?;
        if scale.projects > 0 && projects == 0 {
            generate_projects(store, scale.projects, store.now()).await?;
        }
        return report(store, false).await;
    }
    let mut rng = Rng(SCALE_SEED);
    let now = store.now();
    let groups = plan_groups(&mut rng, scale.groups, now)?;

    let mut tx = store.db().begin().await?;

    // People: no password (they would log in by emailed link), verified.
    let (last_user,): (i64,) = tx.one(q("SELECT COALESCE(MAX(id), 0) FROM users")).await?;
    let mut values = Vec::with_capacity(scale.members * 3);
    for i in 0..scale.members {
        let first = rng.pick(FIRST_NAMES);
        let last = rng.pick(LAST_NAMES);
        values.push(Arg::from(format!("membre-{}@{SCALE_MAIL_DOMAIN}", i + 1)));
        values.push(Arg::from(format!("{first} {last}")));
        values.push(Arg::from(now - rng.below(3 * 365 * 86_400) as i64));
    }
    insert_rows(
        &mut tx,
        "INSERT INTO users (email, name, email_verified_at, lang, created_at, updated_at)",
        "($1, $2, $3, 'fr', $3, $3)",
        3,
        values,
    )
    .await?;
    let generated: Vec<(i64,)> = tx
        .all(q("SELECT id FROM users WHERE id > $1 ORDER BY id").bind(last_user))
        .await?;
    // The people given take part too (the demo's, so logging in shows a
    // full home page).
    let mut given = people.to_vec();
    given.sort_unstable();
    let people: Vec<i64> = given
        .into_iter()
        .chain(generated.into_iter().map(|(id,)| id))
        .collect();

    let members = plan_memberships(&mut rng, &groups, people.len());
    let facilitators: Vec<Option<i64>> = members
        .iter()
        .map(|m| m.first().map(|&p| people[p as usize]))
        .collect();

    // Groups, as the directory's form would store them.
    let fields: Vec<GroupFields> = groups.iter().map(|p| GroupFields::of(&p.card)).collect();
    let mut values = Vec::with_capacity(groups.len() * 19);
    for (g, planned) in groups.iter().enumerate() {
        let card = &planned.card;
        let f = fields[g].clone();
        let proposer = facilitators[g]
            .or_else(|| (!people.is_empty()).then(|| people[rng.below(people.len())]));
        values.extend([
            Arg::from(&card.slug),
            Arg::from(f.name),
            Arg::from(f.summary),
            Arg::from(f.kind),
            Arg::from(f.description),
            Arg::from(f.country),
            Arg::from(f.region),
            Arg::from(f.latitude),
            Arg::from(f.longitude),
            Arg::from(if card.hosted {
                0
            } else {
                f.member_count.unwrap_or(0)
            }),
            Arg::from(f.status),
            Arg::from(f.license),
            Arg::from(f.license_other),
            Arg::from(card.hosted),
            Arg::from(f.joining),
            Arg::from(true),
            Arg::from(proposer),
            Arg::from(f.search_text),
            Arg::from(planned.created_at),
        ]);
    }
    insert_rows(
        &mut tx,
        "INSERT INTO groups (slug, name, summary, kind, description, country, region, latitude, longitude, \
         member_count, status, license, license_other, hosted, joining, listed, review, proposed_by, search_text, \
         created_at, updated_at)",
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'approved', $17, $18, $19, $19)",
        19,
        values,
    )
    .await?;
    let rows: Vec<(i64, String)> = tx.all(q("SELECT id, slug FROM groups")).await?;
    let by_slug: HashMap<String, i64> = rows.into_iter().map(|(id, slug)| (slug, id)).collect();
    let group_ids: Vec<i64> = groups
        .iter()
        .map(|p| {
            by_slug
                .get(&p.card.slug)
                .copied()
                .ok_or_else(|| StoreError::Corrupt(format!("group {} was not stored", p.card.slug)))
        })
        .collect::<Result<_>>()?;

    // Keywords, partners and links.
    let mut keywords = Vec::new();
    let mut partners = Vec::new();
    let mut links = Vec::new();
    for (g, f) in fields.iter().enumerate() {
        let id = group_ids[g];
        for (position, keyword) in f.keywords.iter().enumerate() {
            keywords.extend([
                Arg::from(id),
                Arg::from(keyword),
                Arg::from(position as i64),
            ]);
        }
        for (position, partner) in f.partners.iter().enumerate() {
            partners.extend([
                Arg::from(id),
                Arg::from(position as i64),
                Arg::from(&partner.name),
                Arg::from(partner.url.clone()),
            ]);
        }
        for (service, url) in &f.links {
            links.extend([Arg::from(id), Arg::from(service), Arg::from(url)]);
        }
    }
    insert_rows(
        &mut tx,
        "INSERT INTO group_keywords (group_id, keyword, position)",
        "($1, $2, $3)",
        3,
        keywords,
    )
    .await?;
    insert_rows(
        &mut tx,
        "INSERT INTO group_partners (group_id, position, name, url)",
        "($1, $2, $3, $4)",
        4,
        partners,
    )
    .await?;
    insert_rows(
        &mut tx,
        "INSERT INTO group_links (group_id, service, url)",
        "($1, $2, $3)",
        3,
        links,
    )
    .await?;
    // The first pages of the shared space, as the wiki writes them (with
    // their first revision and search entry): a few thousand, one by one.
    for (g, planned) in groups.iter().enumerate() {
        if !planned.card.hosted {
            continue;
        }
        for (position, page) in first_pages(&planned.card).into_iter().enumerate() {
            let page = NewWikiPage {
                slug: page.slug,
                title: page.title,
                markdown: page.markdown,
                summary: String::new(),
            };
            insert_page(
                &mut tx,
                Some(GroupId(group_ids[g])),
                &page,
                position as i64,
                facilitators[g].map(UserId),
                planned.created_at,
                EventKind::PageSaved,
            )
            .await?;
        }
    }

    // Memberships and roles: the first member facilitates, a few others
    // lead, welcome newcomers, moderate or carry a project.
    let total: usize = members.iter().map(Vec::len).sum();
    let mut memberships = Vec::with_capacity(total * 4);
    let mut roles = Vec::new();
    for (g, list) in members.iter().enumerate() {
        let id = group_ids[g];
        let created = groups[g].created_at;
        let role_of = |index: usize, role: &'static str, roles: &mut Vec<Arg>| {
            if let Some(&p) = list.get(index) {
                roles.extend([
                    Arg::from(id),
                    Arg::from(people[p as usize]),
                    Arg::from(role),
                ]);
            }
        };
        role_of(0, "facilitator", &mut roles);
        if list.len() >= 30 && rng.chance(0.5) {
            role_of(1, "facilitator", &mut roles);
        }
        if rng.chance(0.25) {
            role_of(2, "leader", &mut roles);
        }
        if rng.chance(0.4) {
            role_of(3, "referent", &mut roles);
        }
        if rng.chance(0.2) {
            role_of(4, "moderator", &mut roles);
        }
        if rng.chance(0.3) {
            role_of(5, "project_holder", &mut roles);
        }
        for (index, &p) in list.iter().enumerate() {
            let visibility = if index == 0 || rng.chance(0.04) {
                "everyone"
            } else {
                "members"
            };
            let joined = created + rng.below((now - created).max(1) as usize) as i64;
            memberships.extend([
                Arg::from(id),
                Arg::from(people[p as usize]),
                Arg::from(visibility),
                Arg::from(joined),
            ]);
        }
    }
    insert_rows(
        &mut tx,
        "INSERT INTO memberships (group_id, user_id, visibility, joined_at)",
        "($1, $2, $3, $4)",
        4,
        memberships,
    )
    .await?;
    insert_rows(
        &mut tx,
        "INSERT INTO membership_roles (group_id, user_id, role)",
        "($1, $2, $3)",
        3,
        roles,
    )
    .await?;
    tx.execute(q(
        "UPDATE groups SET member_count = (SELECT COUNT(*) FROM memberships m WHERE m.group_id = groups.id) \
         WHERE hosted",
    ))
    .await?;
    tx.commit().await?;
    if scale.meetings > 0 {
        generate_meetings(store, scale.meetings, now).await?;
    }
    if scale.projects > 0 {
        generate_projects(store, scale.projects, now).await?;
    }
    if scale.pages > 0 {
        let hosted: Vec<(i64, Option<i64>)> = groups
            .iter()
            .enumerate()
            .filter(|(_, p)| p.card.hosted)
            .map(|(g, _)| (group_ids[g], facilitators[g]))
            .collect();
        generate_pages(store, &mut rng, &hosted, scale.pages, now).await?;
    }
    // PostgreSQL plans from its statistics: taken now, not whenever the
    // background analysis comes to the new tables.
    if store.backend() == Backend::Postgres {
        store.db().execute(q("ANALYZE")).await?;
    }
    report(store, true).await
}

/// The figures of the network now in the database.
async fn report(store: &Store, generated: bool) -> Result<Report> {
    let (groups, people, memberships): (i64, i64, i64) = store
        .db()
        .one(q(
            "SELECT (SELECT COUNT(*) FROM groups), (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM memberships)",
        ))
        .await?;
    Ok(Report {
        generated,
        groups,
        people,
        memberships,
    })
}

/// Words the generated pages are written with (French, the words of
/// minutes and how-tos).
const PAGE_WORDS: &[&str] = &[
    "réunion",
    "compte",
    "rendu",
    "jardin",
    "compost",
    "coopérative",
    "coopératives",
    "membres",
    "projet",
    "projets",
    "atelier",
    "ateliers",
    "quartier",
    "association",
    "bénévoles",
    "décision",
    "décisions",
    "calendrier",
    "semis",
    "récolte",
    "partage",
    "outils",
    "réparation",
    "énergie",
    "solaire",
    "habitants",
    "marché",
    "paniers",
    "producteurs",
    "local",
    "locale",
    "mobilité",
    "vélo",
    "vélos",
    "formation",
    "accueil",
    "nouveaux",
    "groupe",
    "groupes",
    "prochaine",
    "date",
    "lieu",
    "salle",
    "budget",
    "subvention",
    "commune",
    "école",
    "parents",
    "le",
    "la",
    "les",
    "des",
    "du",
    "de",
    "et",
    "pour",
    "avec",
    "dans",
    "sur",
    "nous",
    "avons",
    "sont",
    "est",
];

/// Syllables of the made-up words that give generated pages a realistic
/// vocabulary (many rare words, a few common ones) for the search benchmark.
const SYLLABLES: &[&str] = &[
    "ba", "ce", "di", "fo", "ga", "lu", "ma", "ne", "po", "ri", "sa", "te", "vo", "zi", "ran",
    "mer", "tis", "cho",
];

/// The `n`-th made-up word.
fn made_up_word(mut n: usize) -> String {
    let mut word = String::new();
    loop {
        word.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
        if n == 0 {
            break;
        }
    }
    word
}

/// One generated paragraph of about `words` words: common words, now and
/// then a word of the network's topics, and made-up words drawn with a
/// skewed (Zipf-like) frequency, as real texts are.
fn paragraph(rng: &mut Rng, words: usize) -> String {
    let mut out = String::with_capacity(words * 8);
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        let roll = rng.unit();
        if roll < 0.45 {
            out.push_str(PAGE_WORDS[PAGE_WORDS.len() - 1 - rng.below(15)]);
        } else if roll < 0.53 {
            out.push_str(PAGE_WORDS[rng.below(PAGE_WORDS.len() - 15)]);
        } else {
            let skewed = (rng.unit().powi(3) * 20_000.0) as usize;
            out.push_str(&made_up_word(skewed));
        }
    }
    out.push('.');
    out
}

/// Title of the 20 KB page every benchmark run reads.
pub const LONG_PAGE_SLUG: &str = "compte-rendu-detaille";

/// Writes `count` pages across `groups` (id, author) through the wiki's own
/// code path (first revision and search entry), in batches of 500 per
/// transaction. The first group also gets one page of about 20 KB.
async fn generate_pages(
    store: &Store,
    rng: &mut Rng,
    groups: &[(i64, Option<i64>)],
    count: usize,
    now: i64,
) -> Result<()> {
    if groups.is_empty() {
        return Ok(());
    }
    let started = Instant::now();
    let mut written = 0;
    while written < count {
        let mut tx = store.db().begin().await?;
        for _ in 0..500.min(count - written) {
            let (group, author) = groups[written % groups.len()];
            let long = written == 0;
            let paragraphs = if long { 40 } else { 2 + rng.below(6) };
            let mut body = Vec::with_capacity(paragraphs);
            for _ in 0..paragraphs {
                let words = if long { 70 } else { 20 + rng.below(60) };
                body.push(paragraph(rng, words));
            }
            let (slug, title) = if long {
                (
                    LONG_PAGE_SLUG.to_string(),
                    "Compte rendu détaillé".to_string(),
                )
            } else {
                (
                    format!("page-{written}"),
                    format!("Page {written} : {}", paragraph(rng, 3)),
                )
            };
            let markdown = format!(
                "# {title}\n\n{}\n\n## Décisions\n\n- {}\n- {}\n",
                body.join("\n\n"),
                paragraph(rng, 6),
                paragraph(rng, 6)
            );
            let page = NewWikiPage {
                slug,
                title,
                markdown,
                summary: String::new(),
            };
            insert_page(
                &mut tx,
                Some(GroupId(group)),
                &page,
                10,
                author.map(UserId),
                now - rng.below(365 * 86_400) as i64,
                EventKind::PageSaved,
            )
            .await?;
            written += 1;
        }
        tx.commit().await?;
    }
    tracing::info!(
        pages = written,
        seconds = started.elapsed().as_secs_f64(),
        "wiki pages generated"
    );
    Ok(())
}

/// Schedules `count` meetings for the hosted groups of the busiest
/// ecosystem (its feed is the benchmark's), and a quarter as many for the
/// other hosted groups: from 80 days ago to 280 days ahead, one in ten for
/// members only.
async fn generate_meetings(store: &Store, count: usize, now: i64) -> Result<()> {
    let Some((keyword, _)) = store.top_keywords(1).await?.into_iter().next() else {
        return Ok(());
    };
    // (group id, 1 when it has the busiest keyword)
    let groups: Vec<(i64, i64)> = store
        .db()
        .all(
            q("SELECT g.id, CAST(CASE WHEN EXISTS (SELECT 1 FROM group_keywords k WHERE k.group_id = g.id AND k.keyword = $1) \
               THEN 1 ELSE 0 END AS BIGINT) AS busiest FROM groups g WHERE g.hosted = $2 AND g.listed = $2 ORDER BY g.id")
            .bind(&keyword)
            .bind(true),
        )
        .await?;
    let busiest: Vec<i64> = groups.iter().filter(|g| g.1 == 1).map(|g| g.0).collect();
    let others: Vec<i64> = groups.iter().filter(|g| g.1 == 0).map(|g| g.0).collect();
    if busiest.is_empty() {
        return Ok(());
    }
    let mut rng = Rng(SCALE_SEED ^ 0x6d65_6574);
    const TITLES: &[&str] = &[
        "Réunion mensuelle",
        "Atelier",
        "Assemblée",
        "Permanence",
        "Chantier collectif",
        "Café rencontre",
        "Formation",
        "Visite",
        "Repas partagé",
        "Point d'étape",
    ];
    let mut values: Vec<Arg> = Vec::with_capacity((count + count / 4) * 9);
    let mut push = |group: i64, rng: &mut Rng| {
        let start = now - 80 * 86_400 + (rng.below(360 * 24) as i64) * 3600;
        let start = start - start % 1800;
        values.push(group.into());
        values.push(format!("{} {}", rng.pick(TITLES), made_up_word(rng.below(4000))).into());
        values.push(paragraph(rng, 30).into());
        values.push(start.into());
        values.push((start + 7200).into());
        values.push("Europe/Paris".into());
        values.push((if rng.chance(0.1) { "members" } else { "public" }).into());
        values.push(now.into());
        values.push(now.into());
    };
    for i in 0..count {
        push(busiest[i % busiest.len()], &mut rng);
    }
    if !others.is_empty() {
        for i in 0..count / 4 {
            push(others[i % others.len()], &mut rng);
        }
    }
    let mut tx = store.db().begin().await?;
    insert_rows(
        &mut tx,
        "INSERT INTO meetings (group_id, title, description, starts_at, ends_at, timezone, visibility, created_at, updated_at)",
        "($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        9,
        values,
    )
    .await?;
    tx.commit().await?;
    // Written row by row above, so search learns them here.
    store.reindex_all_meetings().await?;
    Ok(())
}

/// `count` projects across the hosted groups (a holder among each group's
/// members, its keywords, four in ten open to contributors, one in ten for
/// members), each with up to six news items over the last year, and a year
/// of each hosted group's activity log: the projects' events, and pages
/// saved, replies, meetings held and members joining, dated over the year,
/// by the group's members. Written as the application would write them
/// (`essaim_store::activity` rows beside each change), in bulk.
async fn generate_projects(store: &Store, count: usize, now: i64) -> Result<()> {
    const YEAR: i64 = 365 * 86_400;
    #[derive(sqlx::FromRow)]
    struct Hosted {
        id: i64,
        slug: String,
    }
    let hosted: Vec<Hosted> = store
        .db()
        .all(q("SELECT id, slug FROM groups WHERE hosted = $1 ORDER BY id").bind(true))
        .await?;
    if hosted.is_empty() {
        return Ok(());
    }
    // Each group's members (id, name), and its keywords.
    let rows: Vec<(i64, i64, String)> = store
        .db()
        .all(q(
            "SELECT m.group_id, u.id, u.name FROM memberships m JOIN users u ON u.id = m.user_id \
             JOIN groups g ON g.id = m.group_id WHERE g.hosted = $1 ORDER BY m.group_id, u.id",
        )
        .bind(true))
        .await?;
    let mut members: std::collections::HashMap<i64, Vec<(i64, String)>> = Default::default();
    for (g, u, name) in rows {
        members.entry(g).or_default().push((u, name));
    }
    let rows: Vec<(i64, String)> = store
        .db()
        .all(q(
            "SELECT group_id, keyword FROM group_keywords ORDER BY group_id, position",
        ))
        .await?;
    let mut keywords: std::collections::HashMap<i64, Vec<String>> = Default::default();
    for (g, k) in rows {
        keywords.entry(g).or_default().push(k);
    }
    let mut rng = Rng(SCALE_SEED ^ 0x7072_6f6a);
    const THEMES: &[&str] = &[
        "Grainothèque",
        "Composteur collectif",
        "Atelier vélo",
        "Épicerie solidaire",
        "Chantier participatif",
        "Fête de quartier",
        "Guide pratique",
        "Formation",
        "Jardin pédagogique",
        "Repair café",
        "Cartographie",
        "Groupement d'achat",
    ];
    const STATUSES: &[&str] = &[
        "idea", "active", "active", "active", "paused", "done", "stopped",
    ];
    let (first_id,): (i64,) = store
        .db()
        .one(q("SELECT COALESCE(MAX(id), 0) + 1 FROM projects"))
        .await?;
    let mut projects = Vec::with_capacity(count * 11);
    let mut holders = Vec::with_capacity(count * 3);
    let mut tags = Vec::with_capacity(count * 6);
    let mut news = Vec::with_capacity(count * 3 * 5);
    let mut events = Vec::with_capacity(count * 4 * 8);
    let mut event = |group: i64,
                     kind: &str,
                     actor: &(i64, String),
                     object: i64,
                     title: &str,
                     url: String,
                     audience: &str,
                     at: i64| {
        events.extend([
            Arg::from(group),
            Arg::from(kind.to_string()),
            Arg::from(actor.0),
            Arg::from(actor.1.clone()),
            Arg::from(object),
            Arg::from(title.to_string()),
            Arg::from(url),
            Arg::from(audience.to_string()),
            Arg::from(at),
        ]);
    };
    for i in 0..count {
        let group = &hosted[i % hosted.len()];
        let Some(people) = members.get(&group.id).filter(|m| !m.is_empty()) else {
            continue;
        };
        let id = first_id + (projects.len() / 11) as i64;
        let holder = &people[rng.below(people.len().min(20))];
        let title = format!("{} {}", rng.pick(THEMES), made_up_word(rng.below(4000)));
        let created = now - rng.below(YEAR as usize) as i64;
        let visibility = if rng.chance(0.1) { "members" } else { "public" };
        let items = rng.below(7);
        let mut last_news = None;
        let url = format!("/g/{}/projects/{id}", group.slug);
        event(
            group.id,
            "project_created",
            holder,
            id,
            &title,
            url.clone(),
            visibility,
            created,
        );
        for n in 0..items {
            let at = created + ((now - created) / (items as i64 + 1)) * (n as i64 + 1);
            news.extend([
                Arg::from(id),
                Arg::from(holder.0),
                Arg::from(holder.1.clone()),
                Arg::from(paragraph(&mut rng, 40)),
                Arg::from(at),
            ]);
            event(
                group.id,
                "project_news",
                holder,
                id,
                &title,
                url.clone(),
                visibility,
                at,
            );
            last_news = Some(at);
        }
        projects.extend([
            Arg::from(id),
            Arg::from(group.id),
            Arg::from(title),
            Arg::from(paragraph(&mut rng, 25)),
            Arg::from(rng.pick(STATUSES).to_string()),
            Arg::from(paragraph(&mut rng, 8)),
            Arg::from(rng.chance(0.4)),
            Arg::from(visibility.to_string()),
            Arg::from(last_news),
            Arg::from(holder.0),
            Arg::from(created),
        ]);
        holders.extend([Arg::from(id), Arg::from(holder.0)]);
        for (position, k) in keywords
            .get(&group.id)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .take(2)
            .enumerate()
        {
            tags.extend([
                Arg::from(id),
                Arg::from(k.clone()),
                Arg::from(position as i64),
            ]);
        }
    }
    // A year of the rest of each group's life, about two events a week.
    const KINDS: &[&str] = &[
        "page_saved",
        "page_saved",
        "post_written",
        "post_written",
        "post_written",
        "meeting_held",
        "member_joined",
    ];
    for group in &hosted {
        let Some(people) = members.get(&group.id).filter(|m| !m.is_empty()) else {
            continue;
        };
        for _ in 0..100 {
            let kind = *rng.pick(KINDS);
            let actor = &people[rng.below(people.len().min(30))];
            let at = now - rng.below(YEAR as usize) as i64;
            let word = made_up_word(rng.below(4000));
            let (title, url) = match kind {
                "page_saved" => (
                    format!("Fiche {word}"),
                    format!("/g/{}/wiki/fiche-{}", group.slug, word.to_lowercase()),
                ),
                "meeting_held" => (
                    format!("Réunion {word}"),
                    format!("/g/{}/meetings", group.slug),
                ),
                "member_joined" => (actor.1.clone(), format!("/g/{}/members", group.slug)),
                _ => (
                    format!("Sujet {word}"),
                    format!("/g/{}/discussions", group.slug),
                ),
            };
            let audience = if rng.chance(0.1) { "members" } else { "public" };
            event(group.id, kind, actor, 0, &title, url, audience, at);
        }
    }
    let mut tx = store.db().begin().await?;
    insert_rows(
        &mut tx,
        "INSERT INTO projects (id, group_id, title, summary, status, next_step, open_to_contributors, visibility, \
         last_news_at, created_by, created_at, updated_at)",
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
        11,
        projects,
    )
    .await?;
    insert_rows(
        &mut tx,
        "INSERT INTO project_holders (project_id, user_id)",
        "($1, $2)",
        2,
        holders,
    )
    .await?;
    insert_rows(
        &mut tx,
        "INSERT INTO project_keywords (project_id, keyword, position)",
        "($1, $2, $3)",
        3,
        tags,
    )
    .await?;
    insert_rows(
        &mut tx,
        "INSERT INTO project_news (project_id, author_id, author_name, markdown, created_at)",
        "($1, $2, $3, $4, $5)",
        5,
        news,
    )
    .await?;
    insert_rows(
        &mut tx,
        crate::activity::INSERT.trim_end(),
        "($1, $2, $3, $4, NULLIF($5, 0), $6, $7, $8, $9)",
        9,
        events,
    )
    .await?;
    if tx.backend() == Backend::Postgres {
        // Ids were given: the sequence moves past them.
        tx.execute(q(
            "SELECT setval(pg_get_serial_sequence('projects', 'id'), (SELECT COALESCE(MAX(id), 1) FROM projects))",
        ))
        .await?;
    }
    // Search learns them as the application's save would.
    let ids: Vec<(i64,)> = tx.all(q("SELECT id FROM projects ORDER BY id")).await?;
    for (id,) in ids {
        crate::projects::reindex_project(&mut tx, id).await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_prepositions() {
        assert_eq!(of_city("Lyon"), "de Lyon");
        assert_eq!(of_city("Amiens"), "d'Amiens");
        assert_eq!(of_city("Évry"), "d'Évry");
        assert_eq!(of_city("Le Mans"), "du Mans");
        assert_eq!(of_city("La Rochelle"), "de La Rochelle");
        assert_eq!(at_city("Le Havre"), "au Havre");
        assert_eq!(at_city("Nantes"), "à Nantes");
    }

    #[test]
    fn placeholders_shift() {
        let mut out = String::new();
        push_shifted(&mut out, "($1, $2, 'fr', $2)", 10);
        assert_eq!(out, "($11, $12, 'fr', $12)");
    }

    #[test]
    fn the_scale_plan_is_deterministic_and_shaped() {
        let now = 1_800_000_000;
        let plan = |seed| {
            let mut rng = Rng(seed);
            let groups = plan_groups(&mut rng, 1000, now).unwrap();
            let members = plan_memberships(&mut rng, &groups, 100_000);
            (groups, members)
        };
        let (groups, members) = plan(SCALE_SEED);
        let (again, _) = plan(SCALE_SEED);
        let slugs: Vec<_> = groups.iter().map(|p| p.card.slug.clone()).collect();
        let slugs_again: Vec<_> = again.iter().map(|p| p.card.slug.clone()).collect();
        assert_eq!(slugs, slugs_again);
        assert_eq!(slugs.iter().collect::<HashSet<_>>().len(), 1000);

        let mut per_keyword: HashMap<&str, usize> = HashMap::new();
        for p in &groups {
            for k in &p.card.keywords {
                *per_keyword.entry(k.as_str()).or_default() += 1;
            }
        }
        let with_point = groups.iter().filter(|p| p.card.latitude.is_some()).count();
        assert!(
            (650..=750).contains(&with_point),
            "{with_point} with a point"
        );
        let total: usize = members.iter().map(Vec::len).sum();
        assert!((230_000..=290_000).contains(&total), "{total} memberships");
        let biggest = members.iter().map(Vec::len).max().unwrap();
        assert!(biggest > 1_500, "biggest group {biggest}");
        for (g, list) in members.iter().enumerate() {
            if groups[g].card.hosted {
                assert!(list.len() >= 3);
            } else {
                assert!(list.is_empty());
            }
        }
        let mut counts: Vec<_> = per_keyword.into_iter().collect();
        counts.sort_by_key(|(k, n)| (std::cmp::Reverse(*n), k.to_string()));
        assert_eq!(
            counts[0].0, "alimentation",
            "the benchmark's ecosystem is the biggest"
        );
        let in_range = counts.iter().filter(|(_, n)| (20..=60).contains(n)).count();
        assert!(in_range * 10 >= counts.len() * 7, "{counts:?}");
    }
}
