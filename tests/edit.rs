//! Status edits on real shapes of roadmap: for every fixture (the formats, the first
//! user's garbled roadmap, the prose fixtures), every task set to every status and
//! back leaves the file byte-identical, and each edit changes only the task's status.

use std::path::{Path, PathBuf};

use roadmap_site::edit::{RawText, plan, read_tasks};
use roadmap_site::roadmap::{Rules, Status};

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("formats"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| {
            !p.file_name()
                .unwrap()
                .to_string_lossy()
                .chars()
                .all(|c| !c.is_lowercase())
        })
        .collect();
    files.sort();
    files.push(root.join("user-roadmap-original/content/roadmap.md"));
    for prose in ["checklist-remarks", "due-columns", "intro-resources"] {
        files.push(root.join("prose").join(prose).join("content/roadmap.md"));
    }
    files
}

/// The task's line in the text the reader sees.
fn line(raw: &[u8], index: usize) -> String {
    let file = RawText::new(raw).unwrap();
    let (_, _, at) = read_tasks(&file.text, &Rules::default())[index];
    let start = file.text[..at].rfind('\n').map_or(0, |n| n + 1);
    let end = file.text[at..]
        .find('\n')
        .map_or(file.text.len(), |n| at + n);
    file.text[start..end].to_string()
}

#[test]
fn every_task_set_to_every_status_and_back_leaves_the_file_byte_identical() {
    let rules = Rules::default();
    let (mut edits, mut refused) = (0, Vec::new());
    for path in fixtures() {
        let raw = std::fs::read(&path).unwrap();
        let Ok(file) = RawText::new(&raw) else {
            continue;
        };
        let tasks = read_tasks(&file.text, &rules);
        for (index, (title, status, _)) in tasks.iter().enumerate() {
            for to in Status::ALL.into_iter().filter(|s| s != status) {
                let changed = match plan(&raw, &rules, index, to, None) {
                    Ok(changed) => changed,
                    Err(why) => {
                        refused.push(format!("{}: {title} → {to:?}: {why:?}", path.display()));
                        continue;
                    }
                };
                edits += 1;
                assert_ne!(changed, raw, "{}: {title} → {to:?}", path.display());
                let after = read_tasks(&RawText::new(&changed).unwrap().text, &rules);
                assert_eq!(after[index].1, to, "{}: {title}", path.display());
                // Only the task's own line changed.
                let (old, new) = (
                    String::from_utf8_lossy(&raw),
                    String::from_utf8_lossy(&changed),
                );
                let differing: Vec<_> = old
                    .lines()
                    .zip(new.lines())
                    .filter(|(a, b)| a != b)
                    .collect();
                assert_eq!(
                    differing.len(),
                    1,
                    "{}: {title} → {to:?}: {differing:?}",
                    path.display()
                );
                assert_eq!(old.lines().count(), new.lines().count());
                let before_line = line(&raw, index);
                let back = plan(&changed, &rules, index, *status, Some(&before_line))
                    .unwrap_or_else(|e| {
                        panic!("{}: {title} back to {status:?}: {e:?}", path.display())
                    });
                assert!(
                    back == raw,
                    "{}: {title} → {to:?} and back:\n{}",
                    path.display(),
                    String::from_utf8_lossy(&back)
                );
            }
        }
    }
    eprintln!(
        "{edits} edits, {} refused:\n{}",
        refused.len(),
        refused.join("\n")
    );
    assert!(edits > 1000, "{edits}");
    // Refused only where no edit of the task's own status says it (kanban cards,
    // progress bars, struck-through titles, a row without a status cell): never in the
    // first user's roadmap or in plain tables and checklists.
    for plain in [
        "user-roadmap",
        "prose/",
        "checklist-basic",
        "emoji-markers",
        "legend",
        "table-variants",
        "mixed",
    ] {
        let hits: Vec<_> = refused.iter().filter(|r| r.contains(plain)).collect();
        assert!(hits.is_empty(), "{plain}: {hits:#?}");
    }
}
