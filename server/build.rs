//! Lets the server build without the web client: when `frontend/dist` (made by
//! `vite build`) is missing, it is made empty, and the binary serves its plain pages.
//! The binary is built again whenever the client's build changes.

use std::path::Path;

fn main() {
    let dist = Path::new("../frontend/dist");
    if !dist.exists()
        && let Err(error) = std::fs::create_dir_all(dist)
    {
        println!(
            "cargo::error=cannot make {} for the web client: {error}",
            dist.display()
        );
    }
    println!("cargo::rerun-if-changed=../frontend/dist");
}
