//! Sharing a site: the link-preview tags of every page (what card validators ask
//! for), their pictures, the progress card, the cache of pictures and `_headers`.

mod common;

use common::TestSite;
use roadmap_site::{Config, Session, SiteOutput};

const BASE: &str = "https://me.github.io/rust/";

fn config(site: &TestSite, base: Option<&str>) -> Config {
    let mut config = Config::load(site.path()).unwrap();
    if let Some(base) = base {
        config.set_base_url(base);
    }
    config
}

/// Width and height of a PNG, from its IHDR chunk.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert_eq!(&png[12..16], b"IHDR");
    let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

/// The `content` of `<meta property|name="key" content="…">` in `html`.
fn meta<'a>(html: &'a str, key: &str) -> Option<&'a str> {
    let at = html
        .find(&format!("property=\"{key}\" content=\""))
        .or_else(|| html.find(&format!("name=\"{key}\" content=\"")))?;
    let rest = &html[at..];
    let start = rest.find("content=\"")? + "content=\"".len();
    rest[start..].split('"').next()
}

fn generated(site: &TestSite, base: Option<&str>) -> roadmap_site::Generated {
    common::site::generate(&config(site, base)).unwrap()
}

#[test]
fn every_page_has_the_tags_a_card_validator_requires_with_absolute_urls() {
    let site = TestSite::fixture("small-site")
        .file("roadmap.toml", "[share]\npreviews = \"all\"\n")
        .file(
            "content/notes/ownership.md",
            "+++\ntask = \"Ownership\"\nsummary = \"Moves & borrows\"\ntags = [\"memory\"]\n+++\nText.\n",
        )
        .file("content/notes/loose.md", "+++\ntitle = \"Loose ends\"\n+++\nText.\n");
    let out = generated(&site, Some(BASE)).output;
    let pages: Vec<&str> = (out.iter())
        .map(|(path, _)| path)
        .filter(|path| path.ends_with(".html") && *path != "404.html")
        .collect();
    // Every kind of page is among them.
    for page in [
        "index.html",
        "phases/phase-1-basics.html",
        "tasks/ownership.html",
        "share.html",
        "map.html",
        "tags/index.html",
        "tags/memory.html",
        "notes/loose-ends.html",
    ] {
        assert!(pages.contains(&page), "{page} not built: {pages:?}");
    }
    for page in pages {
        let html = out.text(page).unwrap();
        for key in [
            "og:title",
            "og:type",
            "og:url",
            "og:description",
            "og:image",
            "og:image:width",
            "og:image:height",
            "og:image:alt",
            "twitter:card",
            "twitter:image",
        ] {
            let value = meta(html, key).unwrap_or_else(|| panic!("{page}: no {key}"));
            assert!(!value.trim().is_empty(), "{page}: {key} is empty");
        }
        assert_eq!(meta(html, "twitter:card"), Some("summary_large_image"));
        for key in ["og:url", "og:image", "twitter:image"] {
            assert!(meta(html, key).unwrap().starts_with(BASE), "{page}: {key}");
        }
        assert_eq!(
            meta(html, "og:url"),
            Some(match page {
                "index.html" => BASE.to_string(),
                _ => format!("{BASE}{page}"),
            })
            .as_deref(),
            "{page}"
        );
        assert_eq!(meta(html, "og:image:width"), Some("1200"));
        assert_eq!(meta(html, "og:image:height"), Some("630"));
        // The picture is in the site, at that URL, 1200×630 and under 5 MB.
        let image = meta(html, "og:image").unwrap().strip_prefix(BASE).unwrap();
        let png = out
            .get(image)
            .unwrap_or_else(|| panic!("{page}: no {image}"));
        assert_eq!(png_size(png), (1200, 630), "{image}");
        assert!(png.len() < 5 * 1024 * 1024, "{image}: {} bytes", png.len());
    }
    let home = out.text("index.html").unwrap();
    assert_eq!(meta(home, "og:url"), Some(BASE));
    assert!(
        meta(home, "og:description")
            .unwrap()
            .contains("1 of 4 done"),
        "{home}"
    );
    let phase = out.text("phases/phase-1-basics.html").unwrap();
    assert_eq!(
        meta(phase, "og:image"),
        Some("https://me.github.io/rust/previews/phases/phase-1-basics.png")
    );
    let task = out.text("tasks/ownership.html").unwrap();
    assert_eq!(
        meta(task, "og:url"),
        Some("https://me.github.io/rust/tasks/ownership.html")
    );
    assert_eq!(
        meta(task, "og:image"),
        Some("https://me.github.io/rust/previews/tasks/ownership.png")
    );
    assert_eq!(
        meta(task, "og:description"),
        Some("In progress · Phase 1: Basics. Moves &amp; borrows")
    );
    // The 404 page is served at every missing address: none is its own.
    assert!(!out.text("404.html").unwrap().contains("og:url"));
}

