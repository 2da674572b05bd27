//! Progress per day + today → the pace (tasks done a week over the 4 weeks to today)
//! and the forecast. Neither is drawn from less than two days of history, and a
//! forecast is never a day before today: both are counted up to today, not up to
//! the last change, which may be long ago.

use super::Point;

/// Days a forecast may reach; further away, "more than 5 years" says more.
const HORIZON_DAYS: i64 = 5 * 365;

/// When the roadmap would be done at the current pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forecast {
    /// Nothing is left to do.
    Done,
    /// No task was done in the 4 weeks to today.
    NoPace,
    /// Further than `HORIZON_DAYS` away.
    TooFar,
    /// Around that day (after today).
    Around(i64),
}

/// The day the pace is counted up to: today, or the last change when the commits are
/// dated after today (a clock behind theirs).
pub fn end(points: &[Point], today: i64) -> i64 {
    points.last().map_or(today, |last| today.max(last.day))
}

/// Net tasks done a week over the 4 weeks to today: done at the last point minus
/// done at the last point at least 28 days before today (or the first point, when
/// the history is shorter), over 4. `None` with fewer than two days of history.
pub fn pace(points: &[Point], today: i64) -> Option<f64> {
    let (first, last) = (points.first()?, points.last()?);
    if points.len() < 2 {
        return None;
    }
    let start = end(points, today) - 28;
    let before = points
        .iter()
        .rev()
        .find(|p| p.day <= start)
        .unwrap_or(first);
    let done = last.progress.done as f64 - before.progress.done as f64;
    Some(done.max(0.0) / 4.0)
}

/// The remaining tasks of the last point at `pace` a week, counted from today.
pub fn forecast(points: &[Point], pace: f64, today: i64) -> Forecast {
    let Some(last) = points.last() else {
        return Forecast::NoPace;
    };
    let remaining = last.progress.remaining();
    if remaining == 0 {
        return Forecast::Done;
    }
    if pace <= 0.0 {
        return Forecast::NoPace;
    }
    let days = (remaining as f64 / pace * 7.0).ceil() as i64;
    if days > HORIZON_DAYS {
        return Forecast::TooFar;
    }
    Forecast::Around(end(points, today) + days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Progress;

    fn p(day: i64, done: usize) -> Point {
        Point {
            day,
            progress: Progress {
                done,
                in_progress: 0,
                todo: 19 - done,
                skipped: 1,
            },
        }
    }

    #[test]
    fn pace_counts_the_four_weeks_to_today_and_forecasts_from_today() {
        let points = [p(0, 0), p(30, 3), p(45, 7), p(58, 11)];
        // Built on the day of the last change: 28 days before day 58 is day 30,
        // 11 − 3 = 8 in 4 weeks; 19 − 11 = 8 left (the skipped one is not) → 4 weeks.
        assert_eq!(pace(&points, 58), Some(2.0));
        assert_eq!(forecast(&points, 2.0, 58), Forecast::Around(58 + 28));
        // Ten days later: the window is days 40–68, from 3 done at day 30 → 11.
        assert_eq!(pace(&points, 68), Some(2.0));
        assert_eq!(forecast(&points, 2.0, 68), Forecast::Around(68 + 28));
        // A year later nothing was done in the 4 weeks to today: no forecast, and
        // never the past "day 86" the last change's pace would give.
        assert_eq!(pace(&points, 58 + 365), Some(0.0));
        assert_eq!(forecast(&points, 0.0, 58 + 365), Forecast::NoPace);
    }

    #[test]
    fn one_day_of_history_has_no_pace_and_a_slow_pace_no_date() {
        assert_eq!(pace(&[p(5, 2)], 5), None);
        assert_eq!(pace(&[], 5), None);
        let points = [p(0, 0), p(30, 1)];
        assert_eq!(pace(&points, 30), Some(0.25));
        // 18 left at a quarter a week: 72 weeks, shown.
        assert_eq!(forecast(&points, 0.25, 30), Forecast::Around(30 + 504));
        // 98 left: 392 weeks, more than 5 years.
        let mut many = points;
        many[1].progress.todo = 98;
        assert_eq!(forecast(&many, 0.25, 30), Forecast::TooFar);
        let done = [p(0, 0), p(3, 19)];
        assert_eq!(forecast(&done, 4.75, 3), Forecast::Done);
    }

    #[test]
    fn commits_dated_after_today_count_from_the_last_change() {
        let points = [p(0, 0), p(30, 3), p(45, 7), p(58, 11)];
        assert_eq!(end(&points, 50), 58);
        assert_eq!(forecast(&points, 2.0, 50), Forecast::Around(58 + 28));
    }
}
