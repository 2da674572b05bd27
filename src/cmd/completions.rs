//! `roadmap-site completions SHELL`: the command-line definition → a completion script
//! for the shell on stdout, with clap_complete's bash naming bug repaired.

use std::io::Write;

use clap_complete::Shell;

use crate::error::{Error, Result};

/// The name the scripts complete: the binary's.
const BIN: &str = "roadmap-site";

/// Prints the script for `shell`.
pub fn execute(shell: Shell, mut command: clap::Command) -> Result<()> {
    // Made in memory, then written: a closed pipe is an error to handle, not a panic
    // inside the generator.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, BIN, &mut script);
    if shell == Shell::Bash {
        script = repair_bash(&String::from_utf8_lossy(&script)).into_bytes();
    }
    std::io::stdout()
        .write_all(&script)
        .map_err(|e| Error::io("stdout", e))
}

/// clap_complete spells the states of its bash script two ways for a binary with a
/// `-` in its name (clap-rs/clap#6421, still so in 4.6.11): the loop over the typed
/// words sets `cmd="roadmap__site__subcmd__build"`, but the `case` arm that completes
/// is labelled `roadmap__subcmd__site__subcmd__build)`, so after a subcommand no arm
/// matches and nothing is completed. The arms are renamed as the loop spells them;
/// once clap_complete is fixed there is nothing left to rename.
fn repair_bash(script: &str) -> String {
    let loop_spelling = BIN.replace('-', "__");
    let arm_spelling = BIN.replace('-', "__subcmd__");
    script.replace(&arm_spelling, &loop_spelling)
}

#[cfg(test)]
mod tests {
    #[test]
    fn bash_arms_are_renamed_as_the_loop_spells_them() {
        let arm = "        roadmap__subcmd__site__subcmd__build)\n";
        assert_eq!(
            super::repair_bash(arm),
            "        roadmap__site__subcmd__build)\n"
        );
        let right = "cmd=\"roadmap__site__subcmd__new__subcmd__note\"";
        assert_eq!(super::repair_bash(right), right);
    }
}
