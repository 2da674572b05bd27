//! [`History`] → the home page's "progress over time": chart geometry for an inline
//! SVG (computed here, so templates only print paths), a text summary, the table
//! fallback, the pace and the forecast; or, from a single day of history, what the
//! chart needs instead of a flat line and "0 tasks a week".

use serde::Serialize;

use crate::date;
use crate::history::{Forecast, History, Point, end, forecast, pace};
use crate::i18n::Language;
use crate::model::Progress;

/// Chart size in SVG user units; the SVG scales to its container.
const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 26.0;

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

/// SVG geometry: a `viewBox` of `width` × `height`, step paths and axis labels.
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
    /// Labels: `x`, `y`, `text`, `anchor` (`start`, `middle`, `end`).
    pub labels: Vec<LabelView>,
}

/// A text label of the chart.
#[derive(Debug, Serialize)]
pub struct LabelView {
    /// Position.
    pub x: f64,
    /// Position.
    pub y: f64,
    /// Text.
    pub text: String,
    /// `text-anchor`.
    pub anchor: &'static str,
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
            chart: Some(chart(points, lang)),
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

fn chart(points: &[Point], lang: &Language) -> ChartView {
    let first = points[0].day;
    let span = (points[points.len() - 1].day - first).max(1) as f64;
    let max = points.iter().map(|p| p.progress.total()).max();
    let max = max.unwrap_or(0).max(1) as f64;
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |day: i64| LEFT + (day - first) as f64 / span * plot_w;
    let y = |n: usize| TOP + plot_h - n as f64 / max * plot_h;
    let step = |value: fn(&Point) -> usize| {
        let mut d = format!("M{:.1} {:.1}", x(first), y(value(&points[0])));
        for pair in points.windows(2) {
            let p = &pair[1];
            d.push_str(&format!(" H{:.1} V{:.1}", x(p.day), y(value(p))));
        }
        // A single day (or the last one) reaches the right edge.
        d.push_str(&format!(" H{:.1}", LEFT + plot_w));
        d
    };
    let done_line = step(|p| p.progress.done);
    let done_area = format!("{done_line} V{:.1} H{:.1} Z", y(0), x(first));
    let last = &points[points.len() - 1];
    let labels = vec![
        label(LEFT - 6.0, y(0) + 4.0, "0".into(), "end"),
        label(LEFT - 6.0, y(max as usize) + 4.0, format!("{max}"), "end"),
        label(LEFT, HEIGHT - 6.0, lang.date(&date::format(first)), "start"),
        label(
            LEFT + plot_w,
            HEIGHT - 6.0,
            lang.date(&date::format(last.day)),
            "end",
        ),
    ];
    ChartView {
        width: WIDTH,
        height: HEIGHT,
        total_line: step(|p| p.progress.total()),
        done_area,
        done_line,
        axis: format!("M{LEFT:.1} {:.1} H{:.1}", y(0), LEFT + plot_w),
        labels,
    }
}

fn label(x: f64, y: f64, text: String, anchor: &'static str) -> LabelView {
    LabelView { x, y, text, anchor }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_done_line_steps_up_on_each_day_and_reaches_the_right_edge() {
        // 4 tasks that count (a skipped one is outside the total line).
        let p = |day, done| Point {
            day,
            progress: Progress {
                done,
                in_progress: 0,
                todo: 4 - done,
                skipped: 1,
            },
        };
        let chart = chart(&[p(0, 0), p(10, 2), p(20, 4)], &Language::english());
        // x: 40 → 628 over 20 days; y: 194 (0) → 12 (4).
        assert_eq!(
            chart.done_line,
            "M40.0 194.0 H334.0 V103.0 H628.0 V12.0 H628.0"
        );
        assert!(chart.done_area.ends_with("V194.0 H40.0 Z"));
        assert_eq!(
            chart.total_line,
            "M40.0 12.0 H334.0 V12.0 H628.0 V12.0 H628.0"
        );
    }
}
