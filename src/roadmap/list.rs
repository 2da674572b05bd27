//! A list's items (flat, with depths) → tasks and groups, read the way a person reads
//! a checklist: a checkbox item is a task (with its checkbox children as subtasks), a
//! plain bullet with tasks below it is a group, a heading written as an item
//! (`- ### Arrays`) is a group of what follows it, a plain bullet with a status
//! marker (`✅ Learn X`) is a task, an empty bullet (`- - [x] X`) is no level at all,
//! other plain bullets are notes and resources. Under a kanban column (`### Doing`),
//! the list's top-level items are the cards and take the column's status; the
//! checkboxes nested in a card are its subtasks, its plain bullets are details.
//!
//! The tree is built with an explicit stack, so any depth reads in linear time and
//! without recursion; groups nest at most [`MAX_NESTING`] deep, deeper items are
//! kept as tasks of the deepest group.

use super::block::ListItem;
use super::marker::take_status;
use super::reader::Reader;
use super::segment::Segment;
use super::status::Status;
use super::syntax::{Group, Item, Task};

/// Groups inside groups beyond this depth are flattened (the tasks all stay).
pub const MAX_NESTING: usize = 8;

/// An item on the stack: its place in the outline and what is read so far.
struct Open<'a> {
    /// Where it sits: 8 × list depth, plus the heading level for heading items
    /// (so `- ## A` holds `- ### B`), plus 7 for every other item.
    rank: usize,
    heading: bool,
    status: Option<Status>,
    /// The status is the series' to-do, not written on the item: an item with
    /// children is a group of them, not a task of its own.
    implied: bool,
    content: Segment<'a>,
    children: Vec<Item>,
}

/// Does this item carry a status of its own (a checkbox or a marker)?
fn marked(item: &ListItem, reader: &Reader) -> bool {
    item.checkbox.is_some() || take_status(&mut item.content.clone(), reader.vocabulary).is_some()
}

/// A plain item that is a resource or a label, never a task: a bare link, `Notes:`.
fn resource_or_label(item: &ListItem) -> bool {
    let text = item.content.text();
    text.trim_end().ends_with(':') || text.trim_start().starts_with("http")
}

/// Is this a numbered list that marks its done items (`1. Two Sum ✅`, `2. Three
/// Sum`)? Then it is a series of tasks, where an unmarked numbered leaf is to do.
pub fn is_series(items: &[ListItem], reader: &Reader) -> bool {
    let top = items.iter().map(|i| i.depth).min().unwrap_or(0);
    let level = items.iter().filter(|i| i.depth == top);
    level.clone().all(|i| i.numbered && i.checkbox.is_none())
        && level.clone().any(|i| marked(i, reader))
}

/// Reads the tasks of a list. `column` is the status of the kanban column the list
/// sits under, if any; `series` says it is a series of tasks (see [`is_series`]),
/// or a numbered list in a section numbered like sections that hold series (`## 3.
/// Sliding Window` with nothing solved yet, beside `## 1. Arrays` with some).
pub fn read(
    items: Vec<ListItem<'_>>,
    column: Option<Status>,
    series: bool,
    reader: &mut Reader<'_>,
) -> Vec<Item> {
    let top = items.iter().map(|i| i.depth).min().unwrap_or(0);
    // A plain line among checkboxes stays a note.
    let unmarked_are_tasks = column.is_none()
        && series
        && items
            .iter()
            .filter(|i| i.depth == top)
            .all(|i| i.numbered && i.checkbox.is_none());
    let mut out = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    for item in items {
        // On a kanban board a card is the unit: the plain bullets nested in it are
        // its details; its checkboxes are subtasks with their own state.
        if column.is_some() && item.depth > top && item.checkbox.is_none() {
            continue;
        }
        let rank = match item.heading {
            Some(level) => item.depth * 8 + usize::from(level.clamp(1, 7)) - 1,
            None => item.depth * 8 + 7,
        };
        while stack.last().is_some_and(|open| open.rank >= rank) || stack.len() >= MAX_NESTING {
            close(&mut stack, &mut out, reader);
        }
        let kanban = column.filter(|_| item.depth == top);
        let todo = unmarked_are_tasks
            && item.numbered
            && item.checkbox.is_none()
            && item.heading.is_none()
            && !resource_or_label(&item);
        let mut open = open(item, rank, kanban, reader);
        if todo && open.status.is_none() {
            open.status = Some(Status::Todo);
            open.implied = true;
        }
        stack.push(open);
    }
    while !stack.is_empty() {
        close(&mut stack, &mut out, reader);
    }
    out
}

fn open<'a>(
    mut item: ListItem<'a>,
    rank: usize,
    column: Option<Status>,
    reader: &Reader,
) -> Open<'a> {
    let marker = take_status(&mut item.content, reader.vocabulary);
    // A ticked box or a marker says it outright (a ticked box is done in any column);
    // an empty box or a plain bullet takes the kanban column's status.
    let explicit = match (item.checkbox, marker) {
        // Struck through in a done column is crossed off, not dropped.
        (_, Some(Status::Skipped)) if column == Some(Status::Done) => Some(Status::Done),
        (Some(true), Some(Status::Skipped)) => Some(Status::Skipped),
        (Some(true), _) => Some(Status::Done),
        (_, Some(marker)) => Some(marker),
        _ => None,
    };
    let status = explicit
        .or(column.filter(|_| item.heading.is_none()))
        .or(item.checkbox.map(|_| Status::Todo));
    if status.is_none() {
        // A heading-like bullet ("**Networking:**") names a group.
        item.content.strip_emphasis();
        item.content.strip_trailing_colon();
    }
    Open {
        rank,
        heading: item.heading.is_some(),
        status,
        implied: false,
        content: item.content,
        children: Vec::new(),
    }
}

/// Finishes the top of the stack into its parent (or the list's items).
fn close(stack: &mut Vec<Open>, out: &mut Vec<Item>, reader: &mut Reader) {
    let Some(open) = stack.pop() else {
        return;
    };
    let parent = match stack.last_mut() {
        Some(parent) => &mut parent.children,
        None => out,
    };
    let span = open.content.span.clone();
    let title = open.content.to_inline();
    // `- [ ] ______` is a blank to fill in, like an empty title.
    let blank = !title.text.chars().any(|c| c.is_alphanumeric());
    if title.text.is_empty() || blank {
        if open.children.is_empty() && open.status.is_some() {
            reader.warn(span, "a task with no title is left out").hint =
                Some("write the task's title after the checkbox or status".into());
        }
        // An empty bullet (`- - [x] X`) is no level: its items belong to its parent.
        parent.extend(open.children);
        return;
    }
    let status = open
        .status
        .filter(|_| !open.implied || open.children.is_empty());
    let item = match (status, open.children.is_empty()) {
        (Some(status), true) => Item::Task(Task::new(title, status, span)),
        (Some(status), false) if !open.heading => {
            let own = Task::new(title.clone(), status, span.clone());
            let mut group = Group::new(title, span);
            group.own = Some(own);
            group.items = open.children;
            Item::Group(group)
        }
        (_, false) => {
            let mut group = Group::new(title, span);
            group.items = open.children;
            Item::Group(group)
        }
        (None, true) => return,
    };
    parent.push(item);
}
