//! A label and a percentage → a shields.io "flat" SVG badge (and its endpoint JSON), with
//! text widths measured from Verdana 11px metrics so the badge fits its text.

mod verdana;

use serde::Serialize;

/// Width of a character we have no metrics for (emoji, CJK): about one em.
const FALLBACK_WIDTH: u32 = 1100;

/// Average width, in hundredths of a pixel at 11 px, of a letter of an alphabet that
/// the Verdana metrics lack: about a third over what system fonts draw (measured in
/// Chromium at 13 px: Arabic and Hebrew 0.42–0.48 em a character, spaces included,
/// Cyrillic 0.52–0.61, Greek 0.48–0.56; Latin 0.45–0.53, for which Verdana gives
/// about 0.6). At one em (the fallback) an Arabic phase title on the map kept one
/// word of its three, and a Russian badge was twice as wide as its text.
fn alphabet_width(c: char) -> Option<u32> {
    match c {
        '\u{0370}'..='\u{052F}' => Some(792), // Greek, Cyrillic: 0.72 em
        '\u{0590}'..='\u{05FF}' | '\u{FB1D}'..='\u{FB4F}' => Some(682), // Hebrew: 0.62 em
        // Arabic, its supplements and presentation forms: 0.62 em
        '\u{0600}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' => Some(682),
        _ => None,
    }
}
/// Space on each side of a text, as shields.io does.
const PADDING: u32 = 5;

/// Width in pixels of `text` in Verdana 11px.
pub fn text_width(text: &str) -> f64 {
    let hundredths: u32 = text
        .chars()
        .filter(|c| !matches!(c, '\u{fe0e}' | '\u{fe0f}' | '\u{200d}'))
        .map(|c| {
            let code = c as u32;
            let i = verdana::WIDTHS.partition_point(|&(_, last, _)| last < code);
            match verdana::WIDTHS.get(i) {
                Some(&(first, _, width)) if first <= code => u32::from(width),
                _ => alphabet_width(c).unwrap_or(FALLBACK_WIDTH),
            }
        })
        .sum();
    f64::from(hundredths) / 100.0
}

/// Rounds up to an odd number of pixels, so the text centre falls on a pixel.
fn round_up_to_odd(width: f64) -> u32 {
    let up = width.ceil() as u32;
    if up.is_multiple_of(2) { up + 1 } else { up }
}

/// The shields.io colour for a percentage: red at 0 through bright green at 100.
pub fn color(percent: f64) -> (&'static str, &'static str) {
    match percent {
        p if p >= 100.0 => ("brightgreen", "#4c1"),
        p if p >= 80.0 => ("green", "#97ca00"),
        p if p >= 60.0 => ("yellowgreen", "#a4a61d"),
        p if p >= 40.0 => ("yellow", "#dfb317"),
        p if p >= 20.0 => ("orange", "#fe7d37"),
        _ => ("red", "#e05d44"),
    }
}

/// Text for the SVG. Badges have always written `'` as it is (the SVG's attributes
/// are double-quoted), and `label_from` keeps apostrophes: undoing that one escape
/// keeps every badge of a title like "Let's start" byte for byte what it was.
fn xml_escape(text: &str) -> String {
    crate::html::escape(text).replace("&#39;", "'")
}

/// A badge: `label | message`, the message coloured by `percent`.
#[derive(Debug, Clone)]
pub struct Badge {
    /// Left text (grey).
    pub label: String,
    /// Right text (coloured).
    pub message: String,
    /// Decides the colour.
    pub percent: f64,
}

/// The shields.io endpoint format, for `https://img.shields.io/endpoint?url=…`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Endpoint<'a> {
    schema_version: u8,
    label: &'a str,
    message: &'a str,
    color: &'a str,
}

