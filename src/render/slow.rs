//! A word when rendering takes long. A theme template with a long loop can render for
//! minutes with nothing on the screen; a watchdog thread waits on a channel for the
//! render to end and, when it has not ended in time, says once which pages are being
//! rendered. The render drops the watchdog as it ends, which stops it at once.

use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::session::SlowNotice;
use crate::theme::Theme;

/// The page each thread is rendering, read by the watchdog. One slot per thread, so
/// that the threads never wait on each other.
pub(super) struct InProgress {
    slots: Box<[Mutex<Option<Rendering>>]>,
}

/// A page being rendered: its path in the site and its template.
#[derive(Clone)]
pub(super) struct Rendering {
    pub path: String,
    pub template: &'static str,
}

impl InProgress {
    /// Slots for the workers of the current thread pool, which render the pages, and
    /// one for a thread outside it (`serve` renders the 404 page on its own thread).
    pub(super) fn new() -> Self {
        let slots = (0..=rayon::current_num_threads())
            .map(|_| Mutex::new(None))
            .collect();
        InProgress { slots }
    }

    /// Marks a page as being rendered by this thread until the guard is dropped.
    pub(super) fn enter(&self, path: &str, template: &'static str) -> Leave<'_> {
        let last = self.slots.len() - 1;
        let index = rayon::current_thread_index().map_or(last, |i| i.min(last));
        let slot = &self.slots[index];
        *lock(slot) = Some(Rendering {
            path: path.to_string(),
            template,
        });
        Leave(slot)
    }

    /// The pages being rendered now.
    pub(super) fn now(&self) -> Vec<Rendering> {
        self.slots.iter().filter_map(|s| lock(s).clone()).collect()
    }
}

/// Clears its thread's slot: the page is rendered (or failed).
pub(super) struct Leave<'a>(&'a Mutex<Option<Rendering>>);

impl Drop for Leave<'_> {
    fn drop(&mut self) {
        *lock(self.0) = None;
    }
}

