//! Notes and tags → views for templates: full notes for the pages that show them,
//! summaries for lists, tags with the tasks that carry them.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::markdown::Heading;
use crate::model::{Note, Site, tag_slug};
use crate::note::Resource;
use crate::notes_html::NotesHtml;

/// How many notes "recently noted" lists.
const RECENT: usize = 5;
/// A note gets a table of contents from this many headings of levels 2 and 3 (the
/// ones it lists): a note of three sections is read faster than its contents box.
const TOC_MIN_HEADINGS: usize = 4;

/// A tag and where its page is.
#[derive(Debug, Clone, Serialize)]
pub struct TagLink {
    /// As written.
    pub name: String,
    /// Page path relative to the site root.
    pub url: String,
}

impl TagLink {
    fn new(name: &str) -> Self {
        TagLink {
            name: name.to_string(),
            url: format!("tags/{}.html", tag_slug(name)),
        }
    }
}

/// A note in full.
#[derive(Debug, Serialize)]
pub struct NoteView<'a> {
    /// Title.
    pub title: &'a str,
    /// Slug.
    pub slug: &'a str,
    /// `id` of the note on its page.
    pub anchor: String,
    /// Path relative to the site root (with `#anchor` for notes on task pages).
    pub url: String,
    /// The note file, as shown to the user.
    pub path: &'a str,
    /// Summary.
    pub summary: Option<&'a str>,
    /// `YYYY-MM-DD`.
    pub started: Option<&'a str>,
    /// `YYYY-MM-DD`.
    pub completed: Option<&'a str>,
    /// Its tags.
    pub tags: Vec<TagLink>,
    /// Its resources.
    pub resources: &'a [Resource],
    /// Rendered body (safe HTML).
    pub html: &'a str,
    /// Headings for a table of contents; empty for short notes.
    pub toc: Vec<&'a Heading>,
    /// The task's title, for linked notes.
    pub task_title: Option<&'a str>,
    /// The task's page, for linked notes.
    pub task_url: Option<String>,
}

/// A note in a list.
#[derive(Debug, Clone, Serialize)]
pub struct NoteSummaryView<'a> {
    /// Title.
    pub title: &'a str,
    /// Path relative to the site root.
    pub url: String,
    /// Summary.
    pub summary: Option<&'a str>,
    /// Completed date, else started date.
    pub date: Option<&'a str>,
    /// The task's title, for linked notes.
    pub task_title: Option<&'a str>,
}

/// A tag with its counts.
#[derive(Debug, Serialize)]
pub struct TagView {
    /// As written.
    pub name: String,
    /// Slug.
    pub slug: String,
    /// Page path relative to the site root.
    pub url: String,
    /// Tasks whose notes carry it.
    pub tasks: Vec<usize>,
    /// Unlinked notes that carry it.
    pub notes: Vec<usize>,
}

impl<'a> NoteView<'a> {
    /// The full view of note `i`.
    pub fn new(site: &'a Site, notes: &'a NotesHtml, i: usize) -> Self {
        let (note, rendered) = (&site.notes[i], &notes[i]);
        NoteView {
            title: &note.title,
            slug: &note.slug,
            anchor: format!("note-{}", note.slug),
            url: note.url(&site.tasks),
            path: &note.path,
            summary: note.summary.as_deref(),
            started: note.started.as_deref(),
            completed: note.completed.as_deref(),
            tags: note.tags.iter().map(|t| TagLink::new(t)).collect(),
            resources: &note.resources,
            html: &rendered.html,
            toc: toc(&rendered.headings),
            task_title: note.task.map(|t| site.tasks[t].title.text.as_str()),
            task_url: note.task.map(|t| super::task_path(&site.tasks[t].slug)),
        }
    }
}

/// The headings a table of contents lists (levels 2 and 3), or none for a short note.
fn toc(headings: &[Heading]) -> Vec<&Heading> {
    let listed: Vec<&Heading> = headings.iter().filter(|h| h.level <= 3).collect();
    if listed.len() >= TOC_MIN_HEADINGS {
        listed
    } else {
        Vec::new()
    }
}

impl<'a> NoteSummaryView<'a> {
    /// The list view of note `i`.
    pub fn new(site: &'a Site, i: usize) -> Self {
        let note: &Note = &site.notes[i];
        NoteSummaryView {
            title: &note.title,
            url: note.url(&site.tasks),
            summary: note.summary.as_deref(),
            date: note.completed.as_deref().or(note.started.as_deref()),
            task_title: note.task.map(|t| site.tasks[t].title.text.as_str()),
        }
    }
}

/// Notes with a date, newest first (then the undated ones in file order).
pub fn recent_notes(site: &Site) -> Vec<NoteSummaryView<'_>> {
    let mut all: Vec<NoteSummaryView> = (0..site.notes.len())
        .map(|i| NoteSummaryView::new(site, i))
        .collect();
    all.sort_by(|a, b| b.date.cmp(&a.date));
    all.truncate(RECENT);
    all
}

/// Every tag, sorted by name, with the tasks and unlinked notes that carry it.
pub fn tags(site: &Site) -> Vec<TagView> {
    let mut by_slug: BTreeMap<String, TagView> = BTreeMap::new();
    for (i, note) in site.notes.iter().enumerate() {
        for name in &note.tags {
            let slug = tag_slug(name);
            let tag = by_slug.entry(slug.clone()).or_insert_with(|| TagView {
                name: name.clone(),
                url: format!("tags/{slug}.html"),
                slug,
                tasks: Vec::new(),
                notes: Vec::new(),
            });
            match note.task {
                Some(task) if !tag.tasks.contains(&task) => tag.tasks.push(task),
                Some(_) => {}
                None => tag.notes.push(i),
            }
        }
    }
    by_slug.into_values().collect()
}

/// The tags of a task's notes, in order of first use.
pub fn task_tags(site: &Site, task: usize) -> Vec<TagLink> {
    let mut seen = Vec::new();
    for &note in &site.tasks[task].notes {
        for tag in &site.notes[note].tags {
            if !seen.iter().any(|t: &TagLink| t.name == *tag) {
                seen.push(TagLink::new(tag));
            }
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use crate::markdown::Heading;

    fn headings(levels: &[u8]) -> Vec<Heading> {
        let heading = |(i, &level)| Heading {
            level,
            id: format!("h{i}"),
            text: format!("Heading {i}"),
        };
        levels.iter().enumerate().map(heading).collect()
    }

    #[test]
    fn a_note_of_three_sections_has_no_contents() {
        assert!(super::toc(&headings(&[2, 2, 2])).is_empty());
        // Deeper headings are not listed, so they do not make a note long.
        assert!(super::toc(&headings(&[2, 3, 2, 4, 5])).is_empty());
    }

    #[test]
    fn a_note_of_four_listed_headings_has_contents() {
        let all = headings(&[2, 3, 4, 2, 3]);
        let ids: Vec<&str> = super::toc(&all).iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["h0", "h1", "h3", "h4"]);
    }
}
