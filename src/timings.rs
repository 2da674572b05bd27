//! `--verbose` (or `ROADMAP_SITE_TIMINGS=1` in the environment) → the wall time of
//! each build stage on stderr, to see where a build's time goes without a profiler.

use std::time::{Duration, Instant};

/// Environment variable that turns the timings on without `--verbose`.
pub const ENV: &str = "ROADMAP_SITE_TIMINGS";

/// Whether [`ENV`] is set to anything but `0` or the empty string.
pub fn from_env() -> bool {
    std::env::var_os(ENV).is_some_and(|v| !v.is_empty() && v != "0")
}

/// A stopwatch that prints one line per stage when enabled, nothing otherwise.
#[derive(Debug)]
pub struct Stopwatch {
    enabled: bool,
    start: Instant,
    last: Instant,
}

impl Stopwatch {
    /// Starts now; prints only if `enabled`.
    pub fn new(enabled: bool) -> Self {
        let now = Instant::now();
        Stopwatch {
            enabled,
            start: now,
            last: now,
        }
    }

    /// Ends the current stage and prints how long it took.
    pub fn stage(&mut self, name: &str) {
        let now = Instant::now();
        if self.enabled {
            eprintln!("timing: {name:<10} {}", ms(now - self.last));
        }
        self.last = now;
    }

    /// Prints the time since the stopwatch started.
    pub fn total(&self) {
        if self.enabled {
            eprintln!("timing: {:<10} {}", "total", ms(self.start.elapsed()));
        }
    }
}

fn ms(d: Duration) -> String {
    format!("{:8.2} ms", d.as_secs_f64() * 1000.0)
}
