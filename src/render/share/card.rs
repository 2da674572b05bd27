//! The site's progress → the progress card (`card.svg`, `card-tall.svg`, and PNGs of
//! them light and dark): the title, the overall percentage and bar, each phase's
//! progress (at most [`PHASES`] rows, then "+N more") and the last task done, with
//! its date when the history gives one.

use super::font::{Weight, fit, width, wrap};
use super::preview::shares;
use super::svg::{Canvas, Scheme};
use crate::i18n::Language;
use crate::model::Site;
use crate::render::view::progress_text;

/// The rows of phases a card lists; a longer roadmap ends with "+N more".
pub const PHASES: usize = 8;

/// The card's two shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// 800 px wide: a README's width.
    Wide,
    /// 400 px wide: a sidebar's or a profile's column.
    Tall,
}

impl Shape {
    /// Both, in the order the Share page shows them.
    pub const ALL: [Shape; 2] = [Shape::Wide, Shape::Tall];

    /// The file name without extension (`card`, `card-tall`).
    pub fn stem(self) -> &'static str {
        match self {
            Shape::Wide => "card",
            Shape::Tall => "card-tall",
        }
    }
}

/// The last task done, and its day when known: the newest dated one, else the last
/// done in the roadmap's order (a site with no dates shows no date).
pub fn last_done(site: &Site) -> Option<(&str, Option<&str>)> {
    let dated = (site.tasks.iter())
        .filter_map(|t| t.completed.as_deref().map(|day| (day, t)))
        .max_by(|a, b| a.0.cmp(b.0)); // the later of equal days: roadmap order
    if let Some((day, task)) = dated {
        return Some((&task.title.text, Some(day)));
    }
    let last = site
        .tasks
        .iter()
        .rev()
        .find(|t| t.status == crate::roadmap::Status::Done);
    last.map(|t| (t.title.text.as_str(), None))
}

/// The line about the last task done (`Last done: Calculus`), and its day as the
/// language writes it, when known.
fn last_done_text(site: &Site, lang: &Language) -> Option<(String, Option<String>)> {
    let (task, day) = last_done(site)?;
    let text = lang.fill("card_last_done", &[("task", task)]);
    Some((text, day.map(|day| lang.date(day))))
}

/// The phases shown, and how many are left out.
fn listed(site: &Site) -> (usize, usize) {
    let count = site.phases.len();
    match count > PHASES {
        true => (PHASES - 1, count - (PHASES - 1)),
        false => (count, 0),
    }
}

/// The card in `shape`, in `scheme`.
pub fn card(site: &Site, lang: &Language, shape: Shape, scheme: Scheme) -> String {
    match shape {
        Shape::Wide => wide(site, lang, scheme),
        Shape::Tall => tall(site, lang, scheme),
    }
}

/// The card's width and height in px, for the `<img>` that shows it.
pub fn size(site: &Site, lang: &Language, shape: Shape) -> (u32, u32) {
    let svg = card(site, lang, shape, Scheme::Adaptive);
    let number = |attribute: &str| -> u32 {
        let at = svg.find(attribute).map_or(0, |i| i + attribute.len());
        let digits = svg[at..].split('"').next().unwrap_or_default();
        digits.parse().unwrap_or(0)
    };
    (number(" width=\""), number(" height=\""))
}

fn label(site: &Site, lang: &Language) -> String {
    format!(
        "{}: {}",
        site.title.text,
        progress_text(&site.progress, lang)
    )
}

