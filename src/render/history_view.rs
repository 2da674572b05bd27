//! [`History`] → the home page's "progress over time": chart geometry for an inline
//! SVG (computed here, so templates only print paths), a text summary, the table
//! fallback, the pace and the forecast; or, from a single day of history, what the
//! chart needs instead of a flat line and "0 tasks a week".

use serde::Serialize;

use crate::date;
use crate::history::{Forecast, History, Point, end, forecast, pace};
use crate::i18n::Language;
use crate::model::Progress;

/// The plot in SVG user units. The SVG is stretched to the column's width and a
/// fixed height (`preserveAspectRatio="none"`, strokes that do not scale), so it fills
/// the column at any width; its labels are HTML beside it, at the page's text size,
/// rather than SVG text that would shrink with the drawing on a phone.
const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 200.0;
/// Room above the highest line, so that it is not cut by the edge.
const TOP: f64 = 4.0;
/// The time axis runs this share of the history's span (at least a day) past its
/// end, so that the latest change is a step with room after it, not a sliver at
/// the edge.
const PAD_SHARE: f64 = 1.0 / 12.0;

/// Progress over time, as templates see it (`page.history` on the home page).
#[derive(Debug, Serialize)]
pub struct HistoryView {
    /// One per day on which the roadmap changed, oldest first.
    pub points: Vec<PointView>,
    /// The chart's geometry; null with fewer than two days of history.
    pub chart: Option<ChartView>,
    /// The chart in one sentence, for its `<desc>` and for readers without SVG;
    /// without a chart, what it needs.
    pub summary: String,
    /// Tasks done per week over the 4 weeks to `today`; null without a chart.
    pub pace: Option<f64>,
    /// `pace` for display: `2.5 tasks a week`.
    pub pace_label: Option<String>,
    /// `YYYY-MM-DD` after today when everything would be done at this pace; null
    /// with nothing left, without a pace, or more than 5 years away.
    pub projection: Option<String>,
    /// The forecast in words (`At this pace, done around 2027-01-15`, `No task done
    /// in the 4 weeks to 2026-12-03: no forecast`, `At this pace, more than 5 years
    /// to go`, `Nothing left to do`); null without a chart.
    pub forecast: Option<String>,
    /// First and last day of the history, `YYYY-MM-DD`.
    pub first: String,
    /// See `first`.
    pub last: String,
    /// The day the pace is counted up to (the build's), `YYYY-MM-DD`.
    pub today: String,
}

/// Progress at the end of a day: `date` and the counts of [`Progress`] (`total`
/// without the skipped tasks, `done`, `in_progress`, `skipped`, `todo`, `percent`).
#[derive(Debug, Serialize)]
pub struct PointView {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The counts, by the site's rule.
    #[serde(flatten)]
    pub progress: Progress,
}

/// SVG geometry: a `viewBox` of `width` × `height` (the plot only), step paths, the
/// latest point, and the axis labels as positions in percent of the plot.
#[derive(Debug, Serialize)]
pub struct ChartView {
    /// viewBox width.
    pub width: f64,
    /// viewBox height.
    pub height: f64,
    /// Closed area under the "done" step line.
    pub done_area: String,
    /// The "done" step line.
    pub done_line: String,
    /// The "total" step line.
    pub total_line: String,
    /// The x axis line.
    pub axis: String,
    /// A zero-length path at the latest change, drawn as a dot by its round caps.
    pub last_point: String,
    /// The highest count on the y axis (the bottom is 0).
    pub max: usize,
    /// The first day, at the left edge.
    pub first_label: String,
    /// The day the lines end (today, or the latest change if it is later), at
    /// `end_x` percent of the width. Not the latest change's day: a change soon after
    /// the first day put its label over the first one, "2025年1月3日" and
    /// "2025年2月12日" in one blot under a chart that ran on to December 2026.
    pub end_label: String,
    /// See `end_label`: from 50 (a history of two days in a row) to about 92.
    pub end_x: f64,
    /// Whether `end_label` ends at `end_x` (`end`) or starts there (`start`, when
    /// ending there would run it over the first label on a phone).
    pub end_anchor: &'static str,
}

