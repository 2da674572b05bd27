//! A [`Layout`] and its entries → SVG text: inline in `map.html` (styled by the
//! theme's `style.css`) or standalone as `map.svg` (its own styles, light and dark).
//!
//! Status is told by shape as well as colour, so that it survives print in grey and
//! colour blindness: done is a filled circle with a check, in progress a half-filled
//! circle, to do an empty circle, skipped a dashed circle struck through, with a
//! dashed box and its title struck through.

use std::fmt::Write;

use super::layout::{COUNT_ROOM, ICON_ROOM, Layout, Placed, more_label};
use super::tree::{Entry, Kind};
use crate::roadmap::Status;

/// The drawing's styles, in terms of the theme's custom properties. `style.css`
/// holds the same rules in its map section (a test keeps the two equal).
pub const RULES: &str = r#".map-svg { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.map-svg .sp { stroke: var(--border); stroke-width: 4; stroke-linecap: round; fill: none; }
.map-svg .ed { stroke: var(--muted); stroke-width: 1.25; fill: none; }
.map-svg .n rect { fill: var(--bg); stroke: var(--border); stroke-width: 1.5; }
.map-svg text { font-size: 13px; fill: var(--fg); unicode-bidi: plaintext; }
.map-svg .c { font-size: 12px; fill: var(--muted); font-variant-numeric: tabular-nums; }
.map-svg .p rect { fill: var(--surface); stroke: var(--fg); stroke-width: 2; }
.map-svg .p text { font-size: 15px; font-weight: 700; }
.map-svg .p .c { font-size: 13px; }
.map-svg .p .tr { fill: var(--track); stroke: none; }
.map-svg .p .br { fill: var(--done); stroke: none; }
.map-svg .g rect { fill: var(--surface); }
.map-svg .g text, .map-svg .m text { font-weight: 700; }
.map-svg .m rect { fill: var(--surface); stroke-dasharray: 5 3; }
.map-svg .done rect { fill: var(--chip-done-bg); stroke: var(--done); }
.map-svg .in_progress rect { fill: var(--chip-progress-bg); stroke: var(--progress); }
.map-svg .skipped rect { stroke: var(--skipped); stroke-dasharray: 5 3; }
.map-svg .skipped text { fill: var(--muted); text-decoration: line-through; }
.map-svg use, .map-key g { color: var(--muted); stroke: var(--bg); }
.map-svg .done use, .map-key .done { color: var(--done); }
.map-svg .in_progress use, .map-key .in_progress { color: var(--progress); }
.map-svg a:hover rect { stroke-width: 3; }
.map-svg a:hover text { text-decoration: underline; }
"#;

