//! Parsed versions of the roadmap file, by git blob id ↔
//! `<site>/.roadmap-site-cache/history.json`, so that a rebuild parses only new
//! versions. The folder holds a `.gitignore` of `*`, so git never sees it.
//!
//! Compact on disk: task keys are stored once, each version as numbers
//! `key index × 4 + status index`. A cache written by another parser or vocabulary
//! (its `fingerprint` differs) is ignored and replaced.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::roadmap::Status;

const FILE: &str = "history.json";

#[derive(Serialize, Deserialize, Default)]
struct OnDisk {
    fingerprint: String,
    keys: Vec<String>,
    blobs: HashMap<String, Vec<u32>>,
}

/// The cache in memory.
pub struct Cache {
    dir: PathBuf,
    disk: OnDisk,
    key_ids: HashMap<String, u32>,
    used: HashSet<String>,
    dirty: bool,
}

impl Cache {
    /// Loads the cache of `site_root`; a missing, unreadable or outdated one is empty.
    pub fn open(site_root: &Path, fingerprint: &str) -> Cache {
        let dir = crate::cache_dir::path(site_root);
        let disk = std::fs::read(dir.join(FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<OnDisk>(&bytes).ok())
            .filter(|disk| disk.fingerprint == fingerprint)
            .unwrap_or_else(|| OnDisk {
                fingerprint: fingerprint.to_string(),
                ..OnDisk::default()
            });
        let key_ids = (0u32..)
            .zip(&disk.keys)
            .map(|(i, k)| (k.clone(), i))
            .collect();
        Cache {
            dir,
            disk,
            key_ids,
            used: HashSet::new(),
            dirty: false,
        }
    }

    /// The tasks of a version, when it was parsed before.
    pub fn get(&mut self, blob: &str) -> Option<Vec<(String, Status)>> {
        let codes = self.disk.blobs.get(blob)?;
        let mut tasks = Vec::with_capacity(codes.len());
        for &code in codes {
            let key = self.disk.keys.get((code / 4) as usize)?;
            tasks.push((key.clone(), Status::ALL[(code % 4) as usize]));
        }
        self.used.insert(blob.to_string());
        Some(tasks)
    }

    /// Remembers the tasks of a version.
    pub fn put(&mut self, blob: &str, tasks: &[(String, Status)]) {
        let codes = tasks
            .iter()
            .map(|(key, status)| {
                let next = self.disk.keys.len() as u32;
                let id = *self.key_ids.entry(key.clone()).or_insert_with(|| {
                    self.disk.keys.push(key.clone());
                    next
                });
                let status = Status::ALL.iter().position(|s| s == status).unwrap_or(2) as u32;
                id * 4 + status
            })
            .collect();
        self.disk.blobs.insert(blob.to_string(), codes);
        self.used.insert(blob.to_string());
        self.dirty = true;
    }

    /// Writes the cache when it changed, dropping versions no longer in the history.
    /// Errors are returned for the caller to mention; the build goes on without.
    pub fn save(mut self) -> std::io::Result<()> {
        if self.disk.blobs.len() != self.used.len() {
            self.disk.blobs.retain(|blob, _| self.used.contains(blob));
            self.dirty = true;
        }
        if !self.dirty {
            return Ok(());
        }
        let bytes = serde_json::to_vec(&self.disk).map_err(std::io::Error::other)?;
        crate::cache_dir::write(&self.dir.join(FILE), &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_survive_a_save_and_another_fingerprint_starts_afresh() {
        let dir = tempfile::tempdir().unwrap();
        let tasks = vec![
            ("a".to_string(), Status::Done),
            ("b".into(), Status::Skipped),
        ];
        let mut cache = Cache::open(dir.path(), "v1");
        assert!(cache.get("blob").is_none());
        cache.put("blob", &tasks);
        cache.save().unwrap();
        assert_eq!(Cache::open(dir.path(), "v1").get("blob"), Some(tasks));
        assert!(Cache::open(dir.path(), "v2").get("blob").is_none());
        let ignore =
            std::fs::read_to_string(crate::cache_dir::path(dir.path()).join(".gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == "*"));
    }
}
