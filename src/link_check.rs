//! A generated [`SiteOutput`] → warnings for internal links that lead nowhere: a
//! missing page or file, a `#fragment` with no element of that id, or a root-absolute
//! link (`/x`) that breaks when the site is published under a sub-path.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Site;
use crate::notes_html::NotesHtml;
use crate::output::SiteOutput;

/// What the rendering of the notes knows about their links, so that a problem with one
/// is reported once, at its line in the note.
#[derive(Debug, Default)]
pub struct NoteLinks {
    /// Links that lead to no file, as written (reported already, at their line).
    broken: BTreeSet<String>,
    /// (page, link as on the page, unescaped) → the link in its note, for a
    /// `#fragment` the target page lacks.
    anchors: BTreeMap<(String, String), crate::markdown::Anchor>,
}

impl NoteLinks {
    /// The links of every note of the site.
    pub fn of(site: &Site, html: &NotesHtml) -> NoteLinks {
        let mut links = NoteLinks::default();
        for (note, html) in site.notes.iter().zip(&html.0) {
            links
                .broken
                .extend(html.broken_links.iter().map(|href| unescaped(href)));
            let url = note.url(&site.tasks);
            let page = url.split('#').next().unwrap_or(&url);
            for anchor in &html.anchors {
                let key = (page.to_string(), unescaped(&anchor.href));
                links.anchors.entry(key).or_insert_with(|| anchor.clone());
            }
        }
        links
    }
}

/// What a check found.
#[derive(Debug, Default)]
pub struct LinkReport {
    /// Internal links checked.
    pub checked: usize,
    /// Problems, one per broken link.
    pub problems: Vec<Diagnostic>,
}

/// Values of `attribute="…"` in an HTML page, in order.
fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let start = i + needle.len();
            html[start..].find('"').map(|end| &html[start..start + end])
        })
        .collect()
}

fn ids(html: &str) -> BTreeSet<&str> {
    attribute_values(html, "id").into_iter().collect()
}

/// A link as its target reads: HTML entities and URL `%XX` escapes undone, so that a
/// link in a page, the same link written in a note and the file it names compare
/// equal.
fn unescaped(href: &str) -> String {
    // A `%` without two hex digits is kept as it is.
    percent_decoded(&crate::html::unescape(href))
}

fn percent_decoded(text: &str) -> String {
    let decoded = percent_encoding::percent_decode_str(text).decode_utf8_lossy();
    decoded.into_owned()
}

