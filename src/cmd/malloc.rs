//! The process's allocator settings for a one-shot `build`.

/// glibc gives every thread that allocates its own malloc arena, and memory freed in
/// one arena serves only that arena. `build`'s main thread reads the inputs and the
/// code cache, frees them, and then waits while the worker threads render: with as
/// many arenas as workers, the main thread shares its arena with a worker, which then
/// reuses that freed memory instead of leaving it idle (peak memory at N=10,000:
/// 145 → 122 MiB, same time; see BENCHMARKS.md). Not for
/// `serve`, whose server and watcher threads allocate too and would then wait on the
/// workers' arenas. `MALLOC_ARENA_MAX`, when set, wins. Call before any work starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn one_arena_per_worker() {
    if std::env::var_os("MALLOC_ARENA_MAX").is_some() {
        return;
    }
    // rayon's number of workers, found as rayon finds it (asking rayon would start
    // them): RAYON_NUM_THREADS when it is a number above 0, else one per core.
    let workers = std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let arenas = libc::c_int::try_from(workers).unwrap_or(libc::c_int::MAX);
    // SAFETY: mallopt only sets a tunable of the allocator.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, arenas);
    }
}

/// Other systems' allocators are left as they are.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn one_arena_per_worker() {}
