//! How many live streams each session holds: a slot is taken when a
//! stream starts and given back when it ends (its connection closed).

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use tower_sessions::session::Id;

/// Streams per session, shared by the node's handlers.
pub type Counts = Arc<Mutex<HashMap<Id, usize>>>;

/// A held slot; dropping it gives it back.
pub struct Slot {
    counts: Counts,
    id: Id,
}

/// A slot for session `id`, unless it holds `max` already.
pub fn take(counts: &Counts, id: Id, max: usize) -> Option<Slot> {
    let mut held = counts.lock().unwrap_or_else(|p| p.into_inner());
    let n = held.entry(id).or_insert(0);
    if *n >= max {
        return None;
    }
    *n += 1;
    Some(Slot { counts: counts.clone(), id })
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut held = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = held.get_mut(&self.id) {
            *n -= 1;
            if *n == 0 {
                held.remove(&self.id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_holds_at_most_max_streams_and_gets_slots_back() {
        let counts = Counts::default();
        let id = Id::default();
        let first = take(&counts, id, 2).unwrap();
        let _second = take(&counts, id, 2).unwrap();
        assert!(take(&counts, id, 2).is_none());
        drop(first);
        assert!(take(&counts, id, 2).is_some());
        assert!(take(&counts, Id::default(), 2).is_some(), "another session has its own");
    }
}
