//! `essaim demo`: a demonstration instance that needs nothing else.
//!
//! SQLite in `./essaim-demo/`, emails kept in the outbox (read them at
//! `/admin/outbox`), and demo content written by us. Each feature adds its
//! demo content here; running the demo again keeps what is there.
//!
//! `essaim demo --scale` serves instead a large generated network (1,000
//! groups and 100,000 members by default) in `./essaim-demo/scale.db`, or in
//! the database named by `ESSAIM_DATABASE_URL` when that variable is set, to
//! measure the directory's speed. The store writes it
//! ([`essaim_store::scale`]), once, and the same on every run (a seeded
//! generator); here are only its place and its report.

use essaim_domain::ids::UserId;
use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use essaim_domain::groups::{GroupCard, GroupCardInput, PartnerInput};
use essaim_domain::i18n::Lang;
use essaim_store::accounts::NewUser;
use essaim_store::groups::NewGroup;
use essaim_store::scale::regions::*;
use essaim_store::scale::{self, Report};
use essaim_store::{Store, StoreError};
use essaim_web::first_pages;

use crate::config::Config;
use crate::server;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "demo-essaim-2026";

/// Domain of every demo account's address.
const DEMO_MAIL_DOMAIN: &str = "demo.essaim.test";

/// Demo people: (name, email, administrator, what they show).
pub const DEMO_PEOPLE: &[(&str, &str, bool, &str)] = &[
    (
        "Camille Martin",
        "camille@demo.essaim.test",
        true,
        "administratrice : voit les e-mails envoyés",
    ),
    (
        "Mathilde Roux",
        "mathilde@demo.essaim.test",
        false,
        "anime plusieurs groupes, personne d'appui",
    ),
    (
        "Yanis Benali",
        "yanis@demo.essaim.test",
        false,
        "membre de nombreux groupes",
    ),
    (
        "Léa Dubois",
        "lea@demo.essaim.test",
        false,
        "nouvelle venue, dans un seul groupe",
    ),
    (
        "Bernard Petit",
        "bernard@demo.essaim.test",
        false,
        "participe surtout par e-mail",
    ),
];

/// The other people of the demo network: (name, key). Their address is
/// `{key}@demo.essaim.test` and their password [`DEMO_PASSWORD`]. All are
/// invented.
const OTHER_PEOPLE: &[(&str, &str)] = &[
    ("Sophie Lefèvre", "sophie"),
    ("Julien Moreau", "julien"),
    ("Nadia Haddad", "nadia"),
    ("Thomas Girard", "thomas"),
    ("Élodie Fontaine", "elodie"),
    ("Karim Mansouri", "karim"),
    ("Chantal Lemoine", "chantal"),
    ("Maxime Bonnet", "maxime"),
    ("Inès Carvalho", "ines"),
    ("Gérard Chevalier", "gerard"),
    ("Aurélie Marchand", "aurelie"),
    ("Hugo Lambert", "hugo"),
    ("Fatou Diallo", "fatou"),
    ("Pierre-Yves Le Gall", "pierre-yves"),
    ("Margot Perrin", "margot"),
    ("Antoine Rousseau", "antoine"),
    ("Claire Vidal", "claire"),
    ("Mehdi Bouzid", "mehdi"),
    ("Solène Kerbrat", "solene"),
    ("Jean-Michel Fabre", "jean-michel"),
    ("Lucie Garnier", "lucie"),
    ("Olivier Mercier", "olivier"),
    ("Amandine Colin", "amandine"),
    ("Rémi Barbier", "remi"),
    ("Yasmine Cherif", "yasmine"),
    ("Nicolas Faure", "nicolas"),
    ("Hélène Aubert", "helene"),
    ("Bastien Roy", "bastien"),
    ("Awa Traoré", "awa"),
    ("Françoise Guérin", "francoise"),
    ("Damien Carré", "damien"),
    ("Manon Lebrun", "manon"),
    ("Samuel Weber", "samuel"),
    ("Zoé Hoarau", "zoe"),
    ("Loïc Tanguy", "loic"),
    ("Géraldine Muller", "geraldine"),
    ("Théo Nguyen", "theo"),
    ("Anne-Sophie Collet", "anne-sophie"),
    ("Bruno Castelli", "bruno"),
    ("Émilie Pasquier", "emilie"),
];

/// People who are helpers of the whole network (keys).
const HELPERS: &[&str] = &["mathilde", "nadia"];

/// Where the demo keeps its data.
const DEMO_DATABASE: &str = "sqlite://./essaim-demo/essaim.db";
const DEMO_FILES: &str = "./essaim-demo/files";
/// Where `--scale` keeps its data (unless `ESSAIM_DATABASE_URL` is set).
const SCALE_DATABASE: &str = "sqlite://./essaim-demo/scale.db";
const SCALE_FILES: &str = "./essaim-demo/scale-files";

/// Size of the generated network of `essaim demo --scale`.
pub use essaim_store::scale::Scale;

/// The demo takes mail on 127.0.0.1:2525 unless the host chose otherwise
/// (`ESSAIM_SMTP_LISTEN`, `off` included); a busy port only warns.
fn demo_smtp_listener(config: &mut Config) {
    let chosen = std::env::var_os("ESSAIM_SMTP_LISTEN").is_some() || config.smtp_listen.is_some();
    if !chosen {
        config.smtp_listen = Some(std::net::SocketAddr::from(([127, 0, 0, 1], 2525)));
        config.smtp_listen_required = false;
    }
}

/// Runs the demo server: the written demo network, or with `scale` the
/// generated large one.
pub async fn run(config_file: Option<&Path>, scale: Option<Scale>) -> anyhow::Result<()> {
    let mut config = Config::load(config_file)?;
    config.smtp_url = None;
    config.worker = true;
    if config.instance_name == "Essaim" {
        config.instance_name = "Essaim (démo)".into();
    }
    config.mail_domain = DEMO_MAIL_DOMAIN.into();
    config.mail_from = format!("ne-pas-repondre@{DEMO_MAIL_DOMAIN}");
    demo_smtp_listener(&mut config);
    let (store, generated) = match scale {
        None => {
            config.database_url = DEMO_DATABASE.into();
            config.data_dir = DEMO_FILES.into();
            let store = server::open_store(&config).await?;
            seed(&store).await?;
            (store, None)
        }
        Some(scale) => {
            check_scale(scale)?;
            // An explicit database (e.g. PostgreSQL for a benchmark) wins.
            if std::env::var_os("ESSAIM_DATABASE_URL").is_none() {
                config.database_url = SCALE_DATABASE.into();
            }
            config.data_dir = SCALE_FILES.into();
            let store = server::open_store(&config).await?;
            let report = generate(&store, scale).await?;
            (store, Some(report))
        }
    };
    let running = server::start_with_store(&config, store).await?;
    if generated.is_none() {
        // Drawing takes a moment per banner (seconds in all in a debug
        // build): done behind the running server, in directory order.
        let mut groups: Vec<&DemoGroup> = DEMO_GROUPS.iter().collect();
        groups.sort_by_key(|g| g.name);
        let slugs = groups.iter().map(|g| g.slug.to_string()).collect();
        let data_dir = config.data_dir.clone();
        tokio::spawn(async move {
            if let Err(e) = pregenerate_banners(&data_dir, slugs).await {
                tracing::warn!(error = %e, "demo banners not drawn in advance");
            }
        });
    }
    let url = if config.base_url.port_or_known_default() == Some(running.addr.port()) {
        config.base_url.to_string()
    } else {
        format!("http://{}/", running.addr)
    };
    println!();
    println!("  Essaim (démo) est prêt : {url}");
    println!("  Annuaire des groupes : {url}groups");
    if let Some(report) = &generated {
        println!();
        let (report, seconds) = report;
        println!("  {}", describe(report, *seconds));
    }
    println!();
    println!("  Comptes de démonstration, tous avec le mot de passe « {DEMO_PASSWORD} » :");
    for (name, email, _, role) in DEMO_PEOPLE {
        println!("    {email:<28} {name} — {role}");
    }
    println!(
        "    … et {} autres personnes (prénom@{DEMO_MAIL_DOMAIN}, même mot de passe).",
        OTHER_PEOPLE.len()
    );
    println!();
    println!("  Aucun e-mail ne part vraiment : connectez-vous comme Camille et lisez-les sur {url}admin/outbox");
    if let Some(smtp) = running.smtp_addr {
        println!("  Le courrier entrant (…@{DEMO_MAIL_DOMAIN}) est reçu en SMTP sur {smtp}.");
    }
    match &generated {
        None => println!(
            "  Les données sont dans ./essaim-demo/ (supprimez ce dossier pour repartir de zéro)."
        ),
        // The address may hold a password: not printed.
        Some(_) if std::env::var_os("ESSAIM_DATABASE_URL").is_some() => {
            println!("  Les données sont dans la base de ESSAIM_DATABASE_URL.")
        }
        Some(_) => println!(
            "  Les données sont dans ./essaim-demo/scale.db (supprimez-la pour la régénérer)."
        ),
    }
    println!();
    server::serve_until_signal(running).await
}

// ===========================================================================
// The written demo network
// ===========================================================================

/// One group of the demo network, as its card would be typed in the form.
struct DemoGroup {
    slug: &'static str,
    name: &'static str,
    kind: &'static str,
    summary: &'static str,
    description: &'static str,
    /// Separated by commas, as typed.
    keywords: &'static str,
    region: &'static str,
    point: Option<(f64, f64)>,
    status: &'static str,
    license: &'static str,
    license_other: &'static str,
    joining: &'static str,
    hosted: bool,
    /// Member count typed on a referenced group's card.
    typed_members: i64,
    partners: &'static [(&'static str, &'static str)],
    /// Service links (code, address).
    links: &'static [(&'static str, &'static str)],
    /// Listed at once (otherwise a proposal awaiting approval).
    listed: bool,
    /// People and roles: `key[:role,role][*]`, separated by spaces; `*`
    /// shows the person to everyone in the member list. The first person
    /// proposed the group (and facilitates it when it is hosted).
    members: &'static str,
}

