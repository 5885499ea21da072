//! essaim-mail's tests of mail coming in: the reply corpus, reading
//! machine mail, the SMTP listener driven by real clients, and `mail-in`.

mod bench;
mod corpus;
mod fuzz;
mod listener;
mod mail_in;
mod reading;
mod support;
mod trim_bench;
