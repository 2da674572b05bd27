//! Roadmaps written here → their [`Site`]: how groups and phases count their tasks.

use super::{Node, Site};
use crate::Config;

fn site(roadmap: &str) -> Site {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/roadmap.md"), roadmap).unwrap();
    crate::load_site(&Config::load(dir.path()).unwrap())
        .unwrap()
        .site
}

/// The groups of a tree, depth first: (title, done, all) of each.
fn groups(items: &[Node]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for node in items {
        if let Node::Group(group) = node {
            let p = group.progress;
            out.push((group.title.text.clone(), p.done, p.all()));
            out.extend(groups(&group.items));
        }
    }
    out
}

#[test]
fn a_checklist_parent_that_is_a_task_counts_its_children_not_itself() {
    let site = site("# R\n\n## P\n\n- [ ] Parent\n  - [x] A\n  - [ ] B\n  - [ ] C\n");
    let phase = &site.phases[0];
    assert_eq!(groups(&phase.items), [("Parent".to_string(), 1, 3)]);
    // The parent is a task of the phase and of the site, counted once.
    assert_eq!((phase.progress.all(), phase.progress.done), (4, 1));
    assert_eq!(site.tasks.len(), 4);
}

#[test]
fn a_group_above_a_parent_task_counts_the_parent_once_with_its_children() {
    let roadmap =
        "# R\n\n## P\n\n- Outer\n  - [x] Parent\n    - [x] A\n    - [ ] B\n  - [ ] Other\n";
    let site = site(roadmap);
    assert_eq!(
        groups(&site.phases[0].items),
        [("Outer".to_string(), 2, 4), ("Parent".to_string(), 1, 2)]
    );
    assert_eq!(site.progress.all(), 4);
}
