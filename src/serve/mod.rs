//! `roadmap-site serve`: the site folder → a development server. Builds with the same
//! [`generate`] as `build`, serves the result from memory over HTTP, watches the
//! inputs, rebuilds, swaps the new site in whole and only then tells open pages.
//!
//! ```text
//! watch ─ batch ─ generate ─ Shared::succeeded/failed ─┬─ server ─ http (pages, from memory)
//!                                                      └─ events (reload, css, failed)
//! ```
//!
//! SIGINT and SIGTERM stop it with exit code 0 once the build under way has finished
//! ([`stop`]), however it was started.
//!
//! It never writes, cleans or deletes the output folder unless `--write` is given; a
//! failed build keeps the last good site served and shows its diagnostics in the
//! browser as in the terminal.

mod deadline;
mod edit_api;
mod events;
mod http;
mod page;
mod server;
mod state;
mod stop;
mod url;
mod watch;

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Severity::Warning};
use crate::error::{Error, Result};
use crate::output::SiteOutput;
use crate::plural::plural;
use crate::{Session, generate, report, write_site};

use state::{Change, Shared};
use watch::Watcher;

/// How to serve.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The site folder.
    pub root: PathBuf,
    /// Where to listen (port 0: a free port).
    pub address: SocketAddr,
    /// Open the site in the default browser.
    pub open: bool,
    /// Also write every successful build to the output folder.
    pub write: bool,
    /// Overrides `output_dir` (with `write`).
    pub output: Option<PathBuf>,
    /// `--quiet` / `--verbose`.
    pub global: crate::cli::Global,
}

/// Serves until the process is stopped. Returns only when the server cannot start.
pub fn run(settings: &Settings) -> Result<()> {
    if !settings.root.is_dir() {
        return Err(Error::Refused {
            message: format!("no site folder at {}", settings.root.display()),
            hint: "run `roadmap-site serve` in the site folder, or pass --root DIR".into(),
        });
    }
    let listener = bind(settings.address)?;
    let address = listener
        .local_addr()
        .map_err(|e| cannot_listen(settings.address, &e))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| cannot_listen(address, &e))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("roadmap-site-http")
        .enable_all()
        .build()
        .map_err(|e| Error::io(&settings.root, e))?;
    let global = settings.global;
    let building = Arc::new(Mutex::new(()));
    runtime.spawn(stop::on_signal(Arc::clone(&building), global));
    if !address.ip().is_loopback() {
        let message = format!(
            "listening on {}: any machine that can reach this address can read the site",
            address.ip()
        );
        let hint = "this server is for development only; without --bind it listens on \
                    127.0.0.1, for this machine alone";
        report::problem(
            &Diagnostic::general(Warning, message).with_hint(hint),
            global,
        );
    }

    let mut builder = Builder::new(settings);
    // Watch before the first build, so that a save during it is not lost.
    let (mut watcher, warnings) = Watcher::new(&builder.config)?;
    report::diagnostics(&warnings, global);
    let shared = Shared::new();
    // Status changes from the pages, on loopback only: the secret is in every served
    // page from the first build on.
    let editing = match address.ip().is_loopback() {
        true => edit_api::Editing::new(settings.root.clone(), address.port()).map(Arc::new),
        false => None,
    };
    if let Some(editing) = &editing {
        shared.enable_editing(&editing.token);
    }
    // Held from the first build to the "Serving" line, then for each rebuild: a stop
    // signal waits for it, so that the last line printed is never a stale URL.
    let first = stop::lock(&building);
    builder.build(&shared, "Built");
    report::diagnostics(&watcher.update(&builder.config), global);

    let context = Arc::new(server::Context {
        shared: Arc::clone(&shared),
        local_only: address.ip().is_loopback(),
        streams: AtomicUsize::new(0),
        global,
        editing,
    });
    let limits = server::Limits::for_this_process();
    runtime.spawn(server::accept(listener, context, limits));
    let url = url_of(address);
    // Printed even with --quiet: without it the server cannot be used (--port 0).
    report::essential(&format!(
        "Serving {} at {url} (Ctrl-C to stop)",
        builder.title(&shared)
    ));
    if settings.open {
        open_in_browser(&url, global);
    }
    drop(first);

    loop {
        let batch = watcher.next_batch();
        report::diagnostics(&batch.warnings, global);
        let _building = stop::lock(&building);
        if let Some(line) = changed_line(&batch, global.verbose) {
            report::status(global, &line);
        }
        builder.build(&shared, "Rebuilt");
        report::diagnostics(&watcher.update(&builder.config), global);
    }
}

