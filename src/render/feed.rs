//! [`Site`] → `feed.xml`: an Atom feed (RFC 4287) of completed tasks and notes,
//! newest first.
//!
//! Atom wants absolute IRIs. With `base_url` the ids are page URLs and every entry
//! links to its page; without it the ids are `tag:` URIs (RFC 4151) and entries carry
//! no links — relative links would depend on where a reader fetched the feed from —
//! so each entry has a text `content` instead, which Atom then requires.

use crate::html::escape;
use crate::i18n::Language;
use crate::model::Site;
use crate::roadmap::Status;
use crate::slug::slugify;

/// How many entries the feed keeps.
const MAX_ENTRIES: usize = 50;

/// One entry before it is written.
struct Entry {
    /// `YYYY-MM-DD`.
    date: String,
    title: String,
    /// Path of the page relative to the site root.
    path: String,
    /// Stable part of the id: `task/<slug>` or `note/<slug>`.
    key: String,
    content: String,
}

/// The feed, or `None` when nothing has a date (Atom needs an `updated` date). Its
/// texts are in `lang`; its dates are Atom's.
pub fn feed(site: &Site, lang: &Language) -> Option<Vec<u8>> {
    let mut entries = Vec::new();
    for task in &site.tasks {
        if let (Status::Done, Some(date)) = (task.status, &task.completed) {
            let phase = site.phases[task.phase].shown_title();
            let title = task.title.text.as_str();
            entries.push(Entry {
                date: date.clone(),
                title: lang.fill("feed_done_title", &[("title", title)]),
                path: super::task_path(&task.slug),
                key: format!("task/{}", task.slug),
                content: lang.fill(
                    "feed_done_content",
                    &[
                        ("title", title),
                        ("phase", phase),
                        ("date", &lang.date(date)),
                    ],
                ),
            });
        }
    }
    for note in &site.notes {
        let Some(date) = note.completed.as_ref().or(note.started.as_ref()) else {
            continue;
        };
        let about = note
            .task
            .map(|t| lang.fill("feed_note_on", &[("title", &site.tasks[t].title.text)]))
            .unwrap_or_else(|| lang.get("feed_note").to_string());
        entries.push(Entry {
            date: date.clone(),
            title: note.title.clone(),
            path: note.url(&site.tasks),
            key: format!("note/{}", note.slug),
            content: match &note.summary {
                Some(summary) => format!("{about}: {summary}"),
                None => format!("{about}."),
            },
        });
    }
    entries.retain(|e| is_date(&e.date));
    // Newest first; on the same day, in title order so that the output is stable.
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
    entries.truncate(MAX_ENTRIES);
    let updated = entries.first()?.date.clone();

    let base = site.base_url.as_deref();
    let site_key = slugify(&site.title.text);
    let id = |key: &str, path: &str| match base {
        Some(base) => format!("{base}{path}"),
        None => format!("tag:roadmap-site,2025:{site_key}/{key}"),
    };
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(&lang.code)
    ));
    push(&mut xml, 1, "title", &site.title.text);
    push(&mut xml, 1, "id", &id("feed", ""));
    if let Some(base) = base {
        link(&mut xml, 1, "self", &format!("{base}feed.xml"));
        link(&mut xml, 1, "alternate", base);
    }
    push(&mut xml, 1, "updated", &timestamp(&updated));
    xml.push_str("  <author><name>");
    xml.push_str(&escape(&site.title.text));
    xml.push_str("</name></author>\n");
    xml.push_str(&format!(
        "  <generator>roadmap-site {}</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    for entry in &entries {
        xml.push_str("  <entry>\n");
        push(&mut xml, 2, "title", &entry.title);
        // Linked notes' paths carry `#note-<slug>`, so they never share a task's id.
        push(&mut xml, 2, "id", &id(&entry.key, &entry.path));
        if let Some(base) = base {
            link(&mut xml, 2, "alternate", &format!("{base}{}", entry.path));
        }
        push(&mut xml, 2, "updated", &timestamp(&entry.date));
        xml.push_str("    <content type=\"text\">");
        xml.push_str(&escape(&entry.content));
        xml.push_str("</content>\n  </entry>\n");
    }
    xml.push_str("</feed>\n");
    Some(xml.into_bytes())
}

fn push(xml: &mut String, depth: usize, tag: &str, text: &str) {
    xml.push_str(&"  ".repeat(depth));
    xml.push_str(&format!("<{tag}>{}</{tag}>\n", escape(text)));
}

fn link(xml: &mut String, depth: usize, rel: &str, href: &str) {
    xml.push_str(&"  ".repeat(depth));
    let kind = if rel == "self" {
        " type=\"application/atom+xml\""
    } else {
        ""
    };
    xml.push_str(&format!(
        "<link rel=\"{rel}\"{kind} href=\"{}\"/>\n",
        escape(href)
    ));
}

/// Atom dates are RFC 3339 timestamps; a day becomes its midnight in UTC.
fn timestamp(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_checked_and_become_midnight_utc() {
        assert!(super::is_date("2025-01-31"));
        assert!(!super::is_date("2025-1-31"));
        assert!(!super::is_date("2025/01/31"));
        assert_eq!(super::timestamp("2025-01-31"), "2025-01-31T00:00:00Z");
    }
}
