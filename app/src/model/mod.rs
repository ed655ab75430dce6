//! Wire types shared by server and browser: validated ids and the
//! summaries pages show. Database rows never appear here.

pub mod answer;
pub mod appointment;
pub mod callback;
pub mod case;
pub mod case_type;
pub mod closed_day;
pub mod client_view;
pub mod consent;
pub mod conversation;
pub mod data_export;
pub mod ids;
pub mod municipality;
pub mod contact_address;
pub mod phone_call;
pub mod privacy_request;
pub mod processing_log;
pub mod resident;
pub mod retention;
pub mod satisfaction;
pub mod session;
pub mod staff_member;
pub mod statistics;
pub mod workload;
