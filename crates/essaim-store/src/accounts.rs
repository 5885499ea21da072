//! Accounts: people, their email verification, magic links and password resets.

use essaim_domain::ids::UserId;
use serde::Serialize;

use crate::db::{q, Tx};
use crate::outbox::{self, OutgoingEmail};
use crate::{hash_token, Result, Store, StoreError};

/// Columns of [`User`], in one place so every query reads the same shape.
pub(crate) const USER_COLUMNS: &str =
    "id, email, name, password_hash, email_verified_at, is_admin, is_helper, \
     lang, email_frequency, email_newsletter, created_at";

/// A person with an account.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct User {
    /// Identifier.
    pub id: UserId,
    /// Normalized email address.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Argon2id hash; `None` for accounts that only use magic links.
    #[serde(skip)]
    pub password_hash: Option<String>,
    /// When the address was confirmed.
    pub email_verified_at: Option<i64>,
    /// Instance administrator.
    pub is_admin: bool,
    /// Helper across the network.
    pub is_helper: bool,
    /// Chosen interface language (`fr`, `en`), if any.
    pub lang: Option<String>,
    /// How often activity email is wanted (see `EmailFrequency`).
    pub email_frequency: String,
    /// Whether the network's newsletter is wanted.
    pub email_newsletter: bool,
    /// Creation time.
    pub created_at: i64,
}

impl User {
    /// Who this account is, for the permission rules (emails and jobs ask
    /// on behalf of a recipient the same way pages ask for a visitor).
    pub fn viewer(&self) -> essaim_domain::permissions::Viewer {
        essaim_domain::permissions::Viewer {
            user_id: Some(self.id),
            is_admin: self.is_admin,
            is_helper: self.is_helper,
        }
    }

    /// The language emails to this account are written in.
    pub fn language(&self) -> essaim_domain::i18n::Lang {
        essaim_domain::i18n::Lang::or_default(self.lang.as_deref())
    }
}

/// A new account to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Normalized email.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Argon2id hash, if a password was chosen.
    pub password_hash: Option<String>,
    /// Make this account an administrator (the first account always is).
    pub is_admin: bool,
    /// The address is already known to be right (created by an admin).
    pub verified: bool,
    /// Interface language chosen at registration.
    pub lang: Option<String>,
}

/// Why an email token exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    /// Confirms the email address.
    Verify,
    /// Logs in without a password.
    Login,
    /// Lets a person choose a new password.
    Reset,
}

impl TokenPurpose {
    fn code(self) -> &'static str {
        match self {
            TokenPurpose::Verify => "verify",
            TokenPurpose::Login => "login",
            TokenPurpose::Reset => "reset",
        }
    }

    /// How long a link stays valid, in seconds.
    pub fn lifetime(self) -> i64 {
        match self {
            TokenPurpose::Verify => 7 * 24 * 3600,
            TokenPurpose::Login => 20 * 60,
            TokenPurpose::Reset => 60 * 60,
        }
    }
}

/// Profile fields a person edits on their account page.
#[derive(Debug, Clone)]
pub struct ProfileUpdate {
    /// Display name.
    pub name: String,
    /// Interface language.
    pub lang: String,
    /// Activity email frequency code.
    pub email_frequency: String,
    /// Newsletter wanted.
    pub email_newsletter: bool,
}

#[derive(sqlx::FromRow)]
struct Count {
    n: i64,
}

#[derive(sqlx::FromRow)]
struct UserIdRow {
    user_id: UserId,
}

/// Creates an account inside `tx`; the first account of an instance is an
/// administrator. A taken address gives [`StoreError::Conflict`].
pub async fn create_user(tx: &mut Tx, user: &NewUser, now: i64) -> Result<User> {
    let existing: Count = tx.one(q("SELECT COUNT(*) AS n FROM users")).await?;
    let is_admin = user.is_admin || existing.n == 0;
    let sql = format!(
        "INSERT INTO users (email, name, password_hash, email_verified_at, is_admin, lang, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING {USER_COLUMNS}"
    );
    tx.one(
        q(sql)
            .bind(&user.email)
            .bind(&user.name)
            .bind(user.password_hash.clone())
            .bind(user.verified.then_some(now))
            .bind(is_admin)
            .bind(user.lang.clone())
            .bind(now),
    )
    .await
    .map_err(StoreError::unique_to_conflict)
}

