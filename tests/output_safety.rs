//! A build killed at any moment leaves either the previous site or the new one, whole,
//! and never touches the user's files in the output folder.

mod common;

use std::time::Duration;

use common::TestSite;

/// A roadmap of `tasks` tasks in phases of 20, titled with `marker`.
fn roadmap(marker: &str, tasks: usize) -> String {
    let mut text = format!("# Roadmap {marker}\n");
    for (i, task) in (0..tasks).enumerate() {
        if i % 20 == 0 {
            text.push_str(&format!(
                "\n## Phase {}\n\n| Task | Status |\n|---|---|\n",
                i / 20 + 1
            ));
        }
        text.push_str(&format!(
            "| Task {marker} {task} | {} |\n",
            if task % 3 == 0 { "✅" } else { "❌" }
        ));
    }
    text
}

fn task_pages(site: &TestSite) -> usize {
    site.files("public/tasks").len()
}

#[test]
fn a_killed_build_leaves_a_whole_site_and_the_users_files() {
    let site = TestSite::new().file("content/roadmap.md", roadmap("v1", 1500));
    let started = std::time::Instant::now();
    site.build();
    // Kill points spread over a whole build, from before reading to after the swap.
    let full = started.elapsed().as_millis() as u64;
    std::fs::write(site.path().join("public/CNAME"), "learn.example.org").unwrap();
    std::fs::write(site.path().join("content/roadmap.md"), roadmap("v2", 2000)).unwrap();
    let mut outcomes = Vec::new();
    for delay in [0, 5, 20, 50, 100, 200, 400, 800]
        .into_iter()
        .chain((1..=12).map(|i| full * i / 10))
    {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_roadmap-site"))
            .arg("build")
            .current_dir(site.path())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let index = site.read("public/index.html");
        let (version, expected) = if index.contains("Roadmap v2") {
            ("v2", 2000)
        } else {
            ("v1", 1500)
        };
        assert!(
            index.contains(&format!("Roadmap {version}")),
            "after {delay} ms: no whole site"
        );
        assert_eq!(
            task_pages(&site),
            expected,
            "after {delay} ms: a {version} index with another site's pages"
        );
        assert_eq!(
            site.read("public/CNAME"),
            "learn.example.org",
            "after {delay} ms"
        );
        outcomes.push(version);
    }
    site.build();
    assert!(site.read("public/index.html").contains("Roadmap v2"));
    assert_eq!(task_pages(&site), 2000);
    assert_eq!(site.read("public/CNAME"), "learn.example.org");
    // Leftovers of killed builds are cleaned up by the next one.
    let parent: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        // The caches (pictures, highlighted code) are kept on purpose.
        .filter(|n| n.contains("roadmap-site") && n != ".roadmap-site-cache")
        .collect();
    assert!(parent.is_empty(), "{parent:?}");
    eprintln!("a build takes {full} ms; outcomes by kill delay: {outcomes:?}");
}

/// Every file of `public/` with its bytes.
fn contents(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    site.files("public")
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(site.path().join("public").join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

#[test]
fn a_failing_build_leaves_the_previous_site_exactly_as_it_was() {
    let site = TestSite::new().file("content/roadmap.md", roadmap("v1", 30));
    site.build();
    let before = contents(&site);
    std::fs::write(site.path().join("content/roadmap.md"), roadmap("v2", 30)).unwrap();
    std::fs::write(site.path().join("roadmap.toml"), "theme = \"missing\"\n").unwrap();
    assert_eq!(site.run(&["build"]).code, 1);
    let after = contents(&site);
    assert!(before == after, "the previous site changed");
}

/// What a user writing into `public/` did, path by path: the bytes last written.
type Written = std::collections::BTreeMap<String, Vec<u8>>;

/// Writes into `public/` until `done`, each step as a user's tools do: a newer
/// version renamed over one of 64 files (written beside the site first, as `git` or
/// an editor saving does), one of 16 files rewritten in place, and now and then a new
/// file: `per_build` of them during each build (`builds` counts the builds started),
/// spread over it by the number of steps the previous build took.
fn write_while_building(
    site: &std::path::Path,
    builds: &std::sync::atomic::AtomicUsize,
    done: &std::sync::atomic::AtomicBool,
    per_build: usize,
) -> Written {
    use std::sync::atomic::Ordering;
    let public = site.join("public");
    let scratch = site.join("scratch");
    let mut last = Written::new();
    let (mut step, mut created, mut build, mut build_start, mut spacing) = (0, 0, 0, 0, 1);
    while !done.load(Ordering::Acquire) {
        step += 1;
        let now = builds.load(Ordering::Acquire);
        if now != build {
            spacing = ((step - build_start) / per_build).max(1);
            (build, build_start) = (now, step);
        }
        let bytes = format!("step {step}\n").into_bytes();
        let name = format!("renamed/{}.txt", step % 64);
        std::fs::write(&scratch, &bytes).unwrap();
        std::fs::rename(&scratch, public.join(&name)).unwrap();
        last.insert(name, bytes.clone());
        let name = format!("edited/{}.txt", step % 16);
        std::fs::write(public.join(&name), &bytes).unwrap();
        last.insert(name, bytes.clone());
        if created < build * per_build && step % spacing == 0 {
            let name = format!("created/{created}.txt");
            std::fs::write(public.join(&name), &bytes).unwrap();
            last.insert(name, bytes);
            created += 1;
        }
    }
    last
}

#[test]
fn a_user_writing_during_builds_loses_nothing() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    const BUILDS: usize = 20;
    let site = TestSite::new().file("content/roadmap.md", roadmap("v0", 200));
    site.build();
    for folder in ["renamed", "edited", "created"] {
        std::fs::create_dir(site.path().join("public").join(folder)).unwrap();
    }
    let (builds, done) = (AtomicUsize::new(0), AtomicBool::new(false));
    let (last, kept_warnings) = std::thread::scope(|scope| {
        let writer = scope.spawn(|| write_while_building(site.path(), &builds, &done, 150));
        let mut kept_warnings = 0;
        for build in 1..=BUILDS {
            let marker = format!("v{build}");
            std::fs::write(
                site.path().join("content/roadmap.md"),
                roadmap(&marker, 200),
            )
            .unwrap();
            builds.store(build, Ordering::Release);
            let run = site.build();
            kept_warnings += run.stderr.matches("roadmap-site-kept-").count();
        }
        done.store(true, Ordering::Release);
        (writer.join().unwrap(), kept_warnings)
    });
    let public = site.path().join("public");
    let lost: Vec<&String> = (last.iter())
        .filter(|(name, bytes)| std::fs::read(public.join(name)).ok().as_ref() != Some(*bytes))
        .map(|(name, _)| name)
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} files lost or back to an older version: {lost:?}",
        lost.len(),
        last.len()
    );
    assert!(
        site.read("public/index.html")
            .contains(&format!("Roadmap v{BUILDS}"))
    );
    eprintln!(
        "{} user files over {BUILDS} builds, none lost; {kept_warnings} build(s) kept an \
         older version aside (a file replaced both before and after a swap)",
        last.len()
    );
}
