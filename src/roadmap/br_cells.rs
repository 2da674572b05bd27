//! A table cell split by `<br>` → a subgroup title and its tasks, or several tasks,
//! with the status cell split the same way and matched line by line.

use super::reader::Reader;
use super::segment::Segment;
use super::status::Status;
use super::syntax::{Group, Inline, Item, Task};
use super::table::TableItems;

/// A cell with `<br>`-separated lines: a subgroup title and its tasks, or several tasks.
pub fn read(
    lines: &mut [Segment],
    statuses: Vec<Segment>,
    status_cell: &Segment,
    attributes: Vec<(String, Inline)>,
    reader: &mut Reader,
    out: &mut TableItems,
) {
    let mut titles = Vec::with_capacity(lines.len());
    let mut indented = Vec::with_capacity(lines.len());
    let mut marked_header = false;
    for (i, line) in lines.iter_mut().enumerate() {
        indented.push(line.strip_indent());
        line.strip_bullet();
        let mut bold = line.unwrap_emphasis();
        let colon = line.strip_trailing_colon();
        if colon {
            bold |= line.unwrap_emphasis();
        }
        if i == 0 {
            marked_header = bold || colon;
        }
        titles.push((line.to_inline(), line.span.clone()));
    }
    let status_blank = |i: usize| statuses.get(i).is_none_or(Segment::is_blank);
    let header = marked_header
        || (!indented[0] && indented[1..].iter().all(|&i| i))
        || (statuses.len() == lines.len() && status_blank(0) && !status_blank(1));
    // Statuses line up with every line, or (under a header) with the tasks only.
    let offset = if header && statuses.len() + 1 == lines.len() {
        1
    } else {
        0
    };
    let aligned = statuses.len() + offset == lines.len() || statuses.len() <= 1;
    // A single status is read once, not once per line (one warning if unknown).
    let single = (statuses.len() == 1).then(|| reader.status(&statuses[0]));
    if !aligned {
        reader
            .warn(
                status_cell.span.clone(),
                format!(
                    "{} in the task cell but {} in the status cell",
                    crate::plural::plural(lines.len(), "line"),
                    statuses.len()
                ),
            )
            .hint = Some("give each `<br>`-separated task its own `<br>`-separated status".into());
    }
    let status_of = |i: usize, reader: &mut Reader| -> Option<Status> {
        match statuses.len() {
            // One status for several lines applies to all of them.
            1 => single.flatten(),
            _ => i
                .checked_sub(offset)
                .and_then(|j| statuses.get(j))
                .and_then(|s| reader.status(s)),
        }
    };
    let mut tasks = Vec::new();
    for (i, (title, span)) in titles.into_iter().enumerate().skip(usize::from(header)) {
        if title.text.is_empty() {
            continue;
        }
        let status = status_of(i, reader).unwrap_or(Status::Todo);
        tasks.push(Item::Task(Task {
            title,
            status,
            span,
            attributes: attributes.clone(),
        }));
    }
    if header {
        let mut subgroup = Group::new(lines[0].to_inline(), lines[0].span.clone());
        subgroup.declared =
            status_of(0, reader).filter(|_| offset == 0 && statuses.len() > 1 && !status_blank(0));
        subgroup.items = tasks;
        reader.check_declared(&subgroup);
        out.container().push(Item::Group(subgroup));
    } else {
        out.container().extend(tasks);
    }
}

pub fn trim_blank_tail(mut segments: Vec<Segment>) -> Vec<Segment> {
    while segments.len() > 1 && segments.last().is_some_and(Segment::is_blank) {
        segments.pop();
    }
    segments
}
