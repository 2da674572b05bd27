//! Where links in notes lead: wiki links to tasks' pages, relative links to other notes
//! and to the files next to them.

use std::collections::{BTreeMap, BTreeSet};

use super::find::{Found, TaskIndex};
use crate::config::did_you_mean;
use crate::markdown;

/// Where links in notes lead.
pub struct LinkTable<'a> {
    /// The tasks, for wiki links.
    pub tasks: TaskIndex,
    /// Note files (paths inside the notes folder) → their URLs.
    pub notes: BTreeMap<String, String>,
    /// Other files next to the notes.
    pub assets: BTreeSet<&'a str>,
}

impl markdown::Links for LinkTable<'_> {
    fn wiki(&self, target: &str) -> Option<String> {
        match self.tasks.find(target) {
            Found::One(i) => Some(format!("tasks/{}.html", self.tasks.slug(i))),
            Found::Many(all) => Some(format!("tasks/{}.html", self.tasks.slug(all[0]))),
            Found::None => None,
        }
    }

    fn wiki_suggestion(&self, target: &str) -> String {
        did_you_mean(target, &self.tasks.titles)
    }

    fn relative(&self, from: &str, href: &str) -> Option<String> {
        let (path, fragment) = match href.split_once('#') {
            Some((path, fragment)) => (path, format!("#{fragment}")),
            None => (href, String::new()),
        };
        let target = crate::path::resolve(from, path)?;
        if let Some(url) = self.notes.get(&target) {
            // A link to a note with a fragment keeps it; otherwise the note's own anchor.
            return Some(if fragment.is_empty() {
                url.clone()
            } else {
                format!("{}{fragment}", url.split('#').next().unwrap_or(url))
            });
        }
        self.assets
            .contains(target.as_str())
            .then(|| format!("notes/{target}{fragment}"))
    }
}
