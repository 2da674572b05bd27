//! A page of the site → its link preview, a 1200×630 SVG (drawn into a PNG by
//! `raster`): the home page with the overall progress and the phases, a phase with
//! its progress and groups, a task with its status, dates and its note's summary.

use super::font::{Weight, fit, wrap};
use super::svg::{Canvas, LIGHT, Scheme};
use crate::i18n::Language;
use crate::model::{Node, Progress, Site};
use crate::render::view::{progress_text, status_label};
use crate::roadmap::Status;

/// The size every card validator asks for (1.91:1).
pub const WIDTH: u32 = 1200;
/// See [`WIDTH`].
pub const HEIGHT: u32 = 630;

const PAD: f32 = 72.0;
const INNER: f32 = WIDTH as f32 - 2.0 * PAD;
/// Rows of phases or groups listed under the progress bar.
const ROWS: usize = 5;

/// What every preview shows at the bottom: where the site is (`me.github.io/rust`).
fn footer(canvas: &mut Canvas, host: &str) {
    let host = fit(host, 24.0, Weight::Regular, INNER);
    canvas.text(
        PAD,
        HEIGHT as f32 - 40.0,
        24.0,
        Weight::Regular,
        "muted",
        &host,
    );
}

/// A bar's done and in-progress shares of a progress.
pub fn shares(p: &Progress) -> (f64, f64) {
    match p.total() {
        0 => (0.0, 0.0),
        total => (
            p.done as f64 / total as f64,
            p.in_progress as f64 / total as f64,
        ),
    }
}

/// The title, the progress text and bar, from `top`; returns where the rows start.
fn headline(canvas: &mut Canvas, top: f32, title: &str, p: &Progress, lang: &Language) -> f32 {
    let lines = wrap(title, 56.0, Weight::Bold, INNER, 2);
    let mut y = top;
    for line in &lines {
        canvas.text(PAD, y, 56.0, Weight::Bold, "fg", line);
        y += 66.0;
    }
    let percent = lang.percent(p.percent());
    canvas.text_end(
        WIDTH as f32 - PAD,
        y + 4.0,
        44.0,
        Weight::Bold,
        "fg",
        &percent,
    );
    let text = fit(
        &progress_text(p, lang),
        28.0,
        Weight::Regular,
        INNER - 220.0,
    );
    canvas.text(PAD, y, 28.0, Weight::Regular, "muted", &text);
    let (done, started) = shares(p);
    canvas.bar(PAD, y + 28.0, INNER, 22.0, done, started);
    y + 104.0
}

/// Rows of titles with their progress, as many as fit, and "+N more".
fn rows<'a>(
    canvas: &mut Canvas,
    mut y: f32,
    items: impl ExactSizeIterator<Item = (&'a str, &'a Progress)>,
    lang: &Language,
) {
    let room = ((HEIGHT as f32 - 40.0 - y) / 44.0).floor().max(0.0) as usize;
    let room = room.min(ROWS);
    let count = items.len();
    let shown = if count > room {
        room.saturating_sub(1)
    } else {
        count
    };
    for (title, p) in items.take(shown) {
        canvas.text(
            PAD,
            y,
            28.0,
            Weight::Regular,
            "fg",
            &fit(title, 28.0, Weight::Regular, 620.0),
        );
        let (done, started) = shares(p);
        canvas.bar(PAD + 660.0, y - 16.0, 250.0, 14.0, done, started);
        let label = lang.percent(p.percent());
        canvas.text_end(WIDTH as f32 - PAD, y, 26.0, Weight::Bold, "fg", &label);
        y += 44.0;
    }
    if shown < count {
        let more = lang.plural("card_more", (count - shown) as f64, &[]);
        canvas.text(PAD, y, 26.0, Weight::Regular, "muted", &more);
    }
}

