//! [`Site`] → typed, serialisable views: the template contract (documented in
//! `docs/themes.md`), kept apart from the model so templates see stable names.

use serde::Serialize;

use crate::model::{Node, Phase, Progress, Site, Task};
use crate::roadmap::Status;

/// Progress as templates show it.
#[derive(Debug, Serialize)]
pub struct ProgressView {
    /// All tasks.
    pub total: usize,
    /// Finished tasks.
    pub done: usize,
    /// Started tasks.
    pub in_progress: usize,
    /// Skipped tasks.
    pub skipped: usize,
    /// Tasks not started.
    pub todo: usize,
    /// Percent done (of tasks not skipped), one decimal.
    pub percent: f64,
    /// `percent` formatted for display: `40.8%`, `100%`.
    pub label: String,
    /// Each status's share of all tasks in percent, for stacked bars, in the order
    /// done, in progress, to do, skipped.
    pub shares: Vec<ShareView>,
}

/// One segment of a stacked progress bar.
#[derive(Debug, Serialize)]
pub struct ShareView {
    /// Status key (`done`, `in_progress`, `todo`, `skipped`).
    pub status: &'static str,
    /// Human label.
    pub label: &'static str,
    /// Number of tasks.
    pub count: usize,
    /// Share of all tasks, in percent with up to 2 decimals (for CSS widths).
    pub width: f64,
}

impl From<&Progress> for ProgressView {
    fn from(p: &Progress) -> Self {
        let shares = Status::ALL
            .iter()
            .map(|&status| ShareView {
                status: status.key(),
                label: status.label(),
                count: p.count(status),
                width: if p.total == 0 {
                    0.0
                } else {
                    (p.count(status) as f64 * 10000.0 / p.total as f64).round() / 100.0
                },
            })
            .collect();
        ProgressView {
            total: p.total,
            done: p.done,
            in_progress: p.in_progress,
            skipped: p.skipped,
            todo: p.todo,
            percent: p.percent,
            label: percent_label(p.percent),
            shares,
        }
    }
}

/// `40.8%`, `100%`, `0%`.
pub fn percent_label(percent: f64) -> String {
    if percent.fract() == 0.0 {
        format!("{percent:.0}%")
    } else {
        format!("{percent:.1}%")
    }
}

/// The whole site, as every page sees it.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// Title, plain text.
    pub title: &'a str,
    /// Title as inline HTML.
    pub title_html: &'a str,
    /// Overall progress.
    pub progress: ProgressView,
    /// Every phase with its tree.
    pub phases: Vec<PhaseView<'a>>,
    /// `roadmap-site <version>`.
    pub generator: String,
}

/// A phase.
#[derive(Debug, Serialize)]
pub struct PhaseView<'a> {
    /// Title, plain text.
    pub title: &'a str,
    /// Title as inline HTML.
    pub title_html: &'a str,
    /// URL slug.
    pub slug: &'a str,
    /// 1-based position.
    pub number: usize,
    /// Progress.
    pub progress: ProgressView,
    /// Groups and tasks, nested.
    pub items: Vec<NodeView<'a>>,
}

/// A group or a task inside a phase; `kind` tells which.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NodeView<'a> {
    /// A group.
    Group {
        /// Name, plain text.
        title: &'a str,
        /// Name as inline HTML.
        title_html: &'a str,
        /// Status written on the group, if any.
        declared: Option<&'static str>,
        /// Progress.
        progress: ProgressView,
        /// Children.
        items: Vec<NodeView<'a>>,
    },
    /// A task.
    Task(TaskView<'a>),
}

/// A task.
#[derive(Debug, Serialize)]
pub struct TaskView<'a> {
    /// Title, plain text.
    pub title: &'a str,
    /// Title as inline HTML.
    pub title_html: &'a str,
    /// URL slug.
    pub slug: &'a str,
    /// Status key.
    pub status: &'static str,
    /// Status label.
    pub status_label: &'static str,
    /// Group trail, outermost first.
    pub groups: &'a [String],
    /// Line in the roadmap file.
    pub line: usize,
}

impl<'a> SiteView<'a> {
    /// Builds the view of the whole site.
    pub fn new(site: &'a Site) -> Self {
        SiteView {
            title: &site.title.text,
            title_html: &site.title.html,
            progress: ProgressView::from(&site.progress),
            phases: site
                .phases
                .iter()
                .enumerate()
                .map(|(i, phase)| PhaseView::new(site, phase, i + 1))
                .collect(),
            generator: format!("roadmap-site {}", env!("CARGO_PKG_VERSION")),
        }
    }
}

impl<'a> PhaseView<'a> {
    fn new(site: &'a Site, phase: &'a Phase, number: usize) -> Self {
        PhaseView {
            title: &phase.title.text,
            title_html: &phase.title.html,
            slug: &phase.slug,
            number,
            progress: ProgressView::from(&phase.progress),
            items: nodes(site, &phase.items),
        }
    }
}

fn nodes<'a>(site: &'a Site, items: &'a [Node]) -> Vec<NodeView<'a>> {
    items
        .iter()
        .map(|node| match node {
            Node::Task(i) => NodeView::Task(TaskView::new(&site.tasks[*i])),
            Node::Group(group) => NodeView::Group {
                title: &group.title.text,
                title_html: &group.title.html,
                declared: group.declared.map(Status::key),
                progress: ProgressView::from(&group.progress),
                items: nodes(site, &group.items),
            },
        })
        .collect()
}

impl<'a> TaskView<'a> {
    /// The view of one task.
    pub fn new(task: &'a Task) -> Self {
        TaskView {
            title: &task.title.text,
            title_html: &task.title.html,
            slug: &task.slug,
            status: task.status.key(),
            status_label: task.status.label(),
            groups: &task.groups,
            line: task.location.line,
        }
    }
}
