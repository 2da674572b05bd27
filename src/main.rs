//! The `roadmap-site` binary: all the work is in the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    roadmap_site::cli::run(std::env::args_os())
}