/// Builds and records the outcome; prints the warnings and a closing line, or the
/// diagnostics.
struct Builder<'a> {
    settings: &'a Settings,
    /// The configuration of the last build that could read it (for the watcher).
    config: Config,
    /// Kept across builds: a rebuild highlights only the code blocks that changed and
    /// renders only the notes and pages whose inputs changed.
    session: Session,
}

impl<'a> Builder<'a> {
    fn new(settings: &'a Settings) -> Self {
        let mut builder = Builder {
            settings,
            config: Config::new(&settings.root),
            session: Self::session(settings),
        };
        builder.apply_overrides();
        builder
    }

    /// The session of every build. The author's tools (where a task is written, where
    /// to write its note) are on the served pages, unless the pages are also written
    /// to the output folder (`--write`): what is written there is what gets published.
    fn session(settings: &Settings) -> Session {
        let session = Session::incremental()
            .with_slow_notice(report::slow_notice(settings.global))
            .with_timings(settings.global.verbose);
        match settings.write {
            true => session,
            false => session.with_author_tools(),
        }
    }

    fn apply_overrides(&mut self) {
        if let Some(output) = &self.settings.output {
            self.config.output_dir = output.clone();
        }
    }

    fn build(&mut self, shared: &Shared, verb: &str) {
        let started = Instant::now();
        let mut fingerprint = None;
        let generated = Config::load(&self.settings.root).and_then(|config| {
            self.config = config;
            self.apply_overrides();
            // Read before the build: if the file changes during it, pages carry the
            // older fingerprint and a status change is refused rather than misapplied.
            let roadmap = std::fs::read(self.config.path(&self.config.roadmap));
            fingerprint = roadmap.ok().map(|bytes| crate::edit::fingerprint(&bytes));
            generate(&self.config, &self.session)
        });
        let generated = match generated {
            Ok(generated) => generated,
            Err(error) => {
                report::error(&error, self.settings.global);
                shared.failed(report::error_text(&error));
                let keeps = if shared.snapshot().site.is_some() {
                    "the last good site is still served"
                } else {
                    "the browser shows these errors"
                };
                let line = format!(
                    "Build failed in {} ms; {keeps}",
                    started.elapsed().as_millis()
                );
                report::status(self.settings.global, &line);
                return;
            }
        };
        let mut timings = self.session.stopwatch();
        report::diagnostics(&generated.warnings, self.settings.global);
        let written = self.write(&generated.output);
        timings.stage("report");
        let change = shared.succeeded_from(generated.output, fingerprint.as_deref());
        timings.stage("publish");
        let s = generated.summary;
        let what = match change {
            None => "no change".to_string(),
            Some(Change::Css) => "stylesheets swapped".to_string(),
            Some(_) => format!(
                "{}, {} ({})",
                plural(s.phases, "phase"),
                plural(s.tasks, "task"),
                crate::roadmap::done_text(s.done, s.tasks, s.skipped)
            ),
        };
        let warnings = match generated.warnings.len() {
            0 => String::new(),
            n => format!(", {}", plural(n, "warning")),
        };
        let line = format!(
            "{verb} in {} ms: {what}{warnings}{written}",
            started.elapsed().as_millis()
        );
        report::status(self.settings.global, &line);
    }

