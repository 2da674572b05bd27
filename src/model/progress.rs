//! Task statuses → [`Progress`] counts and the percentage shown everywhere.

use serde::Serialize;

use crate::roadmap::Status;

/// Counts of tasks by status, and the percentage done.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Progress {
    /// All tasks.
    pub total: usize,
    /// Finished tasks.
    pub done: usize,
    /// Started tasks.
    pub in_progress: usize,
    /// Deliberately skipped tasks.
    pub skipped: usize,
    /// Tasks not started.
    pub todo: usize,
    /// `done / (total − skipped) × 100`, one decimal; 0 with no tasks; 100 when every
    /// task is skipped (nothing is left to do).
    pub percent: f64,
}

impl Progress {
    /// Counts the given statuses.
    pub fn of(statuses: impl IntoIterator<Item = Status>) -> Self {
        let mut p = Progress::default();
        for status in statuses {
            p.total += 1;
            match status {
                Status::Done => p.done += 1,
                Status::InProgress => p.in_progress += 1,
                Status::Skipped => p.skipped += 1,
                Status::Todo => p.todo += 1,
            }
        }
        let counted = p.total - p.skipped;
        p.percent = match (p.total, counted) {
            (0, _) => 0.0,
            (_, 0) => 100.0,
            _ => (p.done as f64 * 1000.0 / counted as f64).round() / 10.0,
        };
        p
    }

    /// The count for one status.
    pub fn count(&self, status: Status) -> usize {
        match status {
            Status::Done => self.done,
            Status::InProgress => self.in_progress,
            Status::Skipped => self.skipped,
            Status::Todo => self.todo,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    #[test]
    fn percent_is_done_over_not_skipped_rounded_to_one_decimal() {
        let statuses = std::iter::repeat_n(Done, 31).chain(std::iter::repeat_n(Todo, 45));
        let p = Progress::of(statuses);
        assert_eq!((p.total, p.done, p.todo), (76, 31, 45));
        assert_eq!(p.percent, 40.8);
        assert_eq!(
            Progress::of([Done, Skipped, Todo, InProgress]).percent,
            33.3
        );
        assert_eq!(Progress::of([Done, Done, Todo]).percent, 66.7);
    }

    #[test]
    fn edge_cases_no_tasks_and_all_skipped() {
        assert_eq!(Progress::of([]).percent, 0.0);
        assert_eq!(Progress::of([Skipped, Skipped]).percent, 100.0);
    }
}
