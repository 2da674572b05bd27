//! The pages of a built site: which files exist, what each page kind shows (insta
//! snapshots of `<main>`), relative links, badges, themes.

mod common;

use std::sync::{Arc, mpsc};
use std::time::Duration;

use common::TestSite;
use roadmap_site::{Config, Session, SlowNotice};

/// The `<main>` element of a page: the part a theme change or a feature changes.
fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("page has <main>");
    let end = html.find("</main>").expect("page closes <main>") + "</main>".len();
    html[start..end].to_string()
}

fn built(fixture: &str) -> TestSite {
    let site = TestSite::fixture(fixture);
    site.build();
    site
}

#[test]
fn every_page_kind_and_file_is_written() {
    let site = built("small-site");
    insta::assert_snapshot!(site.files("public").join("\n"));
}

#[test]
fn home_page_shows_progress_phases_and_up_next() {
    let site = built("small-site");
    insta::assert_snapshot!(main_of(&site.read("public/index.html")));
}

#[test]
fn phase_page_shows_groups_subgroups_chips_filter_and_pager() {
    let site = built("small-site");
    insta::assert_snapshot!(main_of(&site.read("public/phases/phase-1-basics.html")));
}

#[test]
fn task_page_shows_status_trail_attributes_and_neighbours() {
    let site = built("small-site");
    insta::assert_snapshot!(main_of(&site.read("public/tasks/variables-and-let.html")));
}

#[test]
fn not_found_page_inlines_its_style_without_base_url() {
    let site = built("small-site");
    let page = site.read("public/404.html");
    assert!(
        page.contains("<style>") && !page.contains("style.css"),
        "{page}"
    );
    insta::assert_snapshot!(main_of(&page));
}

#[test]
fn internal_links_are_relative_so_any_sub_path_works() {
    let site = built("small-site");
    for file in site.files("public").iter().filter(|f| f.ends_with(".html")) {
        let html = site.read(&format!("public/{file}"));
        for attr in ["href=\"", "src=\""] {
            for value in html
                .split(attr)
                .skip(1)
                .map(|rest| &rest[..rest.find('"').unwrap()])
            {
                let external = value.starts_with("https://") || value.starts_with("http://");
                assert!(
                    !value.starts_with('/') && (external || !value.contains("://")),
                    "{file}: {value}"
                );
                if !external && !value.starts_with('#') {
                    let target = std::path::Path::new(file)
                        .parent()
                        .unwrap()
                        .join(value.split('#').next().unwrap());
                    let path = site.path().join("public").join(&target);
                    assert!(
                        path.exists(),
                        "{file} links to missing {}",
                        target.display()
                    );
                }
            }
        }
    }
}