impl Badge {
    /// The SVG, in the layout of shields.io's flat style.
    pub fn svg(&self) -> String {
        let label = xml_escape(&self.label);
        let message = xml_escape(&self.message);
        let label_text = round_up_to_odd(text_width(&self.label));
        let message_text = round_up_to_odd(text_width(&self.message));
        let left = label_text + 2 * PADDING;
        let right = message_text + 2 * PADDING;
        let width = left + right;
        // Text is drawn at 10× scale for sub-pixel placement, as shields.io does.
        let label_x = left * 5;
        let message_x = left * 10 + right * 5;
        let (_, fill) = color(self.percent);
        format!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" aria-label="{label}: {message}"><title>{label}: {message}</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="{width}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/><rect x="{left}" width="{right}" height="20" fill="{fill}"/><rect width="{width}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110"><text aria-hidden="true" x="{label_x}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="{lt}">{label}</text><text x="{label_x}" y="140" transform="scale(.1)" fill="#fff" textLength="{lt}">{label}</text><text aria-hidden="true" x="{message_x}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="{mt}">{message}</text><text x="{message_x}" y="140" transform="scale(.1)" fill="#fff" textLength="{mt}">{message}</text></g></svg>
"##,
            lt = label_text * 10,
            mt = message_text * 10,
        )
    }

    /// The shields.io endpoint JSON.
    pub fn endpoint_json(&self) -> Vec<u8> {
        let endpoint = Endpoint {
            schema_version: 1,
            label: &self.label,
            message: &self.message,
            color: color(self.percent).0,
        };
        let mut bytes = serde_json::to_vec_pretty(&endpoint).expect("endpoint serialises");
        bytes.push(b'\n');
        bytes
    }
}

/// A badge label from a title: emoji and symbols dropped (badge fonts rarely have
/// them), lowercase as shields.io labels usually are, whitespace collapsed.
pub fn label_from(title: &str) -> String {
    let kept: String = title
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace() || ":-.,()&/'’+#".contains(*c))
        .collect();
    kept.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_match_verdana_metrics() {
        // The values shields.io's own table gives.
        assert_eq!(text_width("m"), 10.7);
        assert!(
            (text_width("progress") - 47.77).abs() < 0.001,
            "{}",
            text_width("progress")
        );
        assert_eq!(text_width("🚀"), 11.0);
    }

    #[test]
    fn flat_badge_layout_accessibility_and_colour() {
        let badge = Badge {
            label: "progress".into(),
            message: "40.8%".into(),
            percent: 40.8,
        };
        let svg = badge.svg();
        // "progress" 47.77 px → 49 (+10) = 59; "40.8%" 36.81 → 37 (+10) = 47.
        assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" width="106" height="20" role="img" aria-label="progress: 40.8%"><title>progress: 40.8%</title>"#), "{svg}");
        assert!(svg.contains(r##"<rect width="59" height="20" fill="#555"/><rect x="59" width="47" height="20" fill="#dfb317"/>"##), "{svg}");
        assert!(svg.contains(r##"x="295" y="140" transform="scale(.1)" fill="#fff" textLength="490">progress</text><text aria-hidden="true" x="825""##), "{svg}");
    }

    #[test]
    fn colours_go_from_red_to_bright_green() {
        let names: Vec<&str> = [0.0, 25.0, 45.0, 65.0, 85.0, 100.0]
            .iter()
            .map(|&p| color(p).0)
            .collect();
        assert_eq!(
            names,
            [
                "red",
                "orange",
                "yellow",
                "yellowgreen",
                "green",
                "brightgreen"
            ]
        );
    }

    #[test]
    fn endpoint_json_is_the_shields_schema() {
        let badge = Badge {
            label: "a".into(),
            message: "100%".into(),
            percent: 100.0,
        };
        let json: serde_json::Value = serde_json::from_slice(&badge.endpoint_json()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"schemaVersion": 1, "label": "a", "message": "100%", "color": "brightgreen"})
        );
    }

    #[test]
    fn labels_drop_emoji_and_escape_xml() {
        assert_eq!(
            label_from("📂 Phase 1: Core Foundations"),
            "phase 1: core foundations"
        );
        let svg = Badge {
            label: "a<b".into(),
            message: "1%".into(),
            percent: 1.0,
        }
        .svg();
        assert!(svg.contains("a&lt;b") && !svg.contains("a<b"));
    }

    #[test]
    fn apostrophes_stay_as_they_are_and_the_rest_is_escaped() {
        let svg = Badge {
            label: label_from("Let's <go> & \"see\""),
            message: "1%".into(),
            percent: 1.0,
        }
        .svg();
        assert!(
            svg.contains(r#"aria-label="let's go &amp; see: 1%""#),
            "{svg}"
        );
        let svg = Badge {
            label: "it's <b> & \"q\"".into(),
            message: "1%".into(),
            percent: 1.0,
        }
        .svg();
        assert!(
            svg.contains("<title>it's &lt;b&gt; &amp; &quot;q&quot;: 1%</title>"),
            "{svg}"
        );
    }
}
