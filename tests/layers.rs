//! The modules of `src/` → a check that every `crate::` path points down the layers:
//! stages use the model, the model uses leaves, never the other way round (issue 18).
//! A module may use its own layer and the layers below it. Test modules (after
//! `#[cfg(test)]`, or in a `tests` file or folder) may use anything.

use std::collections::BTreeMap;
use std::path::Path;

/// From the leaves up. A module not listed here fails the test: place it.
const LAYERS: &[&[&str]] = &[
    // Leaves: text, paths and dates, used by everyone.
    &[
        "source",
        "suggest",
        "date",
        "timings",
        "cache_dir",
        "plural",
        "html",
        "slug",
        "path",
        "badge",
    ],
    &["diagnostic"],
    &["error", "encoding", "replace_file"],
    // Reading the roadmap, and the settings that say how.
    &["roadmap"],
    &["config"],
    // Markdown → HTML, and the caches that remember results between builds.
    &["markdown"],
    &["memo"],
    &["session"],
    // The stages, in the order `lib.rs` runs them.
    &["load"],
    &["note"],
    &["model"],
    &["history"],
    &["notes_html"],
    &["theme"],
    &["i18n"],
    &["output"],
    &["render"],
    &["link_check", "output_dir"],
    // Writing back into the inputs (serve's status controls), reading them as above.
    &["edit"],
    // The program: commands, their arguments, what they print, the dev server.
    &["report", "cli", "cmd", "serve"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The top-level modules a file's code (not its tests) names as `crate::x`. A `use`
/// group may be nested and span lines, as rustfmt writes a long one.
fn uses(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let code: String = code
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        match rest.strip_prefix('{') {
            // `use crate::{a, b::{c, d}, E}`: the first segment of each top-level item.
            Some(group) => found.extend(top_level_items(group).map(first_segment)),
            None => found.push(first_segment(rest)),
        }
    }
    // Items of the crate root (`crate::Config`) are re-exports: what they name is
    // checked where it is defined.
    found.retain(|name| name.starts_with(|c: char| c.is_ascii_lowercase()));
    found
}

/// The items of a `{…}` group, from just after its `{`, split at its own commas.
fn top_level_items(group: &str) -> impl Iterator<Item = &str> {
    let (mut depth, mut start, mut items) = (0, 0, Vec::new());
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&group[start..i]);
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items
        .into_iter()
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

fn first_segment(path: &str) -> String {
    path.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Every source file of each top-level module (`src/x.rs` and `src/x/**`), tests
/// left out.
fn modules(src: &Path) -> BTreeMap<String, Vec<std::path::PathBuf>> {
    let mut modules: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let path = entry.path();
        let relative = path.strip_prefix(src).unwrap();
        let is_test = relative
            .iter()
            .any(|part| part == "tests" || part == "tests.rs");
        if path.extension().is_none_or(|e| e != "rs") || is_test {
            continue;
        }
        let top = relative.iter().next().unwrap().to_string_lossy();
        let module = top.trim_end_matches(".rs").to_string();
        if module != "lib" && module != "main" {
            modules.entry(module).or_default().push(path.to_path_buf());
        }
    }
    modules
}

#[test]
fn every_module_uses_only_its_layer_and_the_layers_below() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = modules(&src);
    assert!(modules.len() > 20, "{modules:?}");
    let mut problems = Vec::new();
    for (module, files) in &modules {
        let Some(own) = layer_of(module) else {
            problems.push(format!("src/{module}: not placed in LAYERS"));
            continue;
        };
        for file in files {
            let text = std::fs::read_to_string(file).unwrap();
            for used in uses(&text) {
                if &used == module {
                    continue;
                }
                // Not a module: a function of `lib.rs` (`generate`), the facade on top.
                let layer = match modules.contains_key(&used) {
                    true => layer_of(&used),
                    false => Some(LAYERS.len() - 1),
                };
                match layer {
                    Some(layer) if layer <= own => {}
                    _ => problems.push(format!(
                        "{}: `{module}` uses `crate::{used}`, which is above it",
                        file.strip_prefix(&src).unwrap().display()
                    )),
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_check_sees_paths_and_use_groups_but_not_comments_or_tests() {
    let text = "use crate::model::Site;\nuse crate::{render, history::date, Config};\n\
                // crate::serve in a comment\nlet x = crate::cmd::plural(1, \"a\");\n\
                #[cfg(test)]\nmod tests { use crate::serve; }\n";
    assert_eq!(uses(text), ["model", "render", "history", "cmd"]);
    let nested = "use crate::{\n    model::{Site, Task},\n    // crate::serve\n    render,\n};\n";
    assert_eq!(uses(nested), ["model", "render"]);
}
