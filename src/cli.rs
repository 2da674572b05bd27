//! Command-line arguments → the command to run, and its exit code.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::cmd;

const EXIT_CODES: &str = "\
Exit codes:
  0  success (warnings may have been printed)
  1  errors in the roadmap, notes, roadmap.toml or templates
  2  usage error, or a file could not be read or written";

/// Publish a learning roadmap written in Markdown as a progress site.
#[derive(Debug, Parser)]
#[command(name = "roadmap-site", version, about, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    #[command(after_help = EXIT_CODES)]
    Build(BuildOptions),
}

/// Options of `build`.
#[derive(Debug, Clone, clap::Args)]
pub struct BuildOptions {
    /// The site folder: where roadmap.toml and content/ are.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site, relative to the site folder (overrides `output_dir`).
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

/// Parses the arguments, runs the command and returns the process's exit code.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with success; usage errors exit with 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Build(options) => cmd::build::execute(&options),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            crate::report::error(&error);
            ExitCode::from(error.exit_code())
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
