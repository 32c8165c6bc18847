//! One pace for all the workers of a bulk run (import): the server's rate limit, learned
//! from its 429 answers, shared by every request of the run.
//!
//! - Every 429 informs it: the hint the server gives (`Retry-After`, `RateLimit`/
//!   `X-RateLimit-Reset`; see [`crate::transport`]) or, without one, a backoff that grows
//!   with the 429s met in a row. Until then no worker sends anything.
//! - The requests allowed in flight are halved at a 429 (once per burst: the answers to
//!   requests sent before the cut do not cut again) and grow back by one per window of
//!   successes, additive increase / multiplicative decrease as TCP and AWS's adaptive retry
//!   mode do.
//! - A 429 never uses up an item's own retries while the run makes progress; a run that has
//!   had no success for [`GIVE_UP_AFTER`] stops ([`Verdict::GiveUp`]): a plan quota or a
//!   daily limit does not pass by waiting.
//!
//! Single commands have no pace and keep the per-request rules of the transport.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How long a run may go without one success while it is rate limited before it stops.
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(300);
/// The variable that changes [`GIVE_UP_AFTER`] (whole seconds), for jobs that would rather
/// wait longer for a daily limit, or stop sooner.
pub const GIVE_UP_ENV: &str = "SECRETCTL_RATE_LIMIT_GIVE_UP";
/// Backoff after a 429 that carries no hint: 250 ms doubling with each 429 in a row, up to 8 s.
const BACKOFF_START: Duration = Duration::from_millis(250);
const BACKOFF_MAX: Duration = Duration::from_secs(8);
/// Successes remembered for the rate shown on the progress bar.
const RATE_WINDOW: Duration = Duration::from_secs(5);

/// What a worker does after a 429.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Wait for a slot again (the hold is in force) and resend.
    Retry,
    /// The run made no progress for too long: stop.
    GiveUp,
}

/// Why a worker may not send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Ctrl-C, SIGTERM or SIGHUP: nothing new is sent.
    Interrupted,
    /// The run gave up on the rate limit.
    GaveUp,
}

#[derive(Debug)]
struct State {
    /// Requests allowed in flight; fractional so that it grows by one per `limit` successes.
    limit: f64,
    in_flight: usize,
    /// No request is sent before this.
    hold_until: Option<Instant>,
    /// When the allowance was last cut: a 429 to a request sent before that is the same burst.
    last_cut: Option<Instant>,
    last_progress: Instant,
    /// 429s in a row without a success between them (for the backoff without a hint).
    in_a_row: u32,
    gave_up: bool,
    /// The run is checking its unsure items before the report: a signal no longer stops it.
    finishing: bool,
    recent: VecDeque<Instant>,
    limited: u64,
}

#[derive(Debug)]
pub struct Pace {
    state: Mutex<State>,
    changed: Condvar,
    max: usize,
    give_up_after: Duration,
}

/// A slot in flight; given back when dropped.
pub struct Permit<'a> {
    pace: &'a Pace,
    /// When the request was allowed out (to tell which burst a 429 belongs to).
    pub sent_at: Instant,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut s = self.pace.lock();
        s.in_flight = s.in_flight.saturating_sub(1);
        drop(s);
        self.pace.changed.notify_all();
    }
}

impl Pace {
    /// A pace for a run of at most `max` requests in flight.
    pub fn new(max: usize, give_up_after: Duration) -> Pace {
        let max = max.max(1);
        Pace {
            state: Mutex::new(State {
                limit: max as f64,
                in_flight: 0,
                hold_until: None,
                last_cut: None,
                last_progress: Instant::now(),
                in_a_row: 0,
                gave_up: false,
                finishing: false,
                recent: VecDeque::new(),
                limited: 0,
            }),
            changed: Condvar::new(),
            max,
            give_up_after,
        }
    }

