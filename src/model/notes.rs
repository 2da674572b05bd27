//! Note files + tasks → [`Note`]s: each linked to its task (front matter `task`, else
//! the file name), statuses and dates applied, Markdown rendered. A note that matches
//! no task is kept and published on a page of its own; a blank one (an untouched
//! `new note` stub) is left out.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::find::{Found, TaskIndex};
use super::links::LinkTable;
use super::site::Task;
use crate::config::{Config, did_you_mean};
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::{Asset, NoteFile};
use crate::markdown::{self, Heading};
use crate::memo::{Fingerprint, RenderedPage};
use crate::note::{self, Resource};
use crate::slug::{Slugs, slugify};
use crate::source::SourceFile;

/// Ids that the page templates use themselves; note headings must not take them.
const RESERVED_IDS: &[&str] = &[
    "main",
    "notes",
    "tasks",
    "page-title",
    "show-open",
    "show-done",
    "toc",
];

/// A rendered note.
#[derive(Debug)]
pub struct Note {
    /// Display path of the file.
    pub path: String,
    /// Title: front matter `title`, else the task's title, else the file name.
    pub title: String,
    /// The task it belongs to, by index into `Site::tasks`.
    pub task: Option<usize>,
    /// Slug, unique among notes: the anchor on the task page, or the page name.
    pub slug: String,
    /// One-line summary.
    pub summary: Option<String>,
    /// `YYYY-MM-DD`.
    pub started: Option<String>,
    /// `YYYY-MM-DD`.
    pub completed: Option<String>,
    /// Tags as written.
    pub tags: Vec<String>,
    /// Links worth keeping.
    pub resources: Vec<Resource>,
    /// The rendered body.
    pub html: String,
    /// Its headings, for a table of contents.
    pub headings: Vec<Heading>,
    /// Its relative links that lead to no file, as written (already reported).
    pub broken_links: Vec<String>,
    /// Its links with a `#fragment`.
    pub anchors: Vec<markdown::Anchor>,
}

impl Note {
    /// Page path of the note relative to the site root.
    pub fn url(&self, tasks: &[Task]) -> String {
        match self.task {
            Some(task) => format!("tasks/{}.html#note-{}", tasks[task].slug, self.slug),
            None => format!("notes/{}.html", self.slug),
        }
    }
}

