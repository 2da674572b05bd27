//! Where links in notes lead: wiki links to tasks' pages, relative links to other notes
//! and to the files next to them.

use std::collections::{BTreeMap, BTreeSet};

use crate::markdown::{self, Wiki};
use crate::model::{Found, TaskIndex};
use crate::suggest::did_you_mean;

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
    /// The same rule as a note's `task`: one task, or the first of several that share
    /// the title (with a warning naming them), else no link.
    fn wiki(&self, target: &str) -> Wiki {
        let page = |i: usize| format!("tasks/{}.html", self.tasks.slug(i));
        match self.tasks.find(target) {
            Found::One(i) => Wiki {
                url: Some(page(i)),
                warning: None,
            },
            Found::Many(candidates) => {
                let first = self.tasks.first_if_shared(target, &candidates);
                let message = match first {
                    Some(_) => format!(
                        "wiki link `[[{target}]]` names {} tasks; linked to the first",
                        candidates.len()
                    ),
                    None => format!(
                        "wiki link `[[{target}]]` matches {} tasks; it is not linked",
                        candidates.len()
                    ),
                };
                let hint = format!(
                    "write the task's slug between the brackets to choose one: {}",
                    self.tasks.candidates(&candidates)
                );
                Wiki {
                    url: first.map(page),
                    warning: Some((message, hint)),
                }
            }
            Found::None => Wiki {
                url: None,
                warning: Some((
                    format!("wiki link `[[{target}]]` names no task"),
                    format!(
                        "{}write a task's exact title or slug between the brackets",
                        did_you_mean(target, &self.tasks.titles)
                    ),
                )),
            },
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Links;

    fn table(titles: &[(&str, &str)]) -> LinkTable<'static> {
        LinkTable {
            tasks: TaskIndex::from_names(titles.iter().copied()),
            notes: BTreeMap::new(),
            assets: BTreeSet::new(),
        }
    }

    #[test]
    fn a_wiki_link_to_a_title_shared_by_several_tasks_leads_to_the_first_with_a_warning() {
        let links = table(&[("Limits", "limits"), ("Limits", "limits-2")]);
        for target in ["Limits", "limits", "LIMITS"] {
            let wiki = links.wiki(target);
            assert_eq!(wiki.url.as_deref(), Some("tasks/limits.html"), "{target}");
            assert_eq!(
                wiki.warning,
                Some((
                    format!("wiki link `[[{target}]]` names 2 tasks; linked to the first"),
                    "write the task's slug between the brackets to choose one: \
                     `Limits` (limits), `Limits` (limits-2)"
                        .to_string()
                ))
            );
        }
        assert_eq!(
            links.wiki("limits-2"),
            Wiki {
                url: Some("tasks/limits-2.html".into()),
                warning: None
            }
        );
    }

    #[test]
    fn a_wiki_link_that_starts_several_titles_is_not_linked_and_lists_them() {
        let links = table(&[("Linear algebra", "linear-algebra"), ("Limits", "limits")]);
        assert_eq!(
            links.wiki("Li"),
            Wiki {
                url: None,
                warning: Some((
                    "wiki link `[[Li]]` matches 2 tasks; it is not linked".into(),
                    "write the task's slug between the brackets to choose one: \
                     `Linear algebra` (linear-algebra), `Limits` (limits)"
                        .into()
                ))
            }
        );
        assert_eq!(links.wiki("Lim").url.as_deref(), Some("tasks/limits.html"));
        assert_eq!(links.wiki("Lim").warning, None);
    }

    #[test]
    fn titles_alike_but_for_case_are_shared_in_any_script() {
        for (pair, query) in [
            (["Docker", "docker"], "dOCKER"),
            (["Ärger", "ärger"], "äRGER"),
            (["Σx", "σx"], "σX"),
        ] {
            let links = table(&[(pair[0], "a"), (pair[1], "b")]);
            assert_eq!(links.wiki(pair[1]).url.as_deref(), Some("tasks/b.html"));
            assert_eq!(links.wiki(pair[1]).warning, None);
            let wiki = links.wiki(query);
            assert_eq!(wiki.url.as_deref(), Some("tasks/a.html"), "{query}");
            let (message, _) = wiki.warning.expect("a warning");
            assert!(
                message.ends_with("names 2 tasks; linked to the first"),
                "{message}"
            );
        }
    }
}