/// The usual values: a hosted, active, open, listed thematic group.
const BASE: DemoGroup = DemoGroup {
    slug: "",
    name: "",
    kind: "thematic",
    summary: "",
    description: "",
    keywords: "",
    region: "",
    point: None,
    status: "active",
    license: "cc-by-sa-4.0",
    license_other: "",
    joining: "open",
    hosted: true,
    typed_members: 0,
    partners: &[],
    links: &[],
    listed: true,
    members: "",
};

/// The demo network: 36 listed groups and 2 proposals awaiting approval.
static DEMO_GROUPS: &[DemoGroup] = &[
    // ---------------------------------------------------------------- thematic, hosted
    DemoGroup {
        slug: "jardins-croix-rousse",
        name: "Jardins partagés de la Croix-Rousse",
        summary: "Trois parcelles cultivées à plusieurs sur les pentes : on sème, on récolte, on partage. Débutants bienvenus.",
        description: "Nous cultivons ensemble trois petites parcelles prêtées par la ville et par une copropriété, \
entre la montée de la Grande-Côte et le boulevard. Chacun vient quand il peut : une heure le samedi matin \
suffit pour donner un coup de main.\n\n\
Ce que nous faisons :\n\
- des permanences de jardinage le samedi de 10 h à 12 h ;\n\
- un composteur collectif ouvert aux voisins ;\n\
- une bourse aux graines au printemps et à l'automne.\n\n\
Personne n'a besoin de savoir jardiner pour venir : les anciens montrent aux nouveaux, et les récoltes sont \
partagées entre celles et ceux qui ont participé.",
        keywords: "jardins partagés, alimentation, compostage, biodiversité",
        region: AURA,
        point: Some((45.7755, 4.8320)),
        partners: &[
            ("Pépinière des Canuts verts", "https://canuts-verts.example"),
            ("Copropriété du Clos des Tisserands", "https://clos-tisserands.example"),
        ],
        members: "mathilde:facilitator* chantal:referent* yanis:project_holder lea bernard francoise emilie",
        ..BASE
    },
    DemoGroup {
        slug: "composteurs-rennes",
        name: "Composteurs de quartier de Rennes",
        summary: "Nous installons et faisons vivre des composteurs partagés en pied d'immeuble, avec les habitants de chaque rue.",
        description: "Un bac à compost au pied de l'immeuble, c'est un tiers de poubelle en moins et une bonne occasion \
de se parler entre voisins. Notre groupe aide les habitants à en installer un, à le faire vivre et à utiliser le \
compost dans les jardinières du quartier.\n\n\
Chaque composteur a ses « référents de bac » : deux ou trois voisins qui vérifient le mélange, répondent aux \
questions et ouvrent le bac lors des permanences.\n\n\
Nous nous retrouvons une fois par mois pour partager les astuces, organiser les formations et accueillir les \
nouveaux sites.",
        keywords: "compostage, réemploi, jardins partagés",
        region: BRETAGNE,
        point: Some((48.1173, -1.6778)),
        partners: &[("Collectif Terre vivante d'Ille-et-Vilaine", "https://terre-vivante-35.example")],
        members: "sophie:facilitator* solene:referent julien theo loic",
        ..BASE
    },
    DemoGroup {
        slug: "repair-cafe-lille-moulins",
        name: "Repair Café Lille-Moulins",
        summary: "Un samedi par mois, on répare ensemble grille-pain, vélos, vêtements et ordinateurs plutôt que de les jeter.",
        description: "Le Repair Café, c'est un atelier gratuit où l'on apporte un objet en panne et où l'on apprend à le \
réparer avec l'aide de bénévoles. On ne répare pas à votre place : on cherche la panne ensemble.\n\n\
Nous nous installons le troisième samedi du mois dans la salle du centre social, de 14 h à 17 h 30. Café et \
gâteaux offerts, outils fournis.\n\n\
Vous savez coudre, souder, démonter une imprimante ou simplement accueillir les gens ? Rejoignez l'équipe des \
bénévoles : une après-midi par mois suffit.",
        keywords: "réemploi, réparation",
        region: HDF,
        point: Some((50.6190, 3.0700)),
        partners: &[("Espace solidaire des Trois Quartiers", "https://trois-quartiers.example")],
        members: "thomas:facilitator* yasmine:referent,moderator mehdi",
        ..BASE
    },
    DemoGroup {
        slug: "repar-cafe-minimes",
        name: "Répar'Café des Minimes",
        summary: "Atelier de réparation ouvert à toutes et tous, chaque premier mercredi soir, dans le quartier des Minimes à Toulouse.",
        description: "Petit électroménager, lampes, jouets, radios : nos bénévoles ont l'habitude de tout. Venez avec \
votre objet et un peu de patience, on s'occupe du reste ensemble.\n\n\
Nous tenons un cahier des réparations : ce qui a marché, ce qui a résisté, les pièces à commander. Il est publié \
dans nos ressources pour que d'autres ateliers en profitent.\n\n\
Nous cherchons en ce moment des personnes à l'aise avec la couture et avec les vélos.",
        keywords: "réemploi, réparation, électronique",
        region: OCCITANIE,
        point: Some((43.6200, 1.4330)),
        license: "cc-by-4.0",
        members: "gerard:facilitator,referent* remi:project_holder zoe",
        ..BASE
    },
    DemoGroup {
        slug: "outiltheque-nantaise",
        name: "L'Outilthèque nantaise",
        summary: "Une bibliothèque d'outils : perceuse, escabeau, scie ou déshydrateur, empruntés pour quelques jours au lieu d'être achetés.",
        description: "Une perceuse sert en moyenne quelques minutes dans toute sa vie. Plutôt que d'en acheter une \
chacun, nous en partageons une vingtaine, avec tout ce qui va avec : escabeaux, ponceuses, outils de jardin, \
appareils de cuisine.\n\n\
L'emprunt est gratuit pour les membres ; nous demandons seulement de rapporter l'outil propre et de signaler ce \
qui ne va pas. Les permanences ont lieu le mardi soir et le samedi matin.\n\n\
Le groupe cherche des bénévoles pour tenir les permanences et entretenir le stock.",
        keywords: "réemploi, partage d'outils, économie solidaire",
        region: PDL,
        point: Some((47.2184, -1.5536)),
        members: "maxime:facilitator* nicolas:referent hugo",
        ..BASE
    },
    DemoGroup {
        slug: "habiter-ensemble-grenoble",
        name: "Habiter ensemble Grenoble",
        summary: "Des familles et des personnes seules qui conçoivent ensemble un immeuble partagé, avec des espaces communs et des loyers maîtrisés.",
        description: "Nous sommes une quinzaine de foyers qui voulons habiter autrement : chacun son logement, mais une \
buanderie, un atelier, une chambre d'amis et un jardin en commun. Le projet avance étape par étape, avec un \
architecte et un bailleur social.\n\n\
Les nouvelles personnes sont accueillies lors d'une réunion d'information chaque trimestre ; c'est pourquoi \
l'adhésion se fait sur demande, pour que l'on puisse vous présenter le projet avant.\n\n\
Nos comptes rendus, nos statuts et nos plans sont publiés dans les ressources : d'autres groupes peuvent s'en \
servir librement.",
        keywords: "habitat, habitat participatif, logement",
        region: AURA,
        point: Some((45.1885, 5.7245)),
        joining: "request",
        partners: &[
            ("Alpes Habitat solidaire", "https://alpes-habitat-solidaire.example"),
            ("Atelier d'architecture Les Trois Pignons", "https://trois-pignons.example"),
        ],
        members: "elodie:facilitator* geraldine:facilitator bastien:project_holder yanis",
        ..BASE
    },
    DemoGroup {
        slug: "hameau-des-possibles",
        name: "Le Hameau des possibles",
        summary: "Projet d'habitat groupé rural dans la vallée de la Drôme : huit maisons économes, un verger et une salle commune.",
        description: "Le projet est né autour d'une grange à rénover et de trois hectares de terres agricoles. Nous \
voulons construire huit petites maisons économes en énergie, un verger partagé et une salle commune ouverte aux \
associations du village.\n\n\
Le groupe est en préparation : nous rencontrons la mairie, étudions le montage juridique et visitons d'autres \
hameaux. Toutes les bonnes volontés sont les bienvenues, même pour une simple visite.\n\n\
Nous publions nos notes de visite et nos comparatifs de statuts pour celles et ceux qui se lancent dans une \
aventure semblable.",
        keywords: "habitat participatif, habitat, ruralité, énergie",
        region: AURA,
        point: Some((44.7536, 5.3703)),
        status: "preparing",
        members: "bastien:facilitator* elodie geraldine",
        ..BASE
    },
    DemoGroup {
        slug: "vents-d-ouest",
        name: "Vents d'Ouest, énergie citoyenne",
        summary: "Des habitants du pays de Brest qui financent et gèrent ensemble des installations solaires et éoliennes.",
        description: "Vents d'Ouest réunit des habitants, des communes et des entreprises locales qui veulent produire \
leur propre électricité renouvelable. Chacun peut prendre des parts dans nos installations, à partir de 50 €, et \
chaque personne a une voix, quel que soit le nombre de parts.\n\n\
Nous avons déjà installé des panneaux solaires sur deux écoles et une salle de sport. Un projet de petite \
éolienne est à l'étude avec une commune voisine.\n\n\
Les réunions publiques ont lieu tous les deux mois : on y présente l'avancement des projets et on y décide \
ensemble des prochains.",
        keywords: "énergie, énergie citoyenne, climat",
        region: BRETAGNE,
        point: Some((48.3904, -4.4861)),
        partners: &[
            ("Coopérative Énergie Finistère Nord", "https://energie-finistere-nord.example"),
            ("Lycée professionnel des Abers", "https://lycee-abers.example"),
        ],
        members: "pierre-yves:facilitator,leader* solene julien nicolas:project_holder",
        ..BASE
    },
    DemoGroup {
        slug: "toits-solaires-nantais",
        name: "Toits solaires nantais",
        summary: "Nous repérons les toits bien exposés de l'agglomération et y posons des panneaux solaires financés par les habitants.",
        description: "Un toit d'école, de gymnase ou de copropriété bien exposé peut alimenter des dizaines de foyers. \
Nous repérons ces toits, discutons avec leurs propriétaires et montons des projets financés par l'épargne des \
habitants.\n\n\
Le groupe compte des bénévoles de tous horizons : électriciens, comptables, enseignants, retraités curieux. \
Personne n'a besoin d'être spécialiste pour participer ; il y a toujours des affiches à coller et des voisins à \
informer.\n\n\
Nous accompagnons aussi les copropriétés qui veulent se lancer seules.",
        keywords: "énergie citoyenne, énergie, habitat",
        region: PDL,
        point: Some((47.2060, -1.5390)),
        license: "cc-by-4.0",
        members: "nicolas:facilitator* maxime:referent theo",
        ..BASE
    },
    DemoGroup {
        slug: "amap-bas-montreuil",
        name: "AMAP du Bas-Montreuil",
        summary: "Un panier de légumes bio chaque jeudi, en lien direct avec un maraîcher de Seine-et-Marne qui connaît ses mangeurs.",
        description: "Une AMAP (association pour le maintien d'une agriculture paysanne) relie un groupe d'habitants à \
une ferme. Nous payons la saison à l'avance, le maraîcher s'engage à nous livrer chaque semaine ce qu'il \
récolte.\n\n\
La distribution a lieu le jeudi de 18 h 30 à 20 h dans la cour de l'école. Chaque membre tient deux ou trois \
permanences par saison.\n\n\
Les places dépendent de ce que la ferme peut produire : l'adhésion se fait donc sur demande, et nous tenons une \
liste d'attente. Des paniers solidaires à prix réduit sont réservés chaque saison.",
        keywords: "alimentation, amap, circuits courts, économie solidaire",
        region: IDF,
        point: Some((48.8569, 2.4386)),
        joining: "request",
        partners: &[("Ferme des Quatre Saisons de Brie", "https://ferme-quatre-saisons.example")],
        members: "ines:facilitator* aurelie:project_holder fatou:referent manon yanis",
        ..BASE
    },
    DemoGroup {
        slug: "epicerie-quartiers-nord",
        name: "L'Épicerie des quartiers Nord",
        summary: "Une épicerie solidaire tenue par ses membres : produits frais et de base à prix juste, et un lieu pour se retrouver.",
        description: "L'épicerie est née pendant l'hiver où le prix des courses a flambé. Aujourd'hui, une centaine de \
foyers y font leurs achats, à des prix fixés selon les revenus de chacun.\n\n\
Elle est tenue par ses membres : chacun donne trois heures par mois pour la caisse, la mise en rayon ou les \
commandes groupées auprès des producteurs de la région.\n\n\
Le mercredi après-midi, l'arrière-boutique devient un atelier cuisine ouvert aux enfants du quartier.",
        keywords: "alimentation, solidarité, économie solidaire",
        region: PACA,
        point: Some((43.3580, 5.3650)),
        partners: &[
            ("Groupement des maraîchers du pays d'Aubagne", "https://maraichers-aubagne.example"),
            ("Fondation Méditerranée solidaire", "https://mediterranee-solidaire.example"),
        ],
        members: "nadia:facilitator* karim:leader* awa:referent bruno",
        ..BASE
    },
    DemoGroup {
        slug: "marmite-partagee",
        name: "La Marmite partagée",
        summary: "Une cantine de quartier où l'on cuisine ensemble les invendus du marché, et où chacun paie ce qu'il peut.",
        description: "Deux fois par semaine, une dizaine de bénévoles récupèrent les invendus du marché central et les \
cuisinent dans la cuisine d'une salle paroissiale. Le repas est servi à midi, à prix libre.\n\n\
On vient pour manger, pour cuisiner, ou pour les deux. Les recettes de la semaine sont publiées dans nos \
ressources, avec les quantités pour trente personnes.\n\n\
Nous cherchons des personnes pour la vaisselle du vendredi : l'ambiance y est excellente.",
        keywords: "alimentation, cuisine, solidarité",
        region: GRAND_EST,
        point: Some((48.6921, 6.1844)),
        license: "other",
        license_other: "Licence Art Libre 1.3",
        members: "amandine:facilitator* samuel:referent helene damien hugo",
        ..BASE
    },
    DemoGroup {
        slug: "atelier-velo-port-du-rhin",
        name: "Atelier vélo du Port du Rhin",
        summary: "Atelier participatif : apprenez à réparer votre vélo, ou repartez avec un vélo remis en état à partir de pièces récupérées.",
        description: "Chez nous, on ne répare pas votre vélo : on vous apprend à le faire. Les outils, le pied d'atelier \
et les conseils sont là ; vous repartez avec un vélo qui roule et un peu plus d'assurance.\n\n\
Nous remettons aussi en état des vélos donnés ou abandonnés, vendus à petit prix ou prêtés aux personnes qui en \
ont besoin pour aller travailler.\n\n\
Ouvert le mercredi et le samedi après-midi. Les femmes et les minorités de genre ont un créneau réservé le premier \
lundi du mois.",
        keywords: "mobilité douce, vélo, réemploi, réparation",
        region: GRAND_EST,
        point: Some((48.5734, 7.7947)),
        members: "hugo:facilitator* damien:project_holder samuel amandine yanis",
        ..BASE
    },
    DemoGroup {
        slug: "covoiturage-creuse",
        name: "Covoiturage solidaire en Creuse",
        summary: "Des conducteurs bénévoles et un tableau partagé pour que personne ne reste bloqué sans voiture dans nos villages.",
        description: "À la campagne, sans voiture, aller chez le médecin ou au marché devient compliqué. Notre groupe met \
en relation des personnes qui ont besoin d'un trajet et des conducteurs bénévoles qui passent par là.\n\n\
Les demandes se font par téléphone ou par e-mail à la permanence : pas besoin d'application. Les frais d'essence \
sont partagés selon un barème simple, affiché dans nos ressources.\n\n\
Nous testons cette année une ligne régulière vers la gare de Guéret le vendredi.",
        keywords: "mobilité douce, covoiturage, ruralité, solidarité",
        region: NAQ,
        point: Some((46.1716, 1.8716)),
        members: "olivier:facilitator* lucie jean-michel:referent",
        ..BASE
    },
    DemoGroup {
        slug: "libre-ille-et-vilaine",
        name: "Logiciels libres en Ille-et-Vilaine",
        summary: "Install-parties, ateliers et entraide pour passer à des logiciels libres sur son ordinateur et son téléphone.",
        description: "Vous voulez redonner vie à un vieil ordinateur, quitter un service qui vous espionne ou comprendre \
ce qu'est un logiciel libre ? Venez à l'une de nos permanences, le deuxième samedi du mois à la médiathèque.\n\n\
Nous installons des systèmes libres, montrons des alternatives aux services des grandes plateformes et aidons les \
associations à choisir leurs outils.\n\n\
Toutes nos fiches pratiques sont publiées sans aucune restriction : servez-vous, adaptez-les, partagez-les.",
        keywords: "numérique libre, logiciels libres",
        region: BRETAGNE,
        point: Some((48.1100, -1.6800)),
        license: "cc0-1.0",
        members: "julien:facilitator* theo:referent* loic sophie yanis",
        ..BASE
    },
    DemoGroup {
        slug: "clic-solidaire-amiens",
        name: "Clic solidaire Amiens",
        summary: "Accompagnement numérique pour celles et ceux que les démarches en ligne découragent, avec patience et sans jargon.",
        description: "Déclarer ses impôts, prendre un rendez-vous médical, envoyer une photo à ses petits-enfants : tout \
passe par un écran, et beaucoup de gens restent au bord du chemin. Nous proposons un accompagnement individuel, \
sans jugement, deux matinées par semaine.\n\n\
Nos bénévoles ne font pas à la place des personnes : ils montrent, ils rassurent, ils laissent faire. Nous \
utilisons autant que possible des logiciels libres, et nous récupérons des ordinateurs que nous remettons en \
état.\n\n\
Nous formons aussi d'autres bénévoles : notre guide d'accompagnement est dans les ressources.",
        keywords: "numérique libre, inclusion numérique, éducation populaire",
        region: HDF,
        point: Some((49.8941, 2.2958)),
        members: "mehdi:facilitator* yasmine thomas",
        ..BASE
    },
    DemoGroup {
        slug: "veillees-citoyennes",
        name: "Les Veillées citoyennes",
        summary: "Chaque mois, une soirée pour comprendre ensemble un sujet d'actualité, à partir de l'expérience de chacun.",
        description: "L'éducation populaire, c'est partir de ce que les gens savent et vivent pour comprendre le monde et \
agir dessus. Nos veillées réunissent une trentaine de personnes autour d'un sujet choisi ensemble : l'eau, le \
travail, les transports, l'école.\n\n\
Pas de conférencier en vedette : des petits groupes, des jeux de rôle, des récits. On repart avec des questions, \
parfois avec des envies d'agir.\n\n\
Nous prêtons volontiers nos méthodes d'animation à d'autres groupes : elles sont décrites pas à pas dans nos \
ressources.",
        keywords: "éducation populaire, démocratie locale, culture",
        region: AURA,
        point: Some((45.7772, 3.0870)),
        members: "margot:facilitator* chantal yanis francoise geraldine",
        ..BASE
    },
    DemoGroup {
        slug: "universite-populaire-bocage",
        name: "Université populaire du Bocage",
        summary: "Des cours du soir gratuits, donnés par des habitants pour des habitants : histoire, botanique, droit du travail, cuisine.",
        description: "Tout le monde sait quelque chose qui peut intéresser les autres. Notre université populaire \
organise des cycles de quatre à six séances, le mardi soir, dans des salles prêtées par les communes.\n\n\
Chacun peut proposer un cours : une retraitée a raconté l'histoire des haies du bocage, un cuisinier a expliqué \
les fermentations, une inspectrice du travail a décrypté un bulletin de paie.\n\n\
Les séances sont gratuites et ouvertes sans inscription. Les supports sont publiés sous licence libre.",
        keywords: "éducation populaire, lecture, culture",
        region: NORMANDIE,
        point: Some((49.1829, -0.3707)),
        members: "claire:facilitator* antoine anne-sophie:referent",
        ..BASE
    },
    DemoGroup {
        slug: "fabrique-mont-riboudet",
        name: "La Fabrique du Mont-Riboudet",
        summary: "Un tiers-lieu dans un ancien entrepôt : atelier bois, fablab, café associatif et salle prêtée aux associations.",
        description: "La Fabrique occupe un ancien entrepôt des quais, rénové en grande partie par ses membres. On y \
trouve un atelier bois, un fablab avec imprimantes 3D et découpe laser, un café associatif et une salle de réunion \
prêtée gratuitement aux associations.\n\n\
Le lieu est géré collectivement : une assemblée ouverte chaque mois, des commissions pour l'atelier, le café et la \
programmation.\n\n\
Venez nous voir le jeudi soir pour la visite : c'est le meilleur moyen de trouver votre place.",
        keywords: "tiers-lieux, réemploi, numérique libre, fablab",
        region: NORMANDIE,
        point: Some((49.4431, 1.0993)),
        partners: &[
            ("Collectif des Ateliers du quai", "https://ateliers-du-quai.example"),
            ("Réseau normand des lieux partagés", "https://lieux-partages-normandie.example"),
        ],
        members: "antoine:facilitator,leader* claire theo:project_holder",
        ..BASE
    },
    DemoGroup {
        slug: "grange-commune",
        name: "La Grange commune",
        summary: "Un lieu partagé au cœur d'un village aveyronnais : marché paysan, concerts, ateliers et bureaux pour travailler au pays.",
        description: "Quand la dernière épicerie du village a fermé, quelques habitants ont racheté une grange pour en \
faire un lieu de vie. On y tient aujourd'hui un marché paysan le vendredi soir, des concerts, des ateliers pour \
les enfants et quelques bureaux partagés.\n\n\
Tout est décidé en assemblée ouverte, un dimanche par mois, autour d'un repas partagé.\n\n\
Nous accueillons volontiers les porteurs de projets qui veulent s'installer dans le coin : écrivez-nous avant de \
passer.",
        keywords: "tiers-lieux, ruralité, alimentation, culture",
        region: OCCITANIE,
        point: Some((44.0980, 3.0776)),
        members: "jean-michel:facilitator* olivier remi zoe:project_holder",
        ..BASE
    },
    DemoGroup {
        slug: "potagers-belleville",
        name: "Les Potagers de Belleville",
        summary: "Un jardin partagé sur un ancien terrain vague : potager, mare, ruches et un grand banc pour discuter.",
        description: "Ce terrain vague est devenu en quelques années un jardin partagé où l'on cultive des légumes, où \
les enfants observent les grenouilles de la mare et où les abeilles de nos deux ruches butinent tout le \
quartier.\n\n\
Le jardin est ouvert au public quand un membre est présent, c'est-à-dire presque tous les jours à la belle \
saison. Chaque membre s'engage à tenir une permanence par mois.\n\n\
Nous accueillons les écoles du quartier sur rendez-vous.",
        keywords: "jardins partagés, alimentation, biodiversité",
        region: IDF,
        point: Some((48.8722, 2.3767)),
        license: "cc-by-nc-sa-4.0",
        members: "aurelie:facilitator* fatou:referent manon ines yanis",
        ..BASE
    },
    DemoGroup {
        slug: "gratiferia-dijon",
        name: "Gratiféria de Dijon",
        summary: "Marché gratuit où l'on donnait et prenait librement objets et vêtements. Le groupe s'est arrêté, ses fiches restent en ligne.",
        description: "Pendant six ans, la Gratiféria a installé deux fois par an un grand marché où tout était gratuit : \
on apportait ce dont on n'avait plus besoin, on repartait avec ce qui nous servait, sans obligation \
d'échange.\n\n\
Le groupe a cessé ses activités faute de salle. Nos fiches d'organisation (logistique, affiches, bilan des \
éditions) restent publiées ici : elles peuvent servir à qui voudrait relancer l'idée, à Dijon ou ailleurs.",
        keywords: "réemploi, gratuité",
        region: BFC,
        point: Some((47.3220, 5.0415)),
        status: "archived",
        members: "helene:facilitator samuel damien",
        ..BASE
    },
    // ---------------------------------------------------------------- thematic, referenced
    DemoGroup {
        slug: "cooperative-neudorf",
        name: "Coopérative d'habitants du Neudorf",
        summary: "Vingt logements en coopérative d'habitants : la propriété est collective, les décisions aussi.",
        description: "Notre immeuble de vingt logements appartient à la coopérative, dont chaque habitant est membre. On \
ne spécule pas sur les logements : en partant, on récupère ses parts, sans plus-value.\n\n\
Nous avons nos propres outils en ligne ; cette fiche renvoie vers eux. Les visites ont lieu le premier samedi du \
mois, sur inscription.",
        keywords: "habitat, habitat participatif, logement",
        region: GRAND_EST,
        point: Some((48.5697, 7.7583)),
        hosted: false,
        typed_members: 48,
        links: &[
            ("home", "https://neudorf-cooperative.example"),
            ("meetings", "https://neudorf-cooperative.example/visites"),
            ("resources", "https://neudorf-cooperative.example/documents"),
        ],
        members: "hugo",
        ..BASE
    },
    DemoGroup {
        slug: "soleil-du-trieves",
        name: "Soleil du Trièves",
        summary: "Les habitants du Trièves produisent leur électricité solaire sur les toits des fermes et des bâtiments communaux.",
        description: "Depuis cinq ans, cent trente habitants du plateau ont investi ensemble dans des toitures solaires : \
fermes, salle des fêtes, école. Les bénéfices financent des actions d'économie d'énergie dans le canton.\n\n\
Nous avons notre propre site et notre liste de discussion ; les liens de cette fiche y mènent.",
        keywords: "énergie, énergie citoyenne, ruralité",
        region: AURA,
        point: Some((44.8161, 5.7506)),
        hosted: false,
        typed_members: 130,
        links: &[
            ("home", "https://soleil-trieves.example"),
            ("discussions", "https://listes.soleil-trieves.example/info"),
            ("join", "https://soleil-trieves.example/devenir-associe"),
        ],
        members: "elodie",
        ..BASE
    },
    DemoGroup {
        slug: "hebergeurs-solidaires-aquitaine",
        name: "Hébergeurs solidaires d'Aquitaine",
        summary: "Petites structures qui hébergent des services en ligne libres et respectueux pour les associations de la région.",
        description: "Messagerie, agenda partagé, visioconférence, stockage de fichiers : nous proposons aux associations \
des services en ligne libres, hébergés localement, sans publicité ni revente de données.\n\n\
Nos membres sont des associations et des coopératives ; chacune garde ses serveurs et ses usagers, nous mettons en \
commun le savoir-faire et l'entraide.",
        keywords: "numérique libre, hébergement, logiciels libres",
        region: NAQ,
        point: Some((44.8378, -0.5792)),
        hosted: false,
        typed_members: 35,
        links: &[
            ("home", "https://hebergeurs-aquitaine.example"),
            ("discussions", "https://forum.hebergeurs-aquitaine.example"),
            ("resources", "https://hebergeurs-aquitaine.example/docs"),
            ("projects", "https://forge.hebergeurs-aquitaine.example"),
        ],
        members: "theo",
        ..BASE
    },
    DemoGroup {
        slug: "velo-ecole-angers",
        name: "Vélo-école d'Angers",
        summary: "Apprendre à faire du vélo en ville à tout âge. Le collectif a rejoint une autre association et n'anime plus ce groupe.",
        description: "La vélo-école a appris à plus de deux cents adultes à circuler à vélo en ville, en toute confiance. \
Le collectif a rejoint une association plus large ; ce groupe est archivé.\n\n\
Les supports de cours restent disponibles sur l'ancien site.",
        keywords: "mobilité douce, vélo",
        region: PDL,
        point: Some((47.4784, -0.5632)),
        status: "archived",
        hosted: false,
        typed_members: 12,
        links: &[
            ("home", "https://velo-ecole-angers.example"),
            ("resources", "https://velo-ecole-angers.example/supports"),
        ],
        members: "maxime",
        ..BASE
    },
    DemoGroup {
        slug: "luciole-montpellier",
        name: "La Luciole, monnaie locale de Montpellier",
        summary: "Une monnaie locale qui circule entre habitants et commerces indépendants pour garder la richesse dans le territoire.",
        description: "Un euro échangé contre une Luciole reste dans l'économie locale : la Luciole ne s'accepte que chez \
les commerçants, producteurs et artisans du territoire qui ont signé notre charte.\n\n\
Six cent quarante utilisateurs et quatre-vingts professionnels font vivre la monnaie. Les euros déposés en garantie \
sont placés dans une banque éthique qui finance des projets locaux.",
        keywords: "monnaie locale, économie solidaire, circuits courts",
        region: OCCITANIE,
        point: Some((43.6108, 3.8767)),
        hosted: false,
        typed_members: 640,
        partners: &[("Coopérative bancaire du Languedoc", "https://coop-bancaire-languedoc.example")],
        links: &[
            ("home", "https://luciole-monnaie.example"),
            ("information", "https://luciole-monnaie.example/comment-ca-marche"),
            ("join", "https://luciole-monnaie.example/adherer"),
        ],
        members: "remi",
        ..BASE
    },
    // ---------------------------------------------------------------- territorial
    DemoGroup {
        slug: "vivre-ensemble-villeurbanne",
        name: "Vivre ensemble à Villeurbanne",
        kind: "territorial",
        summary: "Le réseau des habitants et des associations de Villeurbanne : agenda commun, entraide et projets de quartier.",
        description: "Nous relions les associations, collectifs et habitants de Villeurbanne qui veulent faire des \
choses ensemble : un agenda commun, une liste d'entraide (prêter une échelle, garder un chat, traduire un \
courrier), et des projets portés à plusieurs.\n\n\
Chaque trimestre, une grande réunion ouverte permet de se rencontrer, de présenter les nouveaux projets et de \
décider des priorités.\n\n\
En ce moment : un repas de rue dans le quartier des Gratte-Ciel, un annuaire des jardins et une fête des voisins \
géante en juin.",
        keywords: "vie de quartier, solidarité, alimentation",
        region: AURA,
        point: Some((45.7719, 4.8902)),
        partners: &[("Collectif des commerçants du cours Émile-Zola", "https://commercants-emile-zola.example")],
        members: "mathilde:facilitator* chantal:facilitator,referent* francoise:moderator yanis bernard emilie:project_holder geraldine",
        ..BASE
    },
    DemoGroup {
        slug: "morlaix-en-transition",
        name: "Pays de Morlaix en transition",
        kind: "territorial",
        summary: "Habitants du pays de Morlaix qui préparent un territoire plus sobre et plus solidaire, un projet concret à la fois.",
        description: "Nous sommes partis d'une question simple : à quoi ressemblera notre territoire dans vingt ans, et \
que pouvons-nous faire dès maintenant ? Depuis, plusieurs chantiers sont nés : un groupement d'achat de produits \
locaux, un défi « familles économes en énergie » et une carte des producteurs.\n\n\
Chaque chantier a ses animatrices et ses animateurs, et tout le monde se retrouve lors du forum de printemps.\n\n\
Toutes nos cartes et nos guides sont publiés sous licence libre.",
        keywords: "transition, énergie, alimentation, ruralité",
        region: BRETAGNE,
        point: Some((48.5775, -3.8275)),
        members: "solene:facilitator* pierre-yves loic:referent sophie",
        ..BASE
    },
    DemoGroup {
        slug: "saint-michel-en-commun",
        name: "Saint-Michel en commun",
        kind: "territorial",
        summary: "Les habitants du quartier Saint-Michel qui organisent ensemble fêtes, entraide et petits chantiers dans les rues.",
        description: "Saint-Michel est un quartier vivant, mélangé, parfois bruyant, et nous l'aimons comme ça. Notre \
réseau relie les habitants qui veulent s'en occuper ensemble : nettoyage des cours, fête de la musique de la \
place, aide aux devoirs, repas partagés.\n\n\
Nous nous retrouvons le premier lundi du mois au café associatif de la rue des Faures. Venez avec une idée, ou \
juste avec l'envie de rencontrer vos voisins.",
        keywords: "vie de quartier, culture, solidarité",
        region: NAQ,
        point: Some((44.8339, -0.5653)),
        members: "lucie:facilitator* zoe remi:moderator",
        ..BASE
    },
    DemoGroup {
        slug: "initiatives-pays-d-arles",
        name: "Réseau des initiatives du pays d'Arles",
        kind: "territorial",
        summary: "En préparation : un réseau pour que les associations et collectifs du pays d'Arles se connaissent et s'entraident.",
        description: "Nous sommes une poignée d'associations qui se croisent souvent sans vraiment se connaître. Nous \
préparons un réseau pour partager un agenda, des salles, du matériel et des compétences.\n\n\
La première rencontre aura lieu à l'automne. D'ici là, nous recensons les initiatives du territoire : si vous en \
animez une, rejoignez le groupe et présentez-la.",
        keywords: "vie de quartier, économie solidaire, culture",
        region: PACA,
        point: Some((43.6768, 4.6303)),
        status: "preparing",
        members: "awa:facilitator* karim bruno nadia",
        ..BASE
    },
    DemoGroup {
        slug: "coteaux-du-lot",
        name: "Coteaux du Lot en réseau",
        kind: "territorial",
        summary: "Le réseau des associations et des habitants des coteaux du Lot : agenda, covoiturage et entraide entre villages.",
        description: "Entre Cahors et les coteaux, une trentaine de villages et près de deux cents habitants actifs \
partagent un agenda, une bourse d'entraide et un bulletin mensuel.\n\n\
Le réseau a ses propres outils ; cette fiche renvoie vers eux.",
        keywords: "ruralité, alimentation, culture",
        region: OCCITANIE,
        point: Some((44.4475, 1.4414)),
        hosted: false,
        typed_members: 210,
        license: "cc-by-4.0",
        links: &[
            ("home", "https://coteaux-du-lot.example"),
            ("meetings", "https://coteaux-du-lot.example/agenda"),
            ("information", "https://coteaux-du-lot.example/bulletin"),
        ],
        members: "jean-michel",
        ..BASE
    },
    // ---------------------------------------------------------------- support
    DemoGroup {
        slug: "cercle-des-animateurs",
        name: "Cercle des animateurs et animatrices",
        kind: "support",
        summary: "Celles et ceux qui animent un groupe du réseau s'y retrouvent pour échanger leurs pratiques et s'épauler.",
        description: "Animer un groupe, c'est une heure par semaine qui en demande parfois bien plus : préparer une \
réunion, relancer une discussion qui s'endort, accueillir une nouvelle personne, traverser un désaccord.\n\n\
Le cercle réunit les animatrices et animateurs de tous les groupes du réseau : une visioconférence mensuelle, des \
fiches pratiques écrites ensemble, et un fil de discussion où l'on pose ses questions sans crainte.\n\n\
L'adhésion se fait sur demande : le cercle est réservé aux personnes qui animent un groupe, ou qui s'apprêtent à \
le faire.",
        keywords: "animation, entraide, accompagnement",
        joining: "request",
        members: "mathilde:facilitator* nadia:facilitator camille elodie karim ines margot claire sophie thomas \
maxime gerard hugo pierre-yves antoine mehdi solene jean-michel lucie olivier amandine awa",
        ..BASE
    },
    DemoGroup {
        slug: "personnes-d-appui",
        name: "Les personnes d'appui",
        kind: "support",
        summary: "Quelques personnes qui aident les groupes à démarrer, à prendre en main leurs outils et à traverser les passages difficiles.",
        description: "Les personnes d'appui ne dirigent rien : elles accompagnent. Elles aident un nouveau groupe à \
remplir sa fiche et à ouvrir son espace, montrent aux animateurs comment utiliser les outils, et remarquent quand \
un groupe s'essouffle pour proposer un coup de main.\n\n\
Nous nous réunissons toutes les deux semaines pour faire le point sur les groupes suivis. Nos comptes rendus \
restent internes, mais nos guides sont publics.\n\n\
Vous voulez devenir personne d'appui ? Écrivez-nous : nous commençons toujours par un binôme avec une personne \
expérimentée.",
        keywords: "accompagnement, entraide",
        joining: "request",
        members: "nadia:facilitator* mathilde:referent camille anne-sophie",
        ..BASE
    },
    DemoGroup {
        slug: "accueil-nouveaux-groupes",
        name: "Accueil des nouveaux groupes",
        kind: "support",
        summary: "Vous créez un groupe ? Posez ici vos questions : fiche, outils, première réunion, on vous aide pas à pas.",
        description: "Ce groupe est la porte d'entrée du réseau. Si vous venez de proposer un groupe, ou si vous hésitez \
encore, c'est ici qu'on vous répond.\n\n\
Chaque mois, une réunion d'accueil en visio présente le réseau, la charte et les outils. Un guide « Démarrer son \
groupe en cinq étapes » est disponible dans les ressources.\n\n\
Pas de question trop simple : tout le monde a commencé un jour.",
        keywords: "accompagnement, accueil",
        members: "mathilde:facilitator* nadia:referent* anne-sophie yasmine fatou yanis",
        ..BASE
    },
    DemoGroup {
        slug: "outils-numeriques-reseau",
        name: "Outils numériques du réseau",
        kind: "support",
        summary: "Le groupe qui fait vivre la plateforme du réseau : retours, idées d'amélioration, aide à la prise en main.",
        description: "Cette plateforme appartient au réseau, et c'est ce groupe qui l'entretient : nous recueillons vos \
retours, essayons les nouveautés et écrivons l'aide en ligne.\n\n\
Un bouton ne fait pas ce que vous attendiez ? Un message du groupe est mal arrivé ? Dites-le ici, avec vos mots : \
il n'y a pas besoin d'être technicien pour aider à améliorer l'outil.\n\n\
Nous organisons aussi des séances de prise en main pour les animateurs, le premier mardi du mois.",
        keywords: "numérique libre, accompagnement",
        members: "camille:facilitator* julien:facilitator theo:moderator antoine mehdi yanis",
        ..BASE
    },
    // ---------------------------------------------------------------- proposals awaiting approval
    DemoGroup {
        slug: "jardin-des-lilas",
        name: "Jardin des Lilas",
        summary: "Nous voulons ouvrir un jardin partagé sur la friche de la rue des Lilas, à Pantin. Venez le dessiner avec nous !",
        description: "La ville a accepté de nous prêter une friche de 600 m² à deux pas du canal. Tout reste à faire : \
dessiner les parcelles, trouver de la terre, organiser l'arrosage.\n\n\
Nous cherchons des voisins et voisines de tous âges, même sans expérience. Première réunion de chantier dès que le \
groupe sera ouvert.",
        keywords: "jardins partagés, alimentation, compostage",
        region: IDF,
        point: Some((48.8944, 2.4093)),
        status: "preparing",
        listed: false,
        members: "manon:facilitator",
        ..BASE
    },
    DemoGroup {
        slug: "repair-cafe-quimper",
        name: "Repair Café de Quimper",
        summary: "Un atelier de réparation bénévole en projet à Quimper : nous cherchons des bricoleurs et un lieu pour nous accueillir.",
        description: "Nous sommes trois voisins bricoleurs qui voulons lancer un Repair Café à Quimper. Il nous manque une \
salle et quelques bénévoles : couture, petit électroménager, informatique.\n\n\
Si vous avez une idée de lieu, ou un peu de temps un samedi par mois, rejoignez-nous.",
        keywords: "réemploi, réparation",
        region: BRETAGNE,
        point: Some((47.9960, -4.1024)),
        status: "preparing",
        listed: false,
        members: "loic:facilitator solene",
        ..BASE
    },
];

