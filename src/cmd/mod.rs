//! One module per command of the binary.

pub mod build;
pub mod serve;
