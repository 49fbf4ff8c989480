//! How idle workers look for new tasks: at once when this process queued one, else on
//! apalis's interval strategy, kept armed.
//!
//! apalis 1.0's polling wrapper ignores what a strategy's `poll_drive` returns, and its
//! interval strategy answers `Ready` without registering the waker for the next tick. A
//! worker that polls an empty queue at the wrong moment then sleeps until its heartbeat
//! (seconds) instead of the next tick (milliseconds). Polling the inner strategy until it
//! answers `Pending` always leaves a waker registered for the next tick.

use std::task::{Context, Poll};
use std::time::Duration;

use apalis::prelude::{PollSnapshot, PollStrategy, Strategy};
use futures::channel::mpsc::UnboundedReceiver;

/// A strategy that never loses its wake-up.
pub struct Rearmed<S>(S);

/// Wakes when `pushed` says this process queued a task, and every `every` for tasks
/// queued by other processes or scheduled for later.
pub fn pushed_or_every(pushed: UnboundedReceiver<()>, every: Duration) -> Rearmed<Strategy> {
    Rearmed(Strategy::new().stream(pushed).interval(every))
}

impl<S: PollStrategy> PollStrategy for Rearmed<S> {
    fn poll_drive(&mut self, cx: &mut Context<'_>, snapshot: &PollSnapshot) -> Poll<Option<()>> {
        let mut fired = false;
        for _ in 0..64 {
            match self.0.poll_drive(cx, snapshot) {
                Poll::Ready(Some(())) => fired = true,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending if fired => return Poll::Ready(Some(())),
                Poll::Pending => return Poll::Pending,
            }
        }
        // Always ready: make sure we are polled again.
        cx.waker().wake_by_ref();
        Poll::Ready(Some(()))
    }

    fn on_poll(&mut self, snapshot: &PollSnapshot) {
        self.0.on_poll(snapshot);
    }
}
