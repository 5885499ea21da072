//! `essaim demo`: a demonstration instance that needs nothing else.
//!
//! SQLite in `./essaim-demo/`, emails kept in the outbox (read them at
//! `/admin/outbox`), and demo content written by us. Each feature adds its
//! demo content here; running the demo again keeps what is there.

use std::path::Path;

use essaim_store::accounts::NewUser;
use essaim_store::{Store, StoreError};

use crate::config::Config;
use crate::server;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "demo-essaim-2026";

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
        "animatrice d'un groupe",
    ),
    (
        "Yanis Benali",
        "yanis@demo.essaim.test",
        false,
        "membre de plusieurs groupes",
    ),
    (
        "Léa Dubois",
        "lea@demo.essaim.test",
        false,
        "nouvelle venue",
    ),
    (
        "Bernard Petit",
        "bernard@demo.essaim.test",
        false,
        "participe surtout par e-mail",
    ),
];

/// Runs the demo server.
pub async fn run(config_file: Option<&Path>) -> anyhow::Result<()> {
    let mut config = Config::load(config_file)?;
    config.database_url = "sqlite://./essaim-demo/essaim.db".into();
    config.data_dir = "./essaim-demo/files".into();
    config.smtp_url = None;
    config.worker = true;
    if config.instance_name == "Essaim" {
        config.instance_name = "Essaim (démo)".into();
    }
    config.mail_domain = "demo.essaim.test".into();
    config.mail_from = "ne-pas-repondre@demo.essaim.test".into();
    let store = server::open_store(&config).await?;
    seed(&store).await?;
    let running = server::start_with_store(&config, store).await?;
    let url = if config.base_url.port_or_known_default() == Some(running.addr.port()) {
        config.base_url.to_string()
    } else {
        format!("http://{}/", running.addr)
    };
    println!();
    println!("  Essaim (démo) est prêt : {url}");
    println!();
    println!("  Comptes de démonstration, tous avec le mot de passe « {DEMO_PASSWORD} » :");
    for (name, email, _, role) in DEMO_PEOPLE {
        println!("    {email:<28} {name} — {role}");
    }
    println!();
    println!("  Aucun e-mail ne part vraiment : connectez-vous comme Camille et lisez-les sur {url}admin/outbox");
    println!(
        "  Les données sont dans ./essaim-demo/ (supprimez ce dossier pour repartir de zéro)."
    );
    println!();
    server::serve_until_signal(running).await
}

/// Writes the demo content that is not there yet.
pub async fn seed(store: &Store) -> anyhow::Result<()> {
    let hash = essaim_web::accounts::hash_password(DEMO_PASSWORD.to_string()).await?;
    for (name, email, admin, _) in DEMO_PEOPLE {
        let new = NewUser {
            email: (*email).into(),
            name: (*name).into(),
            password_hash: Some(hash.clone()),
            is_admin: *admin,
            verified: true,
            lang: Some("fr".into()),
        };
        match store.create_user(&new).await {
            Ok(_) | Err(StoreError::Conflict) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}