/// One person of a group's member list in [`DemoGroup::members`].
#[derive(Debug, PartialEq)]
struct MemberSpec<'a> {
    key: &'a str,
    roles: Vec<&'a str>,
    public: bool,
}

/// Reads a [`DemoGroup::members`] list.
fn parse_members(spec: &str) -> Vec<MemberSpec<'_>> {
    spec.split_whitespace()
        .map(|token| {
            let (token, public) = match token.strip_suffix('*') {
                Some(rest) => (rest, true),
                None => (token, false),
            };
            let (key, roles) = match token.split_once(':') {
                Some((key, roles)) => (key, roles.split(',').filter(|r| !r.is_empty()).collect()),
                None => (token, Vec::new()),
            };
            MemberSpec { key, roles, public }
        })
        .collect()
}

impl DemoGroup {
    /// The card as a person would type it in the form.
    fn input(&self) -> GroupCardInput {
        let coordinate = |c: Option<f64>| c.map(|v| v.to_string()).unwrap_or_default();
        GroupCardInput {
            name: self.name.into(),
            summary: self.summary.into(),
            kind: self.kind.into(),
            slug: self.slug.into(),
            description: self.description.into(),
            keywords: self.keywords.into(),
            partners: self
                .partners
                .iter()
                .map(|(name, url)| PartnerInput {
                    name: (*name).into(),
                    url: (*url).into(),
                    logo: String::new(),
                })
                .collect(),
            country: "FR".into(),
            region: self.region.into(),
            latitude: coordinate(self.point.map(|p| p.0)),
            longitude: coordinate(self.point.map(|p| p.1)),
            member_count: if self.hosted {
                String::new()
            } else {
                self.typed_members.to_string()
            },
            status: self.status.into(),
            license: self.license.into(),
            license_other: self.license_other.into(),
            links: self
                .links
                .iter()
                .map(|(service, url)| ((*service).to_string(), (*url).to_string()))
                .collect(),
            hosted: if self.hosted { "on" } else { "off" }.into(),
            joining: self.joining.into(),
        }
    }

