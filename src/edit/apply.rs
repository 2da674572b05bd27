//! [`Editor::set`] and [`Editor::undo`]: the request checked against the files on
//! disk, the edit planned, the file replaced, the change remembered.

use std::path::{Path, PathBuf};

use super::plan::{Cannot, line_of, plan, read_tasks};
use super::raw::RawText;
use super::{Change, Editor, Entry, HISTORY, Refusal, Written, fingerprint};
use crate::config::Config;
use crate::roadmap::Status;

/// Where a task's status is written.
struct Located {
    /// The task among the roadmap's tasks.
    index: usize,
    /// Its status on the page (front matter applied).
    status: Status,
    /// Its title.
    title: String,
    /// The note whose front matter sets it: its path to read and write, and as shown.
    front_matter: Option<(PathBuf, PathBuf)>,
}

impl Editor {
    /// Sets a task's status. Refused when the roadmap is not the one the page was
    /// built from, the task is gone, or the status cannot be written unambiguously.
    pub fn set(&mut self, config: &Config, change: &Change) -> Result<Written, Refusal> {
        let path = config.path(&config.roadmap);
        let raw = read(&path)?;
        if fingerprint(&raw) != change.fingerprint {
            return Err(Refusal::changed(&config.roadmap));
        }
        let located = locate(config, &raw, change.task)?;
        if change.from.is_some_and(|from| from != located.status) {
            return Err(Refusal::changed(&config.roadmap));
        }
        if located.status == change.to {
            let message = format!("{} is already {}", located.title, label(change.to));
            return Ok(Written {
                path: config.roadmap.clone(),
                message,
            });
        }
        let (path, shown, before, after, lines) = match &located.front_matter {
            Some((full, shown)) => {
                let before = read(full)?;
                let note = RawText::new(&before).map_err(|_| not_utf8(shown))?;
                let value = status_value(&note.text).ok_or_else(|| Refusal::changed(shown))?;
                let after = note.apply(&[(value, word(change.to).to_string())]);
                (full.clone(), shown.clone(), before, after, None)
            }
            None => {
                let remembered =
                    self.remembered(change.task, change.to, &raw, located.index, config);
                let after = plan(
                    &raw,
                    &config.rules,
                    located.index,
                    change.to,
                    remembered.as_deref(),
                )
                .map_err(|cannot| {
                    cannot_write(&config.roadmap, &located.title, change.to, cannot)
                })?;
                let lines = (
                    task_line(&raw, config, located.index),
                    task_line(&after, config, located.index),
                );
                (path, config.roadmap.clone(), raw, after, Some(lines))
            }
        };
        write(&path, &shown, &before, &after)?;
        let message = format!(
            "{}: {} → {}",
            shown.display(),
            located.title,
            label(change.to)
        );
        let (line_before, line_after) = lines.unwrap_or((None, None));
        self.history.push(Entry {
            path,
            shown: shown.clone(),
            before,
            after,
            task: change.task.to_string(),
            from: located.status,
            line_before,
            line_after,
        });
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
        Ok(Written {
            path: shown,
            message,
        })
    }

    /// Undoes the last change, if its file is still as the change left it.
    pub fn undo(&mut self) -> Result<Written, Refusal> {
        let Some(last) = self.history.last() else {
            return Err(Refusal::new(409, "nothing to undo in this session"));
        };
        let now = read(&last.path)?;
        if now != last.after {
            let message = format!(
                "{} changed since the last change made here; nothing was undone",
                last.shown.display()
            );
            self.history.clear();
            return Err(Refusal::new(409, message));
        }
        let last = self.history.pop().expect("looked at");
        write(&last.path, &last.shown, &last.after, &last.before)?;
        Ok(Written {
            message: format!(
                "{}: undone ({} back to {})",
                last.shown.display(),
                last.task,
                label(last.from)
            ),
            path: last.shown,
        })
    }

    /// The task's line as it was when it last had status `to`, if the line is still
    /// as that change left it.
    fn remembered(
        &self,
        task: &str,
        to: Status,
        raw: &[u8],
        index: usize,
        config: &Config,
    ) -> Option<String> {
        let entry = self.history.iter().rev().find(|e| e.task == task)?;
        let now = task_line(raw, config, index)?;
        (entry.from == to && entry.line_after.as_deref() == Some(now.as_str()))
            .then(|| entry.line_before.clone())
            .flatten()
    }
}

/// The text of task `index`'s line.
fn task_line(raw: &[u8], config: &Config, index: usize) -> Option<String> {
    let file = RawText::new(raw).ok()?;
    let (_, _, at) = *read_tasks(&file.text, &config.rules).get(index)?;
    Some(file.text[line_of(&file.text, at)].to_string())
}

