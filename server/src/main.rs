//! The `server` command: serves Hearth, or manages its database.

use std::process::ExitCode;

/// mimalloc rather than glibc's malloc: rendering a page allocates and frees many small strings
/// and vectors, and under load glibc's allocator took about a fifth of the server's CPU
/// (`_int_malloc`, `_int_free`, `malloc_consolidate` at the top of a `perf` profile).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use server::{
    config::Config,
    startup::{self, Server, StopSignals},
    telemetry,
};

#[derive(Parser)]
#[command(
    name = "server",
    version,
    about = "Hearth: serves the web application and manages its database."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Apply pending migrations, then serve HTTP until SIGINT or SIGTERM (the default).
    Serve,
    /// Apply pending migrations, then run background jobs (and serve no HTTP) until SIGINT or
    /// SIGTERM: for deployments whose servers run with HEARTH_JOB_WORKERS=0.
    Worker,
    /// Apply pending migrations and exit.
    Migrate,
    /// Create an administrator, or make the existing account with this e-mail address one.
    ///
    /// The password is read from HEARTH_ADMIN_PASSWORD, or else from the first line of standard
    /// input; never from the command line, where other users and shell history would see it.
    CreateAdmin {
        /// The administrator's e-mail address.
        #[arg(long)]
        email: String,
        /// The name shown for a new account.
        #[arg(long, default_value = "Administrator")]
        name: String,
    },
    /// Fill a demo workspace ("Demo Co") with people, projects and tasks: log in as
    /// demo@example.com with the password of HEARTH_DEMO_PASSWORD (or "copper kettle rain
    /// lantern").
    SeedDemo {
        /// How many tasks to make, spread over the demo's three projects.
        #[arg(long, default_value_t = 120)]
        tasks: u32,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();

    if let Err(error) = dotenvy::dotenv()
        && !error.not_found()
    {
        eprintln!("hearth: cannot read .env: {error}");
        return ExitCode::FAILURE;
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("hearth: configuration error: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(error) = telemetry::init(config.log_format, &config.log_filter) {
        eprintln!("hearth: cannot start logging: {error}");
        return ExitCode::FAILURE;
    }

    // Serving starts runtimes of its own (`startup::Server`); the other commands need one.
    let outcome = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config),
        Command::Worker => on_a_runtime(work(config)),
        Command::Migrate => on_a_runtime(migrate(config)),
        Command::CreateAdmin { email, name } => on_a_runtime(create_admin(config, email, name)),
        Command::SeedDemo { tasks } => on_a_runtime(seed_demo(config, tasks)),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{}", describe(&error));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes on one line, skipping a cause its parent's message already quotes
/// (sqlx and io errors often repeat their source in their own message).
fn describe(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let message = cause.to_string();
        if !line.contains(&message) {
            if !line.is_empty() {
                line.push_str(": ");
            }
            line.push_str(&message);
        }
    }
    line
}

fn on_a_runtime(command: impl Future<Output = anyhow::Result<()>>) -> anyhow::Result<()> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?
        .block_on(command)
}

fn serve(config: Config) -> anyhow::Result<()> {
    let environment = config.environment;
    let database = config.database_url.to_string();
    // This thread waits for the stop signal; each runtime serves on a thread of its own.
    let waiting = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("starting the runtime that waits for the stop signal")?;
    let signals = {
        let _inside = waiting.enter();
        StopSignals::listen().context("listening for SIGINT and SIGTERM")?
    };
    let server = Server::start(config)?;
    tracing::info!(
        address = %server.address(),
        ?environment,
        %database,
        "Hearth is listening on http://{}",
        server.address()
    );
    waiting.block_on(signals.received());
    server.stop()?;
    tracing::info!("stopped");
    Ok(())
}

async fn work(config: Config) -> anyhow::Result<()> {
    let signals = StopSignals::listen().context("listening for SIGINT and SIGTERM")?;
    let services = app::services::Services::start(&config.services())
        .await
        .with_context(|| format!("starting with the database at {}", config.database_url))?;
    let workers = config.job_workers.max(1);
    tracing::info!(workers, database = %config.database_url, "running background jobs");
    startup::run_jobs(&services, workers, config.job_drain, signals.received()).await;
    services.stop().await;
    tracing::info!("stopped");
    Ok(())
}

async fn seed_demo(config: Config, tasks: u32) -> anyhow::Result<()> {
    let services = app::services::Services::start(&config.services())
        .await
        .with_context(|| format!("starting with the database at {}", config.database_url))?;
    let outcome = server::seed::run(&services, tasks).await;
    services.stop().await;
    outcome
}

async fn migrate(config: Config) -> anyhow::Result<()> {
    let url = config.database_url;
    app::db::Database::migrate(url.expose())
        .await
        .with_context(|| format!("migrating the database at {url}"))?;
    tracing::info!(database = %url, "the database is up to date");
    Ok(())
}

async fn create_admin(config: Config, email: String, name: String) -> anyhow::Result<()> {
    use app::{accounts::NewAccount, error::Error, services::Services};

    let password = match std::env::var("HEARTH_ADMIN_PASSWORD") {
        Ok(password) => password,
        Err(_) => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .context("reading the password from standard input")?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let services = Services::start(&config.services())
        .await
        .with_context(|| format!("starting with the database at {}", config.database_url))?;
    let outcome = services
        .accounts
        .create_or_promote_admin(NewAccount {
            email,
            password,
            name,
            ..NewAccount::default()
        })
        .await;
    services.stop().await;
    match outcome {
        Ok((user, true)) => {
            tracing::info!(email = %user.email, id = %user.id, "created the administrator")
        }
        Ok((user, false)) => {
            tracing::info!(email = %user.email, id = %user.id, "the account is now an administrator")
        }
        Err(error) => {
            let reasons: Vec<String> = match &error {
                Error::Invalid(errors) => errors
                    .iter()
                    .map(|error| {
                        format!(
                            "{}: {}",
                            error.field,
                            error.issue.message(Default::default())
                        )
                    })
                    .collect(),
                other => vec![other.to_string()],
            };
            anyhow::bail!("cannot create the administrator: {}", reasons.join("; "));
        }
    }
    Ok(())
}
