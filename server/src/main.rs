//! The `rookery` binary.

use clap::Parser;
use rookery_server::cli::{self, Cli};

/// Many small allocations made on several threads at once are what a busy server does;
/// mimalloc serves them without glibc's locks and consolidation passes.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    // Both ring and aws-lc-rs are compiled in; choose one before any TLS is set up.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let parsed = Cli::parse();
    if let Err(error) = cli::run(parsed).await {
        eprintln!("rookery: {error}");
        std::process::exit(error.exit_code());
    }
}
