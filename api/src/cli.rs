//! The `marcottage` command line: serve, migrate, seed and print the OpenAPI document.

use std::io::Write;

use anyhow::Context;
use clap::{Parser, Subcommand};
use migration::{Migrator, MigratorTrait};

use crate::db::Db;
use crate::{
    Application,
    accounts::{Role, admin as accounts_admin},
    config::Config,
    db, openapi, seed,
    taxonomies::{Taxonomies, TaxonomyKind},
    telemetry,
};

#[derive(Debug, Parser)]
#[command(
    name = "marcottage",
    version,
    about = "The open codevelopment marketplace"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API (and the built web app) — the default.
    Serve,
    /// Manage the database schema.
    Migrate {
        #[command(subcommand)]
        action: MigrateAction,
    },
    /// Print the OpenAPI document as YAML.
    Openapi,
    /// Manage administrators and facilitators.
    Admin {
        #[command(subcommand)]
        action: AdminAction,
    },
    /// Load demo or benchmark data (deterministic and idempotent).
    Seed {
        /// A realistic demo marketplace (accounts share the password `marcottage demo 2026`).
        #[arg(long)]
        demo: bool,
        /// N opportunities, N/3 projects and a few hundred members, for benchmarks.
        #[arg(long, value_name = "N")]
        scale: Option<usize>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminAction {
    /// Create an administrator account (e-mail already verified). The password is read from
    /// MARCOTTAGE_ADMIN_PASSWORD, else generated and printed once.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administrator")]
        display_name: String,
    },
    /// Give an existing member a role.
    Grant {
        #[arg(long)]
        email: String,
        #[arg(long, value_enum)]
        role: RoleArg,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum RoleArg {
    Member,
    Facilitator,
    Admin,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Member => Role::Member,
            RoleArg::Facilitator => Role::Facilitator,
            RoleArg::Admin => Role::Admin,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum MigrateAction {
    /// Apply every pending migration.
    Up,
    /// Revert the last applied migration.
    Down,
    /// List migrations and whether they are applied.
    Status,
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Openapi => print(&openapi::yaml()?),
        Command::Serve => serve().await,
        Command::Migrate { action } => migrate(action).await,
        Command::Seed { demo, scale } => seed(demo, scale).await,
        Command::Admin { action } => admin(action).await,
    }
}

fn print(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

/// Logging needs the configuration, and the configuration warns through logging: so the
/// format and level are read first, the rest after.
fn load_config() -> anyhow::Result<Config> {
    let config = Config::load();
    match &config {
        Ok(config) => telemetry::init(config.log_format, &config.log_level),
        Err(_) => telemetry::init(Default::default(), "info"),
    }
    Ok(config?)
}

async fn serve() -> anyhow::Result<()> {
    let config = load_config()?;
    let bind = config.bind;
    let application = Application::build(config).await?;
    tracing::info!(address = %bind, port = application.port(), "Marcottage is listening");
    application
        .run_until_stopped()
        .await
        .context("the server stopped with an error")
}

async fn migrate(action: MigrateAction) -> anyhow::Result<()> {
    let config = load_config()?;
    // One plain connection: migrations go down as well as up here.
    let db = db::connect(&config, Some(1)).await?;
    match action {
        MigrateAction::Up => Migrator::up(&db, None).await?,
        MigrateAction::Down => Migrator::down(&db, Some(1)).await?,
        MigrateAction::Status => {
            let mut lines = String::new();
            for migration in Migrator::get_migration_with_status(&db).await? {
                lines.push_str(&format!(
                    "{:<10} {}\n",
                    format!("{:?}", migration.status()),
                    migration.name()
                ));
            }
            if lines.is_empty() {
                lines.push_str("no migrations\n");
            }
            print(&lines)?;
        }
    }
    Ok(())
}

async fn seed(demo: bool, scale: Option<usize>) -> anyhow::Result<()> {
    anyhow::ensure!(
        demo || scale.is_some(),
        "say which data to load: `marcottage seed --demo` or `marcottage seed --scale N`"
    );
    let config = load_config()?;
    // The demo's accounts, an admin among them, share a password printed in the README.
    anyhow::ensure!(
        config.environment != crate::config::Environment::Production,
        "seeding is refused in production (MARCOTTAGE_ENVIRONMENT=production): the demo and \
         benchmark accounts share a published password"
    );
    let db = Db::open(&config).await?;
    // Reference data ships inside the binary; the demo marketplace builds on it.
    let taxonomies = Taxonomies::load()?;
    for kind in TaxonomyKind::ALL {
        tracing::debug!(taxonomy = ?kind, terms = taxonomies.terms(kind).len(), "reference data ready");
    }
    if demo {
        let started = std::time::Instant::now();
        match seed::demo(&db).await? {
            Some(summary) => print(&format!(
                "demo seeded in {:.1} s: {summary}; every demo account's password is \"{}\"\n",
                started.elapsed().as_secs_f64(),
                seed::DEMO_PASSWORD
            ))?,
            None => print(&format!(
                "demo data already present ({} exists): nothing to do\n",
                seed::DEMO_OWNER
            ))?,
        }
    }
    if let Some(count) = scale {
        let started = std::time::Instant::now();
        match seed::scale(&db, count).await? {
            Some(summary) => print(&format!(
                "scale seeded in {:.1} s: {summary}\n",
                started.elapsed().as_secs_f64()
            ))?,
            None => print(&format!(
                "benchmark data already present ({} exists): nothing to do\n",
                seed::SCALE_OWNER
            ))?,
        }
    }
    Ok(())
}

async fn admin(action: AdminAction) -> anyhow::Result<()> {
    let config = load_config()?;
    let db = Db::open(&config).await?;
    match action {
        AdminAction::Create {
            email,
            display_name,
        } => {
            let (password, generated) = match std::env::var("MARCOTTAGE_ADMIN_PASSWORD") {
                Ok(password) => (password, false),
                Err(_) => (accounts_admin::generate_password(), true),
            };
            accounts_admin::create_admin(&db, &email, &display_name, &password).await?;
            if generated {
                print(&format!(
                    "created admin {email} with password: {password}\n"
                ))?;
            } else {
                print(&format!("created admin {email}\n"))?;
            }
        }
        AdminAction::Grant { email, role } => {
            accounts_admin::grant(&db, &email, role.into()).await?;
            print(&format!("{email} is now {}\n", Role::from(role).as_str()))?;
        }
    }
    Ok(())
}