/// The theme's colours, for `map.svg`, which has no `style.css` (kept as the
/// default theme's: a standalone file cannot follow a theme's overrides).
const COLOURS: &str = ".map-svg { --bg: #ffffff; --fg: #1f2328; --muted: #57606a; --border: #d0d7de; --surface: #f6f8fa; --track: #d8dee4; --done: #1f883d; --progress: #bf8700; --skipped: #8c959f; --chip-done-bg: #dafbe1; --chip-progress-bg: #fff8c5; }
@media (prefers-color-scheme: dark) { .map-svg { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #30363d; --surface: #161b22; --track: #30363d; --done: #2ea043; --progress: #d29922; --skipped: #6e7681; --chip-done-bg: #12351f; --chip-progress-bg: #3b2e06; } }
";

/// A status's icon, drawn in a 12 × 12 box. Its colours are inherited (`color` for
/// the shape, `stroke` for the check): styles cannot reach into a `<use>`'s copy.
fn shape(status: Status) -> &'static str {
    match status {
        Status::Done => {
            "<circle cx=\"6\" cy=\"6\" r=\"6\" fill=\"currentColor\" stroke=\"none\"/><path d=\"M3.2 6.3l1.9 1.9 3.7-4.1\" fill=\"none\" stroke-width=\"1.8\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>"
        }
        Status::InProgress => {
            "<circle cx=\"6\" cy=\"6\" r=\"5\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"/><path d=\"M6 1a5 5 0 0 1 0 10z\" fill=\"currentColor\" stroke=\"none\"/>"
        }
        Status::Todo => {
            "<circle cx=\"6\" cy=\"6\" r=\"5\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"/>"
        }
        Status::Skipped => {
            "<circle cx=\"6\" cy=\"6\" r=\"5\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" stroke-dasharray=\"2.5 1.6\"/><path d=\"M2.5 9.5l7-7\" stroke=\"currentColor\" stroke-width=\"1.5\"/>"
        }
    }
}

/// The status icons as symbols; `{p}` is the drawing's id prefix (ids are unique
/// in a page that holds two drawings).
fn symbols(p: &str) -> String {
    let mut out = String::from("<defs>");
    for status in Status::ALL {
        let _ = write!(
            out,
            "<symbol id=\"{p}-{}\" viewBox=\"0 0 12 12\">{}</symbol>",
            status.key(),
            shape(status)
        );
    }
    out.push_str("</defs>");
    out
}

/// A status's icon alone, for the page's legend.
pub fn icon(status: Status) -> String {
    format!(
        "<svg class=\"map-svg map-key\" viewBox=\"0 0 12 12\" width=\"14\" height=\"14\" aria-hidden=\"true\"><g class=\"{}\">{}</g></svg>",
        status.key(),
        shape(status)
    )
}

/// An inline drawing for `map.html`: hidden from assistive technology, links out of
/// the tab order (the page's list serves both).
pub fn inline(layout: &Layout, entries: &[Entry], class: &str, prefix: &str) -> String {
    let mut out = format!(
        "<svg class=\"map-svg {class}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" aria-hidden=\"true\">",
        w = layout.width,
        h = layout.height
    );
    out.push_str(&symbols(prefix));
    body(&mut out, layout, entries, prefix, "", "tabindex=\"-1\" ");
    out.push_str("</svg>");
    out
}

/// `map.svg`: the drawing on its own, with its styles, a background and a title;
/// its links are in the tab order. Links are absolute under `base_url`.
pub fn standalone(layout: &Layout, entries: &[Entry], title: &str, base: Option<&str>) -> String {
    let (w, h) = (layout.width, layout.height);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map-svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"map-title\">\n<title id=\"map-title\">{}</title>\n<style>\n{COLOURS}{RULES}.map-svg .bg {{ fill: var(--bg); }}\n</style>\n",
        text(title)
    );
    out.push_str(&symbols("m"));
    let _ = write!(out, "\n<rect class=\"bg\" width=\"{w}\" height=\"{h}\"/>\n");
    body(&mut out, layout, entries, "m", base.unwrap_or(""), "");
    out.push_str("\n</svg>\n");
    out
}

/// The spine, the edges (each one path) and the nodes.
fn body(
    out: &mut String,
    layout: &Layout,
    entries: &[Entry],
    prefix: &str,
    base: &str,
    link: &str,
) {
    for (class, lines) in [("sp", &layout.spine), ("ed", &layout.edges)] {
        if lines.is_empty() {
            continue;
        }
        let _ = write!(out, "<path class=\"{class}\" d=\"");
        for line in lines {
            for (k, (x, y)) in line.iter().enumerate() {
                let _ = write!(out, "{}{x} {y}", if k == 0 { "M" } else { "L" });
            }
        }
        out.push_str("\"/>");
    }
    for placed in &layout.nodes {
        node(out, placed, &entries[placed.entry], prefix, base, link);
    }
}

