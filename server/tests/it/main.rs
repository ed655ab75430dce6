//! The integration tests: one binary driving the real router from
//! `startup` in-process, on SQLite and on PostgreSQL. Laid out like the
//! features.

mod support;

mod answer;
mod bench_data;
mod appointment;
mod callback;
mod case;
mod case_sync;
mod case_system;
mod channel;
mod consent;
mod conversation;
mod document;
mod foundation;
mod logs;
mod installation;
mod klantinteracties;
mod login;
mod notice;
mod payment;
mod policy;
mod privacy;
mod processing_log;
mod publication;
mod resilience;
mod routing;
mod satisfaction;
mod security;
mod statistics;
mod workspace;
