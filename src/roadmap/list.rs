//! Bullet and numbered lists → tasks, read the way a person reads a checklist: a
//! checkbox item is a task (with its checkbox children as subtasks), a plain bullet
//! with tasks below it is a group, a plain bullet with a status marker (`✅ Learn X`)
//! is a task, other plain bullets are notes and resources, not tasks.

use super::block::ListItem;
use super::marker::take_status;
use super::reader::Reader;
use super::status::Status;
use super::syntax::{Group, Item, Task};

/// Reads the tasks of a list.
pub fn read(items: Vec<ListItem<'_>>, reader: &mut Reader<'_>) -> Vec<Item> {
    items
        .into_iter()
        .filter_map(|item| read_item(item, reader))
        .collect()
}

fn read_item(mut item: ListItem<'_>, reader: &mut Reader<'_>) -> Option<Item> {
    let marker = take_status(&mut item.content, reader.vocabulary);
    let status = match (item.checkbox, marker) {
        // A ticked box with a struck-through or ⏭ title was dropped, not done.
        (Some(true), Some(Status::Skipped)) => Some(Status::Skipped),
        (Some(true), _) => Some(Status::Done),
        (Some(false), Some(marker)) => Some(marker),
        (Some(false), None) => Some(Status::Todo),
        (None, marker) => marker,
    };
    let children = read(item.children, reader);
    let span = item.content.span.clone();
    if status.is_none() {
        // A heading-like bullet ("**Networking:**") names a group.
        item.content.strip_emphasis();
        item.content.strip_trailing_colon();
    }
    let title = item.content.to_inline();
    if title.text.is_empty() {
        if status.is_some() || !children.is_empty() {
            reader.warn(span, "a task with no title is left out").hint =
                Some("write the task's title after the checkbox or status".into());
        }
        return None;
    }
    match (status, children.is_empty()) {
        (Some(status), true) => Some(Item::Task(Task::new(title, status, span))),
        (Some(status), false) => {
            let own = Task::new(title.clone(), status, span.clone());
            let mut group = Group::new(title, span);
            group.own = Some(own);
            group.items = children;
            Some(Item::Group(group))
        }
        (None, false) => {
            let mut group = Group::new(title, span);
            group.items = children;
            Some(Item::Group(group))
        }
        (None, true) => None,
    }
}
