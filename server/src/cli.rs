//! The `rookery` command line.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use rookery_domain::db;
use rookery_domain::secrets::{self, Keyring};
use rookery_domain::service::{auth, domain_blocks, media, sealing};
use rookery_domain::types::RoleKey;

use crate::config::Config;
use crate::media_store::ObjectMediaStore;
use crate::secrets_file;
use crate::start::{self, StartError};

#[derive(Debug, Parser)]
#[command(
    name = "rookery",
    version,
    about = "A self-hosted social server for the fediverse"
)]
pub struct Cli {
    /// A TOML configuration file, read over the defaults.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database and serve HTTP (and background workers).
    Serve {
        /// Serve HTTP only; leave background jobs to `rookery worker` processes.
        #[arg(long)]
        no_workers: bool,
    },
    /// Run background workers only (deliveries), for a process beside `serve --no-workers`.
    Worker {
        /// The queues to work on, comma separated (default: all of them).
        #[arg(long, value_delimiter = ',')]
        queues: Vec<String>,
    },
    /// Apply, roll back or list database migrations.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Administer users.
    Admin {
        #[command(subcommand)]
        action: AdminAction,
    },
    /// Manage stored media.
    Media {
        #[command(subcommand)]
        action: MediaAction,
    },
    /// Inspect the configuration.
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },
    /// The key that seals secrets at rest.
    Secrets {
        #[command(subcommand)]
        action: SecretsAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum SecretsAction {
    /// Seal every secret again under a new key, then forget the old one.
    Rotate,
}

#[derive(Debug, Subcommand)]
pub enum MigrateAction {
    /// Apply every pending migration.
    Up,
    /// Roll back the latest migration.
    Down,
    /// List migrations and whether each is applied.
    Status,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Owner,
    Admin,
    Moderator,
    User,
}

#[derive(Debug, Subcommand)]
pub enum AdminAction {
    /// Create a confirmed, approved local user (whatever the registration mode).
    CreateUser {
        #[arg(long)]
        username: String,
        #[arg(long)]
        email: String,
        #[arg(long, value_enum, default_value = "user")]
        role: RoleArg,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Stop federating with a domain (and its subdomains): nothing is received from,
    /// fetched from or resolved on it.
    BlockDomain {
        #[arg(long)]
        domain: String,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Federate with a blocked domain again.
    UnblockDomain {
        #[arg(long)]
        domain: String,
    },
    /// List blocked domains.
    DomainBlocks,
    /// Set a new password for a user and revoke all its tokens.
    ResetPassword {
        #[arg(long)]
        username: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum MediaAction {
    /// Forget copies of remote media older than some days (clients are sent to the remote
    /// server again), and remove uploads never posted for a day.
    Prune {
        /// Keep copies made in the last DAYS days (default: media.remote_cache_days).
        #[arg(long)]
        days: Option<u32>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print the effective configuration, secrets redacted.
    Check,
}

/// Runs the command; the error says what went wrong and carries the exit code.
pub async fn run(cli: Cli) -> Result<(), StartError> {
    let config = Config::load(cli.config.as_deref())?;
    start::init_logging(&config);
    match cli.command {
        Command::Serve { no_workers } => start::serve(config, !no_workers).await,
        Command::Worker { queues } => start::work(config, queues).await,
        Command::Migrate { action } => migrate(&config, action).await,
        Command::Admin { action } => admin(&config, action).await,
        Command::Media {
            action: MediaAction::Prune { days },
        } => prune_media(&config, days).await,
        Command::Config {
            action: ConfigAction::Check,
        } => {
            print!("{}", config.redacted_toml());
            Ok(())
        }
        Command::Secrets {
            action: SecretsAction::Rotate,
        } => rotate_secrets(&config).await,
    }
}

/// Seals every secret under a new key: first the key file holds the new key and the old
/// (so a process started meanwhile opens both), then everything is sealed again, then the
/// file holds the new key alone. A key given as `secrets.key` cannot be written: the new
/// one is printed, to be set in its place.
async fn rotate_secrets(config: &Config) -> Result<(), StartError> {
    let connection = start::open_database(config).await?;
    let runtime = |e: String| StartError::Runtime(e);
    let old = secrets::installed().map_err(|e| runtime(e.to_string()))?;
    let new_key = secrets::new_key().map_err(|e| runtime(e.to_string()))?;
    let old_keys = start::configured_keys(config)?;
    let mut both = vec![new_key.as_str()];
    both.extend(old_keys.iter().map(String::as_str));
    let rotating =
        Keyring::from_base64(both.iter().copied()).map_err(|e| runtime(e.to_string()))?;
    let file = config.secrets_key_file();
    if config.secrets.key.is_none() {
        secrets_file::create(&file, &both)
            .map_err(|e| runtime(format!("writing {}: {e}", file.display())))?;
    }
    let sealed = sealing::seal_all(&connection, &rotating)
        .await
        .map_err(|e| runtime(format!("sealing again: {e}")))?;
    match &config.secrets.key {
        Some(_) => {
            println!(
                "sealed {sealed} secrets under a new key; set secrets.key (ROOKERY_SECRETS__KEY) to:"
            );
            println!("{new_key}");
        }
        None => {
            secrets_file::create(&file, &[&new_key])
                .map_err(|e| runtime(format!("writing {}: {e}", file.display())))?;
            println!(
                "sealed {sealed} secrets under a new key (was {}, now {}), kept in {}",
                old.sealing_key_id(),
                rotating.sealing_key_id(),
                file.display()
            );
        }
    }
    start::close(connection).await
}

async fn migrate(config: &Config, action: MigrateAction) -> Result<(), StartError> {
    let connection = start::open_database(config).await?;
    let runtime = |e: db::DbErr| StartError::Runtime(format!("migration failed: {e}"));
    match action {
        MigrateAction::Up => {
            start::migrate(&connection).await?;
            println!("database is up to date");
        }
        MigrateAction::Down => {
            db::rollback(&connection, Some(1)).await.map_err(runtime)?;
            println!("rolled back one migration");
        }
        MigrateAction::Status => {
            for (name, applied) in db::migration_status(&connection).await.map_err(runtime)? {
                println!("{} {name}", if applied { "applied" } else { "pending" });
            }
        }
    }
    Ok(())
}

fn read_password(from_stdin: bool) -> Result<String, StartError> {
    let failed = |e: std::io::Error| StartError::Runtime(format!("reading the password: {e}"));
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(failed)?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    if !std::io::stdin().is_terminal() {
        return Err(StartError::Runtime(
            "no terminal to ask for a password: use --password-stdin".into(),
        ));
    }
    let password = rpassword::prompt_password("Password: ").map_err(failed)?;
    let again = rpassword::prompt_password("Password again: ").map_err(failed)?;
    if password != again {
        return Err(StartError::Runtime("the passwords differ".into()));
    }
    Ok(password)
}

/// A progress bar on standard error: `[#####     ] 50/100`, redrawn in place.
fn show_progress(done: u64, total: u64) {
    const WIDTH: u64 = 30;
    let filled = (done.min(total) * WIDTH)
        .checked_div(total)
        .unwrap_or(WIDTH);
    let bar: String = (0..WIDTH)
        .map(|i| if i < filled { '#' } else { ' ' })
        .collect();
    eprint!("\r[{bar}] {done}/{total}");
}

async fn prune_media(config: &Config, days: Option<u32>) -> Result<(), StartError> {
    let connection = start::open_database(config).await?;
    db::migrate(&connection)
        .await
        .map_err(|e| StartError::Runtime(format!("migrating the database: {e}")))?;
    let store = ObjectMediaStore::open(config)?;
    let failed = |e: rookery_domain::DomainError| StartError::Runtime(e.to_string());
    let days = days.unwrap_or(config.media.remote_cache_days);
    let age = chrono::Duration::days(i64::from(days));
    let total = media::count_remote_cached(&connection, age)
        .await
        .map_err(failed)?;
    println!("{total} copies of remote media older than {days} days");
    let pruned = media::prune_remote_cache(&connection, &store, age, |done| {
        show_progress(done, total);
    })
    .await
    .map_err(failed)?;
    if total > 0 {
        eprintln!();
    }
    let orphans = media::remove_orphans(&connection, &store, chrono::Duration::hours(24))
        .await
        .map_err(failed)?;
    println!("pruned {pruned} remote copies; removed {orphans} uploads never posted");
    start::close(connection).await
}

async fn admin(config: &Config, action: AdminAction) -> Result<(), StartError> {
    let instance = config.instance_defaults()?;
    let connection = start::open_database(config).await?;
    db::migrate(&connection)
        .await
        .map_err(|e| StartError::Runtime(format!("migrating the database: {e}")))?;
    match action {
        AdminAction::CreateUser {
            username,
            email,
            role,
            password_stdin,
        } => {
            let password = read_password(password_stdin)?;
            let role = match role {
                RoleArg::Owner => RoleKey::Owner,
                RoleArg::Admin => RoleKey::Admin,
                RoleArg::Moderator => RoleKey::Moderator,
                RoleArg::User => RoleKey::User,
            };
            let new = auth::NewUser {
                username,
                email,
                password,
                role,
                approved: true,
                confirmed: true,
                reason: None,
            };
            let (account, user) = auth::create_user(&connection, &instance, new)
                .await
                .map_err(|e| StartError::Runtime(e.to_string()))?;
            println!(
                "created {} ({}) as {}",
                account.username,
                account.actor_id,
                user.role.as_stored()
            );
        }
        AdminAction::BlockDomain { domain, reason } => {
            let input = domain_blocks::BlockInput::suspend(&domain, reason);
            let block = domain_blocks::set(&connection, None, input)
                .await
                .map_err(|e| StartError::Runtime(e.to_string()))?;
            println!("blocked {}", block.domain);
        }
        AdminAction::UnblockDomain { domain } => {
            let lifted = domain_blocks::remove(&connection, None, &domain)
                .await
                .map_err(|e| StartError::Runtime(e.to_string()))?;
            if !lifted {
                return Err(StartError::Runtime(format!("{domain} was not blocked")));
            }
            println!("unblocked {domain}");
        }
        AdminAction::DomainBlocks => {
            let blocks = domain_blocks::list(&connection, None)
                .await
                .map_err(|e| StartError::Runtime(e.to_string()))?;
            for block in blocks {
                println!(
                    "{}\t{}\t{}",
                    block.domain,
                    block.severity.as_str(),
                    block.private_comment
                );
            }
        }
        AdminAction::ResetPassword {
            username,
            password_stdin,
        } => {
            let password = read_password(password_stdin)?;
            auth::reset_password(&connection, &username, password)
                .await
                .map_err(|e| StartError::Runtime(e.to_string()))?;
            println!("password changed for {username}; all its sessions are logged out");
        }
    }
    Ok(())
}
