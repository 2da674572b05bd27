//! Where a task stands → its name in JSON, CSS and templates, and its label. Text
//! is read into one by [`Vocabulary`](super::Vocabulary).

use serde::{Deserialize, Serialize};

/// Where a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Finished.
    Done,
    /// Started, not finished.
    InProgress,
    /// Not started (also: an empty or unreadable status).
    Todo,
    /// Deliberately left out; not counted in the percentage.
    Skipped,
}

impl Status {
    /// All statuses, in the order they are shown.
    pub const ALL: [Status; 4] = [
        Status::Done,
        Status::InProgress,
        Status::Todo,
        Status::Skipped,
    ];

    /// The name used in JSON, CSS classes and templates.
    pub fn key(self) -> &'static str {
        match self {
            Status::Done => "done",
            Status::InProgress => "in_progress",
            Status::Todo => "todo",
            Status::Skipped => "skipped",
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            Status::Done => "Done",
            Status::InProgress => "In progress",
            Status::Todo => "To do",
            Status::Skipped => "Skipped",
        }
    }
}