    /// The give-up time from [`GIVE_UP_ENV`], else [`GIVE_UP_AFTER`].
    pub fn give_up_from_env() -> Duration {
        std::env::var(GIVE_UP_ENV)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map_or(GIVE_UP_AFTER, Duration::from_secs)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A worker that panicked holding the lock leaves a state still worth using.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Wait until no hold is in force and fewer requests than allowed are in flight.
    pub fn acquire(&self) -> Result<Permit<'_>, Stop> {
        let mut s = self.lock();
        loop {
            if s.gave_up {
                return Err(Stop::GaveUp);
            }
            if crate::signals::interrupted() && !s.finishing {
                return Err(Stop::Interrupted);
            }
            let now = Instant::now();
            let wait = match s.hold_until {
                Some(t) if t > now => Some(t - now),
                _ => {
                    s.hold_until = None;
                    if (s.in_flight as f64) < s.limit.floor().max(1.0) {
                        s.in_flight += 1;
                        return Ok(Permit {
                            pace: self,
                            sent_at: now,
                        });
                    }
                    None
                }
            };
            // Wake at the end of the hold, when a slot is given back, or to look at the
            // signal flag.
            let slice = wait
                .unwrap_or(Duration::from_millis(100))
                .min(Duration::from_millis(100));
            s = self
                .changed
                .wait_timeout(s, slice)
                .map(|(g, _)| g)
                .unwrap_or_else(|p| p.into_inner().0);
        }
    }

    /// A request of the run succeeded.
    pub fn success(&self) {
        let mut s = self.lock();
        let now = Instant::now();
        s.last_progress = now;
        s.in_a_row = 0;
        s.limit = (s.limit + 1.0 / s.limit.max(1.0)).min(self.max as f64);
        s.recent.push_back(now);
        while s.recent.front().is_some_and(|t| now - *t > RATE_WINDOW) {
            s.recent.pop_front();
        }
        drop(s);
        self.changed.notify_all();
    }

    /// A request sent at `sent_at` was answered 429, with the server's `hint` of when to try
    /// again if it gave one.
    pub fn limited(&self, sent_at: Instant, hint: Option<Duration>) -> Verdict {
        let mut s = self.lock();
        let now = Instant::now();
        s.limited += 1;
        if now.duration_since(s.last_progress) >= self.give_up_after {
            s.gave_up = true;
            drop(s);
            self.changed.notify_all();
            return Verdict::GiveUp;
        }
        let same_burst = s.last_cut.is_some_and(|c| sent_at < c);
        if !same_burst {
            s.in_a_row = s.in_a_row.saturating_add(1);
            s.limit = (s.limit / 2.0).max(1.0);
            s.last_cut = Some(now);
        }
        // The server's hint; but 429s in a row with no success between them wait at least
        // the backoff, so that a `Retry-After: 0` that keeps coming is no busy loop.
        let wait = match hint {
            Some(h) if s.in_a_row <= 1 => h,
            Some(h) => h.max(backoff(s.in_a_row - 1)),
            None => backoff(s.in_a_row),
        };
        let until = now + wait;
        if s.hold_until.is_none_or(|h| h < until) {
            s.hold_until = Some(until);
        }
        drop(s);
        self.changed.notify_all();
        Verdict::Retry
    }

    /// The server said, in a successful answer, that no request is left until `wait` from
    /// now (`X-RateLimit-Remaining: 0`): hold without waiting for the 429.
    pub fn exhausted(&self, wait: Duration) {
        let mut s = self.lock();
        let until = Instant::now() + wait;
        if s.hold_until.is_none_or(|h| h < until) {
            s.hold_until = Some(until);
        }
    }

    /// The work is over and the run checks what it left unsure (one list call): that call
    /// goes out even after the first signal, so the report is true (a second signal still
    /// ends the process at once).
    pub fn finishing(&self) {
        self.lock().finishing = true;
    }

    /// How long the run may go without a success before it stops.
    pub fn give_up_after(&self) -> Duration {
        self.give_up_after
    }

    /// Whether the run gave up on the rate limit.
    pub fn gave_up(&self) -> bool {
        self.lock().gave_up
    }

    /// How much longer every request waits for the rate limit, if a hold is in force.
    pub fn waiting(&self) -> Option<Duration> {
        let s = self.lock();
        let now = Instant::now();
        s.hold_until.filter(|t| *t > now).map(|t| t - now)
    }

