//! The fast paths give the same site as the plain ones: pages and notes rendered in
//! parallel give the bytes of a single-threaded run, code highlighted earlier (in
//! memory or in the cache file) gives the bytes of highlighting it, a build streamed
//! to disk and rebuilding into an existing output folder (which keeps unchanged
//! files) give the folder a clean build made in memory gives, and serve's incremental
//! rebuilds give the bytes of a fresh build.
#![cfg(unix)]

mod common;
#[path = "../bench/synthetic/mod.rs"]
mod synthetic;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use common::site::{build, generate, generate_with};
use roadmap_site::{Config, Generated, Reused, Session, write_site};

/// The synthetic roadmap of 300 tasks plus what it lacks: tags, wiki links, two notes
/// on one task, an unlinked note, a bad formula (a warning).
fn site(dir: &Path) -> Config {
    synthetic::sites::roadmap_site(&synthetic::generate(300), dir).unwrap();
    let task = synthetic::generate(300).phases[2].tasks[3].clone();
    let notes = dir.join("content/notes");
    let extra = [
        (
            "a-first.md",
            format!(
                "+++\ntask = \"{}\"\ntags = [\"alpha\", \"beta\"]\n+++\n## Same\n\nSee [[{}]].\n",
                task.title, task.title
            ),
        ),
        (
            "b-second.md",
            format!(
                "+++\ntask = \"{}\"\ntags = [\"beta\"]\n+++\n## Same\n\nBad $\\frac{{a}}{{$.\n",
                task.slug
            ),
        ),
        (
            "loose.md",
            format!(
                "+++\ntitle = \"Loose\"\ntags = [\"alpha\"]\n+++\n## Same\n\nNo task; see [[{}]].\n",
                task.title
            ),
        ),
    ];
    for (name, text) in extra {
        std::fs::write(notes.join(name), text).unwrap();
    }
    Config::load(dir).unwrap()
}

fn run(config: &Config) -> Generated {
    generate(config).unwrap()
}

#[test]
fn parallel_rendering_gives_the_bytes_of_a_single_threaded_run() {
    let tmp = tempfile::tempdir().unwrap();
    let config = site(tmp.path());
    let first = run(&config);
    let second = run(&config);
    let single = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| run(&config));
    // A new process: highlighted code comes from the cache file the first run wrote.
    assert!(
        tmp.path()
            .join(".roadmap-site-cache/code.msgpack")
            .is_file()
    );
    let from_disk = run(&Config::load(tmp.path()).unwrap());
    assert!(first.output.len() > 300 + 15 + 4, "{}", first.output.len());
    assert!(!first.warnings.is_empty());
    for other in [&second, &single, &from_disk] {
        assert!(first.output == other.output, "outputs differ");
        assert_eq!(first.warnings, other.warnings);
        assert_eq!(first.summary, other.summary);
    }
}

