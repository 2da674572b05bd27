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
        .filter(|n| n.contains("roadmap-site"))
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
