//! `roadmap-site new note "TASK"`: the task's note file, front matter filled in, never
//! overwriting an existing file.

use super::load_config;
use crate::cli::{Global, NewNoteOptions};
use crate::error::{Error, Result};
use crate::model::{Found, Task, TaskIndex};
use crate::suggest::did_you_mean;
use crate::{load_site, report};

/// Creates `<notes_dir>/<task slug>.md`.
pub fn execute(options: &NewNoteOptions, global: Global) -> Result<()> {
    let config = load_config(&options.site(), "new note TASK --root", global)?;
    let loaded = load_site(&config)?;
    let tasks = &loaded.site.tasks;
    let task = match TaskIndex::new(tasks).find(&options.task) {
        Found::One(i) => &tasks[i],
        Found::Many(all) => {
            let names: Vec<String> = all
                .iter()
                .take(8)
                .map(|&i| {
                    let phase = &loaded.site.phases[tasks[i].phase].title.text;
                    format!("`{}` in {phase} ({})", tasks[i].title.text, tasks[i].slug)
                })
                .collect();
            return Err(not_found(
                format!("`{}` matches {} tasks", options.task, all.len()),
                format!("give the slug of one: {}", names.join(", ")),
            ));
        }
        Found::None => {
            let titles: Vec<&str> = tasks.iter().map(|t| t.title.text.as_str()).collect();
            return Err(not_found(
                format!("no task named `{}`", options.task),
                format!(
                    "{}give a task's exact title, its slug, or the start of its title",
                    did_you_mean(&options.task, &titles)
                ),
            ));
        }
    };
    let relative = config.notes_dir.join(format!("{}.md", task.slug));
    let path = config.path(&relative);
    if path.exists() {
        return Err(Error::Refused {
            message: format!("{} already exists; not overwriting it", relative.display()),
            hint: "edit that file, or add another note with front matter `task = \"…\"` under another name".into(),
        });
    }
    // A title that other tasks share would name them all: the slug names this one.
    let shared = tasks
        .iter()
        .filter(|t| t.title.text.eq_ignore_ascii_case(&task.title.text))
        .count()
        > 1;
    let text = stub(task, shared);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    write_new(&path, &text)?;
    report::status(
        global,
        &format!(
            "Created {} for `{}`; it is published once you write in it",
            relative.display(),
            task.title.text
        ),
    );
    Ok(())
}

/// The new note's text. Its dates are comments: a date in a note wins over the git
/// history, so a stub that set them (to today, as it once did) rewrote the task's
/// history. The dates the site shows now are written in the comments, to copy.
/// Nothing else in it says anything, so untouched it is not published
/// ([`crate::note::Note::is_blank`]).
fn stub(task: &Task, shared_title: bool) -> String {
    let date = |key: &str, on: &Option<String>, before: &Option<String>| match (on, before) {
        (Some(day), _) => format!("# {key} = {day}   # the date the site shows\n"),
        (None, Some(day)) => format!("# {key} = YYYY-MM-DD   # git only says: before {day}\n"),
        (None, None) => format!("# {key} = YYYY-MM-DD\n"),
    };
    format!(
        "+++\ntask = {task}\ntitle = {title}\n\
         # Dates here replace the task's dates from git: leave them out to keep those.\n\
         {started}{completed}tags = []\n\
         # summary = \"One line about what you learned.\"\n\
         # [[resources]]\n# title = \"A good source\"\n# url = \"https://example.org\"\n\
         +++\n\n## What I learned\n\n## Questions\n",
        task = toml_string(if shared_title {
            &task.slug
        } else {
            &task.title.text
        }),
        title = toml_string(&task.title.text),
        started = date("started", &task.started, &task.started_before),
        completed = date("completed", &task.completed, &task.completed_before),
    )
}

/// The task on the command line names no task, or several: a usage error (exit code
/// 2), since the roadmap is fine and the command line is what to change.
fn not_found(message: String, hint: String) -> Error {
    Error::Usage { message, hint }
}

/// Creates the file only if it does not exist (no race with an editor creating it).
fn write_new(path: &std::path::Path, text: &str) -> Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io(path, e))
}

/// A TOML basic string: JSON's string escapes are valid TOML.
fn toml_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}
