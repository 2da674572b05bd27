//! The roadmap file's git history → [`History`]: progress per day, when each task
//! was started and done, the pace. Each version of the file is parsed once and cached
//! by its blob id (see `cache`); without git, or in a shallow clone, there is no
//! history and [`Skipped`] says why.

mod cache;
mod derive;
mod git;
mod pace;

use std::collections::HashMap;
use std::time::Instant;

pub use derive::{Dates, Point, When};
pub use pace::{Forecast, end, forecast, pace};

use crate::config::Config;
use crate::date;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Site;
use crate::roadmap::{self, Item, Status};
use crate::session::Caches;
use crate::slug::slugify;

/// What the history says.
#[derive(Debug)]
pub struct History {
    /// Progress at the end of every day on which the file changed, oldest first.
    pub points: Vec<Point>,
    /// Dates of every task, by [`task_key`].
    pub dates: HashMap<String, Dates>,
    /// How it was read, for `--verbose`.
    pub stats: String,
    /// The day of the build (`date::today`): the pace and the forecast are counted
    /// up to it.
    pub today: i64,
}

/// Why there is no history: one line for the user, and whether it is worth saying
/// without `--verbose` (a shallow clone is; a folder without git is not).
#[derive(Debug)]
pub struct Skipped {
    /// The reason.
    pub reason: String,
    /// Say it without `--verbose`.
    pub notable: bool,
}

/// What reading the history gave: the history, or a warning worth showing when it
/// could not be read.
#[derive(Debug)]
pub struct Read {
    /// The history, when there is one.
    pub history: Option<History>,
    /// How it was read, or why there is none, for `--verbose`.
    pub line: String,
    /// Why there is none, when the user would want to know (a shallow clone), or
    /// why its cache could not be saved.
    pub warnings: Vec<Diagnostic>,
}

/// How a task is recognised across versions of the file: the slug of its title.
pub fn task_key(title: &str) -> String {
    slugify(title)
}

impl History {
    /// Gives the site's tasks the history's dates where their notes give none (a
    /// note's date wins, even over "before"). A change the history did not see gives
    /// only a bound (`…_before`), never a day.
    pub fn date_tasks(&self, site: &mut Site) {
        /// (day, bound) of a history date.
        fn split(when: Option<When>) -> (Option<String>, Option<String>) {
            match when {
                Some(When::On(day)) => (Some(date::format(day)), None),
                Some(When::Before(day)) => (None, Some(date::format(day))),
                None => (None, None),
            }
        }
        for task in &mut site.tasks {
            let Some(dates) = self.dates.get(&task_key(&task.title.text)) else {
                continue;
            };
            if task.started.is_none() {
                (task.started, task.started_before) = split(dates.started);
            }
            if task.completed.is_none() && task.status == Status::Done {
                (task.completed, task.completed_before) = split(dates.completed);
            }
        }
    }
}

impl Read {
    /// [`History::date_tasks`], when there is a history.
    pub fn date_tasks(&self, site: &mut Site) {
        if let Some(history) = &self.history {
            history.date_tasks(site);
        }
    }
}

/// Reads the history of the roadmap file.
/// With `Caches::Save`, the versions parsed now are saved for the next build.
pub fn read(config: &Config, caches: Caches) -> Read {
    match walk(config, caches) {
        Ok((history, not_saved)) => Read {
            line: history.stats.clone(),
            history: Some(history),
            warnings: not_saved
                .map(|e| {
                    let message = format!("cannot save the history cache: {e}");
                    let diagnostic = Diagnostic::file(Severity::Warning, crate::cache_dir::path(&config.root), message);
                    diagnostic.with_hint("builds stay correct but read every version of the roadmap again; make it a folder you can write to")
                })
                .into_iter()
                .collect(),
        },
        Err(skipped) => Read {
            warnings: skipped
                .notable
                .then(|| {
                    Diagnostic::file(Severity::Warning, &config.roadmap, skipped.reason.clone())
                })
                .into_iter()
                .collect(),
            line: skipped.reason,
            history: None,
        },
    }
}

/// The history, and why its cache could not be saved.
type Walked = (History, Option<std::io::Error>);

fn walk(config: &Config, caches: Caches) -> Result<Walked, Skipped> {
    let started = Instant::now();
    let skip = |reason: &str, notable| Skipped {
        reason: reason.to_string(),
        notable,
    };
    let walked = git::walk(&config.root, &config.path(&config.roadmap)).map_err(|s| match s {
        git::Skip::NoRepository => skip("not in a git repository: no progress history", false),
        git::Skip::Shallow => skip(
            "shallow git clone: no progress history (fetch the full history, e.g. `fetch-depth: 0` in GitHub Actions)",
            true,
        ),
        git::Skip::NotCommitted => skip("the roadmap is not committed yet: no progress history", false),
        git::Skip::Failed(e) => skip(&format!("cannot read the git history: {e}"), true),
    })?;
    let fingerprint = format!(
        "{} {}",
        env!("CARGO_PKG_VERSION"),
        config.rules.fingerprint()
    );
    let mut cache = cache::Cache::open(&config.root, &fingerprint);
    let mut versions = Vec::with_capacity(walked.changes.len());
    let (mut from_cache, mut fresh) = (0, 0);
    for change in &walked.changes {
        let blob = change.blob.to_string();
        let tasks = match cache.get(&blob) {
            Some(tasks) => {
                from_cache += 1;
                tasks
            }
            None => {
                let bytes = git::read(&walked.repo, change.blob).map_err(|s| match s {
                    git::Skip::Failed(e) => {
                        skip(&format!("cannot read the git history: {e}"), true)
                    }
                    _ => skip("cannot read the git history", true),
                })?;
                let tasks = parse_version(config, &bytes);
                cache.put(&blob, &tasks);
                fresh += 1;
                tasks
            }
        };
        versions.push(derive::Version {
            day: change.day,
            tasks,
        });
    }
    let not_saved = match caches {
        Caches::ReadOnly => None,
        Caches::Save => cache.save().err(),
    };
    let (points, dates) = derive::derive(&versions);
    let history = History {
        points,
        dates,
        today: date::today(),
        stats: format!(
            "history: {}, {} ({from_cache} cached, {fresh} parsed) in {} ms",
            crate::plural::plural(walked.commits, "commit"),
            crate::plural::plural(versions.len(), "version"),
            started.elapsed().as_millis()
        ),
    };
    Ok((history, not_saved))
}

/// The tasks of one version of the file, as `(key, status)`. Problems in old versions
/// are not reported: only the current file's are.
fn parse_version(config: &Config, bytes: &[u8]) -> Vec<(String, Status)> {
    let Ok((source, _)) = crate::encoding::decode(&config.roadmap, bytes) else {
        return Vec::new();
    };
    let roadmap = roadmap::parse(&source, &config.rules, &mut Vec::new());
    let mut tasks = Vec::new();
    for phase in &roadmap.phases {
        flatten(&phase.items, &mut tasks);
    }
    tasks
}

fn flatten(items: &[Item], out: &mut Vec<(String, Status)>) {
    for item in items {
        match item {
            Item::Task(task) => out.push((task_key(&task.title.text), task.status)),
            Item::Group(group) => {
                if let Some(own) = &group.own {
                    out.push((task_key(&own.title.text), own.status));
                }
                flatten(&group.items, out);
            }
            Item::Prose(_) => {}
        }
    }
}
