//! A note's Markdown body → HTML, with one pulldown-cmark configuration for all notes:
//! GitHub tables, footnotes, strikethrough, task lists, heading attributes, math (as
//! MathML), wiki links `[[Task]]`, heading ids with anchors, a table of contents,
//! highlighted code, and relative links rewritten to where the files are published.

mod code_cache;
mod dollars;
mod highlight;
mod math;

pub use code_cache::CodeCache;

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::slug::Slugs;
use crate::source::SourceFile;

/// The Markdown dialect of notes. Smart punctuation stays off: what you type is shown.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_MATH
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_GFM
}

/// Where links in a note lead. URLs are relative to the site root.
pub trait Links {
    /// Where a wiki link `[[target]]` leads, and what its writer is told.
    fn wiki(&self, target: &str) -> Wiki;
    /// A relative link or image in the note at `from` (a path inside the notes folder):
    /// the published URL of the note or file it names, if it exists.
    fn relative(&self, from: &str, href: &str) -> Option<String>;
}

/// Where a wiki link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wiki {
    /// The page of the task it names; none when it names no one task, and then the
    /// link is shown as its text.
    pub url: Option<String>,
    /// A warning (message, hint) placed at the link: it names no task, or several.
    pub warning: Option<(String, String)>,
}

/// A heading of a note, for its table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    /// HTML level (2–6) after shifting under the page's own headings.
    pub level: u8,
    /// Its `id`.
    pub id: String,
    /// Plain text.
    pub text: String,
}

/// A note rendered to HTML.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The body HTML.
    pub html: String,
    /// Its headings, in order.
    pub headings: Vec<Heading>,
    /// The (language, code) of its highlighted blocks, the code cache's keys.
    pub code: Vec<(String, String)>,
    /// Relative links and images that lead to no file, as written: each was reported
    /// at its line here, so the check of the generated pages leaves them out.
    pub broken: Vec<String>,
    /// Links with a `#fragment`: whether the fragment exists is known only once every
    /// page is made, and then it is the note's line that the writer can fix.
    pub anchors: Vec<Anchor>,
}

/// A link with a `#fragment` in a note.
#[derive(Debug, Clone)]
pub struct Anchor {
    /// As the page has it (`../tasks/x.html#y`).
    pub href: String,
    /// As the note has it (`x.md#y`).
    pub written: String,
    /// A warning placed at the link, its message to be written by whoever finds the
    /// problem (the check of the generated pages).
    pub place: Diagnostic,
}

/// What a render needs besides the text.
pub struct Context<'a> {
    /// The note file, for diagnostics.
    pub source: &'a SourceFile,
    /// The body's byte range in the file.
    pub body: Range<usize>,
    /// The note's path inside the notes folder.
    pub path: &'a str,
    /// Prefix from the page the note appears on back to the site root.
    pub root: &'a str,
    /// Heading and footnote ids already used on the page.
    pub ids: &'a mut Slugs,
    /// HTML level of the note's `##` headings: 3 under a task page's note title, 2 on
    /// a note's own page. Other levels follow, kept within 2–6.
    pub h2_level: u8,
    /// The accessible name of a heading's anchor link, in the site's language, with
    /// `{title}` for the heading's text: `Link to this section: {title}`.
    pub anchor_label: &'a str,
    /// Where links lead.
    pub links: &'a (dyn Links + Sync),
    /// Code blocks highlighted by earlier builds.
    pub code: &'a CodeCache,
}