fn node(out: &mut String, n: &Placed, e: &Entry, prefix: &str, base: &str, link: &str) {
    let kind = match e.kind {
        Kind::Phase => "p",
        Kind::Group => "g",
        Kind::Task => "t",
        Kind::More => "m",
    };
    let status = match e.kind {
        Kind::Phase => Some(phase_status(e)),
        _ => e.status,
    };
    let class = status.map_or(String::new(), |s| format!(" {}", s.key()));
    match &e.url {
        Some(url) => {
            let _ = write!(
                out,
                "\n<a {link}href=\"{}{}\" class=\"n {kind}{class}\">",
                text(base),
                text(url)
            );
        }
        None => {
            let _ = write!(out, "\n<g class=\"n {kind}{class}\">");
        }
    }
    let _ = write!(out, "<title>{}</title>", text(&tooltip(e)));
    let (x, y, w, h) = (n.x, n.y, n.w, n.h);
    let _ = write!(
        out,
        "<rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" rx=\"6\"/>"
    );
    let line = if e.kind == Kind::Phase { 19 } else { 17 };
    if let Some(s) = status {
        let _ = write!(
            out,
            "<use href=\"#{prefix}-{}\" x=\"{}\" y=\"{}\" width=\"12\" height=\"12\"/>",
            s.key(),
            x + 8,
            y + 7 + (line - 12) / 2 + 1
        );
    }
    for (k, text_line) in n.text.lines.iter().enumerate() {
        let baseline = y + 7 + line * (k as i32 + 1) - 4;
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{baseline}\">{}</text>",
            x + ICON_ROOM,
            text(text_line)
        );
    }
    let count = match e.kind {
        Kind::Phase => Some(percent(e)),
        Kind::Group if e.total > 0 => Some(format!("{}/{}", e.done, e.total)),
        _ => None,
    };
    if let Some(count) = count {
        let _ = write!(
            out,
            "<text class=\"c\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{count}</text>",
            x + w - 8,
            y + 7 + line - 4
        );
    }
    if e.kind == Kind::Phase {
        let (bx, by, bw) = (x + ICON_ROOM, y + h - 11, w - ICON_ROOM - COUNT_ROOM + 38);
        let done = match e.total {
            0 => 0,
            total => (bw as usize * e.done / total) as i32,
        };
        let _ = write!(
            out,
            "<rect class=\"tr\" x=\"{bx}\" y=\"{by}\" width=\"{bw}\" height=\"4\" rx=\"2\"/>"
        );
        if done > 0 {
            let _ = write!(
                out,
                "<rect class=\"br\" x=\"{bx}\" y=\"{by}\" width=\"{done}\" height=\"4\" rx=\"2\"/>"
            );
        }
    }
    out.push_str(if e.url.is_some() { "</a>" } else { "</g>" });
}

/// A phase's icon: done when all its counted tasks are, started when some are.
fn phase_status(e: &Entry) -> Status {
    match (e.done, e.total) {
        (_, 0) => Status::Todo,
        (d, t) if d == t => Status::Done,
        (0, _) => Status::Todo,
        _ => Status::InProgress,
    }
}

fn percent(e: &Entry) -> String {
    match e.total {
        0 => "0%".into(),
        total => format!("{}%", e.done * 100 / total),
    }
}

/// The full title and what the node's shape says, in words (shown on hover).
fn tooltip(e: &Entry) -> String {
    if !e.tip.is_empty() {
        return e.tip.clone();
    }
    match (e.kind, e.status) {
        (Kind::More, _) => format!("{}: see the phase page", more_label(e.total)),
        (Kind::Phase, _) => format!("{}: {} of {} done", e.title, e.done, e.total),
        (_, Some(status)) => format!("{}: {}", e.title, status.label()),
        (_, None) => format!("{}: {} of {} done", e.title, e.done, e.total),
    }
}

/// Text escaped for XML, without the control characters XML cannot hold.
fn text(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|&c| !(c < ' ' && c != '\t' || matches!(c, '\u{fffe}' | '\u{ffff}')))
        .collect();
    crate::html::escape(&clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_css_holds_the_same_rules() {
        let css = include_str!("../../../themes/default/static/style.css");
        assert!(
            css.contains(RULES),
            "copy svg::RULES into style.css's map section"
        );
    }

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(text("a<b & \u{1}c\u{ffff}"), "a&lt;b &amp; c");
    }
}
