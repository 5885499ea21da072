//! Integration tests: one binary, every scenario on SQLite and PostgreSQL.

mod support;

mod accounts;
mod api;
mod cli;
mod groups;
mod jobs;
mod mail;
mod web;
