//! Headings and task blocks in document order → the roadmap's outline: its title, its
//! phases (at the phase level) and the groups that labels and status headings make.
//! The rules are numbered in the module doc of [`crate::roadmap`] (title, phases,
//! labels, implicit phase, status headings, kanban).

use std::ops::Range;

use super::marker::take_status;
use super::prose::Held;
use super::reader::Reader;
use super::segment::Segment;
use super::syntax::{Counts, Group, Inline, Item, Phase, Roadmap, Task};

/// A block after its tasks have been read.
pub enum Piece {
    /// A heading; `task` when it carries a status marker (`### ✅ Sockets`).
    Heading {
        level: u8,
        title: Inline,
        span: Range<usize>,
        task: Option<Task>,
    },
    /// A kanban column heading (`### Doing`): its lists took its status.
    Column {
        level: u8,
        title: Inline,
        span: Range<usize>,
    },
    /// A card of a kanban column written as a heading: always a task.
    Card { task: Task },
    /// A heading that can only name a group (one inside a kanban column).
    Label {
        level: u8,
        title: Inline,
        span: Range<usize>,
    },
    /// Tasks from a table or list; `grouped` when a group column grouped them.
    Tasks { items: Vec<Item>, grouped: bool },
    /// A list or table that holds no tasks; its span when it is shown as prose (not
    /// a legend, not a kanban card's details).
    Content(Option<Range<usize>>),
    /// A paragraph, code or a quote; its span when it is shown (not raw HTML).
    Prose(Option<Range<usize>>),
}

/// What the outline made of a heading, for `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The document's title.
    Title,
    /// The phase of this index in the roadmap.
    Phase(usize),
    /// A phase heading with no tasks under it (not kept).
    Empty,
    /// A sub-heading naming a group.
    Label,
    /// A heading that is a task.
    Task,
    /// A heading above the phase level, or a decorated one over content.
    Section,
}

/// A heading. When it carries a status marker it may be a task: `task` holds that
/// reading (title without the marker) until [`assemble`] knows what is under it.
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

/// A marked heading is a task only over nothing (`### ✅ Sockets` followed by the
/// next heading). Over anything, the marker is decoration: over tasks (`## ✅ Week 1`
/// over a checklist), sub-headings, prose, or a list or table that holds no tasks
/// (`## ✅ Overall Stats` over plain bullets).
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
        // A `#` heading names a document or a part of it: its marker is decoration.
        let decoration = level == 1
            || pieces[i + 1..]
                .iter()
                .take_while(|p| !ends(p, level))
                .next()
                .is_some();
        if decoration && let Piece::Heading { task, .. } = &mut pieces[i] {
            *task = None;
        }
    }
}

/// Does this piece end the section of a heading at `level`?
fn ends(piece: &Piece, level: u8) -> bool {
    match piece {
        Piece::Heading { level: l, .. }
        | Piece::Column { level: l, .. }
        | Piece::Label { level: l, .. } => *l <= level,
        _ => false,
    }
}

fn is_tasks(piece: &Piece) -> bool {
    matches!(
        piece,
        Piece::Tasks { .. } | Piece::Card { .. } | Piece::Heading { task: Some(_), .. }
    )
}

/// A heading without a status marker, and its level.
fn plain(piece: &Piece) -> Option<u8> {
    match piece {
        Piece::Heading {
            level, task: None, ..
        } => Some(*level),
        _ => None,
    }
}

/// Does the section of the plain heading `pieces[i]` hold tasks?
fn holds_tasks(pieces: &[Piece], i: usize) -> bool {
    let Some(level) = plain(&pieces[i]) else {
        return false;
    };
    pieces[i + 1..]
        .iter()
        .take_while(|p| plain(p).is_none_or(|l| l > level))
        .any(is_tasks)
}

/// Do tasks come right after `pieces[i]`, before any other plain heading?
fn holds_direct_tasks(pieces: &[Piece], i: usize) -> bool {
    pieces[i + 1..]
        .iter()
        .take_while(|p| plain(p).is_none())
        .any(is_tasks)
}

/// `1. Review`, `Phase 2: X`, `Week 3`, `第二章`, `II. Y`: the numbering a series of
/// sibling headings shares, if any.
pub fn numbering(title: &str) -> Option<String> {
    let trimmed = title.trim_start_matches(|c: char| !c.is_alphanumeric());
    let mut words = trimmed.split_whitespace();
    let first = words.next()?.trim_end_matches(['.', ':', ')']);
    let is_number = |w: &str| {
        let w = w.trim_end_matches(['.', ':', ')']);
        !w.is_empty()
            && (w.chars().all(|c| c.is_ascii_digit() || c == '.')
                || w.chars().all(|c| "ivxlIVXL".contains(c)))
    };
    if is_number(first) {
        return Some("N".into());
    }
    if first.starts_with('第') {
        return Some("第N".into());
    }
    let second = words.next()?;
    is_number(second).then(|| format!("{} N", first.to_lowercase()))
}

fn title_text(piece: &Piece) -> &str {
    match piece {
        Piece::Heading { title, .. } => &title.text,
        _ => "",
    }
}

