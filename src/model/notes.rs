//! Note files + tasks → [`Note`]s: each linked to its task (front matter `task`, else
//! the file name), statuses and dates applied. A note that matches no task is kept
//! and published on a page of its own; a blank one (an untouched `new note` stub) is
//! left out. Their Markdown is rendered later, by [`notes_html`](crate::notes_html).

use std::ops::Range;

use rayon::prelude::*;

use super::find::{Found, TaskIndex};
use super::site::Task;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::NoteFile;
use crate::note::{self, Resource};
use crate::slug::{Slugs, slugify};
use crate::source::SourceFile;
use crate::suggest::did_you_mean;

/// A note, linked to its task.
#[derive(Debug)]
pub struct Note {
    /// Its file, by index into the note files it was read from.
    pub file: usize,
    /// Where its Markdown body is in the file's text.
    pub body: Range<usize>,
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

/// Parses and links every note; statuses from front matter are applied to the tasks.
/// Problems become diagnostics.
pub fn build(
    config: &Config,
    files: &[NoteFile],
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
    for (file, note) in parsed.into_iter().enumerate() {
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
            file,
            body: note.body.clone(),
            path: source.path.display().to_string(),
            slug: slugs.unique(&title, "note"),
            title,
            task,
            summary: note.front.summary.clone(),
            started,
            completed,
            tags: note.front.tags.clone(),
            resources: note.front.resources.clone(),
        });
    }
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
            let first = index.first_if_shared(query, &candidates);
            warn_at_key(
                source,
                "task",
                if first.is_some() {
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
                &format!(
                    "write the task's slug to choose one: {}",
                    index.candidates(&candidates)
                ),
                diagnostics,
            );
            first
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

/// The slug of a tag, for its page.
pub fn tag_slug(tag: &str) -> String {
    match slugify(tag) {
        s if s.is_empty() => "tag".into(),
        // `tags/index.html` is the page of all tags.
        s if s == "index" => "index-tag".into(),
        s => s,
    }
}
