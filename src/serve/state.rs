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
    /// What served pages carry to change a task's status, when editing is on.
    pub editable: Option<Editable>,
}

/// The session's secret and the fingerprint of the roadmap file the site was built
/// from: a page sends both back with a status change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editable {
    /// Made at server start.
    pub token: Arc<str>,
    /// [`crate::edit::fingerprint`] of the roadmap's bytes, read before the build.
    pub fingerprint: Arc<str>,
}

#[derive(Debug, Default)]
struct State {
    now: Snapshot,
    /// The session's secret, when editing is on.
    token: Option<Arc<str>>,
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

    /// Turns editing on: served pages carry `token` from now on.
    pub fn enable_editing(&self, token: &str) {
        self.lock().token = Some(token.into());
    }

    /// Records a successful build of the roadmap whose bytes have `fingerprint`.
    /// Returns what changed for open pages, or `None` when the site is byte for byte
    /// the one already served (nothing to tell anyone; pages get the new fingerprint).
    pub fn succeeded_from(&self, site: SiteOutput, fingerprint: Option<&str>) -> Option<Change> {
        let editable = match (&self.lock().token, fingerprint) {
            (Some(token), Some(fingerprint)) => Some(Editable {
                token: Arc::clone(token),
                fingerprint: fingerprint.into(),
            }),
            _ => None,
        };
        self.record(site, editable)
    }

    /// Records a successful build. Returns what changed for open pages, or `None` when
    /// the site is byte for byte the one already served (nothing to tell anyone).
    #[cfg(test)]
    pub fn succeeded(&self, site: SiteOutput) -> Option<Change> {
        self.record(site, None)
    }

    /// The site and what its pages carry for editing, changed together under the lock:
    /// a page is never served with the fingerprint of another build's roadmap.
    fn record(&self, site: SiteOutput, editable: Option<Editable>) -> Option<Change> {
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
            self.lock().now.editable = editable;
            free_later(site);
            return None;
        };
        let mut state = self.lock();
        state.now.editable = editable;
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
mod tests;