    /// The validated card; a demo card that breaks the rules is a bug.
    fn card(&self) -> anyhow::Result<GroupCard> {
        self.input().validate().map_err(|errors| {
            let list: Vec<String> = errors
                .iter()
                .map(|e| format!("{} ({})", e.field, e.key))
                .collect();
            anyhow::anyhow!("demo group {}: {}", self.slug, list.join(", "))
        })
    }
}

/// Every demo person: (name, email).
fn demo_people() -> Vec<(String, String)> {
    DEMO_PEOPLE
        .iter()
        .map(|(name, email, _, _)| ((*name).to_string(), (*email).to_string()))
        .chain(
            OTHER_PEOPLE
                .iter()
                .map(|(name, key)| ((*name).to_string(), format!("{key}@{DEMO_MAIL_DOMAIN}"))),
        )
        .collect()
}

/// The key of a demo person's address (`camille` for camille@…).
fn key_of(email: &str) -> &str {
    email.split('@').next().unwrap_or(email)
}

/// Creates the demo people who are not there yet (the password is hashed
/// once, and only if someone is missing) and makes the helpers helpers.
/// Returns every demo person's account id by key.
async fn seed_people(store: &Store) -> anyhow::Result<HashMap<String, UserId>> {
    let mut ids = HashMap::new();
    let mut hash: Option<String> = None;
    for (name, email) in demo_people() {
        let id = match store.user_by_email(&email).await? {
            Some(user) => user.id,
            None => {
                let password_hash = match &hash {
                    Some(h) => h.clone(),
                    None => {
                        let h = essaim_web::hash_password(DEMO_PASSWORD.to_string()).await?;
                        hash = Some(h.clone());
                        h
                    }
                };
                let is_admin = DEMO_PEOPLE
                    .iter()
                    .any(|(_, e, admin, _)| *e == email && *admin);
                let new = NewUser {
                    email: email.clone(),
                    name,
                    password_hash: Some(password_hash),
                    is_admin,
                    verified: true,
                    lang: Some("fr".into()),
                };
                store.create_user(&new).await?.id
            }
        };
        ids.insert(key_of(&email).to_string(), id);
    }
    for key in HELPERS {
        if let Some(&id) = ids.get(*key) {
            store.set_helper(id, true).await?;
        }
    }
    Ok(ids)
}