/// Renders a note body; problems (bad formulas, unresolved links) become warnings.
pub fn render(cx: Context, diagnostics: &mut Vec<Diagnostic>) -> Rendered {
    let text = &cx.source.text[cx.body.clone()];
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(text, options())
        .into_offset_iter()
        .collect();
    let footnote_prefix = cx.ids.unique("fn", "fn");
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut headings = Vec::new();
    let mut code_blocks = Vec::new();
    let mut broken = Vec::new();
    let mut anchors = Vec::new();
    let mut skip_link_end = false;
    // The stretch of plain text under way, looked at for formulas left unread.
    let mut text_run: Option<Range<usize>> = None;
    let mut i = 0;
    while i < events.len() {
        let (event, range) = &events[i];
        match (event, &mut text_run) {
            (Event::Text(_), Some(run)) => run.end = range.end,
            (Event::Text(_), None) => text_run = Some(range.clone()),
            _ => warn_unread_formulas(&cx, text_run.take(), diagnostics),
        }
        let at = cx.body.start + range.start..cx.body.start + range.end;
        let warn = |diagnostics: &mut Vec<Diagnostic>, message: String, hint: &str| {
            diagnostics.push(
                Diagnostic::at(Severity::Warning, cx.source, at.clone(), message).with_hint(hint),
            );
        };
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let end = find_end(&events, i);
                let inner: Vec<Event> = events[i + 1..end].iter().map(|(e, _)| e.clone()).collect();
                let plain = plain_text(&inner);
                let id = cx.ids.unique(id.as_deref().unwrap_or(&plain), "section");
                let level = (*level as u8 + cx.h2_level).saturating_sub(2).clamp(2, 6);
                let mut html = format!("<h{level} id=\"{id}\">");
                pulldown_cmark::html::push_html(&mut html, inner.into_iter());
                let label = cx.anchor_label.replace("{title}", &plain);
                html.push_str(&format!(
                    "<a class=\"anchor\" href=\"#{id}\" aria-label=\"{}\">#</a></h{level}>\n",
                    crate::html::escape(&label)
                ));
                headings.push(Heading {
                    level,
                    id,
                    text: plain,
                });
                out.push(Event::Html(html.into()));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let end = find_end(&events, i);
                let code: String = events[i + 1..end]
                    .iter()
                    .filter_map(|(e, _)| match e {
                        Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let language = match kind {
                    CodeBlockKind::Fenced(lang) => lang.as_ref(),
                    CodeBlockKind::Indented => "",
                };
                let lang = language.split([' ', ',', '{']).next().unwrap_or("").trim();
                out.push(Event::Html(code_block(&code, lang, cx.code).into()));
                if !lang.is_empty() {
                    code_blocks.push((lang.to_string(), code));
                }
                i = end + 1;
                continue;
            }
            Event::InlineMath(latex) | Event::DisplayMath(latex) => {
                let display = matches!(event, Event::DisplayMath(_));
                let html = match math::to_mathml(latex, display) {
                    Ok(mathml) => mathml,
                    Err(message) => {
                        warn(
                            diagnostics,
                            format!("invalid formula: {message}"),
                            "it is shown as code; check the LaTeX between the dollar signs",
                        );
                        let delimiter = if display { "$$" } else { "$" };
                        format!(
                            "<code class=\"math-error\">{delimiter}{}{delimiter}</code>",
                            crate::html::escape(latex)
                        )
                    }
                };
                out.push(Event::InlineHtml(html.into()));
            }
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                title,
                id,
            }) => {
                let wiki = cx.links.wiki(dest_url);
                if let Some((message, hint)) = wiki.warning {
                    warn(diagnostics, message, &hint);
                }
                match wiki.url {
                    Some(url) => out.push(Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url: format!("{}{url}", cx.root).into(),
                        title: title.clone(),
                        id: id.clone(),
                    })),
                    None => skip_link_end = true,
                }
            }
            Event::End(TagEnd::Link) if skip_link_end => skip_link_end = false,
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if is_relative(dest_url) =>
            {
                let known = broken.len();
                let dest = rewrite(&cx, dest_url, diagnostics, &at, &mut broken);
                if broken.len() == known && dest.contains('#') {
                    anchors.push(anchor(&cx, &dest, dest_url, &at));
                }
                let mut event = event.clone();
                if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) =
                    &mut event
                {
                    *dest_url = dest;
                }
                out.push(event);
            }
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with('#') => {
                anchors.push(anchor(&cx, dest_url, dest_url, &at));
                out.push(event.clone());
            }
            Event::TaskListMarker(done) => {
                let (class, label, mark) = if *done {
                    ("task-mark done", "Done", "☑")
                } else {
                    ("task-mark", "Not done", "☐")
                };
                out.push(Event::InlineHtml(
                    format!(
                        "<span class=\"{class}\" role=\"img\" aria-label=\"{label}\">{mark}</span> "
                    )
                    .into(),
                ));
            }
            Event::FootnoteReference(name) => {
                let id = format!("{footnote_prefix}-{}", crate::slug::slugify(name));
                out.push(Event::InlineHtml(format!("<sup class=\"footnote-ref\"><a href=\"#{id}\" id=\"{id}-ref\">{}</a></sup>", crate::html::escape(name)).into()));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let id = format!("{footnote_prefix}-{}", crate::slug::slugify(name));
                out.push(Event::Html(format!("<div class=\"footnote\" id=\"{id}\"><span class=\"footnote-label\"><a href=\"#{id}-ref\" aria-label=\"Back to reference {0}\">{0}</a></span>", crate::html::escape(name)).into()));
            }
            Event::End(TagEnd::FootnoteDefinition) => out.push(Event::Html("</div>\n".into())),
            other => out.push(other.clone()),
        }
        i += 1;
    }
    warn_unread_formulas(&cx, text_run, diagnostics);
    let mut html = String::with_capacity(text.len() * 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    // Kept until every page is rendered: spare capacity would be a large share of a
    // large site's memory.
    html.shrink_to_fit();
    Rendered {
        html,
        headings,
        code: code_blocks,
        broken,
        anchors,
    }
}

