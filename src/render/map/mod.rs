//! [`Site`] → the roadmap map: `map.html` (the map drawn twice, for phones and for
//! wider screens, plus the same tree as a nested list) and a standalone `map.svg`.
//!
//! - `tree`: the site → entries (phases, groups, tasks with their depth), cut to a
//!   node budget on large roadmaps (its module doc has the rule);
//! - `text`: a title → at most two lines that fit a box;
//! - `layout`: entries → boxes and lines (no SVG), narrow and wide;
//! - `svg`: a layout → SVG text.
//!
//! Accessibility: the drawings are `aria-hidden` and their links are out of the tab
//! order (`tabindex="-1"`): they are for pointer users. Assistive technology and the
//! keyboard get the nested list in the page, which is visually hidden until focus
//! is inside it; then it shows where that focus is. One list serves both drawings,
//! and it can say the status in words, which a drawing of boxes cannot.

mod layout;
mod svg;
#[cfg(test)]
mod tests;
mod text;
mod tree;

use serde::Serialize;

use super::view::status_label;
use crate::i18n::Language;
use crate::model::Site;
use crate::roadmap::Status;
use tree::{Entry, Kind};

/// `page.map` on `map.html`.
#[derive(Debug, Serialize)]
pub struct MapView {
    /// The wide drawing, an inline `<svg>`.
    pub wide: String,
    /// The phone drawing, an inline `<svg>`.
    pub narrow: String,
    /// The same tree as a flat list with depths, for a nested list.
    pub entries: Vec<EntryView>,
    /// Some tasks are not drawn (the budget): groups show counts instead.
    pub folded: bool,
    /// Tasks drawn.
    pub tasks_shown: usize,
    /// Each status's icon (an inline `<svg>`), by status key, for a legend.
    pub icons: std::collections::BTreeMap<&'static str, String>,
}

/// One entry of the list. A template opens a nested list after an entry with
/// `opens`, and closes `closes` levels after one without.
#[derive(Debug, Serialize)]
pub struct EntryView {
    /// `phase`, `group`, `task` or `more`.
    pub kind: &'static str,
    /// Title, plain text (empty for `more`).
    pub title: String,
    /// Page path relative to the site root, when it links somewhere.
    pub url: Option<String>,
    /// Status key of a task (or of a group that is a task).
    pub status: Option<&'static str>,
    /// Its label.
    pub status_label: Option<String>,
    /// Done and counted tasks below a phase or group; for `more`, `total` is how
    /// many tasks it stands for.
    pub done: usize,
    /// See `done`.
    pub total: usize,
    /// Its children follow, one level deeper.
    pub opens: bool,
    /// Levels that end after it (when it does not open one).
    pub closes: usize,
}

/// The map page's data.
pub fn view(site: &Site, lang: &Language) -> MapView {
    let mut entries = tree::entries(site);
    words(&mut entries, lang);
    let (wide, narrow) = rayon::join(|| layout::wide(&entries), || layout::narrow(&entries));
    MapView {
        wide: svg::inline(&wide, &entries, "map-wide", "mw"),
        narrow: svg::inline(&narrow, &entries, "map-narrow", "mn"),
        folded: entries.iter().any(|e| e.folded),
        tasks_shown: entries.iter().filter(|e| e.kind == Kind::Task).count(),
        entries: list(&entries, lang),
        icons: Status::ALL
            .iter()
            .map(|&s| (s.key(), svg::icon(s)))
            .collect(),
    }
}

/// The standalone `map.svg`: the wide drawing with its own styles; links absolute
/// when the site has a `base_url`.
pub fn standalone(site: &Site, lang: &Language) -> String {
    let mut entries = tree::entries(site);
    words(&mut entries, lang);
    let title = format!("{}: {}", site.title.text, site.progress.text());
    svg::standalone(
        &layout::wide(&entries),
        &entries,
        &title,
        site.base_url.as_deref(),
    )
}

/// The words of the drawing in the site's language: each node's tooltip, and the
/// label of a node that stands for tasks left out.
fn words(entries: &mut [Entry], lang: &Language) {
    for e in entries {
        let done_of = || {
            let (done, total) = (e.done.to_string(), e.total.to_string());
            lang.fill("progress_done_of", &[("done", &done), ("total", &total)])
        };
        e.tip = match (e.kind, e.status) {
            (Kind::More, _) => {
                let n = e.total.to_string();
                e.title = lang.plural("map_more", e.total as f64, &[("n", &n)]);
                e.title.clone()
            }
            (_, Some(status)) => format!("{}: {}", e.title, status_label(status, lang)),
            _ => format!("{}: {}", e.title, done_of()),
        };
    }
}

fn list(entries: &[Entry], lang: &Language) -> Vec<EntryView> {
    let depth_after = |i: usize| entries.get(i + 1).map_or(0, |e: &Entry| e.depth);
    (0..entries.len())
        .map(|i| {
            let e = &entries[i];
            let next = depth_after(i);
            EntryView {
                kind: match e.kind {
                    Kind::Phase => "phase",
                    Kind::Group => "group",
                    Kind::Task => "task",
                    Kind::More => "more",
                },
                title: e.title.clone(),
                url: e.url.clone(),
                status: e.status.map(|s| s.key()),
                status_label: e.status.map(|s| status_label(s, lang).to_string()),
                done: e.done,
                total: e.total,
                opens: next > e.depth,
                closes: e.depth.saturating_sub(next),
            }
        })
        .collect()
}
