//! [`Site`] → the map's entries: phases, groups and tasks in document order, each
//! with its depth (a tree written as a list), cut to a node budget on large roadmaps.
//!
//! The budget rule: the map holds at most [`BUDGET`] nodes, shared evenly among the
//! phases. A phase shows as many levels of its tree as fit in its share; a group
//! whose children are below that level is drawn as one node with its counts; when
//! even a phase's top level does not fit, its first items are shown and then one
//! "+N more" node. Those nodes link to the phase page, which lists every task. When
//! a share has room for fewer than [`MIN_ITEMS`] items (more than a third of the
//! budget in phases), the map draws the phases alone: every phase is always drawn.

use super::super::view::{phase_path, task_path};
use crate::model::{Node, Site};
use crate::roadmap::Status;

/// Most nodes on a map (phases included): a node costs about 850 bytes of
/// `map.html` (two drawings and the list) and 340 of `map.svg`.
pub const BUDGET: usize = 1_000;
/// Fewest items a phase's share must have room for to show any.
pub const MIN_ITEMS: usize = 2;

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A phase, on the spine.
    Phase,
    /// A group (with `status` when it is a task itself).
    Group,
    /// A task.
    Task,
    /// Items left out by the budget, standing for `count` tasks.
    More,
}

/// One node of the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// 0 for a phase, 1 for its items, 2 for theirs…
    pub depth: usize,
    /// What it is.
    pub kind: Kind,
    /// Title, plain text (empty for [`Kind::More`]).
    pub title: String,
    /// A task's status (also a group's that is a task itself).
    pub status: Option<Status>,
    /// Page path relative to the site root, when the node is a link.
    pub url: Option<String>,
    /// Tasks done and counted (skipped ones left out), for phases and groups.
    pub done: usize,
    /// The count `done` is out of; for [`Kind::More`], the tasks it stands for.
    pub total: usize,
    /// Children left out by the budget (a group drawn as one node).
    pub folded: bool,
    /// The full title and what the node's shape says, in the site's language (its
    /// tooltip); empty until [`super::words`] fills it.
    pub tip: String,
}

/// The map's entries, in document order, within the budget.
pub fn entries(site: &Site) -> Vec<Entry> {
    // The phase's own node is part of its share.
    let share = (BUDGET / site.phases.len().max(1)).saturating_sub(1);
    let mut out = Vec::new();
    for phase in &site.phases {
        out.push(Entry {
            depth: 0,
            kind: Kind::Phase,
            title: phase.shown_title().to_string(),
            status: None,
            url: Some(phase_path(&phase.slug)),
            done: phase.progress.done,
            total: phase.progress.total(),
            folded: false,
            tip: String::new(),
        });
        if share < MIN_ITEMS {
            out.last_mut().expect("just pushed").folded = !phase.items.is_empty();
            continue;
        }
        let levels = levels_within(&phase.items, share);
        let phase_url = phase_path(&phase.slug);
        push_items(site, &phase.items, 1, levels, share, &phase_url, &mut out);
    }
    out
}

/// How many levels of `items` fit in `share` nodes (at least one).
fn levels_within(items: &[Node], share: usize) -> usize {
    let mut counts = Vec::new();
    count_levels(items, 0, &mut counts);
    let mut sum = 0;
    let fitting = counts.iter().take_while(|&&c| {
        sum += c;
        sum <= share
    });
    fitting.count().max(1)
}

fn count_levels(items: &[Node], level: usize, counts: &mut Vec<usize>) {
    if items.is_empty() {
        return;
    }
    if counts.len() <= level {
        counts.push(0);
    }
    counts[level] += items.len();
    for item in items {
        if let Node::Group(group) = item {
            count_levels(&group.items, level + 1, counts);
        }
    }
}

fn push_items(
    site: &Site,
    items: &[Node],
    depth: usize,
    levels: usize,
    share: usize,
    phase_url: &str,
    out: &mut Vec<Entry>,
) {
    // The learner's prose among the tasks is for the pages, not the picture.
    let items: Vec<&Node> = items
        .iter()
        .filter(|n| !matches!(n, Node::Prose(_)))
        .collect();
    // Only the top level can be longer than the share: deeper ones fit by `levels`.
    let shown = match items.len() > share {
        true => share.saturating_sub(1).max(1),
        false => items.len(),
    };
    for item in &items[..shown] {
        match *item {
            Node::Task(i) => {
                let task = &site.tasks[*i];
                out.push(Entry {
                    depth,
                    kind: Kind::Task,
                    title: task.title.text.clone(),
                    status: Some(task.status),
                    url: Some(task_path(&task.slug)),
                    done: 0,
                    total: 0,
                    folded: false,
                    tip: String::new(),
                });
            }
            Node::Group(group) => {
                let folded = depth >= levels && !group.items.is_empty();
                let own = group.task.map(|t| &site.tasks[t]);
                out.push(Entry {
                    depth,
                    kind: Kind::Group,
                    title: group.title.text.clone(),
                    status: own.map(|t| t.status),
                    url: match (own, folded) {
                        (Some(task), _) => Some(task_path(&task.slug)),
                        (None, true) => Some(phase_url.to_string()),
                        (None, false) => None,
                    },
                    done: group.progress.done,
                    total: group.progress.total(),
                    folded,
                    tip: String::new(),
                });
                if !folded {
                    push_items(site, &group.items, depth + 1, levels, share, phase_url, out);
                }
            }
            Node::Prose(_) => {}
        }
    }
    let rest = &items[shown..];
    if !rest.is_empty() {
        out.push(Entry {
            depth,
            kind: Kind::More,
            title: String::new(),
            status: None,
            url: Some(phase_url.to_string()),
            done: 0,
            total: rest.iter().map(|n| tasks_in(n)).sum(),
            folded: true,
            tip: String::new(),
        });
    }
}

/// How many tasks a node holds (a group that is a task counts itself).
fn tasks_in(node: &Node) -> usize {
    match node {
        Node::Prose(_) => 0,
        Node::Task(_) => 1,
        Node::Group(group) => {
            usize::from(group.task.is_some()) + group.items.iter().map(tasks_in).sum::<usize>()
        }
    }
}
