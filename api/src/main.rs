use clap::Parser;
use marcottage::cli::{Cli, run};

#[actix_web::main]
async fn main() -> std::process::ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error:#}");
            eprintln!("marcottage: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
