//! Headings and task blocks in document order → the roadmap's outline: its title, its
//! phases (at the phase level) and the groups that labels and status headings make.

use std::ops::Range;

use super::marker::take_status;
use super::reader::Reader;
use super::segment::Segment;
use super::syntax::{Group, Inline, Item, Phase, Roadmap, Task};

/// A block after its tasks have been read.
#[derive(Clone)]
pub enum Piece {
    /// A heading; `task` when it carries a status marker (`### ✅ Sockets`).
    Heading {
        level: u8,
        title: Inline,
        span: Range<usize>,
        task: Option<Task>,
    },
    /// Tasks from a table or list; `grouped` when a group column grouped them.
    Tasks { items: Vec<Item>, grouped: bool },
}

/// A heading. When it carries a status marker it may be a task: `task` holds that
/// reading (title without the marker) until [`assemble`] knows whether tasks sit
/// under it, in which case the marker is decoration and the heading stays a heading.
pub fn heading(level: u8, mut content: Segment, reader: &Reader) -> Piece {
    content.strip_emphasis();
    let span = content.span.clone();
    let title = content.to_inline();
    let mut unmarked = content.clone();
    let task = take_status(&mut unmarked, reader.vocabulary)
        .map(|status| Task::new(unmarked.to_inline(), status, span.clone()));
    Piece::Heading {
        level,
        title,
        span,
        task,
    }
}

/// Headings with a marker but tasks in their section are headings, not tasks; decided
/// from the last heading up, as a section's tasks include task headings below it.
fn settle_task_headings(pieces: &mut [Piece]) {
    for i in (0..pieces.len()).rev() {
        let Piece::Heading {
            level,
            task: Some(_),
            ..
        } = pieces[i]
        else {
            continue;
        };
        let holds = pieces[i + 1..]
            .iter()
            .take_while(|p| !matches!(p, Piece::Heading { level: l, .. } if *l <= level))
            .any(is_tasks);
        if holds && let Piece::Heading { task, .. } = &mut pieces[i] {
            *task = None;
        }
    }
}

fn is_tasks(piece: &Piece) -> bool {
    matches!(
        piece,
        Piece::Tasks { .. } | Piece::Heading { task: Some(_), .. }
    )
}

/// A heading without a status marker, and its level.
fn plain_heading(piece: &Piece) -> Option<u8> {
    match piece {
        Piece::Heading {
            level, task: None, ..
        } => Some(*level),
        _ => None,
    }
}

/// Does the section starting at `pieces[i]` (a heading) hold tasks?
fn holds_tasks(pieces: &[Piece], i: usize) -> bool {
    let Some(level) = plain_heading(&pieces[i]) else {
        return false;
    };
    pieces[i + 1..]
        .iter()
        .take_while(|p| plain_heading(p).is_none_or(|l| l > level))
        .any(is_tasks)
}

/// Do tasks come right after `pieces[i]`, before any other plain heading?
fn holds_direct_tasks(pieces: &[Piece], i: usize) -> bool {
    pieces[i + 1..]
        .iter()
        .take_while(|p| plain_heading(p).is_none())
        .any(is_tasks)
}

fn has_subheadings(pieces: &[Piece]) -> bool {
    pieces
        .iter()
        .any(|p| plain_heading(p).is_some_and(|l| l >= 2))
}

fn title_index(pieces: &[Piece]) -> Option<usize> {
    let h1: Vec<usize> = (0..pieces.len())
        .filter(|&i| plain_heading(&pieces[i]) == Some(1))
        .collect();
    match h1.as_slice() {
        [] => None,
        [only] => Some(*only),
        // With `##` headings in the file, the first `#` is the title and later ones
        // (References, Appendix) are not the phase level.
        [first, ..] if has_subheadings(pieces) => Some(*first),
        [first, ..] => (!holds_direct_tasks(pieces, *first)).then_some(*first),
    }
}

fn phase_level(pieces: &[Piece], title: Option<usize>) -> Option<u8> {
    let min_level = if has_subheadings(pieces) { 2 } else { 1 };
    let candidates = || {
        (0..pieces.len())
            .filter(move |&i| Some(i) != title)
            .filter_map(|i| {
                plain_heading(&pieces[i])
                    .filter(|&l| l >= min_level)
                    .map(|l| (i, l))
            })
    };
    candidates()
        .filter(|&(i, _)| holds_tasks(pieces, i))
        .map(|(_, level)| level)
        .min()
        .or_else(|| candidates().map(|(_, level)| level).min())
}

fn implicit_phase(roadmap: &mut Roadmap) -> &mut Phase {
    if roadmap.phases.is_empty() {
        let title = roadmap.title.clone().unwrap_or_else(|| Inline {
            html: "Roadmap".into(),
            text: "Roadmap".into(),
        });
        roadmap.phases.push(Phase {
            title,
            span: 0..0,
            items: Vec::new(),
        });
    }
    roadmap.phases.last_mut().expect("a phase exists")
}

/// Builds the outline.
pub fn assemble(mut pieces: Vec<Piece>) -> Roadmap {
    settle_task_headings(&mut pieces);
    let title_at = title_index(&pieces);
    let level = phase_level(&pieces, title_at);
    let mut roadmap = Roadmap::default();
    // The label (a sub-heading) that names groups of ungrouped tasks, and the index in
    // the current phase's items of the group made for it.
    let mut label: Option<(Inline, Range<usize>)> = None;
    let mut label_group: Option<usize> = None;
    for i in 0..pieces.len() {
        match pieces[i].clone() {
            Piece::Heading { title, .. } if Some(i) == title_at => roadmap.title = Some(title),
            Piece::Heading {
                task: Some(task), ..
            } => {
                // A heading that is a task sits with the tasks around it.
                let phase = implicit_phase(&mut roadmap);
                match label_group.and_then(|index| phase.items.get_mut(index)) {
                    Some(Item::Group(group)) => group.items.push(Item::Task(task)),
                    _ => phase.items.push(Item::Task(task)),
                }
            }
            Piece::Heading {
                level: l,
                title,
                span,
                task: None,
            } => {
                label_group = None;
                let above = level.is_some_and(|level| l < level);
                if Some(l) == level || (above && holds_direct_tasks(&pieces, i)) {
                    roadmap.phases.push(Phase {
                        title,
                        span,
                        items: Vec::new(),
                    });
                    label = None;
                } else if level.is_some_and(|level| l > level) {
                    label = Some((title, span));
                } else {
                    label = None;
                }
            }
            Piece::Tasks { items, grouped } => {
                let phase = implicit_phase(&mut roadmap);
                match (&label, grouped) {
                    (Some((title, span)), false) => {
                        let index = *label_group.get_or_insert_with(|| {
                            phase
                                .items
                                .push(Item::Group(Group::new(title.clone(), span.clone())));
                            phase.items.len() - 1
                        });
                        if let Some(Item::Group(group)) = phase.items.get_mut(index) {
                            group.items.extend(items);
                        }
                    }
                    _ => phase.items.extend(items),
                }
            }
        }
    }
    roadmap
}
