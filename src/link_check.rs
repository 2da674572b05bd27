//! A generated [`SiteOutput`] → warnings for internal links that lead nowhere: a
//! missing page or file, a `#fragment` with no element of that id, or a root-absolute
//! link (`/x`) that breaks when the site is published under a sub-path.

use std::collections::{BTreeSet, HashMap};

use crate::diagnostic::{Diagnostic, Severity};
use crate::output::SiteOutput;

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

/// Resolves `href` (relative to the page at `page`) to a site path.
fn resolve(page: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// Checks every internal `href` and `src` of every HTML page.
pub fn check(output: &SiteOutput, shown_dir: &str) -> LinkReport {
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
            let value = value.replace("&amp;", "&");
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
            let target = if path.is_empty() {
                Some(page.to_string())
            } else {
                resolve(page, path)
            };
            let Some(target) = target.filter(|t| output.get(t).is_some()) else {
                warn(
                    format!("link `{value}` leads to no file of the site"),
                    "fix the link in the note or template that writes it",
                );
                continue;
            };
            if let Some(fragment) = fragment.filter(|f| !f.is_empty())
                && page_ids
                    .get(target.as_str())
                    .is_some_and(|ids| !ids.contains(fragment))
            {
                warn(
                    format!("link `{value}` points to `#{fragment}`, which is not on {target}"),
                    "headings get ids from their text: check the spelling, or set one with `## Title {#id}`",
                );
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
        let report = check(&out, "public");
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
}