/// A warning for each formula of a stretch of plain text (a byte range of the body)
/// that was not read as one.
fn warn_unread_formulas(cx: &Context, run: Option<Range<usize>>, out: &mut Vec<Diagnostic>) {
    let Some(run) = run else { return };
    let start = cx.body.start + run.start;
    let text = &cx.source.text[start..cx.body.start + run.end];
    for found in dollars::unread(text) {
        let span = start + found.span.start..start + found.span.end;
        let message = format!(
            "`{}` is not read as a formula: {}",
            &cx.source.text[span.clone()],
            found.reason
        );
        out.push(Diagnostic::at(Severity::Warning, cx.source, span, message).with_hint(found.hint));
    }
}

/// A link with a fragment at `at` in the note.
fn anchor(cx: &Context, href: &str, written: &str, at: &Range<usize>) -> Anchor {
    // The carets go under the link's first line, not the whole paragraph it may end.
    let end = cx.source.text[at.clone()]
        .find('\n')
        .map_or(at.end, |n| at.start + n);
    Anchor {
        href: href.to_string(),
        written: written.to_string(),
        place: Diagnostic::at(Severity::Warning, cx.source, at.start..end, String::new()),
    }
}

/// Index of the event that closes the one opened at `start`.
fn find_end(events: &[(Event, Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        if let Event::Text(t) | Event::Code(t) | Event::InlineMath(t) = event {
            text.push_str(t);
        }
    }
    text.trim().to_string()
}

/// A code block's HTML; `lang` is the first word of the fence's info string.
fn code_block(code: &str, lang: &str, cache: &CodeCache) -> String {
    match cache.highlight(code, lang) {
        Some(html) => format!(
            "<pre class=\"code\" data-lang=\"{0}\"><code class=\"language-{0}\">{html}</code></pre>\n",
            crate::html::escape(lang)
        ),
        None if lang.is_empty() => format!(
            "<pre class=\"code\"><code>{}</code></pre>\n",
            crate::html::escape(code)
        ),
        None => format!(
            "<pre class=\"code\" data-lang=\"{0}\"><code class=\"language-{0}\">{1}</code></pre>\n",
            crate::html::escape(lang),
            crate::html::escape(code)
        ),
    }
}

/// A link that points into the site's own files: no scheme, not absolute, not a
/// fragment of the same page.
fn is_relative(url: &str) -> bool {
    !url.is_empty() && !url.starts_with('#') && !url.starts_with('/') && !url.contains(':')
}

fn rewrite<'a>(
    cx: &Context,
    url: &CowStr<'a>,
    diagnostics: &mut Vec<Diagnostic>,
    at: &Range<usize>,
    broken: &mut Vec<String>,
) -> CowStr<'a> {
    match cx.links.relative(cx.path, url) {
        Some(target) => format!("{}{target}", cx.root).into(),
        None => {
            broken.push(url.to_string());
            diagnostics.push(
                Diagnostic::at(
                    Severity::Warning,
                    cx.source,
                    at.clone(),
                    format!("broken link: `{url}` is not a file next to this note"),
                )
                .with_hint("link to a file inside the notes folder, relative to this note"),
            );
            url.clone()
        }
    }
}

#[cfg(test)]
mod tests;
