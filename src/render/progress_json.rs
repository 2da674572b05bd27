//! [`Site`] and its [`History`] → `progress.json`: the machine-readable progress of every phase and task.

use serde::Serialize;

use crate::history::History;
use crate::model::{Progress, Site, Task};

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
    tasks: TaskRows<'a>,
}

/// A phase's tasks, each row made as it is written: as a list, their rows were
/// 1.6 MB of a 10,000-task build's peak of memory (valgrind massif).
struct TaskRows<'a>(&'a [Task]);

impl Serialize for TaskRows<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|task| TaskJson {
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
        }))
    }
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
                tasks: TaskRows(&site.tasks[phase.tasks.clone()]),
            })
            .collect(),
    };
    let mut bytes = pretty_exact(&doc);
    bytes.push(b'\n');
    bytes
}

/// `value` as indented JSON in a buffer of exactly its size (and one byte for a final
/// newline), found by writing it once to a counter. A 10,000-task site's file is
/// 4.7 MB, made while the pages render, and a buffer grown by doubling held up to
/// twice that, and three times while it moved (9.5 MiB of the build's peak, massif).
fn pretty_exact<T: Serialize>(value: &T) -> Vec<u8> {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    // Our own types, with string keys: serialising them cannot fail.
    let mut count = Count(0);
    serde_json::to_writer_pretty(&mut count, value).expect("progress.json serialises");
    let mut bytes = Vec::with_capacity(count.0 + 1);
    serde_json::to_writer_pretty(&mut bytes, value).expect("progress.json serialises");
    bytes
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_exact_buffer_holds_what_serde_writes_with_room_for_a_newline_only() {
        let value = serde_json::json!({"phases": [{"title": "Grund\u{00fc}bungen \u{2705}", "done": 3}], "v": 1});
        let bytes = super::pretty_exact(&value);
        assert_eq!(bytes, serde_json::to_vec_pretty(&value).unwrap());
        assert_eq!(bytes.capacity(), bytes.len() + 1);
    }
}