/// The task with that slug in the site the files make now.
fn locate(config: &Config, raw: &[u8], slug: &str) -> Result<Located, Refusal> {
    let unreadable =
        |e: crate::error::Error| Refusal::new(500, format!("cannot read the site: {e}"));
    let mut found = Vec::new();
    let inputs =
        crate::load::load(config, &crate::memo::Memo::default(), &mut found).map_err(unreadable)?;
    let file = RawText::new(raw).map_err(|_| not_utf8(&config.roadmap))?;
    if inputs.roadmap.text != file.text {
        return Err(Refusal::changed(&config.roadmap));
    }
    let roadmap = crate::roadmap::parse(&inputs.roadmap, &config.rules, &mut found);
    let site = crate::model::Site::new(config, roadmap, &inputs, &mut found);
    let Some(index) = site.tasks.iter().position(|t| t.slug == slug) else {
        return Err(Refusal::new(
            404,
            format!(
                "no task `{slug}` in {}: reload the page",
                config.roadmap.display()
            ),
        ));
    };
    let task = &site.tasks[index];
    let front_matter = task.notes.iter().rev().find_map(|&n| {
        let note = &inputs.notes[site.notes[n].file];
        status_value(&note.source.text)?;
        let full = config.path(&note.source.path);
        let path = if full.exists() {
            full
        } else {
            note.source.path.clone()
        };
        Some((path, note.source.path.clone()))
    });
    Ok(Located {
        index,
        status: task.status,
        title: task.title.text.clone(),
        front_matter,
    })
}

/// The byte range of the value of `status:` in a note's front matter (quotes kept
/// outside it), when the note sets one.
fn status_value(text: &str) -> Option<std::ops::Range<usize>> {
    let source = crate::source::SourceFile::new("note.md", text);
    let at = crate::note::front_matter::key_offset(&source, "status")?;
    let line = line_of(text, at);
    let after_key = at + "status".len();
    let rest = &text[after_key..line.end];
    let colon = rest.find([':', '='])?;
    let value_start = after_key + colon + 1;
    let value = &text[value_start..line.end];
    let lead = value.len() - value.trim_start().len();
    let mut range = value_start + lead..value_start + value.trim_end().len();
    let inner = &text[range.clone()];
    if inner.len() >= 2
        && (inner.starts_with('"') && inner.ends_with('"')
            || inner.starts_with('\'') && inner.ends_with('\''))
    {
        range = range.start + 1..range.end - 1;
    }
    Some(range)
}

fn read(path: &Path) -> Result<Vec<u8>, Refusal> {
    std::fs::read(path)
        .map_err(|e| Refusal::new(500, format!("cannot read {}: {e}", path.display())))
}

/// Replaces the file, unless it changed since it was read.
fn write(path: &Path, shown: &Path, expected: &[u8], new: &[u8]) -> Result<(), Refusal> {
    if read(path)? != expected {
        return Err(Refusal::changed(shown));
    }
    crate::replace_file::replace(path, new, "status")
        .map_err(|e| Refusal::new(500, format!("cannot write {}: {e}", shown.display())))
}

fn cannot_write(path: &Path, title: &str, to: Status, cannot: Cannot) -> Refusal {
    match cannot {
        Cannot::NotUtf8 => not_utf8(path),
        Cannot::NoTask => Refusal::changed(path),
        Cannot::Column { line, column } => Refusal::new(
            422,
            format!(
                "{}:{line}:{column}: “{title}” takes its status from the heading above \
                 it (a kanban column, say); nothing was written. Move it under another \
                 heading, or give it a status of its own, by hand ({}).",
                path.display(),
                label(to)
            ),
        ),
        Cannot::Ambiguous { line, column } => Refusal::new(
            422,
            format!(
                "{}:{line}:{column}: cannot mark “{title}” {} by changing only its status \
                 (it may take its status from a heading, or the file has no way to say \
                 it); nothing was written. Edit the line by hand.",
                path.display(),
                label(to)
            ),
        ),
    }
}

fn not_utf8(path: &Path) -> Refusal {
    Refusal::new(
        422,
        format!(
            "{} is not UTF-8 and is only read by converting it; nothing was written. Save \
             it as UTF-8 (then `roadmap-site fix-encoding {}` repairs garbled symbols).",
            path.display(),
            path.display()
        ),
    )
}

fn label(status: Status) -> &'static str {
    match status {
        Status::Done => "done",
        Status::InProgress => "in progress",
        Status::Todo => "to do",
        Status::Skipped => "skipped",
    }
}

/// The front-matter word for a status.
fn word(status: Status) -> &'static str {
    match status {
        Status::Done => "done",
        Status::InProgress => "in progress",
        Status::Todo => "todo",
        Status::Skipped => "skipped",
    }
}
