//! Test harness: a site folder in a temporary directory, the real binary run in it,
//! and failures that show everything needed to understand them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A site folder in a temporary directory.
pub struct TestSite {
    dir: tempfile::TempDir,
}

/// What a run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl TestSite {
    /// An empty site folder.
    pub fn new() -> Self {
        TestSite {
            dir: tempfile::Builder::new()
                .prefix("roadmap-site-test")
                .tempdir()
                .unwrap(),
        }
    }

    /// A copy of `tests/fixtures/<name>/` (fixtures are never built in place).
    pub fn fixture(name: &str) -> Self {
        let site = TestSite::new();
        let from = repo().join("tests/fixtures").join(name);
        assert!(from.is_dir(), "no fixture {}", from.display());
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = site.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        site
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (text or bytes), creating folders.
    pub fn file(self, path: &str, contents: impl AsRef<[u8]>) -> Self {
        let target = self.path().join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, contents).unwrap();
        self
    }

    /// Runs the binary with `args` in the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with(args, &[])
    }

    /// Runs the binary with `args` and more environment variables.
    pub fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_roadmap-site"))
            .args(args)
            .current_dir(self.path())
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs `build` and insists that it succeeds.
    pub fn build(&self) -> Run {
        let run = self.run(&["build"]);
        assert_eq!(
            run.code,
            0,
            "build failed in {}:\n{}",
            self.path().display(),
            run.stderr
        );
        run
    }

    /// A file of the built site as text.
    pub fn read(&self, path: &str) -> String {
        let full = self.path().join(path);
        std::fs::read_to_string(&full).unwrap_or_else(|e| {
            panic!(
                "cannot read {}: {e}; files: {:?}",
                full.display(),
                self.files("public")
            )
        })
    }

    /// Sorted relative paths of the files under `dir`.
    pub fn files(&self, dir: &str) -> Vec<String> {
        let base = self.path().join(dir);
        let mut files: Vec<String> = walkdir::WalkDir::new(&base)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        files.sort();
        files
    }

    /// `public/progress.json`, parsed.
    pub fn progress(&self) -> serde_json::Value {
        serde_json::from_str(&self.read("public/progress.json")).unwrap()
    }

    /// Output with the temporary path and timings replaced, for snapshots.
    pub fn redact(&self, text: &str) -> String {
        let root = self.path().to_string_lossy().into_owned();
        let text = text.replace(&root, "[ROOT]");
        let mut out = String::new();
        for line in text.lines() {
            let line = match line.rfind(" in ") {
                Some(i) if line.ends_with(" ms") => format!("{} in [TIME]", &line[..i]),
                _ => line.to_string(),
            };
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}
pub mod git;
pub mod server;
