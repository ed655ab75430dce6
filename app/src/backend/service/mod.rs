//! Business rules, one file per noun. Time comes in as an argument;
//! services never read the clock themselves.

pub mod answer;
pub mod appointment;
pub mod callback;
pub mod case;
pub mod case_type;
pub mod consent;
pub mod conversation;
pub mod document;
pub mod inbound;
pub mod login;
pub mod municipality;
pub mod notification;
pub mod phone_call;
pub mod routing;
pub mod seed;
