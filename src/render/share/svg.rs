//! Shapes and text → SVG markup for the pictures (previews and cards), coloured by
//! class from the theme's palette: the same drawing is a light or a dark PNG, or an
//! SVG that follows the reader's colour scheme.

use std::fmt::Write;

use super::font::{self, Weight};
use crate::html::escape;

/// The default theme's colours (`themes/default/static/style.css`), for one scheme.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    bg: &'static str,
    fg: &'static str,
    muted: &'static str,
    border: &'static str,
    track: &'static str,
    done: &'static str,
    progress: &'static str,
    skipped: &'static str,
    accent: &'static str,
}

/// Light, as the site's `:root`.
pub const LIGHT: Palette = Palette {
    bg: "#ffffff",
    fg: "#1f2328",
    muted: "#57606a",
    border: "#d0d7de",
    track: "#d8dee4",
    done: "#1f883d",
    progress: "#bf8700",
    skipped: "#8c959f",
    accent: "#0969da",
};

/// Dark, as the site's `prefers-color-scheme: dark`.
pub const DARK: Palette = Palette {
    bg: "#0d1117",
    fg: "#e6edf3",
    muted: "#9198a1",
    border: "#30363d",
    track: "#30363d",
    done: "#2ea043",
    progress: "#d29922",
    skipped: "#6e7681",
    accent: "#4493f8",
};

/// Which colours an SVG is drawn in.
#[derive(Debug, Clone, Copy)]
pub enum Scheme {
    /// One palette (what a PNG is drawn from).
    Fixed(Palette),
    /// Light, and dark where the reader prefers it (a published SVG).
    Adaptive,
}

impl Palette {
    fn rules(&self) -> String {
        let p = self;
        format!(
            ".bg{{fill:{}}}.fg{{fill:{}}}.muted{{fill:{}}}.border{{stroke:{}}}.track{{fill:{}}}\
             .done{{fill:{}}}.progress{{fill:{}}}.skipped{{fill:{}}}.accent{{fill:{}}}",
            p.bg, p.fg, p.muted, p.border, p.track, p.done, p.progress, p.skipped, p.accent
        )
    }
}

/// An SVG being drawn.
pub struct Canvas {
    svg: String,
}

impl Canvas {
    /// An empty picture of `width` × `height` px titled `title` (for screen readers
    /// where the SVG is shown as an image), with the background drawn.
    pub fn new(width: u32, height: u32, title: &str, scheme: Scheme) -> Canvas {
        let style = match scheme {
            Scheme::Fixed(palette) => palette.rules(),
            Scheme::Adaptive => format!(
                "{}@media (prefers-color-scheme: dark){{{}}}",
                LIGHT.rules(),
                DARK.rules()
            ),
        };
        let mut svg = String::with_capacity(4096);
        let _ = write!(
            svg,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
             viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{title}\">\
             <title>{title}</title><style>{style}text{{font-family:{family}}}</style>\
             <rect class=\"bg border\" x=\"0.5\" y=\"0.5\" width=\"{w}\" height=\"{h}\" rx=\"12\" stroke-width=\"1\"/>",
            title = escape(title),
            family = font::FAMILY_CSS,
            w = width - 1,
            h = height - 1,
        );
        Canvas { svg }
    }

    /// A line of text whose left (or, with `end`, right) edge is at `x`, baseline at
    /// `y`; the caller has fitted it.
    pub fn text(&mut self, x: f32, y: f32, size: f32, weight: Weight, class: &str, text: &str) {
        self.text_anchored(x, y, size, weight, class, text, "start");
    }

    /// [`Canvas::text`], ending at `x`.
    pub fn text_end(&mut self, x: f32, y: f32, size: f32, weight: Weight, class: &str, text: &str) {
        self.text_anchored(x, y, size, weight, class, text, "end");
    }

    #[allow(clippy::too_many_arguments)]
    fn text_anchored(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        class: &str,
        text: &str,
        anchor: &str,
    ) {
        let weight = match weight {
            Weight::Regular => 400,
            Weight::Bold => 700,
        };
        let _ = write!(
            self.svg,
            "<text x=\"{x}\" y=\"{y}\" font-size=\"{size}\" font-weight=\"{weight}\" \
             text-anchor=\"{anchor}\" class=\"{class}\">{}</text>",
            escape(text)
        );
    }

    /// A progress bar: the track, and the done and in-progress shares over it.
    pub fn bar(&mut self, x: f32, y: f32, width: f32, height: f32, done: f64, started: f64) {
        let r = height / 2.0;
        let _ = write!(
            self.svg,
            "<rect class=\"track\" x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{height}\" rx=\"{r}\"/>"
        );
        // The in-progress share after the done one, both clipped to the track.
        let done_w = (width as f64 * done.clamp(0.0, 1.0)) as f32;
        let started_w = (width as f64 * started.clamp(0.0, 1.0 - done.clamp(0.0, 1.0))) as f32;
        if started_w > 0.5 {
            let _ = write!(
                self.svg,
                "<rect class=\"progress\" x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{height}\" rx=\"{r}\"/>",
                (done_w + started_w).min(width)
            );
        }
        if done_w > 0.5 {
            let _ = write!(
                self.svg,
                "<rect class=\"done\" x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{height}\" rx=\"{r}\"/>",
                done_w.max(height.min(width))
            );
        }
    }

    /// A filled rounded rectangle of `class`.
    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, class: &str) {
        let _ = write!(
            self.svg,
            "<rect class=\"{class}\" x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{height}\" rx=\"{}\"/>",
            height / 2.0
        );
    }

    /// The finished SVG.
    pub fn finish(mut self) -> String {
        self.svg.push_str("</svg>\n");
        self.svg
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_the_adaptive_scheme_carries_both_palettes() {
        let mut canvas = Canvas::new(100, 50, "A & <B>", Scheme::Adaptive);
        canvas.text(1.0, 2.0, 10.0, Weight::Bold, "fg", "x < y & \"z\"");
        let svg = canvas.finish();
        assert!(svg.contains("A &amp; &lt;B&gt;"), "{svg}");
        assert!(svg.contains("x &lt; y &amp;"), "{svg}");
        assert!(svg.contains("prefers-color-scheme: dark"));
        assert!(svg.contains(LIGHT.bg) && svg.contains(DARK.bg));
        let fixed = Canvas::new(100, 50, "t", Scheme::Fixed(DARK)).finish();
        assert!(!fixed.contains("@media") && fixed.contains(DARK.bg));
    }

    #[test]
    fn a_bar_shows_its_shares_and_nothing_for_none() {
        let mut empty = Canvas::new(100, 50, "t", Scheme::Fixed(LIGHT));
        empty.bar(0.0, 0.0, 100.0, 10.0, 0.0, 0.0);
        let empty = empty.finish();
        assert!(!empty.contains("class=\"done\"") && !empty.contains("class=\"progress\""));
        let mut half = Canvas::new(100, 50, "t", Scheme::Fixed(LIGHT));
        half.bar(0.0, 0.0, 100.0, 10.0, 0.5, 0.25);
        let half = half.finish();
        assert!(
            half.contains("class=\"done\" x=\"0\" y=\"0\" width=\"50\""),
            "{half}"
        );
        assert!(
            half.contains("class=\"progress\" x=\"0\" y=\"0\" width=\"75\""),
            "{half}"
        );
    }
}