/// Parses, links and renders every note; statuses from front matter are applied to
/// the tasks. Problems become diagnostics.
pub fn build(
    config: &Config,
    files: &[NoteFile],
    assets: &[Asset],
    tasks: &mut [Task],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Note> {
    if files.is_empty() {
        return Vec::new(); // and no index of the tasks to build
    }
    let index = TaskIndex::new(tasks);
    let mut parsed = Vec::new();
    // Front matter is read in parallel; results keep the files' order.
    let results: Vec<_> = files.par_iter().map(note::parse).collect();
    for (note, problems) in results {
        diagnostics.extend(problems);
        parsed.push(note);
    }
    let mut slugs = Slugs::default();
    let mut notes: Vec<Note> = Vec::with_capacity(parsed.len());
    let mut kept = Vec::with_capacity(parsed.len());
    for note in parsed {
        let source = &note.file.source;
        let task = link(&note, &index, diagnostics);
        // A blank note (an untouched `new note` stub) is linked only for the warning
        // when it names no task; it is not a note of its task until written in.
        if note.is_blank() {
            continue;
        }
        if let (Some(task), Some(word)) = (task, &note.front.status) {
            apply_status(source, word, &mut tasks[task], config, diagnostics);
        }
        let date = |raw: &Option<note::RawDate>, key: &str, diagnostics: &mut Vec<Diagnostic>| {
            let raw = raw.as_ref()?;
            let date = raw.normalized();
            if date.is_none() {
                warn_at_key(
                    source,
                    key,
                    format!("`{key}` is not a valid date"),
                    "write dates as YYYY-MM-DD, e.g. 2025-01-31",
                    diagnostics,
                );
            }
            date
        };
        let started = date(&note.front.started, "started", diagnostics);
        let completed = date(&note.front.completed, "completed", diagnostics);
        let title = note
            .front
            .title
            .clone()
            .or_else(|| task.map(|t| tasks[t].title.text.clone()))
            .unwrap_or_else(|| note.stem().to_string());
        notes.push(Note {
            path: source.path.display().to_string(),
            slug: slugs.unique(&title, "note"),
            title,
            task,
            summary: note.front.summary.clone(),
            started,
            completed,
            tags: note.front.tags.clone(),
            resources: note.front.resources.clone(),
            html: String::new(),
            headings: Vec::new(),
            broken_links: Vec::new(),
            anchors: Vec::new(),
        });
        kept.push(note);
    }
    render_all(&kept, &mut notes, assets, tasks, index, config, diagnostics);
    notes
}

fn link(note: &note::Note, index: &TaskIndex, diagnostics: &mut Vec<Diagnostic>) -> Option<usize> {
    let source = &note.file.source;
    let Some(query) = &note.front.task else {
        let stem = note.stem();
        if let Some(i) = index.by_slug(stem) {
            return Some(i);
        }
        if note.broken {
            return None; // the front matter's errors say what to fix first
        }
        let hint = format!(
            "{}add `task = \"<task title>\"` to its front matter, or name the file after the task's slug",
            did_you_mean(stem, &index.titles)
        );
        diagnostics.push(
            Diagnostic::file(
                Severity::Warning,
                &source.path,
                "note is not linked to any task; it is published under \"Unlinked notes\"",
            )
            .with_hint(hint),
        );
        return None;
    };
    match index.find(query) {
        Found::One(i) => Some(i),
        Found::Many(candidates) => {
            let names: Vec<String> = candidates
                .iter()
                .take(5)
                .map(|&i| format!("`{}` ({})", index.titles[i], index.slug(i)))
                .collect();
            let first = candidates[0];
            let exact = index.titles[first].eq_ignore_ascii_case(query.trim());
            warn_at_key(
                source,
                "task",
                if exact {
                    format!(
                        "`{query}` names {} tasks; linked to the first",
                        candidates.len()
                    )
                } else {
                    format!(
                        "`{query}` matches {} tasks; the note is not linked",
                        candidates.len()
                    )
                },
                &format!("write the task's slug to choose one: {}", names.join(", ")),
                diagnostics,
            );
            exact.then_some(first)
        }
        Found::None => {
            let hint = format!(
                "{}write a task's exact title, its slug, or the start of its title",
                did_you_mean(query, &index.titles)
            );
            warn_at_key(
                source,
                "task",
                format!("no task named `{query}`; the note is published under \"Unlinked notes\""),
                &hint,
                diagnostics,
            );
            None
        }
    }
}

fn apply_status(
    source: &SourceFile,
    word: &str,
    task: &mut Task,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) {
    match config.rules.vocabulary.classify(word) {
        None => warn_at_key(
            source,
            "status",
            format!("unknown status `{word}`; the roadmap's status is kept"),
            "use done, in progress, todo or skipped",
            diagnostics,
        ),
        Some(status) if status != task.status => {
            warn_at_key(
                source,
                "status",
                format!(
                    "the note says {} but the roadmap says {}; the note wins",
                    status.label().to_lowercase(),
                    task.status.label().to_lowercase()
                ),
                "update the roadmap's status cell so the two agree",
                diagnostics,
            );
            task.status = status;
        }
        Some(_) => {}
    }
}

fn warn_at_key(
    source: &SourceFile,
    key: &str,
    message: String,
    hint: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let diagnostic = match note::front_matter::key_offset(source, key) {
        Some(offset) => {
            let end = source.text[offset..]
                .find('\n')
                .map_or(source.text.len(), |n| offset + n);
            Diagnostic::at(Severity::Warning, source, offset..end, message)
        }
        None => Diagnostic::file(Severity::Warning, &source.path, message),
    };
    diagnostics.push(diagnostic.with_hint(hint));
}

/// Renders every note's Markdown. Notes on different pages are independent, so pages
/// are rendered in parallel; notes sharing a page (one task's notes) share one set of
/// heading ids and are rendered in order. Warnings keep the notes' order, so the
/// output does not depend on the number of threads.
fn render_all(
    parsed: &[note::Note],
    notes: &mut [Note],
    assets: &[Asset],
    tasks: &[Task],
    index: TaskIndex,
    config: &Config,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let (code, memo) = (&config.code_cache, &config.memo);
    let table = LinkTable {
        tasks: index,
        notes: parsed
            .iter()
            .zip(notes.iter())
            .map(|(p, n)| (p.file.relative.clone(), n.url(tasks)))
            .collect(),
        assets: assets.iter().map(|a| a.relative.as_str()).collect(),
    };
    let mut pages: BTreeMap<(bool, usize), Vec<usize>> = BTreeMap::new();
    for (i, note) in notes.iter().enumerate() {
        let page = note.task.map_or((false, i), |task| (true, task));
        pages.entry(page).or_default().push(i);
    }
    let pages: Vec<Vec<usize>> = pages.into_values().collect();
    let notes_ref: &[Note] = notes;
    // What every note's HTML depends on besides its own text: where links lead.
    let links = memo.is_enabled().then(|| {
        let mut fingerprint = Fingerprint::default();
        fingerprint
            .add(&table.tasks.titles)
            .add(&table.notes)
            .add(&table.assets);
        (0..tasks.len()).for_each(|i| {
            fingerprint.add(table.tasks.slug(i));
        });
        fingerprint.finish()
    });
    let mut rendered: Vec<(usize, markdown::Rendered, Vec<Diagnostic>)> = pages
        .par_iter()
        .flat_map_iter(|page| {
            let fingerprint = links.map(|links| {
                let mut fingerprint = Fingerprint::default();
                fingerprint.add(links);
                for &i in page {
                    let (source, note) = (&parsed[i], &notes_ref[i]);
                    fingerprint
                        .add(&source.file.relative)
                        .add(&source.file.source.path) // shown in warnings
                        .add(&source.file.source.text) // positions of warnings too
                        .add(source.body.start)
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
                let done = render_page(page, parsed, notes_ref, &table, code);
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
    for (i, rendered, found) in rendered {
        notes[i].html = rendered.html;
        notes[i].headings = rendered.headings;
        notes[i].broken_links = rendered.broken;
        notes[i].anchors = rendered.anchors;
        diagnostics.extend(found);
    }
}

/// The slug of a tag, for its page.
pub fn tag_slug(tag: &str) -> String {
    match slugify(tag) {
        s if s.is_empty() => "tag".into(),
        // `tags/index.html` is the page of all tags.
        s if s == "index" => "index-tag".into(),
        s => s,
    }
}

/// Renders the notes of one page in order; they share one set of heading ids.
fn render_page(
    page: &[usize],
    parsed: &[note::Note],
    notes: &[Note],
    links: &LinkTable,
    code: &markdown::CodeCache,
) -> RenderedPage {
    let mut ids = Slugs::default();
    for id in RESERVED_IDS {
        ids.unique(id, id);
    }
    page.iter()
        .map(|&i| {
            let (source, note) = (&parsed[i], &notes[i]);
            ids.unique(&format!("note-{}", note.slug), "note");
            let mut found = Vec::new();
            let rendered = markdown::render(
                markdown::Context {
                    source: &source.file.source,
                    body: source.body.clone(),
                    path: &source.file.relative,
                    root: "../",
                    ids: &mut ids,
                    h2_level: if note.task.is_some() { 3 } else { 2 },
                    links,
                    code,
                },
                &mut found,
            );
            (rendered, found)
        })
        .collect()
}