impl HistoryView {
    /// The view, or `None` for an empty history. Texts are in `lang`, dates in them
    /// too; the `YYYY-MM-DD` fields stay as they are, for `datetime` attributes.
    pub fn new(history: &History, lang: &Language) -> Option<HistoryView> {
        let points = &history.points;
        let (first, last) = (points.first()?, points.last()?);
        let today = date::format(end(points, history.today));
        let point_views = points
            .iter()
            .map(|p| PointView {
                date: date::format(p.day),
                progress: p.progress,
            })
            .collect();
        let (first_day, last_day) = (date::format(first.day), date::format(last.day));
        // One day is a dot, not a trend: no flat line, no "0 tasks a week".
        let Some(pace) = pace(points, history.today) else {
            return Some(HistoryView {
                points: point_views,
                chart: None,
                summary: lang.fill("history_one_day", &[("date", &lang.date(&first_day))]),
                pace: None,
                pace_label: None,
                projection: None,
                forecast: None,
                first: first_day,
                last: last_day,
                today,
            });
        };
        let pace_label = lang.plural("pace", pace, &[]);
        let (projection, forecast) = match forecast(points, pace, history.today) {
            Forecast::Around(day) => {
                let day = date::format(day);
                let text = lang.fill("forecast_around", &[("date", &lang.date(&day))]);
                (Some(day), text)
            }
            Forecast::Done => (None, lang.get("forecast_done").to_string()),
            Forecast::NoPace => (
                None,
                lang.fill("forecast_no_pace", &[("date", &lang.date(&today))]),
            ),
            Forecast::TooFar => (None, lang.get("forecast_too_far").to_string()),
        };
        let count = |n: usize| n.to_string();
        let summary = lang.fill(
            "history_summary",
            &[
                ("first_done", &count(first.progress.done)),
                ("first_total", &count(first.progress.total())),
                ("first", &lang.date(&first_day)),
                ("last_done", &count(last.progress.done)),
                ("last_total", &count(last.progress.total())),
                ("last", &lang.date(&last_day)),
                ("pace", &pace_label),
                ("today", &lang.date(&today)),
            ],
        );
        Some(HistoryView {
            chart: Some(chart(points, history.today)),
            points: point_views,
            summary,
            pace: Some(pace),
            pace_label: Some(pace_label),
            projection,
            forecast: Some(forecast),
            first: first_day,
            last: last_day,
            today,
        })
    }
}

fn chart(points: &[Point], today: i64) -> ChartView {
    let first = points[0].day;
    let last = &points[points.len() - 1];
    // The lines run to today (nothing changed since the last point), then the padding.
    let until = today.max(last.day);
    let span = (until - first).max(1) as f64;
    let days = span + (span * PAD_SHARE).max(1.0);
    let max = points.iter().map(|p| p.progress.total()).max();
    let max = max.unwrap_or(0).max(1);
    let plot_h = HEIGHT - TOP;
    let x = |day: i64| (day - first) as f64 / days * WIDTH;
    let y = |n: usize| TOP + plot_h - n as f64 / max as f64 * plot_h;
    let step = |value: fn(&Point) -> usize| {
        let mut d = format!("M{:.1} {:.1}", x(first), y(value(&points[0])));
        for pair in points.windows(2) {
            let p = &pair[1];
            d.push_str(&format!(" H{:.1} V{:.1}", x(p.day), y(value(p))));
        }
        d.push_str(&format!(" H{:.1}", x(until)));
        d
    };
    let done_line = step(|p| p.progress.done);
    let done_area = format!("{done_line} V{:.1} H{:.1} Z", y(0), x(first));
    let end_x = (x(until) / WIDTH * 1000.0).round() / 10.0;
    ChartView {
        width: WIDTH,
        height: HEIGHT,
        total_line: step(|p| p.progress.total()),
        done_area,
        done_line,
        axis: format!("M0 {:.1} H{WIDTH:.1}", y(0)),
        last_point: format!("M{:.1} {:.1} h0", x(last.day), y(last.progress.done)),
        max,
        first_label: date::format(first),
        end_label: date::format(until),
        end_x,
        end_anchor: if end_x >= 75.0 { "end" } else { "start" },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 4 tasks that count (a skipped one is outside the total line).
    fn p(day: i64, done: usize) -> Point {
        Point {
            day,
            progress: Progress {
                done,
                in_progress: 0,
                todo: 4 - done,
                skipped: 1,
            },
        }
    }

    #[test]
    fn the_done_line_steps_up_on_each_day_and_stops_short_of_the_right_edge() {
        // 24 days and 2 of padding: x = day × 600 / 26; y: 200 (0) → 4 (4).
        let chart = chart(&[p(0, 0), p(12, 2), p(24, 4)], 24);
        assert_eq!(
            chart.done_line,
            "M0.0 200.0 H276.9 V102.0 H553.8 V4.0 H553.8"
        );
        assert!(chart.done_area.ends_with("V200.0 H0.0 Z"));
        assert_eq!(chart.total_line, "M0.0 4.0 H276.9 V4.0 H553.8 V4.0 H553.8");
        assert_eq!(chart.last_point, "M553.8 4.0 h0");
        assert_eq!((chart.end_x, chart.end_anchor), (92.3, "end"));
        assert_eq!((chart.first_label.as_str(), chart.max), ("1970-01-01", 4));
    }

    #[test]
    fn the_latest_change_a_day_after_the_first_still_has_room() {
        // Before: the step of the last day was drawn at the right edge, 0 px wide.
        let chart = chart(&[p(0, 1), p(1, 2)], 1);
        assert_eq!((chart.end_x, chart.end_anchor), (50.0, "start"));
        assert!(
            chart.done_line.ends_with("H300.0 V102.0 H300.0"),
            "{}",
            chart.done_line
        );
    }

    #[test]
    fn the_lines_run_on_to_today_after_the_latest_change() {
        let chart = chart(&[p(0, 1), p(10, 2)], 24);
        // 24 days and 2 of padding: the change at day 10, the lines on to day 24,
        // where the last label is (the change's day was at 38.5 %).
        assert_eq!(chart.last_point, "M230.8 102.0 h0");
        assert_eq!((chart.end_x, chart.end_anchor), (92.3, "end"));
        assert_eq!(chart.end_label, "1970-01-25");
        assert!(
            chart.done_line.ends_with("H230.8 V102.0 H553.8"),
            "{}",
            chart.done_line
        );
    }
}
