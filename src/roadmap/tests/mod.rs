//! One test (or a few) per grammar rule of the module doc, by rule name, in one file per
//! group of rules; the helpers they share.

mod headings;
mod lists;
mod prose;
mod statuses;
mod subgroups;
mod tables;

use super::*;
use crate::diagnostic::Diagnostic;

fn parse_str(markdown: &str) -> (Roadmap, Vec<Diagnostic>) {
    let source = SourceFile::new("content/roadmap.md", markdown);
    let mut diagnostics = Vec::new();
    let roadmap = parse(&source, &Rules::default(), &mut diagnostics);
    (roadmap, diagnostics)
}

/// Each task as `group > subgroup > title = status`.
fn outline(phase: &Phase) -> Vec<String> {
    fn walk(items: &[Item], trail: &mut Vec<String>, out: &mut Vec<String>) {
        for item in items {
            match item {
                Item::Task(task) => {
                    let mut path = trail.clone();
                    path.push(task.title.text.clone());
                    out.push(format!("{} = {}", path.join(" > "), task.status.key()));
                }
                Item::Group(group) => {
                    trail.push(group.title.text.clone());
                    walk(&group.items, trail, out);
                    trail.pop();
                }
                Item::Prose(_) => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&phase.items, &mut Vec::new(), &mut out);
    out
}

const TABLE: &str = "| Stream | Tasks | Status |\n|---|---|---|\n";
