//! The `roadmap-site` binary: all the work is in the library.

use std::process::ExitCode;

// Building a site makes and frees many small strings and tables, from several
// threads at once; mimalloc does that faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    roadmap_site::cli::run(std::env::args_os())
}