/// Writes the demo content that is not there yet: people, then each group
/// whose short address is free, with its members and their roles.
pub async fn seed(store: &Store) -> anyhow::Result<()> {
    let people = seed_people(store).await?;
    let person = |key: &str| {
        people
            .get(key)
            .copied()
            .ok_or_else(|| anyhow::anyhow!("demo: unknown person {key}"))
    };
    for demo in DEMO_GROUPS {
        if store.slug_taken(demo.slug).await? {
            continue;
        }
        let card = demo.card()?;
        let members = parse_members(demo.members);
        let Some(proposer) = members.first() else {
            anyhow::bail!("demo group {}: nobody proposed it", demo.slug);
        };
        let pages = if card.hosted {
            first_pages(&card, Lang::Fr)
        } else {
            Vec::new()
        };
        let new = NewGroup {
            slug: card.slug.clone(),
            hosted: card.hosted,
            fields: essaim_store::groups::GroupFields::of(&card),
        };
        let group = match store
            .create_group(&new, Some(person(proposer.key)?), demo.listed, &pages)
            .await
        {
            Ok(group) => group,
            // Created meanwhile by someone else: keep theirs.
            Err(StoreError::Conflict) => continue,
            Err(e) => return Err(e.into()),
        };
        if !card.hosted {
            continue;
        }
        for (index, member) in members.iter().enumerate() {
            let id = person(member.key)?;
            // The proposer is already a member and facilitator.
            if index > 0 {
                store.join_group(group.id, id).await?;
            }
            if index > 0 || member.roles != ["facilitator"] {
                let roles: Vec<String> = member.roles.iter().map(|r| (*r).to_string()).collect();
                store.set_roles(group.id, id, &roles, None).await?;
            }
            if member.public {
                store
                    .set_member_visibility(group.id, id, "everyone")
                    .await?;
            }
        }
    }
    seed_meetings(store).await?;
    seed_discussions(store, &people).await?;
    Ok(())
}

