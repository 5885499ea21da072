//! Integration tests: one binary, every scenario on SQLite and PostgreSQL.

mod support;

mod accounts;
mod api;
mod jobs;
mod mail;
mod web;