/// The home page's preview.
pub fn home(site: &Site, lang: &Language, host: &str) -> String {
    let title = &site.title.text;
    let mut canvas = Canvas::new(WIDTH, HEIGHT, title, Scheme::Fixed(LIGHT));
    let y = headline(&mut canvas, 120.0, title, &site.progress, lang);
    let phases = site.phases.iter().map(|p| (p.shown_title(), &p.progress));
    rows(&mut canvas, y, phases, lang);
    footer(&mut canvas, host);
    canvas.finish()
}

/// Phase `i`'s preview.
pub fn phase(site: &Site, lang: &Language, i: usize, host: &str) -> String {
    let phase = &site.phases[i];
    let title = phase.shown_title();
    let mut canvas = Canvas::new(WIDTH, HEIGHT, title, Scheme::Fixed(LIGHT));
    let eyebrow = fit(&site.title.text, 28.0, Weight::Regular, INNER);
    canvas.text(PAD, 96.0, 28.0, Weight::Regular, "muted", &eyebrow);
    let y = headline(&mut canvas, 164.0, title, &phase.progress, lang);
    let groups: Vec<(&str, &Progress)> = (phase.items.iter())
        .filter_map(|node| match node {
            Node::Group(group) => Some((group.title.text.as_str(), &group.progress)),
            _ => None,
        })
        .collect();
    rows(&mut canvas, y, groups.into_iter(), lang);
    footer(&mut canvas, host);
    canvas.finish()
}

/// Task `i`'s preview; `summary` is its note's, if it has one.
pub fn task(site: &Site, lang: &Language, i: usize, summary: Option<&str>, host: &str) -> String {
    let task = &site.tasks[i];
    let title = &task.title.text;
    let mut canvas = Canvas::new(WIDTH, HEIGHT, title, Scheme::Fixed(LIGHT));
    let mut place = site.title.text.clone();
    for group in &task.groups {
        place = format!("{place} · {group}");
    }
    canvas.text(
        PAD,
        96.0,
        28.0,
        Weight::Regular,
        "muted",
        &fit(&place, 28.0, Weight::Regular, INNER),
    );
    let mut y = 164.0;
    for line in wrap(title, 56.0, Weight::Bold, INNER, 2) {
        canvas.text(PAD, y, 56.0, Weight::Bold, "fg", &line);
        y += 66.0;
    }
    // The status as the pages show it: a chip in the status's colour.
    let label = status_label(task.status, lang);
    let (chip, ink) = match task.status {
        Status::Done => ("done", "bg"),
        Status::InProgress => ("progress", "bg"),
        Status::Todo => ("track", "fg"),
        Status::Skipped => ("skipped", "bg"),
    };
    let chip_w = super::font::width(label, 26.0, Weight::Bold) + 40.0;
    canvas.rect(PAD, y - 14.0, chip_w, 48.0, chip);
    canvas.text(PAD + 20.0, y + 19.0, 26.0, Weight::Bold, ink, label);
    let date = match (&task.completed, &task.started) {
        (Some(day), _) => Some(lang.fill("done_on", &[("date", &lang.date(day))])),
        (None, Some(day)) => Some(lang.fill("started_on", &[("date", &lang.date(day))])),
        _ => None,
    };
    if let Some(date) = date {
        let room = INNER - chip_w - 24.0;
        let date = fit(&date, 26.0, Weight::Regular, room);
        canvas.text(
            PAD + chip_w + 24.0,
            y + 19.0,
            26.0,
            Weight::Regular,
            "muted",
            &date,
        );
    }
    y += 96.0;
    // The phase it is in, with its progress, just above the footer.
    let phase_row = HEIGHT as f32 - 100.0;
    let lines = ((phase_row - 40.0 - y) / 40.0).floor().max(0.0) as usize;
    for line in wrap(
        summary.unwrap_or_default(),
        30.0,
        Weight::Regular,
        INNER,
        lines.min(3),
    ) {
        canvas.text(PAD, y, 30.0, Weight::Regular, "fg", &line);
        y += 40.0;
    }
    let phase = &site.phases[task.phase];
    rows(
        &mut canvas,
        phase_row,
        std::iter::once((phase.shown_title(), &phase.progress)),
        lang,
    );
    footer(&mut canvas, host);
    canvas.finish()
}