#[test]
fn without_base_url_no_page_has_tags_and_the_build_says_so_once() {
    let site = TestSite::fixture("small-site");
    let generated = generated(&site, None);
    for (path, bytes) in generated.output.iter() {
        if path.ends_with(".html") {
            let html = std::str::from_utf8(bytes).unwrap();
            assert!(
                !html.contains("og:") && !html.contains("twitter:"),
                "{path}"
            );
        }
        assert!(!path.starts_with("previews/"), "{path}");
    }
    // What to set is said to the author, not to the visitors of the Share page.
    let share = std::str::from_utf8(generated.output.get("share.html").unwrap()).unwrap();
    assert!(!share.contains("base_url"), "{share}");
    let about: Vec<&String> = generated
        .notices
        .iter()
        .filter(|n| n.contains("base_url"))
        .collect();
    assert_eq!(about.len(), 1, "{:?}", generated.notices);
    // And the command prints it once, as a note.
    let run = site.build();
    assert_eq!(run.stderr.matches("base_url").count(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("note: link previews skipped"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_card_shows_the_sites_numbers_in_both_shapes_light_and_dark() {
    let site = TestSite::fixture("small-site");
    let out = generated(&site, None).output;
    for stem in ["card", "card-tall"] {
        let svg = out.text(&format!("{stem}.svg")).unwrap();
        // 1 of 4 done (Features is skipped): 25%; the phases 33.3%, 0% and 0%.
        for text in [
            "Learn Rust",
            "25%",
            "33.3%",
            "Phase 1: Basics",
            "Phase 2: Async",
            "Last done: Variables and let",
        ] {
            assert!(svg.contains(text), "{stem}.svg lacks {text:?}:\n{svg}");
        }
        assert!(svg.contains("prefers-color-scheme: dark"), "{stem}.svg");
        for png in [format!("{stem}.png"), format!("{stem}-dark.png")] {
            let (width, _) = png_size(out.get(&png).unwrap());
            assert_eq!(width, if stem == "card" { 800 } else { 400 }, "{png}");
        }
    }
    let share = out.text("share.html").unwrap();
    assert!(share.contains("src=\"card.svg\""), "{share}");
    assert!(share.contains("![🦀 Learn Rust: 25%](card.svg)"), "{share}");
    assert!(
        share.contains("srcset=&quot;card-dark.png&quot;"),
        "{share}"
    );
}

#[test]
fn a_card_lists_at_most_eight_phases_then_how_many_more() {
    let mut md = String::from("# Many\n\n");
    for p in 1..=12 {
        md.push_str(&format!(
            "## Stage {p}\n\n- [x] Task {p}a\n- [ ] Task {p}b\n\n"
        ));
    }
    let site = TestSite::new().file("content/roadmap.md", md);
    let out = generated(&site, None).output;
    let svg = out.text("card.svg").unwrap();
    assert!(svg.contains("Stage 7<"), "{svg}");
    assert!(!svg.contains("Stage 8<"), "{svg}");
    assert!(svg.contains("+5 more phases"), "{svg}");
}

#[test]
fn unchanged_pictures_are_not_drawn_again() {
    let site =
        TestSite::fixture("small-site").file("roadmap.toml", "[share]\npreviews = \"all\"\n");
    let first = generated(&site, Some(BASE));
    // Cards: 2 shapes × light and dark; previews: home, 2 phases, 5 tasks.
    assert_eq!(first.pictures, (4 + 1 + 2 + 5, 4 + 1 + 2 + 5));
    let again = generated(&site, Some(BASE));
    assert_eq!(again.pictures, (12, 0), "nothing changed: nothing drawn");
    assert_eq!(again.output, first.output);
    // Futures done: its page, its phase's, the home page's and the four cards.
    let path = site.path().join("content/roadmap.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("| Futures | :x: |", "| Futures | ✅ |")).unwrap();
    let changed = generated(&site, Some(BASE));
    assert_eq!(changed.pictures, (12, 1 + 1 + 1 + 4));
}

#[test]
fn by_default_tasks_show_their_phases_picture_and_home_gives_one_picture_to_all() {
    let site = TestSite::fixture("small-site");
    let built = generated(&site, Some(BASE));
    assert_eq!(built.pictures.0, 4 + 1 + 2);
    let task = built.output.text("tasks/ownership.html").unwrap();
    let phase_picture = "https://me.github.io/rust/previews/phases/phase-1-basics.png";
    assert_eq!(meta(task, "og:image"), Some(phase_picture));
    assert!(
        built
            .output
            .get("previews/phases/phase-1-basics.png")
            .is_some()
    );
    assert!(built.output.get("previews/tasks/ownership.png").is_none());

    let site =
        TestSite::fixture("small-site").file("roadmap.toml", "[share]\npreviews = \"home\"\n");
    let built = generated(&site, Some(BASE));
    assert_eq!(built.pictures.0, 4 + 1);
    for page in ["tasks/ownership.html", "phases/phase-1-basics.html"] {
        let html = built.output.text(page).unwrap();
        assert_eq!(
            meta(html, "og:image"),
            Some("https://me.github.io/rust/previews/index.png")
        );
    }
}

#[test]
fn an_unknown_previews_value_is_an_error_in_roadmap_toml() {
    let site =
        TestSite::fixture("small-site").file("roadmap.toml", "[share]\npreviews = \"tasks\"\n");
    let run = site.run(&["build"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("roadmap.toml:2"), "{}", run.stderr);
    assert!(
        run.stderr.contains("home") && run.stderr.contains("all"),
        "{}",
        run.stderr
    );
}

#[test]
fn versioned_urls_change_with_the_progress() {
    let site =
        TestSite::fixture("small-site").file("roadmap.toml", "[share]\nversioned_urls = true\n");
    let version = |out: &SiteOutput| {
        let share = out.text("share.html").unwrap();
        let at = share
            .find("badges/progress.svg?v=")
            .expect("a versioned badge URL");
        share[at..at + 30].to_string()
    };
    let before = version(&generated(&site, None).output);
    let path = site.path().join("content/roadmap.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("| Futures | :x: |", "| Futures | ✅ |")).unwrap();
    let after = generated(&site, None).output;
    assert_ne!(version(&after), before);
    assert!(after.text("share.html").unwrap().contains("card.svg?v="));
}

#[test]
fn headers_are_written_but_never_over_the_users_own() {
    let site = TestSite::fixture("small-site");
    site.build();
    let ours = site.read("public/_headers");
    assert!(
        ours.contains("/badges/*\n  Cache-Control: no-cache"),
        "{ours}"
    );

    // A `_headers` the user put in the output folder is theirs: kept, and said so.
    let site = TestSite::fixture("small-site");
    std::fs::create_dir_all(site.path().join("public")).unwrap();
    std::fs::write(site.path().join("public/_headers"), "/*\n  X-Mine: 1\n").unwrap();
    let run = site.build();
    assert_eq!(site.read("public/_headers"), "/*\n  X-Mine: 1\n");
    assert!(
        run.stderr.contains("_headers file of yours: left as it is"),
        "{}",
        run.stderr
    );
    let again = site.build();
    assert_eq!(
        site.read("public/_headers"),
        "/*\n  X-Mine: 1\n",
        "{}",
        again.stderr
    );

    // A theme's `_headers` is the one published.
    let site = TestSite::fixture("small-site")
        .file("roadmap.toml", "theme = \"mine\"\n")
        .file("themes/mine/static/_headers", "/*\n  X-Theme: 1\n");
    let run = site.build();
    assert_eq!(site.read("public/_headers"), "/*\n  X-Theme: 1\n");
    assert!(
        run.stderr.contains("the theme has a _headers file"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_session_that_saves_no_caches_draws_without_writing_the_cache() {
    let site = TestSite::fixture("small-site");
    let session = Session::new().without_saving_caches();
    common::site::generate_with(&config(&site, Some(BASE)), &session).unwrap();
    assert!(!site.path().join(".roadmap-site-cache/pictures").exists());
}