    /// With `--write`: writes the site as `build` does; problems are printed and the
    /// server goes on.
    fn write(&self, output: &SiteOutput) -> String {
        if !self.settings.write {
            return String::new();
        }
        match write_site(&self.config, output) {
            Ok(written) => {
                report::written(&written, self.settings.global);
                format!(" → {}/", self.config.output_dir.display())
            }
            Err(error) => {
                report::error(&error, self.settings.global);
                " (not written)".into()
            }
        }
    }

    /// The site's title (from `progress.json`), or the folder's name.
    fn title(&self, shared: &Shared) -> String {
        let site = shared.snapshot().site;
        site.as_ref()
            .and_then(|s| s.get("progress.json"))
            .and_then(|json| serde_json::from_slice::<serde_json::Value>(json).ok())
            .and_then(|v| v["title"].as_str().map(str::to_string))
            .unwrap_or_else(|| {
                let root = std::path::absolute(&self.settings.root).unwrap_or_default();
                let name = root.file_name().unwrap_or_default().to_string_lossy();
                format!("{name}/")
            })
    }
}

fn bind(address: SocketAddr) -> Result<TcpListener> {
    TcpListener::bind(address).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            Error::Refused {
                message: format!(
                    "port {} is already in use on {}",
                    address.port(),
                    address.ip()
                ),
                hint: "stop the program using it, or pick another port with --port N \
                       (--port 0 picks a free one)"
                    .into(),
            }
        } else {
            cannot_listen(address, &e)
        }
    })
}

fn cannot_listen(address: SocketAddr, error: &std::io::Error) -> Error {
    Error::Refused {
        message: format!("cannot listen on {address}: {error}"),
        hint: "pick another port with --port N (ports below 1024 need privileges) or \
               another address with --bind"
            .into(),
    }
}

/// The URL to print: `0.0.0.0` and `::` are not addresses a browser can open.
fn url_of(address: SocketAddr) -> String {
    let mut address = address;
    if address.ip().is_unspecified() {
        address.set_ip(if address.is_ipv4() {
            [127, 0, 0, 1].into()
        } else {
            std::net::Ipv6Addr::LOCALHOST.into()
        });
    }
    format!("http://{address}/")
}

/// `Changed: a.md, b.md`, the paths worth naming (all of them with `--verbose`, else
/// two and a count); `None` when the batch holds only a tool's scratch files.
fn changed_line(batch: &watch::Batch, all: bool) -> Option<String> {
    let mut changed: Vec<String> = batch.shown().map(|p| p.display().to_string()).collect();
    if changed.is_empty() {
        return None;
    }
    if changed.len() > 3 && !all {
        let more = changed.len() - 2;
        changed.truncate(2);
        changed.push(format!("{more} more"));
    }
    Some(format!("\nChanged: {}", changed.join(", ")))
}

/// Best effort: the system's "open" command; a failure is only a warning.
fn open_in_browser(url: &str, global: crate::cli::Global) {
    let (program, args): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("cmd", &["/C", "start", ""])
    } else {
        ("xdg-open", &[])
    };
    let spawned = std::process::Command::new(program)
        .args(args)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        // Reaped in the background so that it does not linger as a zombie.
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(e) => {
            let message = format!("could not open a browser ({program}: {e})");
            let hint = format!("open {url} yourself");
            report::problem(
                &Diagnostic::general(Warning, message).with_hint(hint),
                global,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changed_line_names_two_and_a_count_or_all_with_verbose() {
        let mut batch = watch::Batch::default();
        assert_eq!(changed_line(&batch, false), None);
        batch.paths = ["a.md", "b.md", "c.md", "d.md"].map(PathBuf::from).into();
        assert_eq!(
            changed_line(&batch, false).as_deref(),
            Some("\nChanged: a.md, b.md, 2 more")
        );
        assert_eq!(
            changed_line(&batch, true).as_deref(),
            Some("\nChanged: a.md, b.md, c.md, d.md")
        );
    }
}
