//! node and headless Chromium for the browser tests: the tools a test needs (a missing
//! one fails it, saying how to install it; it is never skipped), and a script of
//! `tests/browser/` run with a time limit → its exit code and everything it printed.
//! The scripts launch Chromium themselves (`tests/browser/lib.mjs`).

use std::ffi::OsStr;
use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::repo;

pub const CHROMIUM: &str = "/usr/bin/chromium";

/// One script at a time in a test binary: each starts a Chromium (check-site.mjs a JVM
/// too), and the machine may have two cores.
static ONE_BROWSER_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Fails, naming every missing tool and how to install it: node, Chromium, the
/// `packages` of `tests/browser/node_modules`, and java when they include `vnu-jar`
/// (the Nu Html Checker runs on it). `what` names the test in the message.
pub fn require_tools(what: &str, packages: &[&str]) {
    let runs = |program: &str, arg: &str| {
        Command::new(program)
            .arg(arg)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let java = packages.contains(&"vnu-jar");
    let mut missing = Vec::new();
    if !runs("node", "--version") {
        missing.push("node (Node.js 20 or later)".to_string());
    }
    if java && !runs("java", "-version") {
        missing.push("java (apt-get install default-jre-headless)".to_string());
    }
    if !std::path::Path::new(CHROMIUM).exists() {
        missing.push(format!("{CHROMIUM} (apt-get install chromium)"));
    }
    let modules = repo().join("tests/browser/node_modules");
    for package in packages {
        if !modules.join(package).join("package.json").is_file() {
            missing.push(format!(
                "{} (npm ci --prefix tests/browser --ignore-scripts)",
                modules.join(package).display()
            ));
        }
    }
    let apt = if java {
        "chromium default-jre-headless"
    } else {
        "chromium"
    };
    assert!(
        missing.is_empty(),
        "{what} needs tools that are missing:\n  {}\nrun `bash scripts/browser-tests` (it \
         installs them all), or install them by hand: apt-get install -y {apt} && \
         npm ci --prefix tests/browser --ignore-scripts",
        missing.join("\n  ")
    );
}

/// What a script printed and how it ended.
pub struct Script {
    /// `None` when it was killed for running past its limit.
    pub code: Option<i32>,
    /// stderr, then stdout.
    pub output: String,
    pub seconds: f64,
}

impl Script {
    /// The closing "N passed, M failed" line as (N, M).
    pub fn totals(&self) -> Option<(u32, u32)> {
        let last = self.output.lines().rev().find(|l| !l.trim().is_empty())?;
        let (passed, failed) = last.trim().split_once(" passed, ")?;
        Some((
            passed.parse().ok()?,
            failed.strip_suffix(" failed")?.parse().ok()?,
        ))
    }
}

/// Runs `node tests/browser/<script> <args…>` in the repository with extra environment
/// variables, and kills it if it still runs after `kill_after` (the scripts stop
/// themselves earlier: this is the last resort against a hung browser).
pub fn run_script(
    script: &str,
    args: &[&OsStr],
    env: &[(&str, &str)],
    kill_after: Duration,
) -> Script {
    let _one = ONE_BROWSER_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let started = Instant::now();
    let mut child = Command::new("node")
        .arg(repo().join("tests/browser").join(script))
        .args(args)
        .envs(env.iter().copied())
        .current_dir(repo())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run node (install Node.js 20 or later)");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut text = Vec::new();
            let _ = pipe.read_to_end(&mut text);
            String::from_utf8_lossy(&text).into_owned()
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    // Polled, with a deadline: the standard library has no wait with a timeout.
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if started.elapsed() > kill_after {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let (stdout, stderr) = (stdout.join().unwrap(), stderr.join().unwrap());
    let mut output = if stderr.trim().is_empty() {
        stdout
    } else {
        format!("{stderr}\n{stdout}")
    };
    if code.is_none() {
        output.push_str(&format!(
            "\n(killed after {} s without finishing)\n",
            kill_after.as_secs()
        ));
    }
    Script {
        code,
        output,
        seconds: started.elapsed().as_secs_f64(),
    }
}
