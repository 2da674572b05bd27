//! Per-page template data (`page` in templates), one variant per page kind.

use serde::Serialize;

use super::history_view::HistoryView;
use super::map::MapView;
use super::note_view::{NoteSummaryView, NoteView, TagView};
use super::task_context::ContextView;
use super::view::{PhaseView, TaskView};

/// A link to another page.
#[derive(Debug, Serialize)]
pub struct LinkView<'a> {
    /// Its title, plain text.
    pub title: &'a str,
    /// Its path relative to the site root.
    pub url: String,
    /// A task's status key (a task page's previous and next task), so that its pager
    /// marks them as the lists do; absent for a phase.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    /// The status's label, in the site's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_label: Option<&'a str>,
}

/// The page being rendered; `page.kind` tells which.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Page<'a> {
    /// `index.html`.
    Home {
        /// The roadmap's intro (before the first phase), block by block, as HTML.
        intro: Vec<&'a str>,
        /// The roadmap's prose outside its phases (after the first), as HTML.
        outside: Vec<&'a str>,
        /// The next open tasks: started ones first, then the first to-do tasks of
        /// the earliest unfinished phases.
        up_next: Vec<TaskView<'a>>,
        /// Done tasks with a completion date, newest first, at most 5.
        recently_completed: Vec<TaskView<'a>>,
        /// Progress over time from git, when there is a history.
        history: Option<HistoryView>,
    },
    /// `phases/<slug>.html`.
    Phase {
        /// The phase, with its tree of groups and tasks.
        phase: &'a PhaseView<'a>,
        /// The phase before, if any.
        prev: Option<LinkView<'a>>,
        /// The phase after, if any.
        next: Option<LinkView<'a>>,
    },
    /// `tasks/<slug>.html`.
    Task {
        /// The task.
        task: TaskView<'a>,
        /// The task before in document order, if any.
        prev: Option<LinkView<'a>>,
        /// The task after, if any.
        next: Option<LinkView<'a>>,
        /// Its phase, group, neighbours in the group and the prose beside it.
        context: Box<ContextView<'a>>,
        /// The roadmap file, for "line N of content/roadmap.md".
        source: &'a str,
        /// Its notes, in file-name order.
        notes: Vec<NoteView<'a>>,
    },
    /// `notes/<slug>.html`: a note that matches no task.
    Note {
        /// The note.
        note: NoteView<'a>,
    },
    /// `tags/<slug>.html`.
    Tag {
        /// The tag.
        tag: &'a TagView,
        /// Tasks whose notes carry it.
        tasks: Vec<TaskView<'a>>,
        /// Unlinked notes that carry it.
        notes: Vec<NoteSummaryView<'a>>,
    },
    /// `tags/index.html`.
    Tags,
    /// `share.html`: the badges and the progress card, and how to embed them.
    Share {
        /// The card's shapes and the snippets.
        share: super::share::ShareView,
    },
    /// `map.html`: the whole roadmap as a picture, and as a nested list.
    Map {
        /// The drawings and the list.
        map: MapView,
    },
    /// `404.html`.
    NotFound,
}
