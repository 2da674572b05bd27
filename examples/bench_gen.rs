//! `bench_gen N DIR` → the synthetic roadmap of N tasks written as a roadmap-site,
//! Hugo, Zola and mdBook site under DIR, for `bench/compare.sh`. Prints the number
//! of pages each tool must produce.

#[path = "../bench/synthetic/mod.rs"]
mod synthetic;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(dir)) = (args.first().and_then(|n| n.parse().ok()), args.get(1)) else {
        eprintln!("usage: bench_gen N DIR");
        return ExitCode::from(2);
    };
    let site = synthetic::generate(n);
    if let Err(e) = synthetic::sites::write_all(&site, &PathBuf::from(dir)) {
        eprintln!("bench_gen: {e}");
        return ExitCode::FAILURE;
    }
    println!("{}", site.page_count());
    ExitCode::SUCCESS
}
