//! The `server` command: serves Hearth, or manages its database.

use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use server::{
    config::Config,
    startup::{Application, shutdown_signal},
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
    /// Apply pending migrations and exit.
    Migrate,
}

#[tokio::main]
async fn main() -> ExitCode {
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

    let outcome = match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config).await,
        Command::Migrate => migrate(config).await,
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

async fn serve(config: Config) -> anyhow::Result<()> {
    let environment = config.environment;
    let database = config.database_url.to_string();
    let application = Application::build(config).await?;
    tracing::info!(
        address = %application.address(),
        ?environment,
        %database,
        "Hearth is listening on http://{}",
        application.address()
    );
    application.run_until_stopped(shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

async fn migrate(config: Config) -> anyhow::Result<()> {
    let url = config.database_url;
    app::db::Database::migrate(url.expose())
        .await
        .with_context(|| format!("migrating the database at {url}"))?;
    tracing::info!(database = %url, "the database is up to date");
    Ok(())
}
