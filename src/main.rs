//! The `roadmap-site` binary: all the work is in the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    limit_malloc_arenas();
    roadmap_site::cli::run(std::env::args_os())
}

/// glibc gives every thread that allocates its own malloc arena, and memory freed in
/// one arena serves only that arena. The main thread reads the inputs and the code
/// cache, frees them, and then waits while the worker threads render: with one arena
/// per worker, that freed memory is reused by a worker instead of staying idle (peak
/// memory at N=10,000 145 → 122 MiB, same time; see BENCHMARKS.md). Fewer arenas than
/// workers would make them wait on each other. `MALLOC_ARENA_MAX`, when set, wins.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_some() {
        return;
    }
    // As many as rayon's worker threads by default (not asked of rayon, which would
    // start them).
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let arenas = libc::c_int::try_from(workers).unwrap_or(libc::c_int::MAX);
    // SAFETY: mallopt only sets a tunable; called before any other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, arenas);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}
