//! The test harness, shared by every integration test: a site in a temporary folder
//! and the binary run in it (`site`), scripted git histories (`git`), `serve` and
//! HTTP over loopback (`server`), node and headless Chromium (`browser`).
#![allow(dead_code)]

pub mod browser;
pub mod git;
pub mod server;
pub mod site;

pub use site::{TestSite, repo};
