//! Integration tests: one binary, every scenario on SQLite and PostgreSQL.

mod support;

mod access_matrix;
mod accounts;
mod activity;
mod admin;
mod api;
mod audience;
mod cli;
mod directory;
mod discussions;
mod discussions_mail;
mod groups;
mod health;
mod jobs;
mod mail;
mod mail_transports;
mod meetings;
mod news;
mod newsletter;
mod polls;
mod projects;
mod resources;
mod scale;
mod usages;
mod web;
mod wiki;