/// Every file under `dir`, by relative path, with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(dir).unwrap().display().to_string();
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Builds into `public/` as `build` does (streamed, over the previous build) and into
/// a fresh folder from a site made in memory, and checks that both hold the same
/// files with the same bytes.
fn rebuild_and_compare(config: &Config, round: usize) -> roadmap_site::WriteReport {
    let report = build(config).unwrap().output;
    let mut clean = config.clone();
    clean.output_dir = format!("clean-{round}").into();
    write_site(&clean, &run(&clean).output).unwrap();
    let incremental = tree(&config.root.join("public"));
    let clean = tree(&config.root.join(&clean.output_dir));
    assert_eq!(
        incremental.keys().collect::<Vec<_>>(),
        clean.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &incremental {
        assert!(clean[path] == *bytes, "{path} differs from a clean build");
    }
    report
}

#[test]
fn a_rebuild_after_edits_equals_a_clean_build_and_keeps_unchanged_files() {
    let tmp = tempfile::tempdir().unwrap();
    let config = site(tmp.path());
    build(&config).unwrap();
    let public = tmp.path().join("public");
    let inode = |path: &str| std::fs::metadata(public.join(path)).unwrap().ino();
    let untouched = "tasks/review-probability-00000.html";
    let before = inode(untouched);

    // A note's text changes: only its task's page does.
    let notes = tmp.path().join("content/notes");
    let task = &synthetic::generate(300).phases[5].tasks[2];
    let note = notes.join(format!("{}.md", task.slug));
    let text = std::fs::read_to_string(&note).unwrap();
    std::fs::write(&note, text.replace("## Summary", "## In short")).unwrap();
    let report = rebuild_and_compare(&config, 1);
    assert_eq!(report.written - report.unchanged, 1, "{report:?}");
    assert_eq!(
        inode(untouched),
        before,
        "an unchanged page is the same file"
    );

    // A status flips (every page shows the overall progress) and a note goes.
    std::fs::remove_file(notes.join("loose.md")).unwrap();
    let roadmap = tmp.path().join("content/roadmap.md");
    let text = std::fs::read_to_string(&roadmap).unwrap();
    std::fs::write(&roadmap, text.replacen("| ❌ |", "| ✅ |", 1)).unwrap();
    let report = rebuild_and_compare(&config, 2);
    assert_eq!(report.removed, 1, "{report:?}");
}

fn html_pages(generated: &Generated) -> usize {
    let paths = generated.output.iter().map(|(p, _)| p);
    paths.filter(|p| p.ends_with(".html")).count()
}

/// One `serve` rebuild: a fresh configuration, and the session of the previous
/// builds, as serve does.
fn run_with(kept: &Session, dir: &Path) -> Generated {
    generate_with(&Config::load(dir).unwrap(), kept).unwrap()
}

#[test]
fn serve_s_incremental_rebuilds_give_the_bytes_of_a_fresh_build() {
    let tmp = tempfile::tempdir().unwrap();
    site(tmp.path());
    // Written a minute ago, as a site being edited is: serve trusts such a file's
    // size and times instead of reading it again.
    let a_minute_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for entry in std::fs::read_dir(tmp.path().join("content/notes")).unwrap() {
        let file = std::fs::File::options()
            .write(true)
            .open(entry.unwrap().path());
        file.unwrap().set_modified(a_minute_ago).unwrap();
    }
    let kept = Session::incremental();
    run_with(&kept, tmp.path());
    // No edit below touches a code block, so the code cache keeps them all, also
    // those of notes reused from the memo (never highlighted again).
    let blocks = kept.code_cache_summary();
    assert!(!blocks.contains("(0 blocks)"), "{blocks}");
    let notes = tmp.path().join("content/notes");
    let roadmap = tmp.path().join("content/roadmap.md");
    // Edited files are dated a minute back too, so that what serve reuses does not
    // depend on how fast the builds below run.
    let edit = |path: &Path, from: &str, to: &str| {
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains(from), "{from} in {}", path.display());
        std::fs::write(path, text.replacen(from, to, 1)).unwrap();
        let file = std::fs::File::options().write(true).open(path).unwrap();
        file.set_modified(a_minute_ago).unwrap();
    };
    let task = synthetic::generate(300).phases[5].tasks[2].clone();
    let linked = synthetic::generate(300).phases[2].tasks[3].clone();
    let note = notes.join(format!("{}.md", task.slug));
    let renamed = format!("{} (renamed)", linked.title);
    let steps = [
        ("a note's text", Some((&note, "## Summary", "## In short"))),
        (
            "a status in the roadmap",
            Some((&roadmap, "| ❌ |", "| ✅ |")),
        ),
        // A wiki link target's title changes: the linking note's HTML must follow.
        (
            "a linked task's title",
            Some((&roadmap, linked.title.as_str(), renamed.as_str())),
        ),
        ("nothing", None),
    ];
    for (what, change) in steps {
        if let Some((path, from, to)) = change {
            edit(path, from, to);
        }
        let incremental = run_with(&kept, tmp.path());
        let fresh = run(&Config::load(tmp.path()).unwrap());
        assert!(
            incremental.output == fresh.output,
            "after {what}: outputs differ"
        );
        assert_eq!(incremental.warnings, fresh.warnings, "after {what}");
        // What was reused: everything when nothing changed; all but the edited
        // note's file, the note and its task's page after a note edit. (The size
        // and times of the file changed even though its date was set back.)
        let notes = fresh.summary.notes;
        let pages = html_pages(&fresh);
        let reused = kept.reused();
        assert_eq!(kept.code_cache_summary(), blocks, "after {what}");
        let expected = |files, roadmap, notes, pages| Reused {
            files,
            roadmap,
            notes,
            pages,
        };
        match what {
            "nothing" => {
                assert_eq!(reused, expected(notes, true, notes, pages), "after {what}");
            }
            "a note's text" => {
                let all_but_one = expected(notes - 1, true, notes - 1, pages - 1);
                assert_eq!(reused, all_but_one, "after {what}");
            }
            _ => assert_eq!(
                (reused.files, reused.roadmap),
                (notes, false),
                "after {what}"
            ),
        }
    }
}