#[test]
fn badges_exist_for_the_site_and_each_phase() {
    let site = built("small-site");
    let svg = site.read("public/badges/progress.svg");
    assert!(svg.contains(r#"aria-label="progress: 25%""#), "{svg}");
    assert!(svg.contains("<title>progress: 25%</title>") && svg.contains(r#"role="img""#));
    let phase = site.read("public/badges/phase-1-basics.svg");
    assert!(
        phase.contains(r#"aria-label="phase 1: basics: 33.3%""#),
        "{phase}"
    );
    let endpoint: serde_json::Value =
        serde_json::from_str(&site.read("public/badges/progress.json")).unwrap();
    assert_eq!(
        endpoint,
        serde_json::json!({"schemaVersion": 1, "label": "progress", "message": "25%", "color": "orange"})
    );
}

#[test]
fn sitemap_and_absolute_badge_urls_only_with_base_url() {
    let site = built("small-site");
    assert!(!site.path().join("public/sitemap.xml").exists());
    let site = TestSite::fixture("small-site").file(
        "roadmap.toml",
        "base_url = \"https://me.github.io/learn\"\n",
    );
    site.build();
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://me.github.io/learn/</loc>"),
        "{sitemap}"
    );
    assert!(
        sitemap.contains("<loc>https://me.github.io/learn/tasks/ownership.html</loc>"),
        "{sitemap}"
    );
    // Home, Share, 2 phases, 5 tasks.
    assert_eq!(sitemap.matches("<loc>").count(), 1 + 1 + 2 + 5);
    let share = site.read("public/share.html");
    assert!(share.contains("[![Roadmap progress: 25%](https://me.github.io/learn/badges/progress.svg)](https://me.github.io/learn/)"), "{share}");
    assert!(
        site.read("public/404.html")
            .contains("href=\"https://me.github.io/learn/style.css\"")
    );
}

#[test]
fn a_theme_overrides_files_one_by_one_and_adds_new_ones() {
    let site = built("custom-theme");
    let task = site.read("public/tasks/ownership.html");
    assert!(
        task.contains(r#"<h1 class="custom-task">Ownership</h1><p>Shipped by me</p>"#),
        "{task}"
    );
    // Templates the theme does not override still come from the built-in theme.
    assert!(site.read("public/index.html").contains("Up next"));
    assert_eq!(
        site.read("public/style.css"),
        "body { background: papayawhip; }\n"
    );
    assert_eq!(site.read("public/extra.css"), "/* added by the theme */\n");
    assert!(site.path().join("public/favicon.svg").exists());
}

#[test]
fn a_theme_looping_over_a_map_gets_the_same_order_on_every_build() {
    // Field order for the views, key order for `[extra]`: never the hash order
    // of one process, which would change the page from build to build.
    let site = TestSite::new()
        .file(
            "roadmap.toml",
            "theme = \"loop\"\n[extra]\nzeta = 1\nalpha = 2\nmu = 3\nbeta = 4\nomega = 5\ngamma = 6\n",
        )
        .file("content/roadmap.md", "## One\n\n- [x] Ownership\n")
        .file(
            "themes/loop/templates/task.html",
            "{% extends \"base.html\" %}{% block main %}<p>\
             {% for key, value in site.extra %}{{ key }} {% endfor %}|\
             {% for key, value in page.task %}{{ key }} {% endfor %}</p>{% endblock main %}",
        );
    site.build();
    let page = site.read("public/tasks/ownership.html");
    let keys = "<p>alpha beta gamma mu omega zeta |kind index title title_html title_link slug url \
                phase phase_title phase_url attributes note_count tags status status_label \
                groups line started completed started_before completed_before </p>";
    assert!(page.contains(keys), "{page}");
}

/// What a build of the fixture tells of a slow render, with the notice after `after`
/// (the watchdog is joined before the render returns: all it said is there).
fn slow_notices(fixture: &str, after: Duration) -> Vec<String> {
    let site = TestSite::fixture(fixture);
    let config = roadmap_site::Config::load(site.path()).unwrap();
    let (sender, told) = mpsc::channel();
    let tell = Arc::new(move |line: &str| {
        let _ = sender.send(line.to_string());
    });
    let session = roadmap_site::Session::new().with_slow_notice(SlowNotice { after, tell });
    common::site::generate_with(&config, &session).unwrap();
    told.try_iter().collect()
}

#[test]
fn a_slow_theme_template_is_named_while_it_renders_and_a_normal_build_says_nothing() {
    // The fixture's task page loops for about a second; the others are quick.
    let told = slow_notices("slow-theme", Duration::from_millis(100));
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(
        told[0].starts_with(
            "still rendering after 100 ms: page tasks/alpha.html (template \
             themes/slow/templates/task.html); a long loop in a template"
        ),
        "{told:?}"
    );
    assert!(slow_notices("small-site", SlowNotice::AFTER).is_empty());
}

/// Tasks with one title in two phases get the phase in their slug, so that their URLs
/// stay when the roadmap is reordered (a `-2` went to whichever came second); twice in
/// one phase, their groups tell them apart; a unique title keeps its plain slug.
#[test]
fn tasks_sharing_a_title_get_slugs_that_do_not_depend_on_order() {
    let vision = "## Vision\n\n- [x] Image Classification\n- [ ] Segmentation\n";
    let deep = "## Deep Learning\n\n- [ ] Image Classification\n";
    let groups = "## Review\n\n- CNNs\n  - [ ] Recap\n- RNNs\n  - [ ] Recap\n";
    let slugs = |roadmap: String| {
        let site = TestSite::new().file("content/roadmap.md", roadmap);
        site.build();
        let mut tasks: Vec<String> = site.progress()["phases"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p["tasks"].as_array().unwrap().clone())
            .map(|t| {
                format!(
                    "{} {}",
                    t["status"].as_str().unwrap(),
                    t["slug"].as_str().unwrap()
                )
            })
            .collect();
        tasks.sort();
        tasks
    };
    let one = slugs(format!("# Plan\n\n{vision}\n{deep}\n{groups}"));
    let other = slugs(format!("# Plan\n\n{groups}\n{deep}\n{vision}"));
    assert_eq!(one, other, "the order changed the slugs");
    assert_eq!(
        one,
        [
            "done image-classification-vision",
            "todo image-classification-deep-learning",
            "todo recap-cnns",
            "todo recap-rnns",
            "todo segmentation",
        ]
    );
}

#[test]
fn the_share_page_holds_the_badges_and_the_home_page_none() {
    let site = built("small-site");
    let share = site.read("public/share.html");
    assert!(
        share
            .contains(r#"<img src="badges/progress.svg" alt="Roadmap progress: 25%" height="20">"#),
        "{share}"
    );
    assert!(
        share.contains("<code>![Roadmap progress: 25%](badges/progress.svg)</code>"),
        "{share}"
    );
    // Each phase's badge, by the path a README would use.
    assert!(
        share.contains("<code>badges/phase-1-basics.svg</code>"),
        "{share}"
    );
    assert!(
        site.path()
            .join("public/badges/phase-1-basics.svg")
            .is_file()
    );
    let home = site.read("public/index.html");
    assert!(!home.contains("badges/progress.svg"), "{home}");
    assert!(home.contains(r#"<a href="share.html">Share</a>"#));
}

/// What only the author needs (where a task is written, where its note would go,
/// where a note comes from) is on the pages `serve` shows and on no published page.
#[test]
fn author_tooling_is_served_and_never_published() {
    let site = TestSite::fixture("small-site").file(
        "content/notes/ownership.md",
        "---\ntitle: Borrowing rules\n---\nOne owner at a time.\n",
    );
    let config = Config::load(site.path()).unwrap();
    let page = |generated: &roadmap_site::Generated, path: &str| {
        String::from_utf8(generated.output.get(path).unwrap().to_vec()).unwrap()
    };
    let hints = [
        "Line 10 of <code>content/roadmap.md</code>",
        "Written in <code>content/notes/ownership.md</code>",
    ];
    let published = common::site::generate(&config).unwrap();
    let served =
        common::site::generate_with(&config, &Session::incremental().with_author_tools()).unwrap();
    let (public, local) = (
        page(&published, "tasks/ownership.html"),
        page(&served, "tasks/ownership.html"),
    );
    for hint in hints {
        assert!(local.contains(hint), "{hint} not under serve:\n{local}");
        assert!(!public.contains(hint), "{hint} published:\n{public}");
    }
    let empty = "Write them in <code>content/notes/workspaces.md</code>";
    assert!(page(&served, "tasks/workspaces.html").contains(empty));
    assert!(!page(&published, "tasks/workspaces.html").contains("content/notes"));
    assert!(!public.contains("author-hint") && local.contains("author-hint"));
}

/// A roadmap of many phases lists, on each page, the phases around the current one
/// and a link to them all: 60 phases on each of hundreds of pages would be most of
/// the site's bytes.
#[test]
fn a_long_roadmap_lists_the_phases_near_the_current_one() {
    let roadmap: String = (1..=60)
        .map(|i| format!("## Stage {i}\n\n- [ ] Task {i}\n\n"))
        .collect();
    let site = TestSite::new().file("content/roadmap.md", &roadmap);
    site.build();
    let listed = |page: &str| -> Vec<usize> {
        let html = site.read(page);
        let nav = &html[html.find(r#"<ol class="phase-nav""#).unwrap()..];
        let nav = &nav[..nav.find("</ol>").unwrap()];
        nav.match_indices("<li value=\"")
            .map(|(at, m)| {
                let rest = &nav[at + m.len()..];
                rest[..rest.find('"').unwrap()].parse().unwrap()
            })
            .collect()
    };
    assert_eq!(
        listed("public/phases/stage-30.html"),
        (24..=36).collect::<Vec<_>>()
    );
    assert_eq!(
        listed("public/tasks/task-2.html"),
        (1..=8).collect::<Vec<_>>()
    );
    assert_eq!(listed("public/index.html"), (1..=12).collect::<Vec<_>>());
    assert!(
        site.read("public/phases/stage-30.html")
            .contains("All 60 phases")
    );
    // A short roadmap lists every phase, with no such link.
    let short = built("small-site");
    assert!(!short.read("public/index.html").contains("phases</a></p>"));
    assert_eq!(
        short
            .read("public/index.html")
            .matches("<li value=")
            .count(),
        2
    );
}
