//! The shipped language files against English (every key, the same placeholders,
//! the plural forms each language's CLDR rules use), plurals, dates, the fallbacks
//! and the warning for a language without a file.

use std::collections::BTreeSet;
use std::path::Path;

use super::file::{self, CATEGORIES};
use super::format::placeholders;
use super::*;

fn shipped(code: &str) -> Language {
    let mut found = Vec::new();
    let config = Config {
        language: code.into(),
        ..Config::new(".")
    };
    let theme = Theme::load(&config).unwrap();
    let language = Language::load(&config, &theme, &mut found).unwrap();
    assert!(found.is_empty(), "{code}: {found:?}");
    language
}

/// Each file as it is, without the English behind it.
fn layer(code: &str) -> file::Layer {
    let mut problems = Vec::new();
    let path = format!("themes/default/i18n/{code}.toml");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(&path)).unwrap();
    let layer = file::read(&crate::source::SourceFile::new(path, text), &mut problems);
    assert!(problems.is_empty(), "{code}: {problems:?}");
    layer
}

/// The placeholders of a text; of a plural, those of all its forms together.
fn uses(text: &Text) -> BTreeSet<&str> {
    match text {
        Text::Plain(text) => placeholders(text).into_iter().collect(),
        Text::Plural(forms) => forms.values().flat_map(|f| placeholders(f)).collect(),
    }
}

#[test]
fn at_least_the_languages_the_issue_asks_for_are_built_in() {
    let languages = builtin_languages();
    for code in ["en", "zh", "es", "pt", "fr", "de", "ru", "ar", "ja", "he"] {
        assert!(languages.contains(&code), "{code} is not built in");
    }
}

#[test]
fn every_language_file_has_every_english_key_with_the_same_placeholders() {
    let english = layer(ENGLISH);
    assert!(english.strings.len() > 50, "English has its strings");
    let mut missing = Vec::new();
    for code in builtin_languages() {
        let language = layer(code);
        for (key, text) in &english.strings {
            let Some(theirs) = language.strings.get(key) else {
                missing.push(format!("{code}: no `{key}`"));
                continue;
            };
            if uses(theirs) != uses(text) {
                missing.push(format!(
                    "{code}: `{key}` uses {:?}, English {:?}",
                    uses(theirs),
                    uses(text)
                ));
            }
            if let Text::Plural(forms) = theirs {
                let english_names = uses(text);
                for (category, form) in forms {
                    let extra: Vec<_> = placeholders(form)
                        .into_iter()
                        .filter(|p| !english_names.contains(p))
                        .collect();
                    if !extra.is_empty() {
                        missing.push(format!("{code}: `{key}.{category}` uses {extra:?}"));
                    }
                }
            }
            if matches!(text, Text::Plural(_)) != matches!(theirs, Text::Plural(_)) {
                missing.push(format!("{code}: `{key}` is a plural in one file only"));
            }
        }
        for key in language.strings.keys() {
            if !english.strings.contains_key(key) {
                missing.push(format!("{code}: `{key}` is not an English key"));
            }
        }
        for key in ["name", "direction", "date", "months", "decimal", "percent"] {
            if !language.meta.contains_key(key) {
                missing.push(format!("{code}: no `language.{key}`"));
            }
        }
    }
    assert!(missing.is_empty(), "\n{}", missing.join("\n"));
}

