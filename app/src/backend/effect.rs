//! What must happen after a change committed: wake this node's notice
//! delivery, its relocation job, its download maker or its case fetcher,
//! tell open pages on every node.
//! Services return it with their result ([`Committed`]); one function,
//! `AppState::apply` (in `state`), carries it out, so no caller can forget
//! a part and none runs for a change that was rolled back.

use crate::backend::live::LiveEvent;

/// The effects of one committed change; empty by default.
#[must_use = "effects do nothing until applied: state.apply(..)"]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Effects {
    /// A notice was queued: deliver now rather than at the next tick.
    pub deliver: bool,
    /// An address change was queued: act on it now.
    pub relocate: bool,
    /// A download of all data was asked for: make it now.
    pub export: bool,
    /// Cases were queued to be fetched from the case system: fetch them now.
    pub fetch_cases: bool,
    /// Events for open pages.
    pub announce: Vec<LiveEvent>,
}

impl Effects {
    pub fn none() -> Effects {
        Effects::default()
    }

    pub fn deliver() -> Effects {
        Effects { deliver: true, ..Effects::default() }
    }

    pub fn relocate() -> Effects {
        Effects { relocate: true, ..Effects::default() }
    }

    pub fn export() -> Effects {
        Effects { export: true, ..Effects::default() }
    }

    pub fn fetch_cases() -> Effects {
        Effects { fetch_cases: true, ..Effects::default() }
    }

    pub fn announce(event: LiveEvent) -> Effects {
        Effects { announce: vec![event], ..Effects::default() }
    }

    /// Both: what this change and `other` need.
    pub fn and(mut self, other: Effects) -> Effects {
        self.deliver |= other.deliver;
        self.relocate |= other.relocate;
        self.export |= other.export;
        self.fetch_cases |= other.fetch_cases;
        for event in other.announce {
            if !self.announce.contains(&event) {
                self.announce.push(event);
            }
        }
        self
    }
}

/// A result whose change committed, with what must follow it.
#[must_use = "apply its effects: state.apply(..)"]
#[derive(Debug)]
pub struct Committed<T> {
    pub value: T,
    pub effects: Effects,
}

impl<T> Committed<T> {
    pub fn new(value: T, effects: Effects) -> Committed<T> {
        Committed { value, effects }
    }

    /// A result that needs nothing after it.
    pub fn only(value: T) -> Committed<T> {
        Committed { value, effects: Effects::none() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::CallbackId;

    #[test]
    fn effects_add_up_without_repeating_an_event() {
        let event = LiveEvent::Callback { callback: CallbackId(uuid::Uuid::from_u128(1)) };
        let both = Effects::deliver().and(Effects::announce(event)).and(Effects::announce(event));
        assert!(both.deliver && !both.relocate);
        assert_eq!(both.announce, vec![event]);
        assert!(Effects::none() == Effects::default() && both != Effects::none());
    }
}
