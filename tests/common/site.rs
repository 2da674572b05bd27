//! A site for a test: a folder in a temporary directory (empty, or a copy of a fixture)
//! → the real binary run in it, its output as snapshots, and the library's pipeline
//! for the tests that need its values.

use std::path::{Path, PathBuf};
use std::process::Command;

use roadmap_site::{Config, Generated, Result, Session, WriteReport};

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

    /// Removes a file of the site (to take a fixture's note out of a test).
    pub fn without(self, path: &str) -> Self {
        std::fs::remove_file(self.path().join(path)).unwrap();
        self
    }

    /// Makes a named pipe at `path` (an input the binary must refuse, not wait on).
    #[cfg(unix)]
    pub fn fifo(&self, path: &str) -> PathBuf {
        let fifo = self.path().join(path);
        let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success(), "mkfifo {}", fifo.display());
        fifo
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
        self.run_in(".", args)
    }

    /// Runs the binary with `args` and more environment variables.
    pub fn run_with(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let out = self
            .command(".", args)
            .envs(env.iter().copied())
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Runs the binary with `args` in a folder of the site (`"."`: the site folder).
    pub fn run_in(&self, dir: &str, args: &[&str]) -> Run {
        let out = self.command(dir, args).output().unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// The binary with `args`, to run in a folder of the site. The search for a
    /// roadmap.toml in the folders above stops at the temporary folder, so that
    /// whatever lies above it on this machine cannot change a test.
    pub fn command(&self, dir: &str, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_roadmap-site"));
        command
            .args(args)
            .current_dir(self.path().join(dir))
            .env("NO_COLOR", "1")
            .env(
                "ROADMAP_SITE_CEILING_DIRECTORIES",
                self.path().parent().unwrap(),
            );
        command
    }

    /// Runs the binary and stops it after `seconds` if it is still running (`serve`, or
    /// a command that would hang), which the end of its stderr then says.
    pub fn run_for(&self, seconds: u64, args: &[&str]) -> Run {
        use std::process::Stdio;
        let mut child = self
            .command(".", args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if std::time::Instant::now() > deadline {
                child.kill().unwrap();
                child.wait().unwrap();
                break None;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        };
        let out = child.wait_with_output().unwrap();
        let mut stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        if status.is_none() {
            stderr.push_str(&format!("[still running after {seconds} s: stopped]\n"));
        }
        Run {
            code: status.and_then(|s| s.code()).unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr,
        }
    }

    /// A run as a snapshot: the command, its exit code and its output, redacted.
    pub fn outcome(&self, args: &[&str], run: &Run) -> String {
        let mut text = format!(
            "$ roadmap-site {}\nexit code: {}\n",
            args.join(" "),
            run.code
        );
        if !run.stdout.is_empty() {
            text.push_str(&format!("--- stdout\n{}", self.redact(&run.stdout)));
        }
        if !run.stderr.is_empty() {
            text.push_str(&format!("--- stderr\n{}", self.redact(&run.stderr)));
        }
        text
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

/// `roadmap_site::generate` as `build` and `check` run it, with a session of its own:
/// the one place the tests call it, so that a change of its signature is made here.
pub fn generate(config: &Config) -> Result<Generated> {
    generate_with(config, &Session::new())
}

/// `roadmap_site::generate` in a given session (`serve`'s rebuilds, a slow notice).
pub fn generate_with(config: &Config, session: &Session) -> Result<Generated> {
    roadmap_site::generate(config, session)
}

/// `roadmap_site::build` (generate, then write the output folder): as [`generate`].
pub fn build(config: &Config) -> Result<Generated<WriteReport>> {
    roadmap_site::build(config, &Session::new())
}
