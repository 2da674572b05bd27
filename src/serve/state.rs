//! Build results → the [`Shared`] state read by every HTTP thread: the last good site,
//! a generation number that grows with every visible change, the error text of a
//! failed build, and what the latest change means for an open page ([`Change`]).
//! Event streams wait on its generation channel ([`Shared::subscribe`]).

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, MutexGuard};

use rayon::prelude::*;
use tokio::sync::watch;

use crate::output::SiteOutput;

/// What an open page should do about a new generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Reload the page.
    Reload,
    /// Only stylesheets changed: swap them in place, keep the page.
    Css,
    /// Pages changed only inside `<main>` (a note edit, the common case): fetch the
    /// page and swap its `<main>` in, without a reload.
    Main,
    /// The build failed: show the error overlay.
    Failed,
}

impl Change {
    /// The event name in the event stream (`error` is taken by `EventSource` itself).
    pub fn event_name(self) -> &'static str {
        match self {
            Change::Reload => "reload",
            Change::Css => "css",
            Change::Main => "main",
            Change::Failed => "failed",
        }
    }
}

/// The state at one moment, cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The last site that built, if any did.
    pub site: Option<Arc<SiteOutput>>,
    /// Grows by one with every build that changed something an open page shows.
    pub generation: u64,
    /// The diagnostics of the latest build when it failed, as the terminal shows them.
    pub error: Option<Arc<str>>,
    /// The HTML pages the latest build changed, when it changed them only inside
    /// `<main>`: other open pages need not do anything.
    pub pages: Arc<[String]>,
}

#[derive(Debug, Default)]
struct State {
    now: Snapshot,
    /// What `now.generation` changed.
    change: Option<Change>,
}

/// The state shared by the rebuild loop and the HTTP tasks.
#[derive(Debug)]
pub struct Shared {
    state: Mutex<State>,
    /// The generation, for tasks to wait on without a thread each.
    generation: watch::Sender<u64>,
}

impl Default for Shared {
    fn default() -> Self {
        Shared {
            state: Mutex::default(),
            generation: watch::Sender::new(0),
        }
    }
}

impl Shared {
    /// No site yet, generation 0.
    pub fn new() -> Arc<Shared> {
        Arc::default()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic in another thread leaves the state consistent (every update is one
        // assignment), so a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The current state.
    pub fn snapshot(&self) -> Snapshot {
        self.lock().now.clone()
    }

    /// Records a successful build. Returns what changed for open pages, or `None` when
    /// the site is byte for byte the one already served (nothing to tell anyone).
    pub fn succeeded(&self, site: SiteOutput) -> Option<Change> {
        // Compared without the lock, so that requests are served meanwhile. Only the
        // builder thread changes the site; should another ever do so in between, the
        // comparison is void and pages reload.
        let (old, generation) = {
            let state = self.lock();
            let old = state.now.site.clone().filter(|_| state.now.error.is_none());
            (old, state.now.generation)
        };
        let change = match &old {
            Some(old) => classify(old, &site),
            // The first site, or the first one after a failure: the overlay must go.
            None => Some((Change::Reload, Vec::new())),
        };
        let Some((mut change, pages)) = change else {
            free_later(site);
            return None;
        };
        let mut state = self.lock();
        if state.now.generation != generation {
            change = Change::Reload;
        }
        let previous = state.now.site.replace(Arc::new(site));
        state.now.error = None;
        state.now.pages = pages.into();
        self.publish(state, change);
        drop(old);
        if let Some(previous) = previous {
            free_later(previous);
        }
        Some(change)
    }

    /// Records a failed build; the last good site stays served.
    pub fn failed(&self, error: String) {
        let mut state = self.lock();
        state.now.error = Some(error.into());
        self.publish(state, Change::Failed);
    }

    fn publish(&self, mut state: MutexGuard<'_, State>, change: Change) {
        if change != Change::Main {
            state.now.pages = Arc::default();
        }
        state.now.generation += 1;
        state.change = Some(change);
        let generation = state.now.generation;
        drop(state);
        self.generation.send_replace(generation);
    }

    /// What a page that has seen generation `seen` must do now, if anything: the
    /// overlay while the latest build failed; otherwise, when it is behind, the latest
    /// change if it missed only that one, else a reload.
    pub fn pending(&self, seen: u64) -> Option<(Change, Snapshot)> {
        pending(&self.lock(), seen)
    }

    /// As [`Shared::pending`], but `None` while the generation is still `seen` (the
    /// page already shows any failure of that generation).
    pub fn changed_since(&self, seen: u64) -> Option<(Change, Snapshot)> {
        let state = self.lock();
        if state.now.generation == seen {
            return None;
        }
        pending(&state, seen)
    }

    /// The generation as it changes.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.generation.subscribe()
    }
}

fn pending(state: &State, seen: u64) -> Option<(Change, Snapshot)> {
    let now = &state.now;
    let change = if now.error.is_some() {
        Change::Failed
    } else if now.generation == seen {
        return None;
    } else if now.generation == seen + 1
        && let Some(change @ (Change::Css | Change::Main)) = state.change
    {
        change
    } else {
        Change::Reload
    };
    Some((change, now.clone()))
}

/// `None` when nothing changed; `Css` when every changed file is a stylesheet or an
/// HTML page whose only change is in its `<style>` elements (the 404 page inlines the
/// theme's CSS); `Main` when every changed file is an HTML page that changed only
/// inside its `<main>` element or a data file no page displays (`.json`, `.xml`, and
/// `search-index.js`, which only pages opened from disk load); `Reload` otherwise.
pub fn classify(old: &SiteOutput, new: &SiteOutput) -> Option<(Change, Vec<String>)> {
    let paths: BTreeSet<&str> = old.iter().chain(new.iter()).map(|(p, _)| p).collect();
    let paths: Vec<&str> = paths.into_iter().collect();
    // Comparing every file's bytes (tens of MB on a large site) on all cores.
    let changed: Vec<&str> = paths
        .into_par_iter()
        .filter(|p| old.get(p) != new.get(p))
        .collect();
    if changed.is_empty() {
        return None;
    }
    let style_only = |path: &&str| match (old.text(path), new.text(path)) {
        _ if path.ends_with(".css") => true,
        (Some(a), Some(b)) if path.ends_with(".html") => without_styles(a) == without_styles(b),
        _ => false,
    };
    let main_only = |path: &&str| match (old.text(path), new.text(path)) {
        _ if path.ends_with(".json") || path.ends_with(".xml") => true,
        _ if *path == "search-index.js" => true,
        (Some(a), Some(b)) if path.ends_with(".html") => {
            outside_main(a).is_some() && outside_main(a) == outside_main(b)
        }
        _ => false,
    };
    Some(if changed.iter().all(style_only) {
        (Change::Css, Vec::new())
    } else if changed.iter().all(main_only) {
        let pages = changed.iter().filter(|p| p.ends_with(".html"));
        (Change::Main, pages.map(|p| p.to_string()).collect())
    } else {
        (Change::Reload, Vec::new())
    })
}

/// Drops a whole site (thousands of allocations) on another thread: the page that
/// waits for the rebuild's event need not wait for that.
fn free_later<T: Send + 'static>(site: T) {
    rayon::spawn(move || drop(site));
}