/// Stores a one-use link token (its hash) for `user_id` inside `tx`.
pub async fn create_email_token(
    tx: &mut Tx,
    user_id: UserId,
    purpose: TokenPurpose,
    token: &str,
    now: i64,
) -> Result<()> {
    tx.execute(
        q("INSERT INTO email_tokens (token_hash, user_id, purpose, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(hash_token(token))
            .bind(user_id)
            .bind(purpose.code())
            .bind(now)
            .bind(now + purpose.lifetime()),
    )
    .await?;
    Ok(())
}

impl Store {
    /// Registers a person: the account, its verification token and the
    /// verification email are written in one transaction.
    pub async fn register(
        &self,
        user: &NewUser,
        verify_token: &str,
        email: &OutgoingEmail,
    ) -> Result<User> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let created = create_user(&mut tx, user, now).await?;
        create_email_token(&mut tx, created.id, TokenPurpose::Verify, verify_token, now).await?;
        outbox::enqueue(&mut tx, email, now).await?;
        tx.commit().await?;
        Ok(created)
    }

    /// Creates an account with no email (command line, demo content).
    pub async fn create_user(&self, user: &NewUser) -> Result<User> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let created = create_user(&mut tx, user, now).await?;
        tx.commit().await?;
        Ok(created)
    }

    /// Stores a link token and queues the email that carries it, together.
    pub async fn send_link(
        &self,
        user_id: UserId,
        purpose: TokenPurpose,
        token: &str,
        email: &OutgoingEmail,
    ) -> Result<()> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        create_email_token(&mut tx, user_id, purpose, token, now).await?;
        outbox::enqueue(&mut tx, email, now).await?;
        tx.commit().await
    }

    /// Uses a link token once: returns its account if the token exists, has
    /// this purpose, is unused and unexpired. A second use returns `None`.
    pub async fn consume_email_token(
        &self,
        purpose: TokenPurpose,
        token: &str,
    ) -> Result<Option<User>> {
        let now = self.now();
        let mut tx = self.db().begin().await?;
        let row: Option<UserIdRow> = tx
            .opt(
                q("UPDATE email_tokens SET used_at = $1 \
                   WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 \
                   RETURNING user_id")
                .bind(now)
                .bind(hash_token(token))
                .bind(purpose.code()),
            )
            .await?;
        let Some(UserIdRow { user_id }) = row else {
            return Ok(None);
        };
        // Any way of proving access to the mailbox confirms the address.
        tx.execute(
            q("UPDATE users SET email_verified_at = $1 WHERE id = $2 AND email_verified_at IS NULL")
                .bind(now)
                .bind(user_id),
        )
        .await?;
        let user = tx
            .one(q(format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1")).bind(user_id))
            .await?;
        tx.commit().await?;
        Ok(Some(user))
    }

    /// Whether a link token is currently usable, without using it.
    pub async fn email_token_is_valid(&self, purpose: TokenPurpose, token: &str) -> Result<bool> {
        let row: Option<UserIdRow> = self
            .db()
            .opt(
                q("SELECT user_id FROM email_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3")
                    .bind(hash_token(token))
                    .bind(purpose.code())
                    .bind(self.now()),
            )
            .await?;
        Ok(row.is_some())
    }

    /// Finds an account by (normalized) email.
    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        self.db()
            .opt(q(format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1")).bind(email))
            .await
    }

    /// Finds an account by id.
    pub async fn user_by_id(&self, id: UserId) -> Result<Option<User>> {
        self.db()
            .opt(q(format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1")).bind(id))
            .await
    }

    /// Number of accounts.
    pub async fn count_users(&self) -> Result<i64> {
        let c: Count = self.db().one(q("SELECT COUNT(*) AS n FROM users")).await?;
        Ok(c.n)
    }

    /// Saves the account page's profile fields.
    pub async fn update_profile(&self, user_id: UserId, update: &ProfileUpdate) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE users SET name = $1, lang = $2, email_frequency = $3, email_newsletter = $4, updated_at = $5 WHERE id = $6")
                    .bind(&update.name)
                    .bind(&update.lang)
                    .bind(&update.email_frequency)
                    .bind(update.email_newsletter)
                    .bind(self.now())
                    .bind(user_id),
            )
            .await?;
        Ok(())
    }

    /// Saves only the interface language (the switcher in the header).
    pub async fn set_lang(&self, user_id: UserId, lang: &str) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE users SET lang = $1, updated_at = $2 WHERE id = $3")
                    .bind(lang)
                    .bind(self.now())
                    .bind(user_id),
            )
            .await?;
        Ok(())
    }

    /// Sets a new password hash and ends every other session of the account,
    /// keeping `keep_session` (the hash of the current one) if given.
    pub async fn set_password(
        &self,
        user_id: UserId,
        password_hash: &str,
        keep_session: Option<&str>,
    ) -> Result<()> {
        let mut tx = self.db().begin().await?;
        tx.execute(
            q("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
                .bind(password_hash)
                .bind(self.now())
                .bind(user_id),
        )
        .await?;
        tx.execute(
            q("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
                .bind(user_id)
                .bind(keep_session.unwrap_or("")),
        )
        .await?;
        tx.commit().await
    }

    /// Grants or removes the administrator role.
    pub async fn set_admin(&self, user_id: UserId, is_admin: bool) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE users SET is_admin = $1 WHERE id = $2")
                    .bind(is_admin)
                    .bind(user_id),
            )
            .await?;
        Ok(())
    }
}

impl Store {
    /// Forgets link tokens that expired more than a day ago.
    pub async fn purge_email_tokens(&self) -> Result<u64> {
        self.db()
            .execute(q("DELETE FROM email_tokens WHERE expires_at < $1").bind(self.now() - 86_400))
            .await
    }
}

impl Store {
    /// Accounts whose name or email contains `text` (case-insensitive), by name.
    pub async fn search_users(&self, text: &str, limit: i64) -> Result<Vec<User>> {
        let pattern = format!(
            "%{}%",
            text.trim().to_lowercase().replace(['%', '_', '\\'], "")
        );
        self.db()
            .all(
                q(format!(
                    "SELECT {USER_COLUMNS} FROM users WHERE LOWER(name) LIKE $1 OR email LIKE $1 ORDER BY name, id LIMIT $2"
                ))
                .bind(pattern)
                .bind(limit),
            )
            .await
    }

    /// Grants or removes the helper role.
    pub async fn set_helper(&self, user_id: UserId, is_helper: bool) -> Result<()> {
        self.db()
            .execute(
                q("UPDATE users SET is_helper = $1 WHERE id = $2")
                    .bind(is_helper)
                    .bind(user_id),
            )
            .await?;
        Ok(())
    }
}
