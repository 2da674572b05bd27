//! `roadmap-site completions SHELL` → scripts that complete in the real shells: bash,
//! zsh (driven through a pty, as Tab completion only runs in its line editor) and fish
//! are run on typed lines and their matches compared. A shell that is not installed
//! fails the test when `ROADMAP_SITE_REQUIRE_SHELLS=1` (as `.ci/run` sets, after
//! installing zsh and fish); otherwise its script's structure is checked instead.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{TestSite, repo};

/// The script for `shell`, written into a fresh folder.
fn script(shell: &str) -> (TestSite, PathBuf) {
    let site = TestSite::new();
    let run = site.run(&["completions", shell]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = site.path().join(format!("roadmap-site.{shell}"));
    std::fs::write(&path, run.stdout).unwrap();
    (site, path)
}

/// Whether `shell` is on the PATH. When it is not, the test fails if the environment
/// requires the shells, and otherwise goes on with a structural check.
fn available(shell: &str) -> bool {
    let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .any(|dir| dir.join(shell).is_file());
    let required = std::env::var_os("ROADMAP_SITE_REQUIRE_SHELLS").is_some_and(|v| v == "1");
    assert!(
        found || !required,
        "{shell} is not installed, and ROADMAP_SITE_REQUIRE_SHELLS=1 says its completions \
         must be run in it: apt-get install {shell} (as .ci/run does)"
    );
    if !found {
        eprintln!("note: {shell} is not installed: checking its script's structure only");
    }
    found
}

/// Runs a shell command line under `timeout`, so that a shell waiting for input fails
/// the test instead of hanging it; returns stdout, insisting on success.
fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new("timeout")
        .arg("30")
        .arg(program)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{program} {args:?}: {:?} (124 = timed out)\n{stderr}",
        out.status.code()
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").trim().to_string())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort();
    words.dedup();
    words
}

/// bash: sources the script, sets COMP_WORDS and COMP_CWORD for the typed words (the
/// last one is being completed) and calls the function `complete -p` names.
fn bash_complete(script: &Path, typed: &[&str]) -> Vec<String> {
    const CALL: &str = r#"source "$1"; shift
        fn=$(complete -p roadmap-site | sed -E 's/.*-F ([^ ]+).*/\1/')
        COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        "$fn" roadmap-site "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf '%s\n' "${COMPREPLY[@]}""#;
    let script = script.to_str().unwrap();
    let mut args = vec!["--norc", "--noprofile", "-c", CALL, "bash", script];
    args.extend(typed);
    words(&run("bash", &args))
}

fn zsh_complete(script: &Path, line: &str) -> Vec<String> {
    let shells = repo().join("tests/shells");
    let out = Command::new("timeout")
        .args(["30", "zsh", "-f"])
        .arg(shells.join("zsh-complete.zsh"))
        .arg(shells.join("zsh-setup.zsh"))
        .arg(line)
        .env("ROADMAP_SITE_COMPLETION", script)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "zsh: {:?} (124 = timed out)",
        out.status
    );
    words(&String::from_utf8_lossy(&out.stdout))
}

fn fish_complete(script: &Path, line: &str) -> Vec<String> {
    let call = format!("source {}; complete -C '{line}'", script.display());
    words(&run("fish", &["--no-config", "-c", &call]))
}

fn has(found: &[String], wanted: &[&str]) -> bool {
    wanted.iter().all(|w| found.iter().any(|f| f == w))
}

/// What each shell must offer: a subcommand's name from its start, and after a
/// subcommand (nested ones too) its own options, not another's.
fn check_matches(shell: &str, complete: impl Fn(&[&str]) -> Vec<String>) {
    assert_eq!(complete(&["roadmap-site", "ser"]), ["serve"], "{shell}");
    let build = complete(&["roadmap-site", "build", "--"]);
    assert!(
        has(&build, &["--root", "--output", "--base-url"]) && !has(&build, &["--port"]),
        "{shell}: build -- offers {build:?}"
    );
    let note = complete(&["roadmap-site", "new", "note", "--r"]);
    assert_eq!(note, ["--root"], "{shell}");
    let fix = complete(&["roadmap-site", "fix-encoding", "--d"]);
    assert_eq!(fix, ["--dry-run"], "{shell}");
}

#[test]
fn bash_completes_subcommands_and_their_options() {
    let (_site, script) = script("bash");
    let text = std::fs::read_to_string(&script).unwrap();
    // Every state the loop over the typed words can reach has an arm that completes
    // (clap-rs/clap#6421 spelled the two differently): checked even without bash.
    for line in text.lines() {
        let state = line
            .trim()
            .strip_prefix("cmd=\"")
            .map(|s| s.trim_end_matches('"'));
        if let Some(state) = state.filter(|s| !s.is_empty()) {
            let arm = format!("\n        {state})\n");
            assert!(text.contains(&arm), "no arm for state {state}");
        }
    }
    if available("bash") {
        check_matches("bash", |typed| bash_complete(&script, typed));
        let shells = bash_complete(&script, &["roadmap-site", "completions", ""]);
        assert!(has(&shells, &["bash", "zsh", "fish"]), "{shells:?}");
    }
}

#[test]
fn zsh_completes_subcommands_and_their_options() {
    let (_site, script) = script("zsh");
    if available("zsh") {
        check_matches("zsh", |typed| zsh_complete(&script, &typed.join(" ")));
    } else {
        let text = std::fs::read_to_string(&script).unwrap();
        for part in [
            "#compdef roadmap-site",
            "(build)",
            "'--base-url=[",
            "(note)",
        ] {
            assert!(text.contains(part), "{part:?} not in the zsh script");
        }
        assert!(text.contains("compdef _roadmap-site roadmap-site"));
    }
}

#[test]
fn fish_completes_subcommands_and_their_options() {
    let (_site, script) = script("fish");
    if available("fish") {
        check_matches("fish", |typed| fish_complete(&script, &typed.join(" ")));
    } else {
        let text = std::fs::read_to_string(&script).unwrap();
        assert!(
            text.contains(
                "complete -c roadmap-site -n \"__fish_roadmap_site_using_subcommand build\" -l root"
            ),
            "{text}"
        );
    }
}

/// `completions bash | (exec true)` and `status --json | head -c1` in a real shell,
/// many times, as the reader may go away before, during or after the writes: each
/// run exits 0 and says nothing.
#[test]
fn a_pipe_closed_by_the_reader_ends_quietly() {
    let site = TestSite::fixture("small-site");
    let bin = env!("CARGO_BIN_EXE_roadmap-site");
    let call = r#"cd "$2"
        for i in $(seq 20); do
          "$1" completions bash | (exec true); echo "completions ${PIPESTATUS[0]}"
          "$1" status --json | head -c1 >/dev/null; echo "status ${PIPESTATUS[0]}"
        done"#;
    let out = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", call, "bash", bin])
        .arg(site.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "",
        "nothing on stderr"
    );
    assert_eq!(stdout.lines().count(), 40, "{stdout}");
    assert!(
        stdout.lines().all(|l| l.ends_with(" 0")),
        "every run exits 0: {stdout}"
    );
}