/// The HTML up to the end of the `<main …>` start tag and from `</main>` on: what must
/// be unchanged for a page to be updated by swapping the children of its `<main>`.
/// `None` unless the page has exactly one of each (a raw `</main>` in a note, say,
/// would end the element early in the browser), so such pages reload.
fn outside_main(html: &str) -> Option<(&str, &str)> {
    let mut starts = html.match_indices("<main").map(|(i, _)| i).filter(|&i| {
        matches!(
            html.as_bytes().get(i + 5),
            Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')
        )
    });
    let (start, None) = (starts.next()?, starts.next()) else {
        return None;
    };
    let open_end = start + html[start..].find('>')? + 1;
    let mut ends = html.match_indices("</main>").map(|(i, _)| i);
    let (end, None) = (ends.next()?, ends.next()) else {
        return None;
    };
    (open_end <= end).then(|| (&html[..open_end], &html[end..]))
}

/// The HTML with the contents of its `<style>` elements removed.
fn without_styles(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<style") {
        let Some(end) = rest[start..].find("</style>") else {
            break;
        };
        out.push_str(&rest[..start]);
        rest = &rest[start + end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> SiteOutput {
        SiteOutput::of_texts(files)
    }

    const PAGE: &str = "<html><head><style>a{}</style></head><body>x</body></html>";

    #[test]
    fn only_stylesheets_changed_is_a_css_change() {
        let old = site(&[
            ("style.css", "a{}"),
            ("index.html", "x"),
            ("404.html", PAGE),
        ]);
        let new = site(&[
            ("style.css", "a{color:red}"),
            ("index.html", "x"),
            ("404.html", &PAGE.replace("a{}", "a{color:red}")),
        ]);
        assert_eq!(classify(&old, &new).map(|c| c.0), Some(Change::Css));
        let added = site(&[
            ("style.css", "a{}"),
            ("index.html", "x"),
            ("404.html", PAGE),
            ("b.css", ""),
        ]);
        assert_eq!(classify(&old, &added).map(|c| c.0), Some(Change::Css));
    }

    #[test]
    fn any_other_change_is_a_reload_and_no_change_is_none() {
        let old = site(&[("style.css", "a{}"), ("index.html", "x")]);
        assert_eq!(classify(&old, &old.clone()), None);
        let text = site(&[("style.css", "a{color:red}"), ("index.html", "y")]);
        assert_eq!(classify(&old, &text).map(|c| c.0), Some(Change::Reload));
        let removed = site(&[("style.css", "a{}")]);
        assert_eq!(classify(&old, &removed).map(|c| c.0), Some(Change::Reload));
    }

    #[test]
    fn a_change_inside_main_only_is_a_main_change() {
        let page = |main: &str, header: &str| {
            format!(
                "<html><body><header>{header}</header><main id=\"main\">{main}</main></body></html>"
            )
        };
        let old = site(&[("a.html", &page("one", "40%")), ("progress.json", "{}")]);
        let note = site(&[
            ("a.html", &page("two", "40%")),
            ("progress.json", "{\"x\":1}"),
            ("search-index.js", "window.x = {};"),
        ]);
        assert_eq!(
            classify(&old, &note),
            Some((Change::Main, vec!["a.html".to_string()]))
        );
        let status = site(&[("a.html", &page("two", "50%")), ("progress.json", "{}")]);
        let kind = |a: &SiteOutput, b: &SiteOutput| classify(a, b).map(|c| c.0);
        assert_eq!(
            kind(&old, &status),
            Some(Change::Reload),
            "the header changed"
        );
        let badge = site(&[
            ("a.html", &page("two", "40%")),
            ("progress.json", "{}"),
            ("b.svg", ""),
        ]);
        assert_eq!(kind(&old, &badge), Some(Change::Reload), "a new image");
        // Pages the swap could get wrong reload: no <main>, a second </main> (raw
        // HTML in a note), a changed <main> start tag, a <main-nav> in the header.
        for (a, b) in [
            ("<p>x</p>", "<p>y</p>"),
            ("<main>x</main>", "<main>y</main></main>"),
            ("<main class=a>x</main>", "<main class=b>y</main>"),
            (
                "<main-nav>1</main-nav><main>x</main>",
                "<main-nav>2</main-nav><main>y</main>",
            ),
        ] {
            let (a, b) = (site(&[("a.html", a)]), site(&[("a.html", b)]));
            assert_eq!(kind(&a, &b), Some(Change::Reload), "{b:?}");
        }
    }

    #[test]
    fn pages_are_told_the_change_they_missed_or_to_reload() {
        let shared = Shared::new();
        let a = site(&[("style.css", "a{}"), ("index.html", "x")]);
        assert_eq!(shared.succeeded(a.clone()), Some(Change::Reload));
        assert_eq!(shared.succeeded(a.clone()), None, "same site: no event");
        let b = site(&[("style.css", "b{}"), ("index.html", "x")]);
        assert_eq!(shared.succeeded(b.clone()), Some(Change::Css));
        assert_eq!(shared.snapshot().generation, 2);
        assert!(shared.pending(2).is_none());
        assert_eq!(shared.pending(1).unwrap().0, Change::Css);
        let c = site(&[("style.css", "b{}"), ("index.html", "<main>y</main>")]);
        let d = site(&[("style.css", "b{}"), ("index.html", "<main>z</main>")]);
        shared.succeeded(c);
        assert_eq!(shared.succeeded(d), Some(Change::Main));
        assert_eq!(shared.pending(3).unwrap().0, Change::Main);
        assert_eq!(shared.pending(2).unwrap().0, Change::Reload, "missed two");
        assert_eq!(shared.pending(0).unwrap().0, Change::Reload);
        assert_eq!(
            shared.pending(17).unwrap().0,
            Change::Reload,
            "another server's page"
        );
    }

    #[test]
    fn a_failure_keeps_the_site_and_the_next_success_reloads() {
        let shared = Shared::new();
        let a = site(&[("index.html", "x")]);
        shared.succeeded(a.clone());
        shared.failed("roadmap.toml:1:1: error: unknown key".into());
        let now = shared.snapshot();
        assert_eq!(now.site.as_deref(), Some(&a));
        assert_eq!(
            now.error.as_deref(),
            Some("roadmap.toml:1:1: error: unknown key")
        );
        // Every page, even an up-to-date one, shows the overlay.
        assert_eq!(shared.pending(now.generation).unwrap().0, Change::Failed);
        assert_eq!(shared.succeeded(a), Some(Change::Reload));
        assert!(shared.snapshot().error.is_none());
    }

    #[test]
    fn subscribers_see_each_new_generation_and_changed_since_is_none_until_then() {
        let shared = Shared::new();
        let mut changes = shared.subscribe();
        assert!(!changes.has_changed().unwrap());
        shared.failed("x".into());
        assert!(changes.has_changed().unwrap());
        assert_eq!(*changes.borrow_and_update(), 1);
        // The failure is pending for a page of generation 1, but not new to it.
        assert_eq!(shared.pending(1).unwrap().0, Change::Failed);
        assert!(shared.changed_since(1).is_none());
        shared.succeeded(site(&[("index.html", "x")]));
        assert_eq!(*changes.borrow_and_update(), 2);
        assert_eq!(shared.changed_since(1).unwrap().0, Change::Reload);
    }
}
