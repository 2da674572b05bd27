//! The parsed roadmap: what the Markdown says, with source spans, before slugs and progress.

use std::ops::Range;

use super::status::Status;

/// Inline Markdown kept two ways: HTML for display, plain text for titles and slugs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    /// Rendered inline HTML (links, code, emphasis kept; raw HTML escaped).
    pub html: String,
    /// Plain text with markup removed and whitespace collapsed.
    pub text: String,
}

/// A whole roadmap file.
#[derive(Debug, Clone, Default)]
pub struct Roadmap {
    /// The `#` heading, if there is one.
    pub title: Option<Inline>,
    /// Phases in document order; a phase holds at least one task.
    pub phases: Vec<Phase>,
    /// The learner's prose before the first phase (paragraphs, lists that are not
    /// tasks, headings over them), as source ranges of whole blocks, in file order.
    pub intro: Vec<Range<usize>>,
    /// Prose outside every phase after the first (under a heading with no tasks, or
    /// above the phase level), in file order.
    pub outside: Vec<Range<usize>>,
    /// How each block of the file was read, in file order (for `explain`).
    pub notes: Vec<Note>,
}

/// How one block of the file was read: taken as tasks, a legend, a heading's role,
/// or left out and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The block's span.
    pub span: Range<usize>,
    /// What it was read as: `title`, `phase`, `label`, `task`, `section`, `table`,
    /// `list`, `legend`, `kanban` or `skipped`.
    pub kind: &'static str,
    /// One line saying what was taken from it.
    pub text: String,
}

/// A `##` section.
#[derive(Debug, Clone)]
pub struct Phase {
    /// Heading text, emphasis around the whole heading removed.
    pub title: Inline,
    /// Byte span of the heading.
    pub span: Range<usize>,
    /// Groups and tasks in document order.
    pub items: Vec<Item>,
}

/// A node of a phase's tree.
#[derive(Debug, Clone)]
pub enum Item {
    /// A named set of tasks (a table's group column, a subgroup, a sub-heading).
    Group(Group),
    /// A leaf task.
    Task(Task),
    /// The learner's prose standing here among the tasks (a paragraph between
    /// tables, a list of resources, the heading over them): a block's source range.
    Prose(Range<usize>),
}

/// A named set of tasks.
#[derive(Debug, Clone)]
pub struct Group {
    /// The group's name.
    pub title: Inline,
    /// Where the name was written.
    pub span: Range<usize>,
    /// A status written on the group itself (kept, not counted).
    pub declared: Option<Status>,
    /// The group is also a task itself: a checkbox item with checkbox children, or a
    /// heading with a status marker that has tasks under it.
    pub own: Option<Task>,
    /// Subgroups and tasks.
    pub items: Vec<Item>,
}

/// One thing to learn or do.
#[derive(Debug, Clone)]
pub struct Task {
    /// The task's title.
    pub title: Inline,
    /// Its status.
    pub status: Status,
    /// Where the title was written.
    pub span: Range<usize>,
    /// Extra table columns: header text and cell.
    pub attributes: Vec<(String, Inline)>,
}

impl Group {
    /// A new empty group.
    pub fn new(title: Inline, span: Range<usize>) -> Self {
        Group {
            title,
            span,
            declared: None,
            own: None,
            items: Vec::new(),
        }
    }
}

impl Task {
    /// A task with no attributes.
    pub fn new(title: Inline, status: Status, span: Range<usize>) -> Self {
        Task {
            title,
            status,
            span,
            attributes: Vec::new(),
        }
    }
}

impl Item {
    /// Calls `f` on every task below this item, in document order.
    pub fn for_each_task<'a>(&'a self, f: &mut impl FnMut(&'a Task)) {
        match self {
            Item::Task(task) => f(task),
            Item::Group(group) => {
                if let Some(own) = &group.own {
                    f(own);
                }
                group.items.iter().for_each(|item| item.for_each_task(f));
            }
            Item::Prose(_) => {}
        }
    }
}

/// How many tasks a list of items holds, by status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Every task.
    pub tasks: usize,
    /// Done.
    pub done: usize,
    /// In progress.
    pub in_progress: usize,
    /// Skipped.
    pub skipped: usize,
}

impl Counts {
    /// `2 done`, or with skipped tasks, which leave the total as everywhere else,
    /// `2 of 7 done, 1 skipped`.
    pub fn done_text(&self) -> String {
        done_text(self.done, self.tasks, self.skipped)
    }

    /// The tasks below `items`, counted.
    pub fn of(items: &[Item]) -> Counts {
        let mut counts = Counts::default();
        for item in items {
            item.for_each_task(&mut |task| {
                counts.tasks += 1;
                match task.status {
                    Status::Done => counts.done += 1,
                    Status::InProgress => counts.in_progress += 1,
                    Status::Skipped => counts.skipped += 1,
                    Status::Todo => {}
                }
            });
        }
        counts
    }

    /// Neither done, in progress nor skipped.
    pub fn todo(&self) -> usize {
        self.tasks - self.done - self.in_progress - self.skipped
    }
}

/// `2 done` of 8 tasks, or `2 of 7 done, 1 skipped` when one of them is skipped.
pub fn done_text(done: usize, tasks: usize, skipped: usize) -> String {
    match skipped {
        0 => format!("{done} done"),
        _ => format!("{done} of {} done, {skipped} skipped", tasks - skipped),
    }
}