#[test]
fn every_plural_has_the_forms_its_language_uses() {
    // Counts, and paces with one decimal.
    let numbers: Vec<String> = (0..=1_000)
        .map(|n| n.to_string())
        .chain(["1000000".into()])
        .chain((0..=30).map(|n| format!("{n}.5")))
        .collect();
    let mut missing = Vec::new();
    for code in builtin_languages() {
        let language = shipped(code);
        let used: BTreeSet<&str> = numbers.iter().map(|n| language.category(n)).collect();
        for (key, text) in language.strings() {
            if let Text::Plural(forms) = text {
                for category in &used {
                    if !forms.contains_key(*category) {
                        missing.push(format!("{code}: `{key}` has no `{category}` form"));
                    }
                }
                for category in forms.keys() {
                    assert!(CATEGORIES.contains(&category.as_str()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "\n{}", missing.join("\n"));
}

#[test]
fn russian_and_arabic_plurals_follow_cldr() {
    let ru = shipped("ru");
    let results: Vec<String> = [1.0, 3.0, 5.0, 11.0, 21.0, 22.0, 25.0, 0.0]
        .iter()
        .map(|&n| ru.plural("search_results", n, &[]))
        .collect();
    assert_eq!(
        results,
        [
            "1 результат",
            "3 результата",
            "5 результатов",
            "11 результатов",
            "21 результат",
            "22 результата",
            "25 результатов",
            "0 результатов"
        ]
    );
    assert_eq!(ru.plural("pace", 2.5, &[]), "2,5 задачи в неделю");
    let ar = shipped("ar");
    let paces: Vec<String> = [1.0, 2.0, 3.0, 11.0, 100.0]
        .iter()
        .map(|&n| ar.plural("pace", n, &[]))
        .collect();
    assert_eq!(
        paces,
        [
            "مهمة واحدة في الأسبوع",
            "مهمتان في الأسبوع",
            "3 مهام في الأسبوع",
            "11 مهمة في الأسبوع",
            "100 مهمة في الأسبوع"
        ]
    );
}

#[test]
fn german_plurals_and_numbers() {
    let de = shipped("de");
    assert_eq!(de.plural("pace", 1.0, &[]), "1 Aufgabe pro Woche");
    assert_eq!(de.plural("pace", 2.0, &[]), "2 Aufgaben pro Woche");
    // 1.5 is not "one" in German: the rules read the number as written.
    assert_eq!(de.plural("pace", 1.5, &[]), "1,5 Aufgaben pro Woche");
    assert_eq!(de.percent(28.6), "28,6 %");
    assert_eq!(
        de.plural("figure_text", 1.0, &[("done", "0")]),
        "erledigt · 0 von 1 Aufgabe"
    );
}

#[test]
fn dates_are_written_as_each_language_writes_them() {
    let expected = [
        ("en", "3 December 2026"),
        ("fr", "3 décembre 2026"),
        ("de", "3. Dezember 2026"),
        ("es", "3 de diciembre de 2026"),
        ("pt", "3 de dezembro de 2026"),
        ("ru", "3 декабря 2026"),
        ("zh", "2026年12月3日"),
        ("ja", "2026年12月3日"),
        ("ar", "3 ديسمبر 2026"),
        ("he", "3 בדצמבר 2026"),
    ];
    for (code, date) in expected {
        assert_eq!(shipped(code).date("2026-12-03"), date, "{code}");
    }
    let en = shipped("en");
    assert_eq!(en.date("2026-01-31"), "31 January 2026");
    // Not a day: shown as written, never a panic.
    for text in ["2026-13-01", "2026-02-30", "soon", "", "2026-1"] {
        assert_eq!(en.date(text), text);
    }
}

#[test]
fn placeholders_are_filled_once_and_other_braces_kept() {
    assert_eq!(
        fill("{a} and {b}", &[("a", "{b}"), ("b", "x")]),
        "{b} and x"
    );
    assert_eq!(fill("{unknown} {", &[("a", "1")]), "{unknown} {");
    assert_eq!(fill("{a}{a}", &[("a", "é")]), "éé");
}

#[test]
fn direction_follows_the_language() {
    for (code, dir) in [("ar", "rtl"), ("he", "rtl"), ("en", "ltr"), ("ja", "ltr")] {
        assert_eq!(shipped(code).dir, dir, "{code}");
    }
}

fn site_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn load(dir: &Path) -> (Result<Language>, Vec<Diagnostic>) {
    let config = Config::load(dir).unwrap();
    let theme = Theme::load(&config).unwrap();
    let mut found = Vec::new();
    (Language::load(&config, &theme, &mut found), found)
}

#[test]
fn a_language_without_a_file_warns_at_its_line_and_falls_back_to_english() {
    let dir = site_with(&[("roadmap.toml", "title = \"x\"\nlanguage = \"eo\"\n")]);
    let (language, found) = load(dir.path());
    let language = language.unwrap();
    assert_eq!(language.code, "eo");
    assert_eq!(language.get("status_done"), "Done");
    assert_eq!(found.len(), 1, "{found:?}");
    let warning = found[0].to_string();
    assert!(
        warning.starts_with("roadmap.toml:2:12: warning: no translation for language `eo`"),
        "{warning}"
    );
    assert!(warning.contains("ar, de, en, es, fr"), "{warning}");
}

#[test]
fn a_regional_code_uses_its_language_file() {
    let dir = site_with(&[("roadmap.toml", "language = \"pt-BR\"\n")]);
    let (language, found) = load(dir.path());
    let language = language.unwrap();
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(language.code, "pt-BR");
    assert_eq!(language.get("status_done"), "Concluída");
}

#[test]
fn a_theme_adds_a_language_or_overrides_keys_and_english_fills_the_gaps() {
    let dir = site_with(&[
        ("roadmap.toml", "theme = \"mine\"\nlanguage = \"eo\"\n"),
        ("themes/mine/templates/.keep", ""),
        (
            "themes/mine/i18n/eo.toml",
            "[language]\ndirection = \"ltr\"\n[strings]\nstatus_done = \"Farita\"\n",
        ),
        (
            "themes/mine/i18n/fr.toml",
            "[strings]\nstatus_done = \"Fini\"\nmy_key = \"à moi\"\n",
        ),
    ]);
    let (language, found) = load(dir.path());
    let language = language.unwrap();
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(language.get("status_done"), "Farita");
    assert_eq!(language.get("status_todo"), "To do", "English behind it");
    assert_eq!(language.date("2026-12-03"), "3 December 2026");

    std::fs::write(
        dir.path().join("roadmap.toml"),
        "theme = \"mine\"\nlanguage = \"fr\"\n",
    )
    .unwrap();
    let (language, _) = load(dir.path());
    let language = language.unwrap();
    assert_eq!(language.get("status_done"), "Fini");
    assert_eq!(language.get("my_key"), "à moi");
    assert_eq!(
        language.get("status_todo"),
        "À faire",
        "the built-in French behind it"
    );
}

#[test]
fn a_theme_file_that_is_not_toml_is_an_error_at_its_position() {
    let dir = site_with(&[
        ("roadmap.toml", "theme = \"mine\"\nlanguage = \"fr\"\n"),
        ("themes/mine/i18n/fr.toml", "[strings]\nstatus_done = \n"),
    ]);
    let (language, _) = load(dir.path());
    let Err(Error::Content(problems)) = language else {
        panic!("a broken file was taken");
    };
    let shown = problems[0].to_string();
    assert!(shown.starts_with("themes/mine/i18n/fr.toml:2:"), "{shown}");
}
