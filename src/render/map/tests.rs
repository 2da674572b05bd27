//! The layout rules, for each shape real roadmaps have: nodes never overlap, every
//! entry is placed once, everything is inside the canvas, the phone layout is never
//! wider than its width. Roadmaps are written as Markdown and read by the real
//! parser and model, so the budget of `tree` is exercised too.

use super::layout::*;
use super::text::MAX_LINES;
use super::tree::{self, BUDGET, Entry, Kind};
use crate::Config;

fn entries_of(markdown: &str) -> Vec<Entry> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/roadmap.md"), markdown).unwrap();
    let site = crate::load_site(&Config::load(dir.path()).unwrap())
        .unwrap()
        .site;
    tree::entries(&site)
}

fn phases(count: usize, tasks: usize, title: impl Fn(usize, usize) -> String) -> String {
    let mut md = String::from("# Shape\n\n");
    for p in 0..count {
        md.push_str(&format!("## Phase {p}\n\n"));
        for t in 0..tasks {
            let mark = if t % 3 == 0 { 'x' } else { ' ' };
            md.push_str(&format!("- [{mark}] {}\n", title(p, t)));
        }
        md.push('\n');
    }
    md
}

fn plain(p: usize, t: usize) -> String {
    format!("Task {p}.{t}")
}

/// Groups nested `depth` deep, a few tasks at each level.
fn deep(depth: usize) -> String {
    let mut md = String::from("# Deep\n\n## Only phase\n\n");
    for level in 0..depth {
        let indent = "  ".repeat(level);
        md.push_str(&format!("{indent}- Group level {level}\n"));
        md.push_str(&format!("{indent}  - [x] Task at level {level}\n"));
    }
    md.push_str(&format!("{}- [ ] The deepest task\n", "  ".repeat(depth)));
    md
}

fn shapes() -> Vec<(&'static str, String)> {
    let long = "A very long task title that goes on and on about everything one could learn in a lifetime of study".to_string();
    vec![
        ("6 phases of 10", phases(6, 10, plain)),
        ("40 phases of 3", phases(40, 3, plain)),
        ("one phase of 120", phases(1, 120, plain)),
        ("groups 8 deep", deep(8)),
        ("groups 30 deep", deep(30)),
        ("long titles", phases(3, 4, |_, t| format!("{long} {t}"))),
        (
            "CJK",
            phases(2, 5, |p, t| format!("機械学習の基礎と応用{p}{t}")),
        ),
        (
            "Arabic",
            phases(2, 5, |p, t| format!("تعلم الآلة والجبر الخطي {p}{t}")),
        ),
        (
            "empty and ungrouped phases",
            "# E\n\n## Empty\n\nNothing yet.\n\n## Flat\n\n- [ ] One\n- [x] Two\n\n## Also empty\n"
                .into(),
        ),
        ("over the budget", phases(20, 500, plain)),
        ("one phase over the budget", phases(1, 3000, plain)),
        ("phases over the budget", phases(600, 2, plain)),
    ]
}

fn overlaps(a: &Placed, b: &Placed) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

fn check(name: &str, entries: &[Entry], layout: &Layout) {
    let placed: Vec<usize> = layout.nodes.iter().map(|n| n.entry).collect();
    let every: Vec<usize> = (0..entries.len()).collect();
    assert_eq!(placed, every, "{name}: every entry once, in order");
    for n in &layout.nodes {
        assert!(
            n.x >= 0 && n.y >= 0 && n.x + n.w <= layout.width && n.y + n.h <= layout.height,
            "{name}: node {n:?} outside {}×{}",
            layout.width,
            layout.height
        );
        assert!(
            n.w > ICON_ROOM + COUNT_ROOM,
            "{name}: node too narrow: {n:?}"
        );
        assert!(n.text.lines.len() <= MAX_LINES, "{name}: {n:?}");
    }
    for line in layout.edges.iter().chain(&layout.spine) {
        for &(x, y) in line {
            assert!((0..=layout.width).contains(&x) && (0..=layout.height).contains(&y));
        }
    }
    // Sorted by top edge, a node can only overlap the ones that start before it ends.
    let mut by_top: Vec<&Placed> = layout.nodes.iter().collect();
    by_top.sort_by_key(|n| n.y);
    for (i, a) in by_top.iter().enumerate() {
        for b in by_top[i + 1..].iter().take_while(|b| b.y < a.y + a.h) {
            assert!(!overlaps(a, b), "{name}: {a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn every_shape_lays_out_without_overlap_inside_the_canvas() {
    for (name, md) in shapes() {
        let entries = entries_of(&md);
        let phases = md.matches("## ").count();
        assert!(
            entries.len() <= BUDGET.max(phases),
            "{name}: {} nodes",
            entries.len()
        );
        let phone = narrow(&entries);
        assert_eq!(phone.width, NARROW_WIDTH, "{name}");
        check(&format!("{name} (narrow)"), &entries, &phone);
        check(&format!("{name} (wide)"), &entries, &wide(&entries));
    }
}

#[test]
fn every_task_appears_once_when_within_the_budget() {
    for (name, md) in shapes().into_iter().filter(|(n, _)| !n.contains("budget")) {
        let entries = entries_of(&md);
        let tasks = md.matches("- [").count();
        let shown = entries.iter().filter(|e| e.status.is_some()).count();
        assert_eq!(shown, tasks, "{name}");
        assert!(entries.iter().all(|e| e.kind != Kind::More && !e.folded));
    }
}

#[test]
fn over_the_budget_groups_fold_and_more_nodes_count_what_they_hide() {
    for (name, md) in shapes().into_iter().filter(|(n, _)| n.contains("budget")) {
        let entries = entries_of(&md);
        let tasks = md.matches("- [").count();
        let shown = entries.iter().filter(|e| e.kind == Kind::Task).count();
        let hidden: usize = entries
            .iter()
            .filter(|e| e.kind == Kind::More)
            .map(|e| e.total)
            .sum();
        let phases_only = entries.iter().all(|e| e.kind == Kind::Phase);
        if phases_only {
            // Past a third of the budget in phases, the phases alone: each says so.
            assert!(entries.iter().all(|e| e.folded), "{name}");
            assert_eq!(entries.len(), md.matches("## ").count(), "{name}");
        } else {
            assert_eq!(shown + hidden, tasks, "{name}: shown and counted");
            assert!(hidden > 0, "{name}");
        }
    }
}

#[test]
fn deep_groups_stop_indenting_and_keep_room_for_their_titles() {
    let entries = entries_of(&deep(30));
    let layout = narrow(&entries);
    let deepest = layout.nodes.iter().map(|n| n.x).max().unwrap();
    assert!(deepest <= 22 + INDENT * (MAX_INDENT_LEVELS as i32 + 1));
}

#[test]
fn the_wide_layout_shares_a_phase_between_both_sides() {
    let entries = entries_of(&phases(1, 10, plain));
    let layout = wide(&entries);
    let mid = WIDE_WIDTH / 2;
    let tasks = layout
        .nodes
        .iter()
        .filter(|n| entries[n.entry].kind == Kind::Task);
    let (left, right): (Vec<_>, Vec<_>) = tasks.partition(|n| n.x + n.w < mid);
    assert_eq!((left.len(), right.len()), (5, 5));
}

#[test]
fn a_roadmap_without_phases_is_an_empty_canvas() {
    for layout in [narrow(&[]), wide(&[])] {
        assert!(layout.nodes.is_empty() && layout.height > 0);
    }
}