/// Checks every internal `href` and `src` of every HTML page. A link of a note is
/// reported at its line in the note: one that leads to no file was reported already
/// and is only counted; a `#fragment` missing on its target is reported there.
pub fn check(output: &SiteOutput, shown_dir: &str, notes: &NoteLinks) -> LinkReport {
    let pages: HashMap<&str, &str> = output
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .filter_map(|(path, bytes)| Some((path, std::str::from_utf8(bytes).ok()?)))
        .collect();
    let page_ids: HashMap<&str, BTreeSet<&str>> =
        pages.iter().map(|(p, html)| (*p, ids(html))).collect();
    let mut report = LinkReport::default();
    let mut sorted: Vec<_> = pages.iter().collect();
    sorted.sort();
    for (page, html) in sorted {
        // The 404 page is served at any address, so its links are checked by browsers only.
        if *page == "404.html" {
            continue;
        }
        let links = attribute_values(html, "href")
            .into_iter()
            .chain(attribute_values(html, "src"));
        for value in links {
            let value = crate::html::unescape(value);
            if value.contains(':') || value.starts_with("//") || value.is_empty() {
                continue;
            }
            report.checked += 1;
            let mut warn = |message: String, hint: &str| {
                report.problems.push(
                    Diagnostic::file(Severity::Warning, format!("{shown_dir}/{page}"), message)
                        .with_hint(hint),
                );
            };
            if value.starts_with('/') {
                warn(
                    format!("link `{value}` starts at the domain root"),
                    "use a relative link so the site works under a sub-path too",
                );
                continue;
            }
            let (path, fragment) = value
                .split_once('#')
                .map_or((value.as_str(), None), |(p, f)| (p, Some(f)));
            // The file a link names is its path decoded (`my%20pic.png` is `my pic.png`).
            let target = if path.is_empty() {
                Some(page.to_string())
            } else {
                crate::path::resolve(page, &percent_decoded(path))
            };
            // Reported at its line in the note already, whatever it leads to here.
            if notes.broken.contains(&unescaped(&value)) {
                continue;
            }
            let Some(target) = target.filter(|t| output.get(t).is_some()) else {
                warn(
                    format!("link `{value}` leads to no file of the site"),
                    "fix the link in the note or template that writes it",
                );
                continue;
            };
            if let Some(fragment) = fragment.filter(|f| !f.is_empty())
                && let Some(ids) = page_ids.get(target.as_str())
                && !ids.contains(fragment)
            {
                let missing = |link: &str| {
                    format!("link `{link}` points to `#{fragment}`, which is not on {target}")
                };
                let ids: Vec<&str> = ids.iter().copied().collect();
                let hint = format!(
                    "{}headings get ids from their text: check the spelling, or set one with `## Title {{#id}}`",
                    crate::suggest::did_you_mean_within(fragment, &ids, 0.9).replacen('`', "`#", 1)
                );
                // A note's link is reported at the note, as written there.
                match notes.anchors.get(&(page.to_string(), unescaped(&value))) {
                    Some(anchor) => {
                        let mut diagnostic = anchor.place.clone().with_hint(hint.as_str());
                        diagnostic.message = missing(&anchor.written);
                        report.problems.push(diagnostic);
                    }
                    None => warn(missing(&value), &hint),
                }
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)]) -> SiteOutput {
        SiteOutput::of_texts(files)
    }

    #[test]
    fn good_links_pass_and_broken_ones_are_named() {
        let out = site(&[
            (
                "index.html",
                r##"<a href="tasks/a.html#x">a</a> <a href="#top">t</a> <img src="gone.png"> <a href="https://e.org">e</a> <p id="top"></p>"##,
            ),
            (
                "tasks/a.html",
                r#"<h2 id="x"></h2><a href="../index.html#nope">back</a><a href="/abs.html">abs</a>"#,
            ),
        ]);
        let report = check(&out, "public", &NoteLinks::default());
        assert_eq!(report.checked, 5);
        let messages: Vec<String> = report.problems.iter().map(|d| d.headline()).collect();
        assert_eq!(
            messages,
            [
                "public/index.html: warning: link `gone.png` leads to no file of the site",
                "public/tasks/a.html: warning: link `../index.html#nope` points to `#nope`, which is not on index.html",
                "public/tasks/a.html: warning: link `/abs.html` starts at the domain root",
            ]
        );
    }

    #[test]
    fn a_link_to_a_file_whose_name_is_escaped_in_the_page_finds_the_file() {
        let out = site(&[
            (
                "tasks/a.html",
                r#"<img src="../notes/my%20pic.png"><img src="../notes/it&#x27;s.png"><a href="%C3%A4rger.html">ä</a>"#,
            ),
            ("notes/my pic.png", ""),
            ("notes/it's.png", ""),
            ("tasks/ärger.html", ""),
        ]);
        let report = check(&out, "public", &NoteLinks::default());
        assert_eq!(report.checked, 3);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }

    #[test]
    fn a_link_is_compared_with_html_and_url_escapes_undone() {
        assert_eq!(unescaped("my%20notes.md"), "my notes.md");
        assert_eq!(unescaped("a&amp;b&#x27;c.md"), "a&b'c.md");
        assert_eq!(unescaped("%E2%9c%93.md"), "✓.md");
        // What is not an escape is kept; bytes that are not UTF-8 become U+FFFD.
        assert_eq!(unescaped("100%.md?%zz%4"), "100%.md?%zz%4");
        assert_eq!(unescaped("%ff.md"), "\u{FFFD}.md");
    }

    #[test]
    fn links_already_reported_in_their_note_are_not_reported_again() {
        let out = site(&[(
            "tasks/a.html",
            r#"<a href="my%20notes.md">n</a> <a href="gone.md">g</a> <a href="a&amp;b.md">x</a>"#,
        )]);
        let notes = NoteLinks {
            broken: ["my notes.md", "a&b.md"].map(String::from).into(),
            anchors: BTreeMap::new(),
        };
        let report = check(&out, "public", &notes);
        assert_eq!(report.checked, 3);
        let messages: Vec<String> = report.problems.iter().map(|d| d.headline()).collect();
        assert_eq!(
            messages,
            ["public/tasks/a.html: warning: link `gone.md` leads to no file of the site"]
        );
    }

    /// `../index.html#nope` in a note: not a file next to the note (reported there), yet
    /// a page of the site once generated; its missing anchor is not reported again at
    /// the generated page (the review found it twice).
    #[test]
    fn a_note_link_reported_at_the_note_is_not_checked_again_for_its_anchor() {
        let out = site(&[
            ("notes/x.html", r#"<a href="../index.html#nope">home</a>"#),
            ("index.html", r#"<h1 id="top">Home</h1>"#),
        ]);
        let notes = NoteLinks {
            broken: ["../index.html#nope"].map(String::from).into(),
            anchors: BTreeMap::new(),
        };
        let report = check(&out, "public", &notes);
        assert_eq!(report.checked, 1);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
    }

    #[test]
    fn a_missing_anchor_of_a_note_link_is_reported_at_the_note() {
        let out = site(&[(
            "tasks/a.html",
            r##"<h2 id="x"></h2><a href="#y">y</a> <a href="#z">z</a>"##,
        )]);
        let source = crate::SourceFile::new("content/notes/a.md", "See [y](#y).\n");
        let anchor = crate::markdown::Anchor {
            href: "#y".into(),
            written: "#y".into(),
            place: Diagnostic::at(Severity::Warning, &source, 4..11, String::new()),
        };
        let notes = NoteLinks {
            broken: BTreeSet::new(),
            anchors: [(("tasks/a.html".to_string(), "#y".to_string()), anchor)].into(),
        };
        let report = check(&out, "public", &notes);
        let messages: Vec<String> = report.problems.iter().map(|d| d.headline()).collect();
        assert_eq!(
            messages,
            [
                "content/notes/a.md:1:5: warning: link `#y` points to `#y`, which is not on tasks/a.html",
                "public/tasks/a.html: warning: link `#z` points to `#z`, which is not on tasks/a.html",
            ]
        );
    }
}