/// The title: the first heading when it is a `#` that names the whole document. It
/// is not the title when other `#` headings are the phases: at least two `#`
/// sections hold tasks and they are numbered alike, or three do, or the first has
/// tasks right under it.
fn title_index(pieces: &[Piece]) -> Option<usize> {
    let first = pieces
        .iter()
        .position(|p| matches!(p, Piece::Heading { .. } | Piece::Column { .. }))?;
    if plain(&pieces[first]) != Some(1) || pieces[..first].iter().any(is_tasks) {
        return None;
    }
    let h1: Vec<usize> = (0..pieces.len())
        .filter(|&i| plain(&pieces[i]) == Some(1))
        .collect();
    let direct = holds_direct_tasks(pieces, first);
    let deeper = pieces.iter().any(|p| match p {
        Piece::Column { .. } => true,
        _ => plain(p).is_some_and(|l| l >= 2),
    });
    if h1.len() == 1 {
        return (deeper || !direct).then_some(first);
    }
    let holding: Vec<usize> = h1
        .iter()
        .copied()
        .filter(|&i| holds_tasks(pieces, i))
        .collect();
    if !holding.contains(&first) {
        return Some(first);
    }
    let alike = holding.windows(2).all(|w| {
        numbering(title_text(&pieces[w[0]]))
            .is_some_and(|n| Some(n) == numbering(title_text(&pieces[w[1]])))
    });
    let phases = holding.len() >= 2 && (alike || holding.len() >= 3 || direct);
    (!phases).then_some(first)
}

/// The phase level: the shallowest heading level (the title aside) whose sections
/// split the tasks between two or more of them; else the shallowest level that holds
/// tasks; `forced` (from `roadmap.toml`) wins.
fn phase_level(pieces: &[Piece], title: Option<usize>, forced: Option<u8>) -> Option<u8> {
    if forced.is_some() {
        return forced;
    }
    let headings = || (0..pieces.len()).filter(move |&i| Some(i) != title);
    let holding = |level: u8| {
        headings()
            .filter(|&i| plain(&pieces[i]) == Some(level) && holds_tasks(pieces, i))
            .count()
    };
    (1..=6)
        .find(|&l| holding(l) >= 2)
        .or_else(|| (1..=6).find(|&l| holding(l) >= 1))
}

/// Builds the outline; `roles` gets what each heading became, by span.
pub fn assemble(
    mut pieces: Vec<Piece>,
    forced_level: Option<u8>,
    roles: &mut Vec<(Range<usize>, Role, String)>,
) -> Roadmap {
    settle_task_headings(&mut pieces);
    let title_at = title_index(&pieces);
    let level = phase_level(&pieces, title_at, forced_level);
    let mut out = Outline {
        roadmap: Roadmap::default(),
        roles,
        phase_roles: Vec::new(),
        section: None,
        in_phase: false,
        held: None,
        loose: Vec::new(),
    };
    // The label (a sub-heading) that names groups of ungrouped tasks, its level, and
    // the index in the current phase's items of the group made for it.
    let mut label: Option<(Inline, Range<usize>, u8)> = None;
    let mut label_group: Option<usize> = None;
    for i in 0..pieces.len() {
        // Taken whole (not cloned): only the pieces after it are looked at again.
        let piece = std::mem::replace(&mut pieces[i], Piece::Prose(None));
        let was_heading = matches!(piece, Piece::Heading { .. });
        // A heading ends the prose held under a label that made no group.
        if matches!(
            piece,
            Piece::Heading { task: None, .. } | Piece::Column { .. } | Piece::Label { .. }
        ) {
            out.flush();
        }
        match piece {
            Piece::Heading { title, span, .. } if Some(i) == title_at => {
                out.roles
                    .push((span.clone(), Role::Title, title.text.clone()));
                out.section = Some((title.clone(), span));
                out.roadmap.title = Some(title);
            }
            Piece::Heading {
                task: Some(task), ..
            }
            | Piece::Card { task } => {
                if was_heading {
                    let role = (task.span.clone(), Role::Task, task.title.text.clone());
                    out.roles.push(role);
                }
                // A heading that is a task sits with the tasks around it.
                out.add(vec![Item::Task(task)], &label, &mut label_group);
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
                    out.phase(title, span);
                    label = None;
                } else if level.is_some_and(|level| l > level) {
                    out.roles
                        .push((span.clone(), Role::Label, title.text.clone()));
                    out.held = Some(Held::under(span.clone()));
                    label = Some((title, span, l));
                } else {
                    out.roles
                        .push((span.clone(), Role::Section, title.text.clone()));
                    out.held = Some(Held::under(span.clone()));
                    // Tasks after a heading above the phase level start a new phase.
                    out.section = Some((title, span));
                    out.in_phase = false;
                    label = None;
                }
            }
            Piece::Label {
                level: l,
                title,
                span,
            } => {
                out.roles
                    .push((span.clone(), Role::Label, title.text.clone()));
                out.held = Some(Held::under(span.clone()));
                label = Some((title, span, l));
                label_group = None;
            }
            Piece::Column {
                level: l,
                title,
                span,
            } => {
                if label.as_ref().is_some_and(|(_, _, ll)| *ll >= l) {
                    label = None;
                    label_group = None;
                }
                // A column at the phase level is a section of its own, not more of
                // the phase above (`## ✅ Already done` after `## Week 2`): its cards
                // make a phase named after it.
                if level.is_some_and(|level| l <= level) {
                    out.section = Some((title, span));
                    out.in_phase = false;
                }
            }
            Piece::Tasks { items, grouped } => {
                let label = if grouped { &None } else { &label };
                out.add(items, label, &mut label_group);
            }
            Piece::Content(span) | Piece::Prose(span) => {
                if let Some(span) = span {
                    out.prose(span, label_group);
                }
            }
        }
    }
    out.flush();
    out.finish()
}