/// Demo discussions: (group, [(title, [(author key, days ago, text)])]).
type DemoThread = (&'static str, &'static [(&'static str, i64, &'static str)]);

/// Lively discussions in a few demo groups (written once: a group that
/// already has topics is left alone). They are not emailed.
async fn seed_discussions(store: &Store, people: &HashMap<String, UserId>) -> anyhow::Result<()> {
    use essaim_store::discussions::NewPost;
    let groups: &[(&str, &[DemoThread])] = &[
        (
            "jardins-croix-rousse",
            &[
                (
                    "Bourse aux graines du 12 avril",
                    &[
                        ("mathilde", 9, "Bonjour à toutes et à tous,\n\nLa bourse aux graines revient le **samedi 12 avril** de 10 h à 13 h sous le préau. Apportez vos graines dans des enveloppes avec le nom de la variété et l'année de récolte.\n\nQui peut tenir la table d'accueil ?"),
                        ("chantal", 9, "Je prends l'accueil de 10 h à 11 h 30. J'apporterai aussi des enveloppes vierges pour ceux qui n'en ont pas."),
                        ("yanis", 8, "J'ai des graines de tomates *Cœur de bœuf* et de haricots grimpants de l'an dernier, je les apporte. @mathilde, on peut afficher l'annonce à la boulangerie ?"),
                        ("mathilde", 8, "Oui, bonne idée ! Je dépose l'affiche vendredi."),
                        ("lea", 7, "Je suis nouvelle dans le quartier : est-ce qu'on peut venir sans rien apporter ?"),
                        ("chantal", 7, "Bien sûr, Léa ! Venez comme vous êtes, on partage volontiers. C'est aussi l'occasion de rencontrer tout le monde."),
                    ],
                ),
                (
                    "Le composteur déborde",
                    &[
                        ("bernard", 4, "Le bac n° 2 est plein à ras bord et les voisins continuent d'y mettre leurs épluchures. Il faudrait retourner le bac n° 1 pour pouvoir le vider."),
                        ("francoise", 3, "Je peux venir mercredi vers 18 h avec une fourche. Quelqu'un pour m'aider ?"),
                        ("emilie", 3, "Je viens aussi mercredi. J'apporte des gants."),
                        ("bernard", 2, "Merci à vous deux. Je mets un petit mot sur le bac pour demander d'attendre jeudi."),
                    ],
                ),
                (
                    "Permanence de samedi : qui ouvre ?",
                    &[
                        ("mathilde", 1, "Je ne serai pas là ce samedi. Quelqu'un a la clé du cabanon et peut ouvrir à 10 h ?"),
                        ("yanis", 0, "Je l'ai, j'ouvre. Je laisserai la clé dans la boîte habituelle."),
                    ],
                ),
            ],
        ),
        (
            "composteurs-rennes",
            &[
                (
                    "Formation « guide composteur » en mai",
                    &[
                        ("sophie", 12, "La métropole propose deux journées de formation « guide composteur » les 14 et 21 mai. Trois places sont réservées pour notre collectif. Qui est intéressé ?"),
                        ("julien", 11, "Moi ! Je suis référent du bac de la rue de Paris depuis six mois et j'aimerais en savoir plus sur l'équilibre carbone/azote."),
                        ("theo", 11, "Intéressé aussi, mais seulement le 21 mai. Est-ce qu'on peut ne faire qu'une journée ?"),
                        ("sophie", 10, "Je pose la question et je vous dis. @julien, je t'inscris dès aujourd'hui."),
                    ],
                ),
                (
                    "Nouveau site : résidence des Lilas",
                    &[
                        ("solene", 5, "Le conseil syndical des Lilas est d'accord pour un composteur au pied du bâtiment B. On organise une réunion d'information avec les habitants ?"),
                        ("loic", 4, "Je peux préparer l'affiche et passer dans les boîtes aux lettres. Jeudi 19 h dans la salle commune, ça irait ?"),
                        ("solene", 4, "Parfait, je confirme avec le gardien."),
                    ],
                ),
            ],
        ),
        (
            "repair-cafe-lille-moulins",
            &[(
                "Bilan du Repair Café de mars",
                &[
                    ("thomas", 6, "Merci à tous pour samedi ! **34 objets** apportés, 23 réparés, dont 6 grille-pain et un vieux tourne-disque. Le café était bon et la salle pleine."),
                    ("yasmine", 6, "Bravo à l'équipe ! Pensez à noter dans le cahier les pièces qui nous ont manqué, pour les commander avant avril."),
                    ("mehdi", 5, "Il nous manque des fusibles de 2 A et un fer à souder de rechange. Je m'en occupe."),
                ],
            )],
        ),
    ];
    let now = store.now();
    for (slug, threads) in groups {
        let Some(group) = store.group_by_slug(slug).await? else {
            continue;
        };
        if store.topic_count(group.id).await? > 0 {
            continue;
        }
        for (title, posts) in *threads {
            let mut topic = None;
            for (index, (key, days, text)) in posts.iter().enumerate() {
                let Some(author) = people.get(*key) else {
                    anyhow::bail!("demo discussions: unknown person {key}");
                };
                let Some(user) = store.user_by_id(*author).await? else {
                    continue;
                };
                let post = NewPost {
                    author_id: Some(user.id),
                    author_name: user.name.clone(),
                    markdown: text.to_string(),
                    via: if *key == "bernard" {
                        essaim_domain::discussions::PostVia::Email
                    } else {
                        essaim_domain::discussions::PostVia::Web
                    },
                    status: essaim_domain::discussions::PostStatus::Visible,
                    // Spread over the day so the order reads naturally.
                    created_at: Some(now - days * 86_400 - 3_600 * (12 - index as i64).max(0)),
                    mail: false,
                    ..NewPost::default()
                };
                match &topic {
                    None => {
                        let (id, _) = store
                            .create_topic(group.id, title, &post, DEMO_MAIL_DOMAIN)
                            .await?;
                        topic = store.topic(id).await?;
                    }
                    Some(t) => {
                        store.add_post(t, &post, DEMO_MAIL_DOMAIN).await?;
                    }
                }
            }
        }
    }
    Ok(())
}

