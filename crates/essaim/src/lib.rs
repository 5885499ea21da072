//! The Essaim binary's library: configuration, server start-up, command-line
//! tasks and demo content. `main.rs` only parses arguments and calls in here,
//! so integration tests start the very same server.

pub mod backup;
pub mod cli;
pub mod config;
pub mod demo;
pub mod import;
pub mod mail;
pub mod server;

pub use config::Config;
