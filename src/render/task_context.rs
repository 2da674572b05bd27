//! [`Site`] + the prose's HTML → each task's context ([`ContextView`]): its phase, its
//! group, its neighbours among its siblings and the prose written beside them, so that
//! a task page without notes is not an empty shell.

use serde::Serialize;

use super::view::{ProgressView, status_label, task_path};
use crate::i18n::Language;
use crate::model::{Group, Node, Site};
use crate::notes_html::ProseHtml;

/// Where every task stands in its phase's tree, found in one walk of the trees.
pub struct Places<'a> {
    site: &'a Site,
    prose: &'a ProseHtml,
    lang: &'a Language,
    /// By task: the list it is in, its index there, the group of that list.
    places: Vec<Option<Place<'a>>>,
}

#[derive(Clone, Copy)]
struct Place<'a> {
    siblings: &'a [Node],
    at: usize,
    group: Option<&'a Group>,
}

/// What a task page shows around the task.
#[derive(Debug, Serialize)]
pub struct ContextView<'a> {
    /// The innermost group the task sits in (not the group it is itself).
    pub group: Option<GroupLink<'a>>,
    /// The task before it among its siblings, unless it is the task right before it
    /// in the roadmap (the page's "previous task" link).
    pub prev: Option<Sibling<'a>>,
    /// The task after it among its siblings, unless it is the task right after it
    /// in the roadmap (the page's "next task" link).
    pub next: Option<Sibling<'a>>,
    /// When the task has subtasks (a checklist parent): their progress.
    pub subtasks: Option<ProgressView<'a>>,
    /// Its phase's progress.
    pub phase_progress: ProgressView<'a>,
    /// The prose written in its group, then in its phase outside any group, as HTML.
    pub resources: Vec<&'a str>,
}

/// A group, by name and progress.
#[derive(Debug, Serialize)]
pub struct GroupLink<'a> {
    /// Name, plain text.
    pub title: &'a str,
    /// Progress over its tasks.
    pub progress: ProgressView<'a>,
}

/// A neighbouring task.
#[derive(Debug, Serialize)]
pub struct Sibling<'a> {
    /// Title, plain text.
    pub title: &'a str,
    /// Page path relative to the site root.
    pub url: String,
    /// Status key.
    pub status: &'static str,
    /// Status label.
    pub status_label: &'a str,
}

impl<'a> Places<'a> {
    /// Walks every phase's tree once.
    pub fn new(site: &'a Site, prose: &'a ProseHtml, lang: &'a Language) -> Self {
        let mut places = vec![None; site.tasks.len()];
        let mut stack: Vec<(&[Node], Option<&Group>)> =
            site.phases.iter().map(|p| (&p.items[..], None)).collect();
        while let Some((siblings, group)) = stack.pop() {
            for (at, node) in siblings.iter().enumerate() {
                let place = Some(Place {
                    siblings,
                    at,
                    group,
                });
                match node {
                    Node::Task(i) => places[*i] = place,
                    Node::Group(inner) => {
                        if let Some(i) = inner.task {
                            places[i] = place;
                        }
                        stack.push((&inner.items, Some(inner)));
                    }
                    Node::Prose(_) => {}
                }
            }
        }
        Places {
            site,
            prose,
            lang,
            places,
        }
    }

    /// The context of task `i`.
    pub fn context(&self, i: usize) -> ContextView<'a> {
        let site = self.site;
        let phase = &site.phases[site.tasks[i].phase];
        let place = self.places.get(i).copied().flatten();
        let task_of = |node: &Node| match node {
            Node::Task(t) => Some(*t),
            Node::Group(group) => group.task,
            Node::Prose(_) => None,
        };
        let sibling = |t: usize| {
            let task = &site.tasks[t];
            Sibling {
                title: &task.title.text,
                url: task_path(&task.slug),
                status: task.status.key(),
                status_label: status_label(task.status, self.lang),
            }
        };
        let (mut prev, mut next, mut subtasks) = (None, None, None);
        let mut resources = Vec::new();
        let prose_in = |nodes: &'a [Node], out: &mut Vec<&'a str>| {
            for node in nodes {
                if let Node::Prose(p) = node {
                    out.push(self.prose.get(*p));
                }
            }
        };
        if let Some(Place {
            siblings,
            at,
            group,
        }) = place
        {
            // A sibling that is also the task just before or after it in the roadmap
            // is left to the page's previous/next links: listed here too, it was the
            // same task twice, one above the other, on most task pages.
            let beside = |t: &usize| t.abs_diff(i) != 1;
            prev = siblings[..at].iter().rev().find_map(task_of);
            next = siblings[at + 1..].iter().find_map(task_of);
            (prev, next) = (prev.filter(beside), next.filter(beside));
            if let Node::Group(own) = &siblings[at] {
                subtasks = Some(ProgressView(&own.progress, self.lang));
            }
            if let Some(group) = group {
                prose_in(&group.items, &mut resources);
            }
        }
        prose_in(&phase.items, &mut resources);
        ContextView {
            group: place.and_then(|p| p.group).map(|group| GroupLink {
                title: &group.title.text,
                progress: ProgressView(&group.progress, self.lang),
            }),
            prev: prev.map(sibling),
            next: next.map(sibling),
            subtasks,
            phase_progress: ProgressView(&phase.progress, self.lang),
            resources,
        }
    }
}
