//! `language` in roadmap.toml → the built site: `<html lang dir>`, the theme's strings
//! in that language (none of the English ones left), dates and the feed; a language
//! without a translation warns and falls back to English.

mod common;

use common::TestSite;

/// Every page of a built site, one after the other.
fn pages(site: &TestSite) -> String {
    let files = site.files("public");
    let html = files.iter().filter(|f| f.ends_with(".html"));
    html.map(|f| site.read(&format!("public/{f}"))).collect()
}

/// Strings of the templates and of the texts Rust makes, as English pages show them.
const ENGLISH: &[&str] = &[
    "Skip to content",
    ">Overview<",
    "Recently completed",
    "Up next",
    "Recently noted",
    "Unlinked notes",
    ">Tags<",
    ">Share<",
    "Made with",
    ">Home<",
    "\"Breadcrumb\"",
    "Filter tasks",
    "Previous task",
    "Next task",
    "Next phase",
    "Search tasks and notes",
    "Page not found",
    "There is no page at this address",
    "done ·",
    " of 4 tasks",
    "To do",
    ">Done",
    "Done on",
    "Overall progress",
    "Phase progress",
    "completed tasks and notes",
    "Badges that show",
    "Each phase",
    "Roadmap progress:",
    "(has notes)",
    "January",
    // The name of a note heading's "#" link (Markdown makes it, not a template).
    "Link to this section:",
];

#[test]
fn an_arabic_site_is_right_to_left_and_has_no_english_strings_left() {
    let english = TestSite::fixture("notes");
    english.build();
    let arabic = TestSite::fixture("notes").file("roadmap.toml", "language = \"ar\"\n");
    let run = arabic.build();
    assert!(!run.stderr.contains("no translation"), "{}", run.stderr);
    let (english_pages, arabic_pages) = (pages(&english), pages(&arabic));
    let content: String = english
        .files("content")
        .iter()
        .map(|f| english.read(&format!("content/{f}")))
        .collect();
    let mut left = Vec::new();
    for phrase in ENGLISH {
        // Each phrase is one the English site shows and the user's content does not.
        assert!(
            english_pages.contains(phrase),
            "English pages lack {phrase:?}"
        );
        assert!(
            !content.contains(phrase),
            "the fixture's content has {phrase:?}"
        );
        if arabic_pages.contains(phrase) {
            left.push(*phrase);
        }
    }
    assert!(left.is_empty(), "English left in the Arabic site: {left:?}");
    assert!(arabic_pages.contains("aria-label=\"رابط إلى هذا القسم: "));
    // The overall badge's word, which was "progress" in every language.
    let badge = arabic.read("public/badges/progress.svg");
    assert!(badge.contains(">التقدم</text>"), "{badge}");
    assert!(
        english
            .read("public/badges/progress.svg")
            .contains(">progress</text>")
    );
    let home = arabic.read("public/index.html");
    assert!(home.contains("<html lang=\"ar\" dir=\"rtl\">"), "{home}");
    for arabic_text in ["انتقل إلى المحتوى", "أُنجزت مؤخرًا", "20 يناير 2025"]
    {
        assert!(home.contains(arabic_text), "home lacks {arabic_text}");
    }
    // Dates are written in Arabic; datetime attributes stay ISO.
    assert!(home.contains("datetime=\"2025-01-20\""), "{home}");
    let feed = arabic.read("public/feed.xml");
    assert!(
        feed.contains("xml:lang=\"ar\"") && feed.contains("أُنجزت"),
        "{feed}"
    );
    assert!(
        !feed.contains("Done:") && !feed.contains("was done on"),
        "{feed}"
    );
}

#[test]
fn each_built_in_language_sets_lang_and_writes_its_dates() {
    for (code, dir, date) in [
        ("fr", "ltr", "20 janvier 2025"),
        ("de", "ltr", "20. Januar 2025"),
        ("ru", "ltr", "20 января 2025"),
        ("ja", "ltr", "2025年1月20日"),
        ("he", "rtl", "20 בינואר 2025"),
    ] {
        let site =
            TestSite::fixture("notes").file("roadmap.toml", format!("language = \"{code}\"\n"));
        site.build();
        let home = site.read("public/index.html");
        assert!(
            home.contains(&format!("<html lang=\"{code}\" dir=\"{dir}\">")),
            "{code}"
        );
        assert!(home.contains(date), "{code}: no {date}");
    }
}

#[test]
fn a_language_without_a_translation_warns_and_the_pages_are_english() {
    let site =
        TestSite::fixture("notes").file("roadmap.toml", "title = \"x\"\nlanguage = \"eo\"\n");
    let run = site.build();
    assert!(
        run.stderr
            .contains("roadmap.toml:2:12: warning: no translation for language `eo`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("ar, de, en, es, fr, he, ja, pt, ru, zh"),
        "{}",
        run.stderr
    );
    let home = site.read("public/index.html");
    assert!(home.contains("<html lang=\"eo\" dir=\"ltr\">"));
    assert!(home.contains("Recently completed"));
}

/// Before: "截止日期: 2025-01-10", an English colon in a Chinese line.
#[test]
fn an_extra_columns_name_is_followed_by_the_languages_colon() {
    let site = TestSite::fixture("prose/due-columns").file("roadmap.toml", "language = \"zh\"\n");
    site.build();
    let week1 = site.read("public/phases/week-1.html");
    assert!(week1.contains("Due：</span> 2026-01-05"), "{week1}");
}
