//! The output folder's parent → an exclusive lock, held while one build writes there,
//! so that two builds into one output folder (two terminals, `serve --write` beside a
//! `build`) take turns instead of each taking the other's staging folder for a
//! leftover of a killed build.
//!
//! The lock is `flock` on the parent folder itself: no lock file is left beside the
//! site, and the system drops the lock when a process dies, so a killed build never
//! leaves a stale one. Elsewhere than on unix, builds are not locked.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// How long a build waits for another one writing into the same folder.
const PATIENCE: Duration = Duration::from_secs(120);

/// Held until dropped.
pub struct WriteLock {
    #[cfg(unix)]
    _folder: std::fs::File,
}

impl WriteLock {
    /// Waits (at most [`PATIENCE`]) until no other roadmap-site writes into `dir`.
    pub fn acquire(dir: &Path) -> Result<WriteLock> {
        let parent = dir.parent().unwrap_or(Path::new("."));
        #[cfg(unix)]
        {
            use rustix::fs::{FlockOperation, flock};
            let folder = std::fs::File::open(parent).map_err(|e| Error::io(parent, e))?;
            let started = Instant::now();
            let mut pause = Duration::from_millis(5);
            loop {
                match flock(&folder, FlockOperation::NonBlockingLockExclusive) {
                    Ok(()) => return Ok(WriteLock { _folder: folder }),
                    Err(rustix::io::Errno::WOULDBLOCK) if started.elapsed() < PATIENCE => {
                        // Another build finishes in a second or so: a short, growing
                        // pause keeps this one close behind without spinning.
                        std::thread::sleep(pause);
                        pause = (pause * 2).min(Duration::from_millis(200));
                    }
                    Err(rustix::io::Errno::WOULDBLOCK) => {
                        return Err(Error::Refused {
                            message: format!(
                                "another roadmap-site has been writing into {} for {} s",
                                dir.display(),
                                PATIENCE.as_secs()
                            ),
                            hint: "let it finish, or stop it (a `serve --write` or a `build` \
                                   in another terminal), then build again"
                                .into(),
                        });
                    }
                    // A filesystem without locks: build unlocked, as elsewhere.
                    Err(_) => return Ok(WriteLock { _folder: folder }),
                }
            }
        }
        #[cfg(not(unix))]
        {
            let _ = (parent, Instant::now(), PATIENCE);
            Ok(WriteLock {})
        }
    }
}