fn wide(site: &Site, lang: &Language, scheme: Scheme) -> String {
    const W: f32 = 800.0;
    const PAD: f32 = 32.0;
    let inner = W - 2.0 * PAD;
    let (shown, more) = listed(site);
    let last = last_done_text(site, lang).map(|(text, day)| match day {
        Some(day) => format!("{text} · {day}"),
        None => text,
    });
    let rows = shown + usize::from(more > 0);
    let height = 150.0
        + rows as f32 * 34.0
        + if rows > 0 { 16.0 } else { 0.0 }
        + if last.is_some() { 32.0 } else { 0.0 };
    let mut c = Canvas::new(W as u32, height as u32, &label(site, lang), scheme);
    let percent = lang.percent(site.progress.percent());
    let percent_w = width(&percent, 40.0, Weight::Bold);
    let title = fit(
        &site.title.text,
        28.0,
        Weight::Bold,
        inner - percent_w - 24.0,
    );
    c.text(PAD, 60.0, 28.0, Weight::Bold, "fg", &title);
    c.text_end(W - PAD, 62.0, 40.0, Weight::Bold, "fg", &percent);
    let (done, started) = shares(&site.progress);
    c.bar(PAD, 80.0, inner, 14.0, done, started);
    let text = fit(
        &progress_text(&site.progress, lang),
        16.0,
        Weight::Regular,
        inner,
    );
    c.text(PAD, 122.0, 16.0, Weight::Regular, "muted", &text);
    let mut y = 166.0;
    for phase in &site.phases[..shown] {
        let title = fit(phase.shown_title(), 18.0, Weight::Regular, 420.0);
        c.text(PAD, y, 18.0, Weight::Regular, "fg", &title);
        let (done, started) = shares(&phase.progress);
        c.bar(PAD + 440.0, y - 11.0, 210.0, 10.0, done, started);
        let label = lang.percent(phase.progress.percent());
        c.text_end(W - PAD, y, 17.0, Weight::Bold, "fg", &label);
        y += 34.0;
    }
    if more > 0 {
        c.text(
            PAD,
            y,
            17.0,
            Weight::Regular,
            "muted",
            &lang.plural("card_more", more as f64, &[]),
        );
        y += 34.0;
    }
    if let Some(last) = last {
        let y = y + if rows > 0 { 16.0 } else { 0.0 };
        c.text(
            PAD,
            y,
            15.0,
            Weight::Regular,
            "muted",
            &fit(&last, 15.0, Weight::Regular, inner),
        );
    }
    c.finish()
}

fn tall(site: &Site, lang: &Language, scheme: Scheme) -> String {
    const W: f32 = 400.0;
    const PAD: f32 = 28.0;
    let inner = W - 2.0 * PAD;
    let (shown, more) = listed(site);
    let title = wrap(&site.title.text, 24.0, Weight::Bold, inner, 2);
    let last = last_done_text(site, lang)
        .map(|(text, day)| {
            let mut lines = wrap(&text, 14.0, Weight::Regular, inner, 2);
            lines.extend(day);
            lines
        })
        .unwrap_or_default();
    let top = 52.0 + title.len() as f32 * 30.0;
    let list = top + 100.0;
    let rows_end = list + shown as f32 * 50.0 + if more > 0 { 30.0 } else { 0.0 };
    let height = rows_end + last.len() as f32 * 20.0 + 14.0;
    let mut c = Canvas::new(W as u32, height as u32, &label(site, lang), scheme);
    let mut y = 52.0;
    for line in &title {
        c.text(PAD, y, 24.0, Weight::Bold, "fg", line);
        y += 30.0;
    }
    let percent = lang.percent(site.progress.percent());
    c.text(PAD, y + 20.0, 48.0, Weight::Bold, "fg", &percent);
    let (done, started) = shares(&site.progress);
    c.bar(PAD, y + 36.0, inner, 12.0, done, started);
    let text = fit(
        &progress_text(&site.progress, lang),
        14.0,
        Weight::Regular,
        inner,
    );
    c.text(PAD, y + 70.0, 14.0, Weight::Regular, "muted", &text);
    let mut y = list;
    for phase in &site.phases[..shown] {
        let label = lang.percent(phase.progress.percent());
        let room = inner - width(&label, 15.0, Weight::Bold) - 12.0;
        c.text(
            PAD,
            y,
            16.0,
            Weight::Regular,
            "fg",
            &fit(phase.shown_title(), 16.0, Weight::Regular, room),
        );
        c.text_end(W - PAD, y, 15.0, Weight::Bold, "fg", &label);
        let (done, started) = shares(&phase.progress);
        c.bar(PAD, y + 10.0, inner, 8.0, done, started);
        y += 50.0;
    }
    if more > 0 {
        c.text(
            PAD,
            y,
            15.0,
            Weight::Regular,
            "muted",
            &lang.plural("card_more", more as f64, &[]),
        );
        y += 30.0;
    }
    for line in &last {
        c.text(PAD, y, 14.0, Weight::Regular, "muted", line);
        y += 20.0;
    }
    c.finish()
}
