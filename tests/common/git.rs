//! Scripted git histories for tests: the `git` command line run in a site folder on
//! chosen dates (through `GIT_AUTHOR_DATE` and `GIT_COMMITTER_DATE`), isolated from
//! the machine's configuration, and builds on a chosen "today". The product reads
//! the history with gix.

use std::path::Path;
use std::process::Command;

use super::TestSite;

/// Runs `git args` in `dir` as if on `date` (`YYYY-MM-DD`, noon UTC).
pub fn git(dir: &Path, args: &[&str], date: &str) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Learner")
        .env("GIT_AUTHOR_EMAIL", "learner@example.com")
        .env("GIT_COMMITTER_NAME", "Learner")
        .env("GIT_COMMITTER_EMAIL", "learner@example.com")
        .env("GIT_AUTHOR_DATE", format!("{date}T12:00:00+00:00"))
        .env("GIT_COMMITTER_DATE", format!("{date}T12:00:00+00:00"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Writes `text` to `path` in the site and commits everything on `date`; the first
/// call makes the repository.
pub fn commit(site: &TestSite, path: &str, text: &str, date: &str) {
    if !site.path().join(".git").exists() {
        git(site.path(), &["init", "-q", "-b", "main"], date);
    }
    let file = site.path().join(path);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, text).unwrap();
    git(site.path(), &["add", "-A"], date);
    git(site.path(), &["commit", "-q", "-m", date], date);
}

/// Runs `build` as if today were `date` (`YYYY-MM-DD`), through `SOURCE_DATE_EPOCH`:
/// the pace and the forecast are counted up to today.
pub fn build_on(site: &TestSite, date: &str) {
    let epoch = (days(date) * 86_400 + 43_200).to_string();
    let run = site.run_with(&["build"], &[("SOURCE_DATE_EPOCH", &epoch)]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
}

/// Days since 1970-01-01 of `YYYY-MM-DD` (Howard Hinnant's days_from_civil).
fn days(date: &str) -> i64 {
    let parts: Vec<i64> = date.split('-').map(|p| p.parse().unwrap()).collect();
    let (year, month, day) = (parts[0], parts[1], parts[2]);
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}
