//! Business rules, one file per noun. Time comes in as an argument;
//! services never read the clock themselves. A service whose change must
//! be followed by something (delivery, live pages) returns it as
//! [`crate::backend::effect::Committed`].

pub mod answer;
pub mod bench_data;
pub mod appointment;
pub mod callback;
pub mod case;
pub mod case_sync;
pub mod case_type;
pub mod closed_day;
pub mod client_view;
pub mod consent;
pub mod data_export;
pub mod contact_address;
pub mod conversation;
pub mod document;
pub mod handover;
pub mod identity_link;
pub mod klantinteracties;
pub mod inbound;
pub mod login;
pub mod message;
pub mod municipality;
pub mod notice;
pub mod payment;
pub mod phone_call;
pub mod privacy_request;
pub mod publication;
pub mod processing_log;
pub mod relocation;
pub mod resident;
pub mod retention;
pub mod routing;
pub mod satisfaction;
pub mod search;
pub mod seed;
pub mod staff_member;
pub mod statistics;
pub mod team;
pub mod todo;
pub mod upload;
pub mod workload;
pub mod workspace;
