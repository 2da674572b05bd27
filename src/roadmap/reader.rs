//! Shared state while reading one roadmap file: the source (for spans), the status
//! vocabulary, and the diagnostics collected so far.

use std::ops::Range;

use super::segment::Segment;
use super::status::Status;
use super::syntax::{Group, Inline};
use super::vocabulary::Vocabulary;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

/// Reading context passed down the parser.
pub struct Reader<'s> {
    /// The file being read.
    pub source: &'s SourceFile,
    /// Words that name statuses.
    pub vocabulary: &'s Vocabulary,
    /// The header texts of every table read, for names set in `roadmap.toml`.
    pub headers: Vec<String>,
    diagnostics: &'s mut Vec<Diagnostic>,
}

impl<'s> Reader<'s> {
    /// A reader that appends its findings to `diagnostics`.
    pub fn new(
        source: &'s SourceFile,
        vocabulary: &'s Vocabulary,
        diagnostics: &'s mut Vec<Diagnostic>,
    ) -> Self {
        Reader {
            source,
            vocabulary,
            headers: Vec::new(),
            diagnostics,
        }
    }

    /// Records a warning at a span and returns it for a hint to be added.
    pub fn warn(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        let diagnostic = Diagnostic::at(Severity::Warning, self.source, span, message);
        self.diagnostics.push(diagnostic);
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// How many problems are recorded so far: a place to [`warn_at`](Self::warn_at).
    pub fn mark(&self) -> usize {
        self.diagnostics.len()
    }

    /// Records a warning before those recorded since `mark`: a block's own warning
    /// comes before its rows' once the block is known to count.
    pub fn warn_at(&mut self, mark: usize, span: Range<usize>, message: &str, hint: &str) {
        let diagnostic = Diagnostic::at(Severity::Warning, self.source, span, message);
        let at = mark.min(self.diagnostics.len());
        self.diagnostics.insert(at, diagnostic.with_hint(hint));
    }

    /// The status a cell names: `None` for a blank cell; an unknown word is a warning
    /// and reads as to do.
    pub fn status(&mut self, cell: &Segment) -> Option<Status> {
        self.status_and_remark(cell).0
    }

    /// The status a cell names and the remark written beside it (`✔️ practised
    /// twice`), kept with the cell's inline Markdown.
    pub fn status_and_remark(&mut self, cell: &Segment) -> (Option<Status>, Option<Inline>) {
        if cell.is_blank() {
            let empty = self.vocabulary.classify("").filter(|&s| s != Status::Todo);
            return (empty, None);
        }
        let text = cell.text();
        let status = match self.vocabulary.read(&text) {
            Some(reading) => {
                let remark = reading.remark.map(|remark| {
                    let span = cell.span.clone();
                    let text = pulldown_cmark::Event::Text(remark.into());
                    Segment::new(vec![(text, span.clone())], span).to_inline()
                });
                return (Some(reading.status), remark);
            }
            None => {
                self.warn(
                    cell.span.clone(),
                    format!("unknown status `{text}`; counted as to do"),
                )
                .hint = Some(
                    "write ✅ / :white_check_mark: / done, 🚧 / in progress, ❌ / :x: / todo, \
                     or ⏭️ / skipped; or teach the word in roadmap.toml under [statuses]"
                        .into(),
                );
                Some(Status::Todo)
            }
        };
        (status, None)
    }

    /// Warns when a status written on a subgroup disagrees with its tasks.
    pub fn check_declared(&mut self, group: &Group) {
        let Some(declared) = group.declared else {
            return;
        };
        let mut statuses = Vec::new();
        group
            .items
            .iter()
            .for_each(|item| item.for_each_task(&mut |task| statuses.push(task.status)));
        let derived = derived_status(&statuses);
        if derived != Some(declared) {
            let done = statuses.iter().filter(|&&s| s == Status::Done).count();
            self.warn(
                group.span.clone(),
                format!(
                    "`{}` is marked {} but {done} of its {} done",
                    group.title.text,
                    declared.label().to_lowercase(),
                    match statuses.len() {
                        1 => "1 task is".to_string(),
                        n => format!("{n} tasks are"),
                    }
                ),
            )
            .hint = Some(
                "a subgroup's own status is not counted; update it to match its tasks or remove it"
                    .into(),
            );
        }
    }
}

/// What a group's tasks add up to: done when all (not skipped) are done, to do when
/// none has started, in progress otherwise. `None` for an empty group.
pub fn derived_status(statuses: &[Status]) -> Option<Status> {
    let counted: Vec<Status> = statuses
        .iter()
        .copied()
        .filter(|&s| s != Status::Skipped)
        .collect();
    if statuses.is_empty() {
        None
    } else if counted.is_empty() {
        Some(Status::Skipped)
    } else if counted.iter().all(|&s| s == Status::Done) {
        Some(Status::Done)
    } else if counted.iter().all(|&s| s == Status::Todo) {
        Some(Status::Todo)
    } else {
        Some(Status::InProgress)
    }
}