/// A panic on another thread leaves the slot's value as good as it was.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Watches one stage: tells `describe()` once if the stage lasts longer than the
/// notice allows. Dropping it (the stage ended, or failed) stops it without a word.
pub(super) struct Watchdog {
    /// Dropped to stop the thread: its wait ends with "disconnected".
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Watchdog {
    pub(super) fn start(
        notice: &SlowNotice,
        describe: impl FnOnce() -> String + Send + 'static,
    ) -> Watchdog {
        let (stop, stopped) = mpsc::channel::<()>();
        let SlowNotice { after, tell } = notice.clone();
        let thread = std::thread::Builder::new()
            .name("slow-notice".into())
            .spawn(move || {
                if let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(after) {
                    tell(&describe());
                }
            });
        Watchdog {
            stop: Some(stop),
            // No thread (the system refused one) means no notice, not a failed build.
            thread: thread.ok(),
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        drop(self.stop.take());
        // Joined, so that no notice comes after the stage has ended.
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts watching a render, when someone is to be told that it is slow: the pages
/// being rendered, for the renderer to keep up to date, and the watchdog, which the
/// render drops as it ends.
pub(super) fn watch(
    notice: Option<&SlowNotice>,
    theme: &Theme,
) -> Option<(Arc<InProgress>, Watchdog)> {
    let notice = notice?;
    let pages = Arc::new(InProgress::new());
    let user_files: Vec<(String, PathBuf)> = (theme.user_templates())
        .map(|(name, file)| (name.to_string(), file.to_path_buf()))
        .collect();
    let (after, watched) = (notice.after, Arc::clone(&pages));
    let watchdog = Watchdog::start(notice, move || message(after, watched.now(), &user_files));
    Some((pages, watchdog))
}

/// The notice: what is being rendered, and the likely cause. A template is named by
/// the user's file when their theme has one (a built-in one is not theirs to change).
pub(super) fn message(
    after: Duration,
    mut pages: Vec<Rendering>,
    user_files: &[(String, PathBuf)],
) -> String {
    let after = duration(after);
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    let Some(first) = pages.first() else {
        return format!(
            "still rendering after {after}: no page is being rendered at this moment; the \
             site's other files (badges, feed, search index, the notes' files) are being made \
             and written"
        );
    };
    let template = match user_files.iter().find(|(name, _)| *name == first.template) {
        Some((_, file)) => file.display().to_string(),
        None => first.template.to_string(),
    };
    let more = match pages.len() - 1 {
        0 => String::new(),
        1 => " and 1 more page".to_string(),
        n => format!(" and {n} more pages"),
    };
    format!(
        "still rendering after {after}: page {} (template {template}){more}; a long loop in a \
         template, or in one it extends or includes, is the likely cause (the build goes on \
         until it ends; Ctrl-C stops it)",
        first.path
    )
}

/// "3 s", or "250 ms" below a second.
pub(super) fn duration(d: Duration) -> String {
    if d >= Duration::from_secs(1) {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(after: Duration) -> (SlowNotice, mpsc::Receiver<String>) {
        let (sender, told) = mpsc::channel();
        let tell = Arc::new(move |line: &str| {
            let _ = sender.send(line.to_string());
        });
        (SlowNotice { after, tell }, told)
    }

    #[test]
    fn a_stage_that_outlasts_the_wait_is_told_once() {
        let (notice, told) = notice(Duration::ZERO);
        let watchdog = Watchdog::start(&notice, || "slow".to_string());
        let line = told.recv_timeout(Duration::from_secs(10));
        assert_eq!(line.as_deref(), Ok("slow"));
        drop(watchdog);
        assert!(told.try_recv().is_err());
    }

    #[test]
    fn a_stage_that_ends_in_time_stops_the_watchdog_at_once_without_a_word() {
        let (notice, told) = notice(Duration::from_secs(3600));
        let (dropped, done) = mpsc::channel();
        std::thread::spawn(move || {
            drop(Watchdog::start(&notice, || "slow".to_string()));
            let _ = dropped.send(());
        });
        // The drop joins the thread: it returns only once the wait has been cut short.
        assert!(done.recv_timeout(Duration::from_secs(10)).is_ok());
        assert!(told.try_recv().is_err());
    }

    #[test]
    fn pages_are_in_progress_until_their_guard_is_dropped() {
        let pages = InProgress::new();
        let guard = pages.enter("tasks/a.html", "task.html");
        let now = pages.now();
        assert_eq!(now.len(), 1);
        assert_eq!(
            (now[0].path.as_str(), now[0].template),
            ("tasks/a.html", "task.html")
        );
        drop(guard);
        assert!(pages.now().is_empty());
    }

    #[test]
    fn the_notice_names_a_page_its_template_and_how_many_more() {
        let page = |path: &str, template| Rendering {
            path: path.to_string(),
            template,
        };
        let pages = vec![
            page("tasks/b.html", "task.html"),
            page("phases/a.html", "phase.html"),
            page("tasks/c.html", "task.html"),
        ];
        let user = [(
            "phase.html".to_string(),
            PathBuf::from("themes/t/templates/phase.html"),
        )];
        let line = message(Duration::from_secs(3), pages.clone(), &user);
        assert!(
            line.starts_with(
                "still rendering after 3 s: page phases/a.html (template \
                 themes/t/templates/phase.html) and 2 more pages; a long loop"
            ),
            "{line}"
        );
        let line = message(Duration::from_secs(3), pages[..1].to_vec(), &user);
        assert!(
            line.contains("page tasks/b.html (template task.html);"),
            "{line}"
        );
        let line = message(Duration::from_millis(250), Vec::new(), &user);
        assert!(
            line.starts_with("still rendering after 250 ms: no page is being rendered"),
            "{line}"
        );
    }
}
