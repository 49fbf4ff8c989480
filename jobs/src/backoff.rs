//! When a failed delivery is tried again: sooner at first, then ever later, for about four
//! days in all.

use std::time::Duration;

use rand::Rng;

/// Attempts in all, the first included (Mastodon tries 16 times too).
pub const MAX_ATTEMPTS: u32 = 16;

/// Attempts at a fetch of ours (a reply's parent, a remote picture) whose server did not
/// answer: about half an hour of trying, as what is fetched matters less once it is old.
pub const FETCH_ATTEMPTS: u32 = 6;

/// How long to wait after failed attempt number `attempt` (1 for the first): 15 s plus
/// 1.9·attempt⁴ s, plus up to a tenth more so that retries of one burst spread out.
pub fn delay(attempt: u32) -> Duration {
    let base = 15.0 + 1.9 * f64::from(attempt).powi(4);
    let jitter = rand::thread_rng().gen_range(0.0..=0.1);
    Duration::from_secs_f64(base * (1.0 + jitter))
}

/// The delay after `attempt`, or the server's `Retry-After` when it asked for longer (up to
/// a day, so that no server parks a delivery forever).
pub fn delay_honouring(attempt: u32, retry_after: Option<Duration>) -> Duration {
    let ours = delay(attempt);
    match retry_after {
        Some(theirs) if theirs > ours => theirs.min(Duration::from_secs(24 * 3600)),
        _ => ours,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_span_about_four_days() {
        let total: Duration = (1..MAX_ATTEMPTS).map(delay).sum();
        let days = total.as_secs_f64() / 86_400.0;
        assert!((3.5..=4.8).contains(&days), "{days} days");
        assert!(delay(1) < Duration::from_secs(20));
        assert!(delay(2) < delay(3));
    }

    #[test]
    fn fetches_are_tried_for_about_half_an_hour() {
        let total: Duration = (1..FETCH_ATTEMPTS).map(delay).sum();
        let minutes = total.as_secs_f64() / 60.0;
        assert!((25.0..=40.0).contains(&minutes), "{minutes} minutes");
    }

    #[test]
    fn retry_after_only_lengthens() {
        let short = Some(Duration::from_secs(1));
        assert!(delay_honouring(1, short) >= Duration::from_secs(15));
        let long = Some(Duration::from_secs(600));
        assert_eq!(delay_honouring(1, long), Duration::from_secs(600));
        let absurd = Some(Duration::from_secs(10 * 86_400));
        assert_eq!(delay_honouring(1, absurd), Duration::from_secs(86_400));
    }
}