/// Draws the generated banners the web layer would draw on first view, in
/// the same place (`{data_dir}/generated/banner-{slug}.jpg`), so the first
/// visit of the directory is quick. Banners already there are kept.
async fn pregenerate_banners(data_dir: &Path, slugs: Vec<String>) -> anyhow::Result<()> {
    let dir = data_dir.join("generated");
    tokio::task::spawn_blocking(move || -> anyhow::Result<()> {
        std::fs::create_dir_all(&dir)?;
        for slug in slugs {
            let path = dir.join(format!("banner-{slug}.jpg"));
            if path.exists() {
                continue;
            }
            let bytes = essaim_web::generated_banner(&slug, None);
            // Written aside then renamed: the server may read it meanwhile.
            let tmp = dir.join(format!("banner-{slug}.jpg.demo-tmp"));
            std::fs::write(&tmp, bytes)?;
            std::fs::rename(&tmp, &path)?;
        }
        Ok(())
    })
    .await?
}

// ===========================================================================
// The generated large network (`--scale`): written by the store
// (`essaim_store::scale`); here, its place and its report
// ===========================================================================

/// The first pages of a generated hosted group, in French, as the
/// directory's form writes them.
fn first_pages_fr(card: &essaim_domain::groups::GroupCard) -> Vec<essaim_store::groups::NewPage> {
    first_pages(card, Lang::Fr)
}

/// Generates the large network once (the demo people take part), or finds
/// it there. Returns the report and the seconds spent generating.
pub async fn generate(store: &Store, scale: Scale) -> anyhow::Result<(Report, f64)> {
    let started = Instant::now();
    let mut people: Vec<i64> = seed_people(store)
        .await?
        .into_values()
        .map(|u| u.0)
        .collect();
    people.sort_unstable();
    let report = scale::generate(store, scale, first_pages_fr, &people).await?;
    Ok((report, started.elapsed().as_secs_f64()))
}

/// One line for the terminal.
fn describe(report: &Report, seconds: f64) -> String {
    let figures = format!(
        "{} groupes, {} personnes, {} adhésions",
        thousands(report.groups),
        thousands(report.people),
        thousands(report.memberships)
    );
    if report.generated {
        format!(
            "Réseau de test généré en {} s : {figures}.",
            format!("{seconds:.1}").replace('.', ",")
        )
    } else {
        format!("Réseau de test (déjà généré) : {figures}.")
    }
}

/// "100 000".
fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

fn check_scale(scale: Scale) -> anyhow::Result<()> {
    if !(1..=50_000).contains(&scale.groups) {
        anyhow::bail!("--groups: between 1 and 50 000");
    }
    if scale.members > 2_000_000 {
        anyhow::bail!("--members: at most 2 000 000");
    }
    if scale.projects > 1_000_000 {
        anyhow::bail!("--projects: at most 1 000 000");
    }
    Ok(())
}

// ===========================================================================
// Meetings: the demo groups' calendars, and the scale network's
// ===========================================================================

