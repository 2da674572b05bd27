//! The site's progress → the Share page's data (`page.share`): the progress card in
//! both shapes and the overall badge, each with the Markdown and HTML to embed it,
//! their URLs versioned by the progress when `[share] versioned_urls` is on.

use serde::Serialize;
use twox_hash::XxHash3_64;

use super::card::{self, Shape};
use crate::config::ShareSettings;
use crate::html::escape;
use crate::i18n::Language;
use crate::model::Site;

/// `page.share`.
#[derive(Debug, Serialize)]
pub struct ShareView {
    /// The version the URLs carry (`?v=…`), if they do: it changes with the progress.
    pub version: Option<String>,
    /// The overall badge as Markdown, with the versioned URL.
    pub badge_markdown: String,
    /// The overall badge as HTML, with the versioned URL.
    pub badge_html: String,
    /// The card, wide then tall.
    pub cards: Vec<CardView>,
}

/// One shape of the progress card.
#[derive(Debug, Serialize)]
pub struct CardView {
    /// `wide` or `tall`.
    pub shape: &'static str,
    /// The SVG's path relative to the site root.
    pub path: String,
    /// Width and height in px.
    pub width: u32,
    /// See `width`.
    pub height: u32,
    /// Its text alternative.
    pub alt: String,
    /// Markdown for a README: the SVG (which follows the reader's colour scheme).
    pub markdown: String,
    /// HTML for a page: the PNGs, light and dark, in a `<picture>`.
    pub html: String,
}

/// A short hash of everything the badge and card show: a new one whenever they change.
pub fn version(site: &Site) -> String {
    let mut text = format!("{:?}", site.progress);
    for phase in &site.phases {
        text.push_str(&format!("\n{:?}", phase.progress));
    }
    if let Some((task, day)) = card::last_done(site) {
        text.push_str(&format!("\n{task}\n{day:?}"));
    }
    format!("{:08x}", XxHash3_64::oneshot(text.as_bytes()) as u32)
}

impl ShareView {
    /// The Share page's data.
    pub fn new(site: &Site, lang: &Language, settings: &ShareSettings) -> ShareView {
        let version = settings.versioned_urls.then(|| version(site));
        let query = version
            .as_ref()
            .map_or(String::new(), |v| format!("?v={v}"));
        let url = |path: &str| match &site.base_url {
            Some(base) => format!("{base}{path}{query}"),
            None => format!("{path}{query}"),
        };
        let link = site.base_url.as_deref();
        let linked = |image: String| match link {
            Some(link) => format!("[{image}]({link})"),
            None => image,
        };
        let percent = lang.percent(site.progress.percent());
        let badge_alt = lang.fill("badge_alt", &[("percent", &percent)]);
        let card_alt = format!("{}: {}", site.title.text, percent);
        let cards = Shape::ALL
            .iter()
            .map(|&shape| {
                let stem = shape.stem();
                let (width, height) = card::size(site, lang, shape);
                let alt = escape(&card_alt);
                let html = format!(
                    "<picture><source media=\"(prefers-color-scheme: dark)\" srcset=\"{dark}\">\
                     <img src=\"{light}\" alt=\"{alt}\" width=\"{width}\" height=\"{height}\"></picture>",
                    dark = url(&format!("{stem}-dark.png")),
                    light = url(&format!("{stem}.png")),
                );
                CardView {
                    shape: match shape {
                        Shape::Wide => "wide",
                        Shape::Tall => "tall",
                    },
                    path: format!("{stem}.svg"),
                    width,
                    height,
                    markdown: linked(format!("![{card_alt}]({})", url(&format!("{stem}.svg")))),
                    html,
                    alt: card_alt.clone(),
                }
            })
            .collect();
        let badge = url("badges/progress.svg");
        ShareView {
            badge_markdown: linked(format!("![{badge_alt}]({badge})")),
            badge_html: format!(
                "<img src=\"{badge}\" alt=\"{}\" height=\"20\">",
                escape(&badge_alt)
            ),
            version,
            cards,
        }
    }
}
