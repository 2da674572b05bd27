//! The site → what sharing it needs: link previews (a 1200×630 PNG per home, phase
//! and task page, and the values of each page's Open Graph and Twitter tags), the
//! progress card (`card.svg`, `card-tall.svg` and their PNGs light and dark), the
//! Share page's snippets (with versioned URLs) and a `_headers` file that keeps
//! embedded badges fresh. Pictures are drawn by resvg from SVGs made here, with the
//! font shipped in the binary ([`font`]); each PNG is cached by its SVG's hash
//! ([`raster`]), so a build draws only the pictures that changed.

mod card;
mod fallback;
mod font;
mod headers;
mod meta;
mod preview;
mod raster;
mod snippets;
mod svg;

pub use meta::{Meta, MetaView, Subject};
pub use snippets::ShareView;

use std::path::Path;

use rayon::prelude::*;

use crate::config::{Previews, ShareSettings};
use crate::error::{Error, Result};
use crate::i18n::Language;
use crate::model::Site;
use crate::output::Sink;
use card::Shape;
use raster::Raster;
use svg::{DARK, LIGHT, Scheme};

/// What making the files found, for the build's closing lines.
#[derive(Debug, Default)]
pub struct Report {
    /// Pictures drawn (the others were read from the cache).
    pub drawn: usize,
    /// Pictures in the site.
    pub pictures: usize,
    /// What the user should know: previews skipped for want of a `base_url`, a
    /// `_headers` of theirs left alone. Each said once per build.
    pub notices: Vec<String>,
}

/// Where the pictures are cached, and whether this session writes there.
pub struct Cache<'a> {
    /// The site's cache folder.
    pub dir: &'a Path,
    /// False for a session that saves no caches.
    pub save: bool,
}

/// Makes the sharing files of `site` into `sink`; `theme_headers` is true when the
/// theme has a `_headers` of its own (copied with its static files).
pub fn files(
    site: &Site,
    lang: &Language,
    settings: &ShareSettings,
    cache: Cache,
    theme_headers: bool,
    sink: &dyn Sink,
) -> Result<Report> {
    let fonts = font::Fonts::default();
    let raster = Raster::new(cache.dir, cache.save, &fonts);
    let mut report = Report::default();
    let mut pictures: Vec<(String, String)> = Vec::new(); // (path, SVG)
    for shape in Shape::ALL {
        let adaptive = card::card(site, lang, shape, Scheme::Adaptive);
        sink.put_owned(&format!("{}.svg", shape.stem()), adaptive.into_bytes())?;
        let stem = shape.stem();
        pictures.push((
            format!("{stem}.png"),
            card::card(site, lang, shape, Scheme::Fixed(LIGHT)),
        ));
        pictures.push((
            format!("{stem}-dark.png"),
            card::card(site, lang, shape, Scheme::Fixed(DARK)),
        ));
    }
    match &site.base_url {
        Some(base) => pictures.extend(previews(site, lang, settings, host(base))),
        None => report.notices.push(
            "link previews skipped: they need the site's absolute address. Set `base_url` in \
             roadmap.toml (or pass --base-url) for Open Graph and Twitter card tags and their pictures"
                .into(),
        ),
    }
    report.pictures = pictures.len();
    pictures
        .into_par_iter()
        .map(|(path, svg)| {
            let png = raster
                .png(&svg)
                .map_err(|e: String| picture_error(&path, &e))?;
            sink.put_owned(&path, png)
        })
        .collect::<Result<()>>()?;
    report.drawn = raster.drawn();
    raster.forget_unused();
    if settings.headers {
        if theme_headers {
            report.notices.push(headers::left_alone("the theme"));
        } else if sink.is_users(headers::PATH) {
            report
                .notices
                .push(headers::left_alone("the output folder"));
        } else {
            sink.put_owned(headers::PATH, headers::headers().into_bytes())?;
        }
    }
    Ok(report)
}

/// Every preview picture `[share] previews` asks for: the home page's, each phase's
/// (by default), each task's.
fn previews<'a>(
    site: &'a Site,
    lang: &'a Language,
    settings: &ShareSettings,
    host: &'a str,
) -> Vec<(String, String)> {
    let path = |subject| meta::image_path(site, subject, settings.previews);
    let mut all = vec![(path(Subject::Site), preview::home(site, lang, host))];
    if settings.previews != Previews::Home {
        all.par_extend(
            (0..site.phases.len())
                .into_par_iter()
                .map(|i| (path(Subject::Phase(i)), preview::phase(site, lang, i, host))),
        );
    }
    if settings.previews == Previews::All {
        all.par_extend((0..site.tasks.len()).into_par_iter().map(|i| {
            let task = &site.tasks[i];
            let summary = task
                .notes
                .iter()
                .find_map(|&n| site.notes[n].summary.as_deref());
            (
                path(Subject::Task(i)),
                preview::task(site, lang, i, summary, host),
            )
        }));
    }
    all
}

/// `me.github.io/rust` of `https://me.github.io/rust/`: how the pictures name the site.
fn host(base: &str) -> &str {
    let rest = base.split_once("://").map_or(base, |(_, rest)| rest);
    rest.trim_end_matches('/')
}

/// A picture that could not be drawn: a fault of this program, not of the input
/// (every text in the SVGs is escaped), said as such.
fn picture_error(path: &str, why: &str) -> Error {
    let message = format!("could not draw {path}: {why}");
    Error::io(path, std::io::Error::other(message))
}