/// The outline being built.
pub(super) struct Outline<'r> {
    pub(super) roadmap: Roadmap,
    roles: &'r mut Vec<(Range<usize>, Role, String)>,
    /// For each phase of `roadmap`, the index of its role.
    phase_roles: Vec<usize>,
    /// The heading that names a phase made of tasks before the next phase heading.
    section: Option<(Inline, Range<usize>)>,
    /// Whether tasks now go to the last phase.
    pub(super) in_phase: bool,
    /// A heading that is not (yet) structure, and the prose under it.
    pub(super) held: Option<Held>,
    /// Prose outside phases, with the number of phases before it.
    pub(super) loose: Vec<(Range<usize>, usize)>,
}

impl Outline<'_> {
    fn phase(&mut self, title: Inline, span: Range<usize>) {
        self.phase_roles.push(self.roles.len());
        self.roles
            .push((span.clone(), Role::Phase(0), title.text.clone()));
        self.roadmap.phases.push(Phase {
            title,
            span,
            items: Vec::new(),
        });
        self.in_phase = true;
    }

    /// Adds tasks to the current phase (a new one for tasks before the first phase
    /// heading, named after the heading they sit under, the title, or "Roadmap"),
    /// in the group of `label` if there is one.
    fn add(
        &mut self,
        items: Vec<Item>,
        label: &Option<(Inline, Range<usize>, u8)>,
        label_group: &mut Option<usize>,
    ) {
        let creating = !self.in_phase || self.roadmap.phases.is_empty();
        // Prose held under a heading stands before these tasks, unless it opens the
        // label's group (made below).
        let held = match label {
            None => self.held.take(),
            Some(_) => None,
        };
        if creating {
            let section = self.section.as_ref().map(|(_, span)| span.clone());
            let (title, span) = self.section.clone().unwrap_or_else(|| {
                let title = Inline {
                    html: "Roadmap".into(),
                    text: "Roadmap".into(),
                };
                (title, 0..0)
            });
            self.phase(title, span);
            // An implicit phase has no heading of its own.
            if let Some(phase) = self.roadmap.phases.last_mut() {
                phase.span = 0..0;
                // The prose under the heading that names it opens it.
                if let Some(held) = held {
                    if section != Some(held.heading.clone()) && !held.prose.is_empty() {
                        phase.items.push(Item::Prose(held.heading));
                    }
                    phase.items.extend(held.prose.into_iter().map(Item::Prose));
                }
            }
        } else if let Some(held) = held {
            self.held = Some(held);
            self.flush();
        }
        let phase = self.roadmap.phases.last_mut().expect("a phase exists");
        match label {
            Some((title, span, _)) => {
                let held = &mut self.held;
                let index = *label_group.get_or_insert_with(|| {
                    let mut group = Group::new(title.clone(), span.clone());
                    // The label names the group; the prose under it opens it.
                    if let Some(held) = held.take() {
                        group.items.extend(held.prose.into_iter().map(Item::Prose));
                    }
                    phase.items.push(Item::Group(group));
                    phase.items.len() - 1
                });
                if let Some(Item::Group(group)) = phase.items.get_mut(index) {
                    group.items.extend(items);
                }
            }
            None => phase.items.extend(items),
        }
    }

    /// A heading with nothing to count under it is a section of prose, not a phase.
    fn finish(self) -> Roadmap {
        let Outline {
            mut roadmap,
            roles,
            phase_roles,
            mut loose,
            ..
        } = self;
        let mut kept = 0;
        let mut keep = Vec::with_capacity(roadmap.phases.len());
        // For each phase, how many phases before it are kept.
        let mut kept_before = Vec::with_capacity(roadmap.phases.len() + 1);
        for (phase, &role) in roadmap.phases.iter().zip(&phase_roles) {
            kept_before.push(kept);
            let holds = Counts::of(&phase.items).tasks > 0;
            if !holds {
                // A heading with nothing to count under it is prose with its text.
                super::prose::orphaned(phase, kept_before.len() - 1, &mut loose);
            }
            roles[role].1 = if holds {
                Role::Phase(kept)
            } else {
                Role::Empty
            };
            kept += usize::from(holds);
            keep.push(holds);
        }
        kept_before.push(kept);
        super::prose::settle(&mut roadmap, loose, &kept_before);
        let mut keep = keep.into_iter();
        roadmap.phases.retain(|_| keep.next().unwrap_or(false));
        roadmap
    }
}
