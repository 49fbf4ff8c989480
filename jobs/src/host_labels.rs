//! The `host` label of delivery metrics, bounded: the first hosts a process delivers to
//! keep their own label, every later one counts as `other`, so no remote server can grow
//! the metrics without end.

use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};

/// How many hosts get a label of their own.
pub const MAX_HOST_LABELS: usize = 200;

/// The label deliveries to hosts past the bound are counted under.
pub const OTHER: &str = "other";

static LABELLED: LazyLock<Mutex<HashSet<String>>> = LazyLock::new(Mutex::default);

/// The label to count a delivery to `host` under.
pub fn host_label(host: &str) -> String {
    label_in(&LABELLED, MAX_HOST_LABELS, host)
}

fn label_in(labelled: &Mutex<HashSet<String>>, bound: usize, host: &str) -> String {
    let mut labelled = labelled
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if labelled.contains(host) {
        return host.to_owned();
    }
    if labelled.len() < bound {
        labelled.insert(host.to_owned());
        return host.to_owned();
    }
    OTHER.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_past_the_bound_are_other() {
        let labelled = Mutex::default();
        for n in 0..3 {
            assert_eq!(label_in(&labelled, 3, &format!("h{n}")), format!("h{n}"));
        }
        assert_eq!(label_in(&labelled, 3, "late.example"), OTHER);
        assert_eq!(label_in(&labelled, 3, "h1"), "h1");
        assert_eq!(labelled.lock().unwrap().len(), 3);
    }
}
