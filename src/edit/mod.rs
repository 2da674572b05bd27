//! A status chosen on a served page → the roadmap file (or the note whose front
//! matter sets the status) rewritten in place, the way a person would have typed it.
//!
//! # Rules
//!
//! 1. **Only the status changes.** The planner ([`plan`]) proposes edits of the
//!    task's line and keeps the first that the reader, run on the edited file, reads
//!    with this task at the new status and every other task and title as it was.
//!    Everything else stays byte for byte: line endings, the BOM, padding, remarks
//!    beside the status (`✅ practised twice`).
//! 2. **Where.** In order: the cell of the row that now holds the status (its own
//!    `<br>` slot in a packed cell), a checkbox (`[ ]` ↔ `[x]`), a marker at the
//!    title's start or end (`✅ Learn X`), a marker put before the title; a checkbox
//!    and a marker beside it change together when they must.
//! 3. **How it is written.** As the same column, checkbox or marker writes that
//!    status on the nearest other task that has it; else as the legend does; else the
//!    default in the place's style: `✅ 🚧 ⬜ ⏭️`, `:white_check_mark:
//!    :construction: :x: :fast_forward:`, `Done`, `In progress`, `To do`,
//!    `Skipped`, or a checkbox `x`, `/`, ` `, `-`. Setting a task back to a status
//!    it had earlier in the session restores the line as it was then.
//! 4. **Garbled files** (UTF-8 read as Mac Roman or Windows-1252) get new symbols
//!    garbled the same way, so the file never mixes two encodings; files that are
//!    not UTF-8 are refused, with the command that repairs them.
//! 5. **Front matter.** A status that a note's `status:` sets is changed there.
//! 6. **Nothing lost.** The page sends the fingerprint of the roadmap it was built
//!    from and the status it showed; a file changed since is refused and nothing is
//!    written. Writes replace the file in one step, permissions kept. The last
//!    changes are kept for undo, which restores a file only if it is still as the
//!    change left it.
//! 7. **Refused, not guessed.** When no edit reads as meant (a kanban card takes its
//!    status from its column; a file with no way to say "in progress"), nothing is
//!    written and the message names the line to edit by hand.

mod forms;
mod plan;
mod raw;
mod slots;

use std::path::{Path, PathBuf};

use crate::roadmap::Status;

pub use plan::{Cannot, plan, read_tasks};
pub use raw::RawText;

/// The fingerprint of a file's bytes, as pages carry it.
pub fn fingerprint(bytes: &[u8]) -> String {
    format!("{:016x}", twox_hash::XxHash3_64::oneshot(bytes))
}

/// What a page asks for.
#[derive(Debug, Clone)]
pub struct Change<'a> {
    /// The task's slug.
    pub task: &'a str,
    /// The status the page showed.
    pub from: Option<Status>,
    /// The status chosen.
    pub to: Status,
    /// The fingerprint of the roadmap file the page was built from.
    pub fingerprint: &'a str,
}

/// A change made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The file changed, as shown to the user.
    pub path: PathBuf,
    /// For the terminal and the page: `content/roadmap.md:12: Arrays → done`.
    pub message: String,
}

/// Why nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The HTTP status that says it: 404 no such task, 409 the file changed, 422 the
    /// status cannot be written there, 500 the file could not be read or written.
    pub code: u16,
    /// What is wrong and what to do, with `path:line:column` when there is a place.
    pub message: String,
}

impl Refusal {
    fn new(code: u16, message: impl Into<String>) -> Self {
        Refusal {
            code,
            message: message.into(),
        }
    }

    fn changed(path: &Path) -> Self {
        Refusal::new(
            409,
            format!(
                "{} changed on disk since this page was built; nothing was written. The \
                 page reloads with the file as it is now: choose again there.",
                path.display()
            ),
        )
    }
}

/// The changes of a session, for undo, and the lines they replaced.
#[derive(Debug, Default)]
pub struct Editor {
    history: Vec<Entry>,
}

#[derive(Debug)]
struct Entry {
    path: PathBuf,
    shown: PathBuf,
    before: Vec<u8>,
    after: Vec<u8>,
    task: String,
    from: Status,
    line_before: Option<String>,
    line_after: Option<String>,
}

/// Changes kept for undo.
const HISTORY: usize = 100;

mod apply;

#[cfg(test)]
mod tests;
