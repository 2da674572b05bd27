//! A word or a path that names nothing → `did you mean …? ` for the closest of the
//! candidates, or nothing; and the Markdown files a roadmap path may have meant.

use std::path::Path;

/// `did you mean `theme`? ` for the closest candidate, or nothing when none is close.
pub fn did_you_mean(word: &str, candidates: &[impl AsRef<str>]) -> String {
    did_you_mean_within(word, candidates, 0.8)
}

/// [`did_you_mean`] with the least similarity (Jaro-Winkler, 0 to 1) a candidate needs:
/// higher where the candidates are many short ids that look alike.
pub fn did_you_mean_within(word: &str, candidates: &[impl AsRef<str>], least: f64) -> String {
    candidates
        .iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&word.to_lowercase(), &c.as_ref().to_lowercase()),
                c.as_ref(),
            )
        })
        .filter(|(score, _)| *score > least)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| format!("did you mean `{c}`? "))
        .unwrap_or_default()
}

/// `did you mean `x`? ` for the file closest to the one wanted, or one of the same
/// name elsewhere, or nothing.
pub fn suggest_file(wanted: &Path, files: &[String]) -> String {
    let wanted_text = wanted.to_string_lossy().replace('\\', "/");
    let close = did_you_mean(&wanted_text, files);
    if !close.is_empty() {
        return close;
    }
    let name = wanted.file_name().map(|n| n.to_string_lossy().into_owned());
    files
        .iter()
        .find(|f| name.as_deref() == f.rsplit('/').next())
        .map(|f| format!("did you mean `{f}`? "))
        .unwrap_or_default()
}

/// The `.md` files of the site folder and the folders under it, two levels deep
/// (`roadmap.md`, `content/roadmap.md`, `docs/plan/roadmap.md`), relative to it: what a
/// `roadmap` setting or the default path may have meant.
pub fn markdown_files(root: &Path) -> Vec<String> {
    walkdir::WalkDir::new(root)
        .max_depth(3)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .filter_map(|e| {
            let relative = e.path().strip_prefix(root).ok()?;
            Some(relative.to_string_lossy().replace('\\', "/"))
        })
        .take(500)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_files_are_listed_relative_to_the_site_folder() {
        let dir = tempfile::tempdir().unwrap();
        for path in [
            "content/roadmap.md",
            ".git/x.md",
            "notes.txt",
            "a/b/c/deep.md",
        ] {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        assert_eq!(markdown_files(dir.path()), ["content/roadmap.md"]);
    }

    #[test]
    fn a_close_path_or_the_same_name_elsewhere_is_suggested() {
        let files = ["README.md", "content/roadmap.md", "docs/plan.md"].map(String::from);
        let typo = suggest_file(Path::new("content/roadmapp.md"), &files);
        assert_eq!(typo, "did you mean `content/roadmap.md`? ");
        let files = ["README.md", "roadmap.md"].map(String::from);
        let moved = suggest_file(Path::new("content/roadmap.md"), &files);
        assert_eq!(moved, "did you mean `roadmap.md`? ");
        assert_eq!(suggest_file(Path::new("content/roadmap.md"), &[]), "");
    }
}
