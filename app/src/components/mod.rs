//! Reusable UI pieces.

pub mod case_card;
pub mod channel_choice;
pub mod error_notice;
pub mod form_feedback;
pub mod higher_level;
pub mod language_switch;
pub mod layout;
pub mod live_notice;
pub mod logout;
pub mod menu;
pub mod message;
pub mod satisfaction;
pub mod session_timer;
pub mod slot_picker;
pub mod staff_frame;
