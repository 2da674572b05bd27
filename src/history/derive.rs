//! Task statuses at each version of the roadmap file → progress per day, the day each
//! task became done (and stayed done) and the day it was started. A change the
//! history did not see (a task already done in the first commit, or added done) has
//! no known day: only "on that day or before" ([`When::Before`]).

use std::collections::HashMap;

use crate::model::Progress;
use crate::roadmap::Status;

/// The roadmap at one commit: its day and each task's status, by task key.
pub struct Version {
    /// Days since 1970-01-01, in the commit's own time zone.
    pub day: i64,
    /// `(key, status)` of every task, in document order.
    pub tasks: Vec<(String, Status)>,
}

/// Progress at the end of one day, counted by the same rule as the site's (skipped
/// tasks outside the total).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    /// Days since 1970-01-01.
    pub day: i64,
    /// The counts.
    pub progress: Progress,
}

/// When something happened to a task, as a day number (days since 1970-01-01).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// On that day: the version before showed the task without it.
    On(i64),
    /// On that day or before: the task was already so the first time the history saw
    /// it (in the roadmap's first commit, or when it was added or renamed).
    Before(i64),
}

/// When a task was started and done.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dates {
    /// First version in which it was in progress.
    pub started: Option<When>,
    /// First version of the last run of versions in which it is done: the commit after
    /// which it stayed done. `None` when it is not done in the newest version.
    pub completed: Option<When>,
}

/// One point per day (the last version of the day) and the dates of every task.
pub fn derive(versions: &[Version]) -> (Vec<Point>, HashMap<String, Dates>) {
    let mut points: Vec<Point> = Vec::new();
    let mut dates: HashMap<String, Dates> = HashMap::new();
    // Where each task's current run of "done" began.
    let mut done_since: HashMap<&str, When> = HashMap::new();
    // Each task's status in the version before: a change is seen only against it.
    let mut before: HashMap<&str, Status> = HashMap::new();
    for version in versions {
        let point = Point {
            day: version.day,
            progress: Progress::of(version.tasks.iter().map(|(_, status)| *status)),
        };
        let when = |key: &str| match before.get(key) {
            Some(_) => When::On(version.day),
            None => When::Before(version.day),
        };
        let mut done_now = HashMap::new();
        for (key, status) in &version.tasks {
            match status {
                Status::Done => {
                    let since = done_since.get(key.as_str()).copied();
                    done_now.insert(key.as_str(), since.unwrap_or_else(|| when(key)));
                }
                Status::InProgress => {
                    let entry = dates.entry(key.clone()).or_default();
                    entry.started.get_or_insert_with(|| when(key));
                }
                Status::Skipped | Status::Todo => {}
            }
        }
        done_since = done_now;
        before = version
            .tasks
            .iter()
            .map(|(k, s)| (k.as_str(), *s))
            .collect();
        match points.last_mut() {
            Some(last) if last.day == version.day => *last = point,
            _ => points.push(point),
        }
    }
    for (key, when) in done_since {
        dates.entry(key.to_string()).or_default().completed = Some(when);
    }
    (points, dates)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    fn v(day: i64, tasks: &[(&str, Status)]) -> Version {
        Version {
            day,
            tasks: tasks.iter().map(|(k, s)| (k.to_string(), *s)).collect(),
        }
    }

    #[test]
    fn a_task_is_completed_when_it_last_became_done() {
        let versions = [
            v(10, &[("a", Todo), ("b", InProgress)]),
            v(12, &[("a", Done), ("b", Done)]),
            v(12, &[("a", Todo), ("b", Done)]),
            v(15, &[("a", Done), ("b", Done)]),
        ];
        let (points, dates) = derive(&versions);
        assert_eq!(points.len(), 3, "two versions on day 12 are one point");
        assert_eq!(
            (points[1].day, points[1].progress.done),
            (12, 1),
            "the last of the day"
        );
        let on = |day| Some(When::On(day));
        assert_eq!(dates["a"].completed, on(15), "reopened, done again");
        assert_eq!(dates["b"].completed, on(12));
        assert_eq!(
            dates["b"].started,
            Some(When::Before(10)),
            "in the first commit"
        );
        assert_eq!(dates["a"].started, None, "never in progress");
    }

    #[test]
    fn a_task_done_once_but_open_now_has_no_completion() {
        let (_, dates) = derive(&[v(1, &[("a", Done)]), v(2, &[("a", InProgress)])]);
        assert_eq!(dates["a"].completed, None);
    }

    #[test]
    fn a_change_the_history_did_not_see_has_no_day_only_a_bound() {
        let versions = [
            v(10, &[("old", Done), ("doing", InProgress), ("next", Todo)]),
            v(14, &[("old", Done), ("doing", Done), ("next", InProgress)]),
            v(
                20,
                &[
                    ("old", Done),
                    ("doing", Done),
                    ("next", Done),
                    ("added", Done),
                ],
            ),
        ];
        let (_, dates) = derive(&versions);
        // Done before the first commit: not done on its day, done by it.
        assert_eq!(dates["old"].completed, Some(When::Before(10)));
        assert_eq!(dates["doing"].started, Some(When::Before(10)));
        assert_eq!(dates["doing"].completed, Some(When::On(14)));
        assert_eq!(dates["next"].started, Some(When::On(14)));
        assert_eq!(dates["next"].completed, Some(When::On(20)));
        // Added (or renamed) already done: the history never saw it done.
        assert_eq!(dates["added"].completed, Some(When::Before(20)));
    }
}
