//! What one build (or, under `serve`, a series of builds) keeps besides the
//! configuration → handed to the stages that use it: the code cache, the memo of the
//! previous build, the slow-template notice and the stage timings.
//!
//! [`Config`](crate::Config) is what the user wrote; a `Session` is what the program
//! remembers. Commands that render nothing (`status`, `new note`, `explain`) never
//! make one, so they never highlight code or write the cache folder.

use std::sync::Arc;
use std::time::Duration;

use crate::markdown::CodeCache;
use crate::memo::Memo;

/// Caches and reporting for builds. [`Session::new`] serves one build.
#[derive(Debug, Default)]
pub struct Session {
    /// Code blocks highlighted by earlier builds (read from, and saved to, the site's
    /// cache folder).
    pub(crate) code_cache: CodeCache,
    /// What the previous build read and rendered, reused where its inputs are
    /// unchanged (off for a single build).
    pub(crate) memo: Memo,
    /// Who is told when rendering takes long.
    pub(crate) slow_notice: Option<SlowNotice>,
    /// Print the time each stage took (`--verbose`, or `ROADMAP_SITE_TIMINGS=1`).
    pub(crate) timings: bool,
    /// Whether the build saves the caches it read (code, history) for the next one.
    pub(crate) caches: Caches,
    /// The process ends right after this build (`roadmap-site build`): its large
    /// values are left to the system instead of freed. Never set for a library
    /// user, whose process goes on: for them it would be a leak.
    ends_the_process: bool,
    /// Pages carry the author's tools (source lines, where to write a note, badge
    /// snippets): only what `serve` shows its author, never what `build` publishes.
    pub(crate) author_tools: bool,
}

/// Whether a build writes the caches that speed up the next one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Caches {
    /// Read them, and save what this build added (`build`, `serve`).
    #[default]
    Save,
    /// Read them and write nothing (`check`, `status`).
    ReadOnly,
}

impl Session {
    /// A session for one build: the code cache is read from and saved to disk, and
    /// nothing else is remembered.
    pub fn new() -> Session {
        Session {
            timings: crate::timings::from_env(),
            ..Session::default()
        }
    }

    /// A session for a series of builds of one site (`serve`): code blocks and
    /// rendered pages are kept in memory from one build to the next.
    pub fn incremental() -> Session {
        Session {
            code_cache: CodeCache::kept(),
            memo: Memo::enabled(),
            ..Session::new()
        }
    }

    /// Pages show the author's tools: the roadmap line of each task, where to write a
    /// note (`serve`). A published site is for visitors and never has them.
    pub fn with_author_tools(mut self) -> Session {
        self.author_tools = true;
        self
    }

    /// Tells `notice` when a page takes long to render.
    pub fn with_slow_notice(mut self, notice: SlowNotice) -> Session {
        self.slow_notice = Some(notice);
        self
    }

    /// Reads the caches and writes nothing: not even a cache folder (`check`).
    pub fn without_saving_caches(mut self) -> Session {
        self.caches = Caches::ReadOnly;
        self
    }

    /// For `roadmap-site build`, whose process ends after one build: the site's
    /// values are not freed. Freeing them on a worker takes one of the two cores
    /// from the pages still being written: with it, and the output folder scanned
    /// before the model instead of beside it, a cold build of 10,000 tasks took
    /// 2.09 s against 1.53 s before this redesign; without both, the same within
    /// noise (BENCHMARKS.md, session 7).
    pub(crate) fn ending_the_process(mut self) -> Session {
        self.ends_the_process = true;
        self
    }

    /// Lets go of a large value a build is done with: freed on a worker, where
    /// nothing waits for it, or left to the system when the process is about to end.
    pub(crate) fn let_go<T: Send + 'static>(&self, value: T) {
        match self.ends_the_process {
            true => std::mem::forget(value),
            false => rayon::spawn(move || drop(value)),
        }
    }

    /// Prints each stage's time on stderr (`--verbose`).
    pub fn with_timings(mut self, on: bool) -> Session {
        self.timings |= on;
        self
    }

    /// What the last build took from the previous one (`serve`'s rebuilds).
    pub fn reused(&self) -> crate::Reused {
        self.memo.reused()
    }

    /// What the code cache holds, in a line (how many blocks), to see it in tests.
    /// Its lifecycle stays with the builds.
    pub fn code_cache_summary(&self) -> String {
        format!("{:?}", self.code_cache)
    }

    /// A stopwatch for one stage's parts, printing only when timings are on.
    pub(crate) fn stopwatch(&self) -> crate::timings::Stopwatch {
        crate::timings::Stopwatch::new(self.timings)
    }
}

/// Who is told that the render stage is slow, and after how long.
#[derive(Clone)]
pub struct SlowNotice {
    /// How long rendering may take before the notice.
    pub after: Duration,
    /// Receives the notice: one line, without a newline.
    pub tell: Arc<dyn Fn(&str) + Send + Sync>,
}

impl SlowNotice {
    /// The wait of `build`, `check` and `serve`: far longer than an ordinary site
    /// takes (a site of 10,000 tasks renders in well under a second), short enough
    /// that nobody wonders yet whether the program hangs.
    pub const AFTER: Duration = Duration::from_secs(3);
}

impl std::fmt::Debug for SlowNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SlowNotice")
            .field("after", &self.after)
            .finish_non_exhaustive()
    }
}
