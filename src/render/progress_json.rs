//! [`Site`] and its [`History`] → `progress.json`: the machine-readable progress of every phase and task.

use serde::Serialize;

use crate::history::History;
use crate::model::{Progress, Site};

#[derive(Serialize)]
struct ProgressJson<'a> {
    title: &'a str,
    generator: String,
    progress: &'a Progress,
    /// Progress per day from the git history; absent without one.
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<Vec<PointJson>>,
    phases: Vec<PhaseJson<'a>>,
}

/// A day's counts, by the same rule as `progress` (skipped tasks outside `total`).
#[derive(Serialize)]
struct PointJson {
    date: String,
    #[serde(flatten)]
    progress: Progress,
}

#[derive(Serialize)]
struct PhaseJson<'a> {
    title: &'a str,
    slug: &'a str,
    url: String,
    progress: &'a Progress,
    tasks: Vec<TaskJson<'a>>,
}

#[derive(Serialize)]
struct TaskJson<'a> {
    title: &'a str,
    slug: &'a str,
    status: &'static str,
    groups: &'a [String],
    /// Path of the task's page relative to the site root.
    url: String,
    line: usize,
    /// `YYYY-MM-DD` or null: notes first, else the git history.
    started: Option<&'a str>,
    completed: Option<&'a str>,
    /// `YYYY-MM-DD` or null: without a known day, the day by which it was so (the
    /// git history begins with it so). Never a false `started` or `completed`.
    started_before: Option<&'a str>,
    completed_before: Option<&'a str>,
}

/// The JSON document, pretty-printed so that diffs of it in git are readable.
pub fn progress_json(site: &Site, history: Option<&History>) -> Vec<u8> {
    let doc = ProgressJson {
        title: &site.title.text,
        generator: format!("roadmap-site {}", env!("CARGO_PKG_VERSION")),
        progress: &site.progress,
        history: history.map(|h| {
            h.points
                .iter()
                .map(|p| PointJson {
                    date: crate::date::format(p.day),
                    progress: p.progress,
                })
                .collect()
        }),
        phases: site
            .phases
            .iter()
            .map(|phase| PhaseJson {
                title: &phase.title.text,
                slug: &phase.slug,
                url: super::phase_path(&phase.slug),
                progress: &phase.progress,
                tasks: site.tasks[phase.tasks.clone()]
                    .iter()
                    .map(|task| TaskJson {
                        title: &task.title.text,
                        slug: &task.slug,
                        status: task.status.key(),
                        groups: &task.groups,
                        url: super::task_path(&task.slug),
                        line: task.location.line,
                        started: task.started.as_deref(),
                        completed: task.completed.as_deref(),
                        started_before: task.started_before.as_deref(),
                        completed_before: task.completed_before.as_deref(),
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut bytes = super::json_exact(&doc, true);
    bytes.push(b'\n');
    bytes
}
