//! The learner's prose in the roadmap ([`model::Prose`](crate::model::Prose): intro,
//! paragraphs between tables, resource lists) → its HTML ([`ProseHtml`]), through the
//! same Markdown module, links and code cache as the notes.

use crate::diagnostic::Diagnostic;
use crate::load::Sources;
use crate::markdown::{self, Links, Wiki};
use crate::model::{Site, TaskIndex};
use crate::session::Session;
use crate::slug::Slugs;

use super::RESERVED_IDS;
use super::links::LinkTable;

/// Ids the home page's own sections use, which headings in the intro must not take.
const HOME_IDS: &[&str] = &[
    "phases",
    "history-title",
    "chart-title",
    "chart-desc",
    "recently-completed",
    "up-next",
    "recently-noted",
    "unlinked-notes",
    "badge",
];

/// Every prose block's HTML, by its index in `Site::prose`.
#[derive(Debug, Default)]
pub struct ProseHtml(pub Vec<String>);

impl ProseHtml {
    /// The HTML of prose block `i` (empty for an index it does not hold).
    pub fn get(&self, i: usize) -> &str {
        self.0.get(i).map_or("", String::as_str)
    }
}

/// Renders the site's prose blocks. Problems (bad formulas, wiki links naming no
/// task) become diagnostics placed in the roadmap. `anchor_label` names the headings'
/// anchor links ([`markdown::Context`]).
pub fn render(
    site: &Site,
    sources: &Sources,
    session: &Session,
    anchor_label: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> ProseHtml {
    if site.prose.is_empty() {
        return ProseHtml::default();
    }
    let table = LinkTable {
        tasks: TaskIndex::new(&site.tasks),
        notes: (site.notes.iter())
            .map(|n| (sources.notes[n.file].relative.clone(), n.url(&site.tasks)))
            .collect(),
        assets: sources.assets.iter().map(|a| a.relative.as_str()).collect(),
    };
    let links = RoadmapLinks(&table);
    // One set of heading ids per page: the home page, then each phase's.
    let mut pages: Vec<Option<Slugs>> = Vec::new();
    let mut html = Vec::with_capacity(site.prose.len());
    for prose in &site.prose {
        let page = prose.phase.map_or(0, |p| p + 1);
        if pages.len() <= page {
            pages.resize_with(page + 1, || None);
        }
        let ids = pages[page].get_or_insert_with(|| {
            let mut ids = Slugs::default();
            let home = if prose.phase.is_none() { HOME_IDS } else { &[] };
            for id in RESERVED_IDS.iter().chain(home) {
                ids.unique(id, id);
            }
            ids
        });
        let mut found = Vec::new();
        let rendered = markdown::render(
            markdown::Context {
                source: &sources.roadmap,
                body: prose.span.clone(),
                path: "roadmap.md",
                root: if prose.phase.is_some() { "../" } else { "" },
                ids,
                // A phase's `###` is a heading of its page's second level.
                h2_level: if prose.phase.is_some() { 1 } else { 2 },
                anchor_label,
                links: &links,
                code: &session.code_cache,
            },
            &mut found,
        );
        // Links to files of the repository beside the roadmap are the learner's to
        // keep: only the notes folder is published, and that is no problem of theirs.
        found.retain(|d| !d.message.starts_with("broken link"));
        diagnostics.extend(found);
        html.push(rendered.html);
    }
    ProseHtml(html)
}

/// Links in the roadmap: relative ones lead into the notes folder (`notes/x.md`).
struct RoadmapLinks<'a>(&'a LinkTable<'a>);

impl Links for RoadmapLinks<'_> {
    fn wiki(&self, target: &str) -> Wiki {
        self.0.wiki(target)
    }

    fn relative(&self, _from: &str, href: &str) -> Option<String> {
        let inside = href.trim_start_matches("./").strip_prefix("notes/")?;
        self.0.relative("roadmap.md", inside)
    }
}