/// Meetings, a monthly series, a date poll with answers and minutes for a
/// few demo groups (nothing is added to a group that already has meetings).
async fn seed_meetings(store: &Store) -> anyhow::Result<()> {
    use essaim_domain::meetings::{self as rules, MeetingDraft, Recurrence, Visibility};
    use essaim_domain::polls::{Choice, PollDraft, PollOption};
    use essaim_store::meetings::{MeetingQuery, NewMeeting};
    use essaim_store::polls::Respondent;

    let tz = rules::DEFAULT_TIMEZONE;
    let now = store.now();
    let today = rules::local(tz, now)
        .map(|d| d.date())
        .ok_or_else(|| anyhow::anyhow!("demo: no local date"))?;
    // `days` from today at `hour:minute`, Paris time.
    let at = |days: i64, hour: u32, minute: u32| -> anyhow::Result<i64> {
        let date = today + chrono::Duration::days(days);
        date.and_hms_opt(hour, minute, 0)
            .and_then(|t| rules::from_local(tz, t))
            .ok_or_else(|| anyhow::anyhow!("demo: no such time"))
    };
    let draft = |title: &str, description: &str, starts_at: i64, minutes: i64| MeetingDraft {
        title: title.into(),
        description: description.into(),
        starts_at,
        ends_at: starts_at + minutes * 60,
        timezone: tz.name().into(),
        address: None,
        latitude: None,
        longitude: None,
        online_url: None,
        capacity: None,
        visibility: Visibility::Public,
    };
    for slug in [
        "jardins-croix-rousse",
        "composteurs-rennes",
        "repair-cafe-lille-moulins",
    ] {
        let Some(group) = store.group_by_slug(slug).await? else {
            continue;
        };
        let existing = store
            .meetings(&MeetingQuery {
                see: essaim_domain::audience::Sight {
                    everything: true,
                    ..Default::default()
                },
                group_id: Some(group.id),
                with_cancelled: true,
                limit: 1,
                ..Default::default()
            })
            .await?;
        let (Some(organizer), false) = (
            store.group_runners(group.id).await?.first().map(|u| u.id),
            !existing.is_empty() || !group.hosted,
        ) else {
            continue;
        };
        let members: Vec<UserId> = store
            .members(group.id)
            .await?
            .iter()
            .map(|m| m.user_id)
            .collect();
        match slug {
            "jardins-croix-rousse" => {
                // Last month's meeting, with its minutes; then a monthly series.
                let mut past = draft(
                    "Réunion de jardin",
                    "Bilan de la saison et plan des semis.",
                    at(-20, 19, 0)?,
                    120,
                );
                past.address = Some("Maison des associations, 12 rue des Lilas, Lyon".into());
                past.latitude = Some(45.7745);
                past.longitude = Some(4.8321);
                let id = store
                    .create_meeting(&NewMeeting {
                        group_id: group.id,
                        organizer_id: Some(organizer),
                        draft: &past,
                        series_id: None,
                    })
                    .await?;
                if let Some(m) = store.meeting(id).await? {
                    store.create_minutes(&m, organizer).await?;
                }
                let first = rules::local(tz, at(7, 19, 0)?)
                    .map(|d| d.date())
                    .ok_or_else(|| anyhow::anyhow!("demo date"))?;
                let mut monthly = draft(
                    "Réunion de jardin",
                    "Chaque mois : ce qui pousse, ce qu'il faut faire, qui arrose.",
                    at(7, 19, 0)?,
                    120,
                );
                monthly.address = past.address.clone();
                monthly.latitude = past.latitude;
                monthly.longitude = past.longitude;
                store
                    .create_series(
                        group.id,
                        organizer,
                        &monthly,
                        Recurrence::monthly_like(first),
                    )
                    .await?;
                store
                    .set_regularity(
                        group.id,
                        Some(rules::Cadence::Monthly.code()),
                        rules::DEFAULT_LEAD_DAYS,
                    )
                    .await?;
            }
            "composteurs-rennes" => {
                let mut workshop = draft(
                    "Atelier compost au pied d'immeuble",
                    "On montre comment démarrer un composteur partagé. Apportez vos épluchures !",
                    at(9, 10, 0)?,
                    150,
                );
                workshop.capacity = Some(15);
                workshop.online_url = Some("https://visio.example.org/composteurs".into());
                let id = store
                    .create_meeting(&NewMeeting {
                        group_id: group.id,
                        organizer_id: Some(organizer),
                        draft: &workshop,
                        series_id: None,
                    })
                    .await?;
                for (i, member) in members.iter().enumerate().take(6) {
                    let answer = if i % 3 == 2 {
                        rules::Rsvp::Maybe
                    } else {
                        rules::Rsvp::Going
                    };
                    store.set_answer(id, *member, answer).await?;
                }
                let mut board = draft(
                    "Réunion du bureau",
                    "Budget et subvention de la commune.",
                    at(16, 18, 30)?,
                    90,
                );
                board.visibility = Visibility::Members;
                store
                    .create_meeting(&NewMeeting {
                        group_id: group.id,
                        organizer_id: Some(organizer),
                        draft: &board,
                        series_id: None,
                    })
                    .await?;
            }
            _ => {
                let options = [at(12, 18, 0)?, at(14, 18, 0)?, at(19, 10, 0)?]
                    .into_iter()
                    .map(|t| PollOption {
                        starts_at: Some(t),
                        label: None,
                    })
                    .chain([PollOption {
                        starts_at: None,
                        label: Some("Un samedi après-midi".into()),
                    }])
                    .collect();
                let poll = PollDraft {
                    title: "Prochain Repair Café".into(),
                    description: "Quelle date vous convient pour le prochain Repair Café ?".into(),
                    duration_minutes: 180,
                    timezone: tz.name().into(),
                    deadline: Some(at(8, 20, 0)?),
                    guests_allowed: true,
                    visibility: Visibility::Public,
                    options,
                };
                let (poll_id, _) = store.create_poll(group.id, organizer, &poll).await?;
                let option_ids: Vec<i64> = store
                    .poll_options(poll_id)
                    .await?
                    .iter()
                    .map(|o| o.id)
                    .collect();
                let patterns = [
                    [Choice::Yes, Choice::No, Choice::IfNeedBe, Choice::No],
                    [Choice::Yes, Choice::Yes, Choice::No, Choice::IfNeedBe],
                    [Choice::IfNeedBe, Choice::Yes, Choice::Yes, Choice::No],
                ];
                for (member, pattern) in members.iter().zip(patterns) {
                    let Some(user) = store.user_by_id(*member).await? else {
                        continue;
                    };
                    let answers: Vec<(i64, Choice)> =
                        option_ids.iter().copied().zip(pattern).collect();
                    store
                        .save_poll_answers(
                            poll_id,
                            &Respondent::User {
                                id: user.id,
                                name: user.name,
                            },
                            "",
                            &answers,
                        )
                        .await?;
                }
                let guest = Respondent::Guest {
                    name: "Yasmine (voisine)".into(),
                    email: Some("yasmine@voisins.example".into()),
                    lang: "fr".into(),
                    key: None,
                };
                let answers: Vec<(i64, Choice)> =
                    option_ids.iter().map(|id| (*id, Choice::Yes)).collect();
                store
                    .save_poll_answers(
                        poll_id,
                        &guest,
                        "Je peux apporter une machine à coudre.",
                        &answers,
                    )
                    .await?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use essaim_domain::groups::GroupRole;
    use std::collections::HashSet;

    fn keys() -> HashSet<String> {
        demo_people()
            .iter()
            .map(|(_, email)| key_of(email).to_string())
            .collect()
    }

    #[test]
    fn every_demo_card_is_valid_and_unique() {
        let mut slugs = HashSet::new();
        for demo in DEMO_GROUPS {
            let card = demo.card().unwrap();
            assert_eq!(card.slug, demo.slug, "slug kept as written");
            assert!(slugs.insert(demo.slug), "{} twice", demo.slug);
            assert!(
                (2..=4).contains(&demo.description.split("\n\n").count()),
                "{}: 2 to 4 paragraphs",
                demo.slug
            );
        }
        assert_eq!(DEMO_GROUPS.iter().filter(|g| g.listed).count(), 36);
        assert_eq!(DEMO_GROUPS.iter().filter(|g| !g.listed).count(), 2);
        let referenced = DEMO_GROUPS.iter().filter(|g| !g.hosted).count();
        assert!((5..=7).contains(&referenced), "{referenced} referenced");
    }

    #[test]
    fn demo_memberships_are_coherent() {
        let keys = keys();
        assert_eq!(keys.len(), DEMO_PEOPLE.len() + OTHER_PEOPLE.len());
        let mut groups_of: HashMap<&str, usize> = HashMap::new();
        for demo in DEMO_GROUPS {
            let members = parse_members(demo.members);
            assert!(!members.is_empty(), "{}: a proposer", demo.slug);
            let mut seen = HashSet::new();
            for m in &members {
                assert!(keys.contains(m.key), "{}: unknown {}", demo.slug, m.key);
                assert!(seen.insert(m.key), "{}: {} twice", demo.slug, m.key);
                for role in &m.roles {
                    assert!(
                        GroupRole::from_code(role).is_some_and(|r| r != GroupRole::Member),
                        "{}: role {role}",
                        demo.slug
                    );
                }
            }
            if demo.hosted {
                assert!(
                    members[0].roles.contains(&"facilitator"),
                    "{}: the proposer facilitates",
                    demo.slug
                );
                if demo.listed {
                    assert!(
                        (3..=25).contains(&members.len()),
                        "{}: {} members",
                        demo.slug,
                        members.len()
                    );
                }
                for m in &members {
                    *groups_of.entry(m.key).or_default() += 1;
                }
            } else {
                assert_eq!(members.len(), 1, "{}: only its proposer", demo.slug);
            }
        }
        assert_eq!(groups_of["lea"], 1);
        assert_eq!(groups_of["bernard"], 2);
        assert!(groups_of["yanis"] >= 6);
        let facilitated = DEMO_GROUPS
            .iter()
            .filter(|g| g.members.starts_with("mathilde:facilitator"))
            .count();
        assert!(facilitated >= 3);
        let several = groups_of
            .values()
            .filter(|&&n| (2..=5).contains(&n))
            .count();
        assert!(several >= 20, "{several} people in 2 to 5 groups");
        for key in &keys {
            assert!(groups_of.contains_key(key.as_str()), "{key} in no group");
        }
    }

    #[test]
    fn demo_ecosystems_have_several_groups() {
        let mut count: HashMap<String, usize> = HashMap::new();
        for demo in DEMO_GROUPS.iter().filter(|g| g.listed) {
            for keyword in demo.card().unwrap().keywords {
                *count.entry(keyword).or_default() += 1;
            }
        }
        for keyword in [
            "alimentation",
            "énergie",
            "réemploi",
            "habitat",
            "numérique libre",
        ] {
            assert!(count[keyword] >= 3, "{keyword}: {}", count[keyword]);
        }
    }

    #[test]
    fn member_lists_parse() {
        assert_eq!(
            parse_members("a:facilitator,leader* b c*"),
            [
                MemberSpec {
                    key: "a",
                    roles: vec!["facilitator", "leader"],
                    public: true
                },
                MemberSpec {
                    key: "b",
                    roles: vec![],
                    public: false
                },
                MemberSpec {
                    key: "c",
                    roles: vec![],
                    public: true
                },
            ]
        );
    }

    #[test]
    fn thousands_are_spaced() {
        assert_eq!(thousands(100_000), "100 000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1 234 567");
    }
}
