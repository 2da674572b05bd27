//! The site's notes ([`model::Note`](crate::model::Note)) and their files → each
//! note's Markdown rendered to HTML ([`NotesHtml`]), with its headings and links.
//!
//! Notes on different pages are independent, so pages are rendered in parallel;
//! notes sharing a page (one task's notes) share one set of heading ids and are
//! rendered in order. Warnings keep the notes' order, so the output does not depend
//! on the number of threads. Code blocks come from the session's code cache, and a
//! page whose inputs are unchanged since the previous build comes from its memo.

mod links;
mod prose;

pub use prose::{ProseHtml, render as render_prose};

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
use crate::load::Sources;
use crate::markdown::{self, Anchor, Heading};
use crate::memo::{Fingerprint, RenderedPage};
use crate::model::{Site, TaskIndex};
use crate::session::{Caches, Session};
use crate::slug::Slugs;
use links::LinkTable;

/// Ids that the page templates use themselves; note headings must not take them.
const RESERVED_IDS: &[&str] = &[
    "main",
    "notes",
    "tasks",
    "page-title",
    "show-open",
    "show-done",
    "toc",
    "context",
];

/// Every note's HTML, by the note's index in `Site::notes`.
#[derive(Debug, Default)]
pub struct NotesHtml(pub Vec<NoteHtml>);

/// One note rendered.
#[derive(Debug, Default)]
pub struct NoteHtml {
    /// The rendered body.
    pub html: String,
    /// Its headings, for a table of contents.
    pub headings: Vec<Heading>,
    /// Its relative links that lead to no file, as written (already reported).
    pub broken_links: Vec<String>,
    /// Its links with a `#fragment`.
    pub anchors: Vec<Anchor>,
}

impl std::ops::Index<usize> for NotesHtml {
    type Output = NoteHtml;
    fn index(&self, note: usize) -> &NoteHtml {
        &self.0[note]
    }
}

/// Renders every note of `site`, read from `sources`. Problems become diagnostics.
/// `anchor_label` names the headings' anchor links ([`markdown::Context`]).
pub fn render(
    site: &Site,
    sources: &Sources,
    session: &Session,
    anchor_label: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> NotesHtml {
    let notes = &site.notes;
    if notes.is_empty() {
        return NotesHtml::default();
    }
    let (code, memo) = (&session.code_cache, &session.memo);
    let table = LinkTable {
        tasks: TaskIndex::new(&site.tasks),
        notes: notes
            .iter()
            .map(|n| (sources.notes[n.file].relative.clone(), n.url(&site.tasks)))
            .collect(),
        assets: sources.assets.iter().map(|a| a.relative.as_str()).collect(),
    };
    let mut pages: BTreeMap<(bool, usize), Vec<usize>> = BTreeMap::new();
    for (i, note) in notes.iter().enumerate() {
        let page = note.task.map_or((false, i), |task| (true, task));
        pages.entry(page).or_default().push(i);
    }
    let pages: Vec<Vec<usize>> = pages.into_values().collect();
    // What every note's HTML depends on besides its own text: where links lead, and
    // the language its anchor links are named in.
    let links = memo.is_enabled().then(|| {
        let mut fingerprint = Fingerprint::default();
        fingerprint
            .add(anchor_label)
            .add(&table.tasks.titles)
            .add(&table.notes)
            .add(&table.assets);
        (0..site.tasks.len()).for_each(|i| {
            fingerprint.add(table.tasks.slug(i));
        });
        fingerprint.finish()
    });
    let page_input = PageInput {
        site,
        sources,
        links: &table,
        code,
        anchor_label,
    };
    let mut rendered: Vec<(usize, markdown::Rendered, Vec<Diagnostic>)> = pages
        .par_iter()
        .flat_map_iter(|page| {
            let fingerprint = links.map(|links| {
                let mut fingerprint = Fingerprint::default();
                fingerprint.add(links);
                for &i in page {
                    let note = &notes[i];
                    let file = &sources.notes[note.file];
                    fingerprint
                        .add(&file.relative)
                        .add(&file.source.path) // shown in warnings
                        .add(&file.source.text) // positions of warnings too
                        .add(note.body.start)
                        .add(&note.slug)
                        .add(note.task.is_some());
                }
                fingerprint.finish()
            });
            let reused = fingerprint.and_then(|f| memo.notes(f));
            // Their code blocks stay in the code cache as if highlighted again.
            for (rendered, _) in reused.iter().flatten() {
                code.touch(&rendered.code);
            }
            let done = reused.unwrap_or_else(|| {
                let done = page_input.render(page);
                if let Some(f) = fingerprint {
                    memo.keep_notes(f, &done);
                }
                done
            });
            page.iter()
                .zip(done)
                .map(|(&i, (rendered, found))| (i, rendered, found))
                .collect::<Vec<_>>()
        })
        .collect();
    rendered.sort_unstable_by_key(|(i, _, _)| *i);
    let mut html = Vec::with_capacity(rendered.len());
    for (_, rendered, found) in rendered {
        html.push(NoteHtml {
            html: rendered.html,
            headings: rendered.headings,
            broken_links: rendered.broken,
            anchors: rendered.anchors,
        });
        diagnostics.extend(found);
    }
    NotesHtml(html)
}

/// Saves the code blocks this build used into the cache folder `dir`. A cache that
/// cannot be written is no reason to fail a build, but worth a warning: every build
/// will highlight all code again.
pub fn save_code_cache(session: &Session, dir: &Path) -> Option<Diagnostic> {
    if session.caches == Caches::ReadOnly {
        session.code_cache.abandon(); // what it read is let go; nothing is written
        return None;
    }
    let error = session.code_cache.finish().err()?;
    let diagnostic = Diagnostic::file(
        Severity::Warning,
        dir,
        format!("cannot save the code cache: {error}"),
    );
    Some(diagnostic.with_hint(
        "builds stay correct but highlight every code block again; make it a folder you can write to",
    ))
}

/// What rendering one page's notes needs.
struct PageInput<'a> {
    site: &'a Site,
    sources: &'a Sources,
    links: &'a LinkTable<'a>,
    code: &'a markdown::CodeCache,
    anchor_label: &'a str,
}

impl PageInput<'_> {
    /// Renders the notes of one page in order; they share one set of heading ids.
    fn render(&self, page: &[usize]) -> RenderedPage {
        let mut ids = Slugs::default();
        for id in RESERVED_IDS {
            ids.unique(id, id);
        }
        page.iter()
            .map(|&i| {
                let note = &self.site.notes[i];
                let file = &self.sources.notes[note.file];
                ids.unique(&format!("note-{}", note.slug), "note");
                let mut found = Vec::new();
                let rendered = markdown::render(
                    markdown::Context {
                        source: &file.source,
                        body: note.body.clone(),
                        path: &file.relative,
                        root: "../",
                        ids: &mut ids,
                        h2_level: if note.task.is_some() { 3 } else { 2 },
                        anchor_label: self.anchor_label,
                        links: self.links,
                        code: self.code,
                    },
                    &mut found,
                );
                (rendered, found)
            })
            .collect()
    }
}
