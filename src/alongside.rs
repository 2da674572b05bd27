//! Two pieces of work → both results: one on the calling thread, the other on
//! another thread meanwhile.
//!
//! On a rayon worker (`build` runs there) the other thread is a worker too
//! (`rayon::join`): with one glibc malloc arena per worker (`cmd::malloc`), a thread
//! of its own would share an arena with a worker, and two threads allocating in one
//! arena made whole builds twice as slow, one time in two. Elsewhere (`serve`'s
//! rebuild thread) it is a scoped thread, so that the main work stays where it was:
//! moved onto the workers, its memory came from their arenas instead of reusing the
//! previous rebuild's, and rebuilds were 10–20 % slower.

/// Runs `main` here and `side` meanwhile; returns both results. A panic in `side`
/// is raised again here.
pub fn alongside<A: Send, B: Send>(
    main: impl FnOnce() -> A + Send,
    side: impl FnOnce() -> B + Send,
) -> (A, B) {
    if rayon::current_thread_index().is_some() {
        return rayon::join(main, side);
    }
    std::thread::scope(|scope| {
        let side = scope.spawn(side);
        let main = main();
        let side = side
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (main, side)
    })
}

#[cfg(test)]
mod tests {
    use super::alongside;

    #[test]
    fn both_results_come_back_in_order_on_and_off_the_pool() {
        assert_eq!(alongside(|| 1, || "side"), (1, "side"));
        let on_pool = rayon::scope(|_| alongside(|| rayon::current_thread_index().is_some(), || 2));
        assert_eq!(on_pool, (true, 2));
    }

    #[test]
    fn a_panic_on_the_side_is_raised_on_the_calling_thread() {
        let result =
            std::panic::catch_unwind(|| alongside(|| 1, || -> u8 { panic!("side failed") }));
        let panic = result.expect_err("the side's panic is raised");
        assert_eq!(panic.downcast_ref::<&str>(), Some(&"side failed"));
    }
}
