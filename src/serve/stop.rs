//! SIGINT or SIGTERM (Ctrl-C, `kill`, an IDE's stop button) → the process exits 0 once
//! the build under way, if any, has finished; a second signal exits at once (130).
//!
//! Handled explicitly rather than left to the default action, because a process
//! started with SIGINT ignored (`nohup … &`, some CI runners and IDE launchers)
//! would otherwise never stop on Ctrl-C.

use std::sync::{Arc, Mutex, MutexGuard};

use crate::cli::Global;
use crate::report;

/// Holds `building` for the duration of a build.
pub fn lock(building: &Mutex<()>) -> MutexGuard<'_, ()> {
    // Holds no data: a build that panicked leaves nothing inconsistent behind.
    building.lock().unwrap_or_else(|p| p.into_inner())
}

/// Waits for a stop signal, then for the build under way, then exits.
pub async fn on_signal(building: Arc<Mutex<()>>, global: Global) {
    let Some(mut signals) = Signals::new(global) else {
        return;
    };
    let first = signals.next().await;
    // Finishing the build (and its write, with --write) takes a blocking wait.
    std::thread::spawn(move || {
        let _finished = match building.try_lock() {
            Ok(idle) => idle,
            Err(_) => {
                let line = format!(
                    "\n{first}: stopping once the build under way has finished \
                     (again to stop now)…"
                );
                report::status(global, &line);
                lock(&building)
            }
        };
        report::status(global, &format!("\nStopped ({first})."));
        std::process::exit(0);
    });
    let second = signals.next().await;
    report::status(global, &format!("\nStopped during a build ({second})."));
    std::process::exit(130);
}

#[cfg(unix)]
struct Signals {
    interrupt: tokio::signal::unix::Signal,
    terminate: tokio::signal::unix::Signal,
}

#[cfg(unix)]
impl Signals {
    fn new(global: Global) -> Option<Signals> {
        use crate::diagnostic::{Diagnostic, Severity};
        use tokio::signal::unix::{SignalKind, signal};
        let listen = |kind| match signal(kind) {
            Ok(signal) => Some(signal),
            Err(e) => {
                let message = format!("cannot handle stop signals ({e})");
                let warning = Diagnostic::general(Severity::Warning, message)
                    .with_hint("stop serve with kill -9");
                report::problem(&warning, global);
                None
            }
        };
        Some(Signals {
            interrupt: listen(SignalKind::interrupt())?,
            terminate: listen(SignalKind::terminate())?,
        })
    }

    /// The name of the next signal.
    async fn next(&mut self) -> &'static str {
        tokio::select! {
            _ = self.interrupt.recv() => "SIGINT",
            _ = self.terminate.recv() => "SIGTERM",
        }
    }
}

#[cfg(not(unix))]
struct Signals;

#[cfg(not(unix))]
impl Signals {
    fn new(_global: Global) -> Option<Signals> {
        Some(Signals)
    }

    async fn next(&mut self) -> &'static str {
        let _ = tokio::signal::ctrl_c().await;
        "Ctrl-C"
    }
}
