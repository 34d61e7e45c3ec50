use clap::Parser;
use marcottage::cli::{Cli, run};

/// jemalloc returns freed memory to the system where glibc kept it: the index build and each
/// password hash (19 MiB) left their high-water mark in the process for good.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

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
