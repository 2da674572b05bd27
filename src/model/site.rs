//! Parsed [`Roadmap`] + config → [`Site`]: slugs, the flat task list, group trails and
//! progress at every level. This is what pages are rendered from.

use std::ops::Range;

use super::progress::Progress;
use super::slug::Slugs;
use crate::config::Config;
use crate::roadmap::{self, Inline, Roadmap, Status};
use crate::source::{Location, SourceFile};

/// Everything the site shows.
#[derive(Debug)]
pub struct Site {
    /// Roadmap title (config override, `#` heading, or "Roadmap").
    pub title: Inline,
    /// Phases in document order.
    pub phases: Vec<Phase>,
    /// Every leaf task, in document order.
    pub tasks: Vec<Task>,
    /// Overall progress.
    pub progress: Progress,
    /// Absolute URL the site is published at, ending in `/`.
    pub base_url: Option<String>,
    /// `[extra]` of `roadmap.toml`, for themes.
    pub extra: toml::Table,
}

/// A phase with its tree of groups and tasks.
#[derive(Debug)]
pub struct Phase {
    /// Title.
    pub title: Inline,
    /// URL slug, unique among phases.
    pub slug: String,
    /// Groups and tasks.
    pub items: Vec<Node>,
    /// Progress over the phase's tasks.
    pub progress: Progress,
    /// The phase's tasks, as a range of `Site::tasks`.
    pub tasks: Range<usize>,
}

/// A node of a phase's tree.
#[derive(Debug)]
pub enum Node {
    /// A group or subgroup.
    Group(Group),
    /// A task, by index into `Site::tasks`.
    Task(usize),
}

/// A group with progress.
#[derive(Debug)]
pub struct Group {
    /// Name.
    pub title: Inline,
    /// Status written on the group itself, if any (not counted).
    pub declared: Option<Status>,
    /// Children.
    pub items: Vec<Node>,
    /// Progress over the group's tasks.
    pub progress: Progress,
}

/// A leaf task.
#[derive(Debug)]
pub struct Task {
    /// Title.
    pub title: Inline,
    /// URL slug, unique among all tasks of the site.
    pub slug: String,
    /// Status.
    pub status: Status,
    /// Index of its phase.
    pub phase: usize,
    /// Names of the groups and subgroups it sits in, outermost first.
    pub groups: Vec<String>,
    /// Where it is written in the roadmap.
    pub location: Location,
    /// Extra table columns.
    pub attributes: Vec<(String, Inline)>,
}

impl Site {
    /// Resolves a parsed roadmap into the site model.
    pub fn new(config: &Config, roadmap: Roadmap, source: &SourceFile) -> Site {
        let title = match (&config.title, roadmap.title) {
            (Some(title), _) => Inline {
                html: crate::render::escape(title),
                text: title.clone(),
            },
            (None, Some(title)) => title,
            (None, None) => Inline {
                html: "Roadmap".into(),
                text: "Roadmap".into(),
            },
        };
        let mut builder = Builder {
            source,
            tasks: Vec::new(),
            slugs: Slugs::default(),
        };
        let mut phase_slugs = Slugs::default();
        let phases = roadmap
            .phases
            .into_iter()
            .enumerate()
            .map(|(index, phase)| {
                let start = builder.tasks.len();
                let items = builder.nodes(phase.items, index, &mut Vec::new());
                let tasks = start..builder.tasks.len();
                Phase {
                    slug: phase_slugs.unique(&phase.title.text, "phase"),
                    title: phase.title,
                    progress: Progress::of(builder.tasks[tasks.clone()].iter().map(|t| t.status)),
                    items,
                    tasks,
                }
            })
            .collect();
        let progress = Progress::of(builder.tasks.iter().map(|t| t.status));
        Site {
            title,
            phases,
            tasks: builder.tasks,
            progress,
            base_url: config.base_url.clone(),
            extra: config.extra.clone(),
        }
    }
}

struct Builder<'s> {
    source: &'s SourceFile,
    tasks: Vec<Task>,
    slugs: Slugs,
}

impl Builder<'_> {
    fn nodes(
        &mut self,
        items: Vec<roadmap::Item>,
        phase: usize,
        trail: &mut Vec<String>,
    ) -> Vec<Node> {
        items
            .into_iter()
            .map(|item| match item {
                roadmap::Item::Task(task) => {
                    self.tasks.push(Task {
                        slug: self.slugs.unique(&task.title.text, "task"),
                        title: task.title,
                        status: task.status,
                        phase,
                        groups: trail.clone(),
                        location: self.source.location(task.span.start),
                        attributes: task.attributes,
                    });
                    Node::Task(self.tasks.len() - 1)
                }
                roadmap::Item::Group(group) => {
                    let start = self.tasks.len();
                    trail.push(group.title.text.clone());
                    let items = self.nodes(group.items, phase, trail);
                    trail.pop();
                    Node::Group(Group {
                        title: group.title,
                        declared: group.declared,
                        items,
                        progress: Progress::of(self.tasks[start..].iter().map(|t| t.status)),
                    })
                }
            })
            .collect()
    }
}
