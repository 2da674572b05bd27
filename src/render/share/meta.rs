//! A page of the site → its link-preview tags' values (`page_meta` in templates:
//! Open Graph and Twitter card), all absolute under `base_url`; none without it.

use serde::Serialize;

use super::preview::{HEIGHT, WIDTH};
use crate::config::Previews;
use crate::i18n::Language;
use crate::model::Site;
use crate::render::view::{progress_text, status_label};

/// What a page is about, for its preview: its picture and its description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// The site as a whole (the home page, and pages of no phase or task).
    Site,
    /// Phase `i`.
    Phase(usize),
    /// Task `i`.
    Task(usize),
}

/// Where a subject's preview picture is, relative to the site root: its own, or the
/// picture of the page above it when `previews` gives it none.
pub fn image_path(site: &Site, subject: Subject, previews: Previews) -> String {
    match (subject, previews) {
        (Subject::Task(i), Previews::All) => format!("previews/tasks/{}.png", site.tasks[i].slug),
        (Subject::Task(i), _) => image_path(site, Subject::Phase(site.tasks[i].phase), previews),
        (Subject::Phase(i), Previews::All | Previews::Phases) => {
            format!("previews/phases/{}.png", site.phases[i].slug)
        }
        _ => "previews/index.png".into(),
    }
}

/// The tags' values for one page.
#[derive(Debug, Serialize)]
pub struct MetaView {
    /// The page's absolute URL (`og:url`, the canonical link).
    pub url: String,
    /// `og:title`: the page's subject.
    pub title: String,
    /// `og:description`: its progress or status, and its note's summary.
    pub description: String,
    /// `og:image`, absolute.
    pub image: String,
    /// The picture's text alternative (`og:image:alt`).
    pub image_alt: String,
    /// The picture's size in px.
    pub image_width: u32,
    /// See `image_width`.
    pub image_height: u32,
    /// `og:type`: `website` for the home page, `article` for the others.
    pub kind: &'static str,
}

/// Makes the tags' values of a site's pages.
pub struct Meta<'a> {
    /// The site.
    pub site: &'a Site,
    /// Its language.
    pub lang: &'a Language,
    /// Which pages have their own pictures.
    pub previews: Previews,
}

impl Meta<'_> {
    /// The values for the page at `path` about `subject`, titled `title` (`None`: the
    /// subject's); `None` without a `base_url`.
    pub fn page(&self, path: &str, subject: Subject, title: Option<&str>) -> Option<MetaView> {
        let (site, lang) = (self.site, self.lang);
        let base = site.base_url.as_deref()?;
        let (subject_title, description) = match subject {
            Subject::Site => (site.title.text.clone(), progress_text(&site.progress, lang)),
            Subject::Phase(i) => {
                let phase = &site.phases[i];
                (
                    phase.shown_title().to_string(),
                    progress_text(&phase.progress, lang),
                )
            }
            Subject::Task(i) => {
                let task = &site.tasks[i];
                let mut text = format!(
                    "{} · {}",
                    status_label(task.status, lang),
                    site.phases[task.phase].shown_title()
                );
                let summary = task
                    .notes
                    .iter()
                    .find_map(|&n| site.notes[n].summary.as_deref());
                if let Some(summary) = summary {
                    text = format!("{text}. {summary}");
                }
                (task.title.text.clone(), text)
            }
        };
        // The home page's own URL is the site's: the address people share.
        let url = match path {
            "index.html" => base.to_string(),
            _ => format!("{base}{path}"),
        };
        Some(MetaView {
            url,
            title: title.map_or(subject_title.clone(), str::to_string),
            image_alt: format!("{subject_title}: {description}"),
            description,
            image: format!("{base}{}", image_path(site, subject, self.previews)),
            image_width: WIDTH,
            image_height: HEIGHT,
            kind: if path == "index.html" {
                "website"
            } else {
                "article"
            },
        })
    }
}
