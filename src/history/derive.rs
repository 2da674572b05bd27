//! Task statuses at each version of the roadmap file → progress per day, the day each
//! task became done (and stayed done), the day it was started, and the pace.

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

/// When a task was started and done, as day numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dates {
    /// First version in which it was in progress.
    pub started: Option<i64>,
    /// First version of the last run of versions in which it is done: the commit after
    /// which it stayed done. `None` when it is not done in the newest version.
    pub completed: Option<i64>,
}

/// One point per day (the last version of the day) and the dates of every task.
pub fn derive(versions: &[Version]) -> (Vec<Point>, HashMap<String, Dates>) {
    let mut points: Vec<Point> = Vec::new();
    let mut dates: HashMap<String, Dates> = HashMap::new();
    // Where each task's current run of "done" began.
    let mut done_since: HashMap<&str, i64> = HashMap::new();
    for version in versions {
        let point = Point {
            day: version.day,
            progress: Progress::of(version.tasks.iter().map(|(_, status)| *status)),
        };
        let mut done_now = HashMap::new();
        for (key, status) in &version.tasks {
            match status {
                Status::Done => {
                    let since = done_since.get(key.as_str()).copied();
                    done_now.insert(key.as_str(), since.unwrap_or(version.day));
                }
                Status::InProgress => {
                    let entry = dates.entry(key.clone()).or_default();
                    entry.started.get_or_insert(version.day);
                }
                Status::Skipped | Status::Todo => {}
            }
        }
        done_since = done_now;
        match points.last_mut() {
            Some(last) if last.day == version.day => *last = point,
            _ => points.push(point),
        }
    }
    for (key, day) in done_since {
        dates.entry(key.to_string()).or_default().completed = Some(day);
    }
    (points, dates)
}

/// Net tasks done per week over the 4 weeks up to the last point: the done count at
/// the last point minus the one at the last point at least 28 days before it (or the
/// first point, when the history is shorter), over 4.
pub fn pace(points: &[Point]) -> f64 {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return 0.0;
    };
    let start = last.day - 28;
    let before = points
        .iter()
        .rev()
        .find(|p| p.day <= start)
        .unwrap_or(first);
    (last.progress.done as f64 - before.progress.done as f64).max(0.0) / 4.0
}

/// The day the remaining tasks would be done at `pace` tasks a week, counted from
/// the last point; `None` without a pace or with nothing left.
pub fn projection(points: &[Point], pace: f64) -> Option<i64> {
    let last = points.last()?;
    if pace <= 0.0 || last.progress.remaining() == 0 {
        return None;
    }
    let days = (last.progress.remaining() as f64 / pace * 7.0).ceil() as i64;
    Some(last.day + days)
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
        assert_eq!(dates["a"].completed, Some(15), "reopened, done again");
        assert_eq!(dates["b"].completed, Some(12));
        assert_eq!(dates["b"].started, Some(10));
        assert_eq!(dates["a"].started, None, "never in progress");
    }

    #[test]
    fn a_task_done_once_but_open_now_has_no_completion() {
        let (_, dates) = derive(&[v(1, &[("a", Done)]), v(2, &[("a", InProgress)])]);
        assert_eq!(dates["a"].completed, None);
    }

    #[test]
    fn pace_counts_the_last_four_weeks_and_projects_the_rest() {
        let p = |day, done| Point {
            day,
            progress: Progress {
                done,
                in_progress: 0,
                todo: 19 - done,
                skipped: 1,
            },
        };
        let points = [p(0, 0), p(30, 3), p(45, 7), p(58, 11)];
        // 28 days before day 58 is day 30: 11 − 3 = 8 in 4 weeks.
        assert_eq!(pace(&points), 2.0);
        // 20 − 11 − 1 = 8 left at 2 a week: 4 weeks.
        assert_eq!(projection(&points, 2.0), Some(58 + 28));
        assert_eq!(projection(&points, 0.0), None);
        assert_eq!(pace(&points[..1]), 0.0);
    }
}
