//! Task statuses → [`Progress`]: the counting rule every output uses (terminal,
//! pages, cards, badges, progress.json, history), and its one-line text.
//!
//! The rule: **skipped tasks leave the denominator.** `total` is the tasks that
//! count (done + in progress + to do), `percent` is `done / total`, and skipped
//! tasks are shown beside, never inside, the total: "2 of 7 done · 1 skipped · 28.6%".
//! Counts and percent are derived from the four status counts only, so no output can
//! divide by another number.

use serde::{Serialize, Serializer};

use crate::roadmap::Status;

/// Counts of tasks by status. The total and the percentage are methods, derived from
/// these counts, so they always agree with them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Progress {
    /// Finished tasks.
    pub done: usize,
    /// Started tasks.
    pub in_progress: usize,
    /// Tasks not started.
    pub todo: usize,
    /// Deliberately skipped tasks: outside the total.
    pub skipped: usize,
}

impl Progress {
    /// Counts the given statuses.
    pub fn of(statuses: impl IntoIterator<Item = Status>) -> Self {
        let mut p = Progress::default();
        for status in statuses {
            match status {
                Status::Done => p.done += 1,
                Status::InProgress => p.in_progress += 1,
                Status::Skipped => p.skipped += 1,
                Status::Todo => p.todo += 1,
            }
        }
        p
    }

    /// The tasks that count: done, in progress and to do. Skipped tasks are not in it.
    pub fn total(&self) -> usize {
        self.done + self.in_progress + self.todo
    }

    /// Every task, skipped ones included (what a list of the tasks shows).
    pub fn all(&self) -> usize {
        self.total() + self.skipped
    }

    /// Tasks left to do: in progress and to do.
    pub fn remaining(&self) -> usize {
        self.in_progress + self.todo
    }

    /// `done / total × 100`, rounded to one decimal; 0 with no tasks; 100 when every
    /// task is skipped (nothing is left to do).
    pub fn percent(&self) -> f64 {
        match (self.all(), self.total()) {
            (0, _) => 0.0,
            (_, 0) => 100.0,
            (_, total) => (self.done as f64 * 1000.0 / total as f64).round() / 10.0,
        }
    }

    /// `percent` for display: `40.8%`, `100%`, `0%`.
    pub fn label(&self) -> String {
        percent_label(self.percent())
    }

    /// The rule in one line: `2 of 7 done · 1 skipped · 28.6%` (no skipped part when
    /// nothing is skipped).
    pub fn text(&self) -> String {
        let skipped = match self.skipped {
            0 => String::new(),
            n => format!(" · {n} skipped"),
        };
        format!(
            "{} of {} done{skipped} · {}",
            self.done,
            self.total(),
            self.label()
        )
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

/// `40.8%`, `100%`, `0%`.
fn percent_label(percent: f64) -> String {
    if percent.fract() == 0.0 {
        format!("{percent:.0}%")
    } else {
        format!("{percent:.1}%")
    }
}

/// progress.json's shape: the counts with the derived `total` and `percent`, in the
/// order `total, done, in_progress, skipped, todo, percent` it always had.
impl Serialize for Progress {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Json {
            total: usize,
            done: usize,
            in_progress: usize,
            skipped: usize,
            todo: usize,
            percent: f64,
        }
        Json {
            total: self.total(),
            done: self.done,
            in_progress: self.in_progress,
            skipped: self.skipped,
            todo: self.todo,
            percent: self.percent(),
        }
        .serialize(serializer)
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
        assert_eq!((p.total(), p.done, p.todo), (76, 31, 45));
        assert_eq!(p.percent(), 40.8);
        assert_eq!(
            Progress::of([Done, Skipped, Todo, InProgress]).percent(),
            33.3
        );
        assert_eq!(Progress::of([Done, Done, Todo]).percent(), 66.7);
    }

    #[test]
    fn skipped_tasks_leave_the_total_and_are_counted_beside_it() {
        // The `init` example: 2 done, 1 in progress, 4 to do, 1 skipped.
        let p = Progress::of([Done, Done, InProgress, Todo, Todo, Todo, Todo, Skipped]);
        assert_eq!((p.total(), p.all(), p.remaining()), (7, 8, 5));
        assert_eq!(p.percent(), 28.6, "2 of 7, not 2 of 8 (25%)");
        assert_eq!(p.text(), "2 of 7 done · 1 skipped · 28.6%");
        // Its first phase: 2 of 5 and 40%, never "2 of 6".
        let phase = Progress::of([Done, InProgress, Todo, Done, Todo, Skipped]);
        assert_eq!(phase.text(), "2 of 5 done · 1 skipped · 40%");
        assert_eq!(Progress::of([Done, Todo]).text(), "1 of 2 done · 50%");
    }

    #[test]
    fn edge_cases_no_tasks_and_all_skipped() {
        assert_eq!(Progress::of([]).percent(), 0.0);
        assert_eq!(Progress::of([]).text(), "0 of 0 done · 0%");
        let skipped = Progress::of([Skipped, Skipped]);
        assert_eq!((skipped.total(), skipped.percent()), (0, 100.0));
        assert_eq!(skipped.text(), "0 of 0 done · 2 skipped · 100%");
    }

    #[test]
    fn the_json_carries_the_derived_total_and_percent() {
        let json = serde_json::to_value(Progress::of([Done, InProgress, Skipped])).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"total": 2, "done": 1, "in_progress": 1, "skipped": 1, "todo": 0, "percent": 50.0})
        );
    }
}