    /// Successes per second over the last few seconds.
    pub fn rate(&self) -> f64 {
        let s = self.lock();
        let now = Instant::now();
        let n = s.recent.iter().filter(|t| now - **t <= RATE_WINDOW).count();
        let span = s
            .recent
            .front()
            .map_or(RATE_WINDOW, |t| (now - *t).max(Duration::from_millis(500)))
            .min(RATE_WINDOW);
        n as f64 / span.as_secs_f64()
    }

    /// 429 answers met in the run.
    pub fn limited_count(&self) -> u64 {
        self.lock().limited
    }

    #[cfg(test)]
    fn limit(&self) -> f64 {
        self.lock().limit
    }
}

/// 250 ms doubling with each 429 in a row, capped, with up to 20 % jitter.
fn backoff(in_a_row: u32) -> Duration {
    let base = BACKOFF_START
        .saturating_mul(1u32 << in_a_row.saturating_sub(1).min(10))
        .min(BACKOFF_MAX);
    base + base.mul_f64(fastrand::f64() * 0.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_429_halves_once_per_burst_and_successes_grow_it_back() {
        let p = Pace::new(8, GIVE_UP_AFTER);
        let early = Instant::now();
        assert_eq!(p.limited(early, Some(Duration::ZERO)), Verdict::Retry);
        assert_eq!(p.limit(), 4.0);
        // Another answer of the same burst (sent before the cut) does not cut again.
        assert_eq!(p.limited(early, Some(Duration::ZERO)), Verdict::Retry);
        assert_eq!(p.limit(), 4.0);
        // A request sent after the cut that meets 429 cuts again.
        std::thread::sleep(Duration::from_millis(2));
        p.limited(Instant::now(), Some(Duration::ZERO));
        assert_eq!(p.limit(), 2.0);
        for _ in 0..200 {
            p.success();
        }
        assert_eq!(p.limit(), 8.0, "grows back, never past the maximum");
        for _ in 0..10 {
            std::thread::sleep(Duration::from_millis(1));
            p.limited(Instant::now(), Some(Duration::ZERO));
        }
        assert_eq!(p.limit(), 1.0, "never below one");
    }

    #[test]
    fn the_hold_stops_every_worker_until_it_ends() {
        let p = Pace::new(4, GIVE_UP_AFTER);
        p.limited(Instant::now(), Some(Duration::from_millis(300)));
        assert!(p.waiting().is_some());
        let start = Instant::now();
        let permit = p.acquire().expect("a slot after the hold");
        let waited = start.elapsed();
        assert!(waited >= Duration::from_millis(250), "{waited:?}");
        assert!(permit.sent_at >= start);
        assert!(p.waiting().is_none());
    }

    #[test]
    fn in_flight_never_exceeds_the_allowance() {
        let p = Pace::new(2, GIVE_UP_AFTER);
        let a = p.acquire().unwrap();
        let _b = p.acquire().unwrap();
        let start = Instant::now();
        std::thread::scope(|s| {
            s.spawn(|| {
                std::thread::sleep(Duration::from_millis(150));
                drop(a);
            });
            let _c = p.acquire().unwrap();
            assert!(start.elapsed() >= Duration::from_millis(140));
        });
    }

    #[test]
    fn no_progress_for_the_give_up_time_stops_the_run() {
        let p = Pace::new(4, Duration::from_millis(50));
        assert_eq!(p.limited(Instant::now(), None), Verdict::Retry);
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(p.limited(Instant::now(), None), Verdict::GiveUp);
        assert!(p.gave_up());
        assert_eq!(p.acquire().err(), Some(Stop::GaveUp));
        // Progress in time keeps the run going.
        let p = Pace::new(4, Duration::from_millis(50));
        for _ in 0..3 {
            std::thread::sleep(Duration::from_millis(30));
            p.success();
            assert_eq!(
                p.limited(Instant::now(), Some(Duration::ZERO)),
                Verdict::Retry
            );
        }
    }

    #[test]
    fn backoff_without_a_hint_doubles_and_is_capped() {
        let b1 = backoff(1);
        assert!(b1 >= BACKOFF_START && b1 <= BACKOFF_START.mul_f64(1.2));
        let b3 = backoff(3);
        assert!(b3 >= Duration::from_millis(1000) && b3 <= Duration::from_millis(1200));
        assert!(backoff(40) <= BACKOFF_MAX.mul_f64(1.2));
    }
}
