//! One pace for all the workers of a bulk run (import, sync): the server's rate limit,
//! learned from its answers, shared by every request of the run.
//!
//! - Where the server says how much is left (`X-RateLimit-Remaining` with `X-RateLimit-Limit`,
//!   or the `RateLimit-*` forms; see [`crate::transport::rate_budget`]), the run keeps a model
//!   of the server's bucket ([`Model`]): what each answer said was left, less what was sent
//!   since, plus what the server gives back at the rate learned from consecutive answers. A
//!   request goes out only when the model holds a whole request for it, so a run that never
//!   meets a 429 is the ideal one.
//! - Without such headers, the 429s teach it ([`Learner`]): the throughput the server accepted
//!   between two 429s is its rate (as BBR measures delivery rate). The run is spaced at that
//!   rate, a little above it where a 429 costs little (no hint: the hold is the client's
//!   own, short); where it costs a whole `Retry-After`, at it, and it climbs past it only after
//!   a quiet spell that grows with the cost.
//! - Every 429 holds every worker: for the server's hint (`Retry-After`, `RateLimit`/
//!   `X-RateLimit-Reset`) or, without one, a short hold that doubles with the 429s met in a
//!   row (25 ms to 8 s).
//! - The requests allowed in flight are halved at a 429 (once per burst: the answers to
//!   requests sent before the cut do not cut again) and grow back by one per window of
//!   successes, additive increase / multiplicative decrease.
//! - A 429 never uses up an item's own retries while the run makes progress; a run that has
//!   had no success for [`GIVE_UP_AFTER`] stops ([`Verdict::GiveUp`]): a plan quota or a
//!   daily limit does not pass by waiting.
//!
//! The rules are [`Core`]'s, a state machine that is given the time of every event, so the
//! unit tests drive it with a simulated clock and server; [`Pace`] is that core behind a
//! lock, on the real clock. Single commands have no pace and keep the per-request rules of
//! the transport.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How long a run may go without one success while it is rate limited before it stops.
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(300);
/// The variable that changes [`GIVE_UP_AFTER`] (whole seconds), for jobs that would rather
/// wait longer for a daily limit, or stop sooner.
pub const GIVE_UP_ENV: &str = "SECRETCTL_RATE_LIMIT_GIVE_UP";
/// Hold after a 429 that carries no hint: 25 ms doubling with each 429 in a row, up to 8 s.
/// Short, because such a 429 costs only the hold the client chooses.
const HOLD_START: Duration = Duration::from_millis(25);
const HOLD_MAX: Duration = Duration::from_secs(8);
/// A wait for the server's allowance this long is worth showing (the bar is redrawn every
/// 200 ms).
const SHOWN_WAIT: Duration = Duration::from_millis(200);
/// Send times kept for the model and the learner (older ones no longer matter).
const HISTORY: Duration = Duration::from_secs(10);

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

/// What an answer said about the server's limit (`X-RateLimit-*` or `RateLimit-*` headers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Requests the server allows at once (its bucket, or its window's limit).
    pub limit: u32,
    /// Requests left after this one.
    pub remaining: u32,
    /// How long until the server's allowance is whole again, if it said.
    pub reset: Option<Duration>,
}

/// The rules of the pace, given the time of every event (no clock of its own).
#[derive(Debug)]
pub struct Core {
    max: usize,
    give_up_after: Duration,
    /// Requests allowed in flight; fractional so that it grows by one per `limit` successes.
    limit: f64,
    in_flight: usize,
    /// No request is sent before this.
    hold_until: Option<Instant>,
    /// When the allowance was last cut: a 429 to a request sent before that is the same burst.
    last_cut: Option<Instant>,
    last_progress: Instant,
    /// 429s in a row without a success between them (for the hold without a hint).
    in_a_row: u32,
    gave_up: bool,
    limited: u64,
    /// When each request still worth remembering was sent (a 429's is taken out again: the
    /// server took nothing for it).
    sent: VecDeque<Instant>,
    model: Option<Model>,
    learner: Learner,
}

impl Core {
    /// A pace for at most `max` requests in flight, starting at `now`.
    pub fn new(max: usize, give_up_after: Duration, now: Instant) -> Core {
        let max = max.max(1);
        Core {
            max,
            give_up_after,
            limit: max as f64,
            in_flight: 0,
            hold_until: None,
            last_cut: None,
            last_progress: now,
            in_a_row: 0,
            gave_up: false,
            limited: 0,
            sent: VecDeque::new(),
            model: None,
            learner: Learner::new(now),
        }
    }

    /// Send now (`Ok`, the request is counted in flight) or how long to wait at most before
    /// asking again (`Err`; `None`: until a slot is given back).
    pub fn try_send(&mut self, now: Instant) -> Result<(), Option<Duration>> {
        if let Some(t) = self.hold_until {
            if t > now {
                return Err(Some(t - now));
            }
            self.hold_until = None;
        }
        if (self.in_flight as f64) >= self.limit.floor().max(1.0) {
            return Err(None);
        }
        let wait = match &self.model {
            Some(m) => m.wait(now, &self.sent),
            None => self.learner.wait(now),
        };
        if let Some(w) = wait {
            return Err(Some(w));
        }
        if self.model.is_none() {
            self.learner.take();
        }
        self.in_flight += 1;
        remember(&mut self.sent, now, now);
        Ok(())
    }

    /// A request's answer came (whatever it was): its slot is free.
    pub fn returned(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
    }

    /// The request sent at `sent_at` succeeded, answered at `now` with `budget` if the
    /// server said what is left.
    pub fn success(&mut self, now: Instant, sent_at: Instant, budget: Option<Budget>) {
        self.last_progress = now;
        self.in_a_row = 0;
        self.limit = (self.limit + 1.0 / self.limit.max(1.0)).min(self.max as f64);
        if let Some(b) = budget {
            self.observe(now, sent_at, b, false);
        }
        self.learner.succeeded(now, sent_at);
    }

    fn observe(&mut self, now: Instant, sent_at: Instant, b: Budget, refused: bool) {
        match &mut self.model {
            Some(m) => m.observe(now, sent_at, b, &self.sent, refused),
            None => self.model = Some(Model::new(now, sent_at, b)),
        }
    }

    /// The request sent at `sent_at` was answered 429 at `now`, with the server's `hint` of
    /// when to try again and what it said is left, if it did.
    pub fn limited(
        &mut self,
        now: Instant,
        sent_at: Instant,
        hint: Option<Duration>,
        budget: Option<Budget>,
    ) -> Verdict {
        self.limited += 1;
        if let Some(i) = self.sent.iter().rposition(|t| *t == sent_at) {
            self.sent.remove(i);
        }
        if now.duration_since(self.last_progress) >= self.give_up_after {
            self.gave_up = true;
            return Verdict::GiveUp;
        }
        let same_burst = self.last_cut.is_some_and(|c| sent_at < c);
        if self.model.is_some() || budget.is_some() {
            let b = budget.unwrap_or(Budget {
                limit: self.model.as_ref().map_or(1, |m| m.limit as u32),
                remaining: 0,
                reset: None,
            });
            self.observe(now, sent_at, Budget { remaining: 0, ..b }, !same_burst);
        }
        if !same_burst {
            self.in_a_row = self.in_a_row.saturating_add(1);
            self.limit = (self.limit / 2.0).max(1.0);
            self.last_cut = Some(now);
        }
        // The server's hint; but 429s in a row with no success between them wait at least
        // the hold without one, so that a `Retry-After: 0` that keeps coming is no busy loop.
        let wait = match hint {
            Some(h) if self.in_a_row <= 1 => h,
            Some(h) => h.max(hold(self.in_a_row - 1)),
            None => hold(self.in_a_row),
        };
        // Never past the give-up time: the rule is checked when the next 429 comes.
        let left = self
            .give_up_after
            .saturating_sub(now.duration_since(self.last_progress));
        let until = now + wait.min(left.max(Duration::from_millis(50)));
        if !same_burst {
            self.learner.throttled(now, sent_at, until - now);
        }
        if self.hold_until.is_none_or(|h| h < until) {
            self.hold_until = Some(until);
        }
        Verdict::Retry
    }

    /// How much longer every request waits for the rate limit: a hold in force, or the
    /// server's allowance (as its `X-RateLimit-*` answers describe it) spent for at least
    /// [`SHOWN_WAIT`].
    pub fn waiting(&self, now: Instant) -> Option<Duration> {
        let hold = self.hold_until.filter(|t| *t > now).map(|t| t - now);
        hold.or_else(|| {
            self.model
                .as_ref()
                .and_then(|m| m.wait(now, &self.sent))
                .filter(|w| *w >= SHOWN_WAIT)
        })
    }

    /// The requests per second the run allows itself now, if it is pacing.
    pub fn pace(&self) -> Option<f64> {
        match &self.model {
            Some(m) => Some(m.rate),
            None => self.learner.fill,
        }
    }
}

/// The server's bucket as its `X-RateLimit-*` answers describe it: what the last answer said
/// was left, at the time its request was sent (the server's clock is not ours: the send time
/// stands for it), and the rate it refills at, learned from answers at least
/// [`MEASURE_SPAN`] apart.
#[derive(Debug)]
struct Model {
    limit: f64,
    /// The newest answer: when its request was sent, and what it said was left.
    at: Instant,
    tokens: f64,
    /// When the server said its allowance is whole again.
    full_at: Option<Instant>,
    /// Requests per second the server gives back.
    rate: f64,
    /// The answer the rate is next measured from.
    anchor: (Instant, f64),
    /// Whether the rate was ever measured (else it is still being found, doubling).
    measured: bool,
}

/// The least time between two answers the refill rate is measured over: the counts are whole
/// requests, so a short span is noisy.
const MEASURE_SPAN: Duration = Duration::from_millis(150);
/// How much of a new measurement of the refill rate is taken in.
const MEASURE_GAIN: f64 = 0.5;
/// The least rate a run is paced at, in requests per second.
const MIN_RATE: f64 = 0.5;

/// Add `t` to the times in `q`, forgetting those older than [`HISTORY`] at `now`.
fn remember(q: &mut VecDeque<Instant>, t: Instant, now: Instant) {
    q.push_back(t);
    while q
        .front()
        .is_some_and(|old| now.saturating_duration_since(*old) > HISTORY)
    {
        q.pop_front();
    }
}

/// The rate of a token bucket of `burst`, full at `from`, that let through every request of
/// `passed` sent in `[from, to)` and refused the one sent at `to`, at least `MIN_RATE`.
///
/// A bucket's level at `t` is the least, over every earlier `s`, of `burst + rate · (t − s)`
/// less what passed in `[s, t]`. Every pass had a token (`rate ≥ (n − burst) / (t − s)` for
/// each pair of passes, the lower bound) and the request at `to` found none (for some `s`,
/// `rate < (n + 1 − burst) / (to − s)`, the upper one; with `to` in place of the later pass,
/// each `s` gives a span `1 / (to − s)` wide); the estimate is the middle. Spans
/// under [`BOUND_SPAN`] say too little to count.
fn bucket_rate(passed: &VecDeque<Instant>, from: Instant, to: Instant, burst: f64) -> f64 {
    let mut t: Vec<f64> = passed
        .iter()
        .filter(|p| **p >= from && **p < to)
        .map(|p| p.duration_since(from).as_secs_f64())
        .collect();
    t.sort_by(f64::total_cmp);
    let end = to.duration_since(from).as_secs_f64();
    let min = BOUND_SPAN.as_secs_f64();
    let n = t.len();
    let mut upper: f64 = 0.0;
    let mut lower: f64 = 0.0;
    // From the probe's start (the bucket full) and from each pass, to the refused request:
    // what passed had its tokens, the refused one did not.
    for (i, s) in std::iter::once(0.0).chain(t.iter().copied()).enumerate() {
        let passes = if i == 0 { n } else { n - (i - 1) } as f64;
        if end - s >= min {
            upper = upper.max((passes + 1.0 - burst) / (end - s));
            lower = lower.max((passes - burst) / (end - s));
        }
    }
    for i in 0..n {
        for j in i + 1..n {
            if t[j] - t[i] >= min {
                lower = lower.max(((j - i + 1) as f64 - burst) / (t[j] - t[i]));
            }
        }
    }
    if upper <= 0.0 {
        // Too few passes to bound it: what passed over the window.
        return (n as f64 / end.max(min)).max(MIN_RATE);
    }
    ((lower.min(upper) + upper) / 2.0).max(MIN_RATE)
}

/// The least span [`bucket_rate`] takes a bound from.
const BOUND_SPAN: Duration = Duration::from_millis(50);

/// The times in `q` within `(from, to]`, counted.
fn between(q: &VecDeque<Instant>, from: Instant, to: Instant) -> f64 {
    q.iter().filter(|t| **t > from && **t <= to).count() as f64
}

impl Model {
    fn new(now: Instant, at: Instant, b: Budget) -> Model {
        let limit = f64::from(b.limit.max(1));
        let tokens = f64::from(b.remaining).min(limit);
        // Before anything is measured: the whole allowance again by the reset, as a window
        // of `limit` requests per reset would give it (a first guess, grown or cut by the
        // next answers).
        let secs = b.reset.map_or(1.0, |r| r.as_secs_f64().max(1.0));
        Model {
            limit,
            at,
            tokens,
            full_at: b.reset.map(|r| now + r),
            rate: (limit / secs).max(MIN_RATE),
            anchor: (at, tokens),
            measured: false,
        }
    }

    /// An answer to the request sent `at`: what it said is left; `refused` when it was a 429
    /// of a new burst (the rate that met it is too high).
    fn observe(
        &mut self,
        now: Instant,
        at: Instant,
        b: Budget,
        sent: &VecDeque<Instant>,
        refused: bool,
    ) {
        if refused {
            // The rate that met a 429 is the ceiling: cut to what came back since the last
            // measurement, by a fifth at least and by half at most.
            let span = at.saturating_duration_since(self.anchor.0).as_secs_f64();
            let measured = if span >= 0.02 {
                (0.0 - self.anchor.1 + between(sent, self.anchor.0, at)) / span
            } else {
                self.rate
            };
            self.rate = (self.rate * 0.8)
                .min(measured.max(self.rate * 0.5))
                .max(MIN_RATE);
            self.anchor = (at, 0.0);
            self.measured = true;
        }
        if at < self.at {
            // An older request's answer, overtaken by a newer one's.
            return;
        }
        self.limit = f64::from(b.limit.max(1));
        let tokens = f64::from(b.remaining).min(self.limit);
        // The bucket was full before this request took its share: what came back is only a
        // floor of the rate.
        let full = tokens + 1.0 >= self.limit;
        let predicted = self.estimate(at, sent) + 1.0;
        if full {
            let span = at.duration_since(self.at).as_secs_f64();
            // The server held a whole allowance before this request, where the model
            // reckoned with half a request less (both counted before the request took its
            // share). A bucket of one is always full when a request finds a token: until a
            // 429 measures it, that is the only sign it has, so the start is slow-started.
            let more = tokens + 1.0 > predicted + 0.25 || (self.limit < 2.0 && !self.measured);
            if more && span > 0.0 {
                // More came back than the rate allowed for: it is higher. Until it is first
                // measured, at least double (slow start), never more than twice what the run
                // really achieved; after that by a quarter at most per measuring span — a
                // run whose requests left late (a loaded machine) sees more come back than
                // it reckoned with, and must not take that for a faster server.
                let achieved = (tokens - self.tokens + between(sent, self.at, at)) / span;
                if !self.measured {
                    self.rate = (self.rate * 2.0)
                        .max(achieved)
                        .min(achieved.max(self.rate) * 2.0);
                } else if at.duration_since(self.anchor.0) >= MEASURE_SPAN {
                    self.rate = self.rate.max(achieved.min(self.rate * 1.25));
                }
            }
            if !self.measured || at.duration_since(self.anchor.0) >= MEASURE_SPAN {
                self.anchor = (at, tokens);
            }
        } else if !refused && at.duration_since(self.anchor.0) >= MEASURE_SPAN {
            let span = at.duration_since(self.anchor.0).as_secs_f64();
            let measured = (tokens - self.anchor.1 + between(sent, self.anchor.0, at)) / span;
            self.rate = (self.rate + MEASURE_GAIN * (measured - self.rate)).max(MIN_RATE);
            self.anchor = (at, tokens);
            self.measured = true;
        }
        self.at = at;
        self.tokens = tokens;
        self.full_at = b.reset.map(|r| now + r);
    }

    /// Requests the server holds for us at `now`, as far as the model knows.
    fn estimate(&self, now: Instant, sent: &VecDeque<Instant>) -> f64 {
        let back = self.rate * now.saturating_duration_since(self.at).as_secs_f64();
        (self.tokens + back).min(self.limit) - between(sent, self.at, now)
    }

    /// `None`: a request may go now; else how long until the model holds one.
    fn wait(&self, now: Instant, sent: &VecDeque<Instant>) -> Option<Duration> {
        // Half a request kept in hand against a rate measured a little high (where the
        // bucket holds more than one).
        let margin = (self.limit - 1.0).clamp(0.0, 0.5);
        let have = self.estimate(now, sent) - margin;
        if have >= 1.0 {
            return None;
        }
        // The server said when it is whole again: by then one goes, whatever the model says.
        if let Some(full) = self.full_at
            && full <= now
            && between(sent, self.at, now) == 0.0
        {
            return None;
        }
        let wait = Duration::from_secs_f64(((1.0 - have) / self.rate).min(60.0));
        Some(match self.full_at {
            Some(full) if full > now => wait.min(full - now),
            _ => wait,
        })
    }
}

/// The send rate learned from 429s that say nothing of what is left (ChatBotKit's): the
/// requests the server accepted between two 429s over the time between them is its rate.
#[derive(Debug)]
struct Learner {
    /// Requests per second the run allows itself; `None` until the first 429.
    fill: Option<f64>,
    /// A token bucket of one request at `fill`: requests are spaced, never sent in a burst
    /// after a wait.
    tokens: f64,
    last_refill: Instant,
    start: Instant,
    /// Send times of the successes (for the accepted throughput).
    passed: VecDeque<Instant>,
    /// The server's rate as last measured.
    rate: Option<f64>,
    /// Where the current measurement started: a 429's send time; and the hold after it (when
    /// it ended, how long it was).
    anchor: Option<(Instant, (Instant, Duration))>,
    /// When the last 429 was answered, and what its hold cost.
    last_throttle: Instant,
    cost: Duration,
    /// The run's first 429's send time; what passed before it and over how long (seconds):
    /// the server's burst and what came back meanwhile.
    first_at: Option<Instant>,
    first: Option<(f64, f64)>,
    /// A dear first 429 came, and the run waits for its hold to end before probing.
    probe_pending: bool,
    /// Probing after a dear first 429: since when, and from what rate (it doubles every
    /// [`PROBE_DOUBLING`] until the next 429 measures the server's rate).
    probe: Option<(Instant, f64)>,
    /// The probe met its 429: the window from the probe's start to that 429's send time, to
    /// be measured once the hold ends (every answer to a request sent in it is in by then).
    probe_window: Option<(Instant, Instant)>,
    /// The rate the run settled on at the last 429 (the measured one, cut where a 429 is
    /// dear), which it grows from.
    base: f64,
}

/// A hold at most this long costs (nearly) nothing: the server's bucket is still filling.
const CHEAP: Duration = Duration::from_millis(100);
/// The least span a rate is measured over.
const LEARN_SPAN: Duration = Duration::from_millis(200);
/// Where a 429 costs a long hold, the run keeps this much under the rate it measured.
const DEAR_CUT: f64 = 0.97;
/// After a dear first 429, the probe starts at the rate that would spend what passed before
/// it (the server's burst) over this long…
const PROBE_START: Duration = Duration::from_millis(400);
/// …and doubles this often until the next 429.
const PROBE_DOUBLING: Duration = Duration::from_millis(250);

impl Learner {
    fn new(now: Instant) -> Learner {
        Learner {
            fill: None,
            tokens: 1.0,
            last_refill: now,
            start: now,
            passed: VecDeque::new(),
            rate: None,
            anchor: None,
            last_throttle: now,
            cost: Duration::ZERO,
            first_at: None,
            first: None,
            probe_pending: false,
            probe: None,
            probe_window: None,
            base: 0.0,
        }
    }

    fn refill(&mut self, now: Instant) {
        if let Some(f) = self.fill {
            let dt = now
                .saturating_duration_since(self.last_refill)
                .as_secs_f64();
            self.tokens = (self.tokens + dt * f).min(1.0);
        }
        self.last_refill = self.last_refill.max(now);
    }

    /// `None`: a request may go now; else how long until it may.
    fn wait(&mut self, now: Instant) -> Option<Duration> {
        if std::mem::take(&mut self.probe_pending) {
            // What passed before the first 429 is the server's burst (and the little that
            // came back meanwhile): it says nothing of the rate. The hold gave the burst back;
            // the probe starts where that burst alone would last `PROBE_START` and doubles,
            // so that the next 429 comes after a window long enough to count the rate in.
            let (passed, _) = self.first(now);
            let r0 = (passed.max(1.0) / PROBE_START.as_secs_f64()).max(MIN_RATE);
            self.probe = Some((now, r0));
            self.fill = Some(r0);
            // The first request goes as the hold ends.
            self.tokens = 1.0;
            self.last_refill = now;
        }
        if let Some((from, to)) = self.probe_window.take() {
            // What passed before the first 429 is the burst and the whole requests that
            // came back over that first span: the burst is found with the rate, in a few
            // rounds.
            let (passed, span) = self.first(now);
            let mut rate = bucket_rate(&self.passed, from, to, passed);
            for _ in 0..3 {
                let burst = (passed - (rate * span).floor()).clamp(1.0, passed.max(1.0));
                rate = bucket_rate(&self.passed, from, to, burst);
            }
            self.rate = Some(rate);
            self.base = (rate * DEAR_CUT).max(MIN_RATE);
            self.fill = Some(self.base);
            self.tokens = 0.0;
            self.last_refill = now;
        }
        let f = self.fill?;
        self.refill(now);
        let f = match self.probe {
            Some((at, r0)) => {
                let doublings =
                    now.saturating_duration_since(at).as_secs_f64() / PROBE_DOUBLING.as_secs_f64();
                let r = r0 * doublings.min(30.0).exp2();
                self.fill = Some(r);
                r
            }
            None => f,
        };
        if self.tokens >= 1.0 {
            None
        } else {
            Some(Duration::from_secs_f64((1.0 - self.tokens) / f))
        }
    }

    fn take(&mut self) {
        if self.fill.is_some() {
            self.tokens -= 1.0;
        }
    }

    fn succeeded(&mut self, now: Instant, sent_at: Instant) {
        remember(&mut self.passed, sent_at, now);
        if self.rate.is_some() {
            self.refill(now);
            self.fill = Some(self.target(now));
        }
    }

    fn passed_between(&self, from: Instant, to: Instant) -> f64 {
        between(&self.passed, from, to)
    }

    /// The rate to send at: the server's, with headroom where a 429 is cheap; after a quiet
    /// spell that grows with what the last 429 cost, doubling each second (a server that
    /// raised its rate is found again).
    fn target(&self, now: Instant) -> f64 {
        let cheap = self.cost <= CHEAP;
        let headroom = if cheap { 1.05 } else { 1.0 };
        let quiet = Duration::from_millis(500).max(self.cost.saturating_mul(20));
        let past = now
            .saturating_duration_since(self.last_throttle)
            .saturating_sub(quiet)
            .as_secs_f64()
            .min(10.0);
        (self.base * headroom * past.exp2()).max(MIN_RATE)
    }

    /// A 429 to the request sent at `sent_at`, answered at `now`, holding the run for `hold`.
    fn throttled(&mut self, now: Instant, sent_at: Instant, hold: Duration) {
        self.refill(now);
        let cheap = hold <= CHEAP;
        let mut measured = false;
        match self.anchor {
            None => {
                self.first_at = Some(sent_at);
                if !cheap && self.rate.is_none() {
                    // A dear 429 before anything is measured: the probe starts when the
                    // hold ends, once the answers of this first burst are all in.
                    self.probe_pending = true;
                }
                self.anchor = Some((sent_at, (now + hold, hold)));
            }
            Some(_) if !cheap && self.probe.is_some() => {
                // The probe's 429: the server's bucket, full when the probe started, ran out
                // at this request; measured when the hold ends.
                if let Some((at, _)) = self.probe.take() {
                    self.probe_window = Some((at, sent_at));
                }
                self.anchor = Some((sent_at, (now + hold, hold)));
            }
            Some((from, (hold_end, from_hold))) => {
                if sent_at.saturating_duration_since(from) >= LEARN_SPAN {
                    let span = sent_at.duration_since(from);
                    let held = hold_end.saturating_duration_since(from);
                    let rate = if from_hold <= CHEAP || held >= span {
                        // The server's bucket did not overflow while the run held.
                        self.passed_between(from, sent_at) / span.as_secs_f64()
                    } else {
                        // Over a long hold the bucket filled up: from the hold's end to this
                        // 429 passed its burst and what came back meanwhile, as from the
                        // run's start to its first 429: the difference is the rate.
                        let sending = (span - held).as_secs_f64().max(0.05);
                        let passed = self.passed_between(hold_end, sent_at);
                        let (p0, t0) = self.first(from);
                        if sending - t0 >= 0.1 {
                            (passed - p0).max(1.0) / (sending - t0)
                        } else {
                            (passed - p0).max(1.0) / sending
                        }
                    };
                    self.rate = Some(rate.max(MIN_RATE));
                    self.anchor = Some((sent_at, (now + hold, hold)));
                    measured = true;
                }
            }
        }
        self.last_throttle = now;
        self.cost = hold;
        if let Some(rate) = self.rate {
            // A 429 that cost a long hold is not to be met again soon: a little under the
            // measured rate.
            let cut = match (cheap, measured) {
                (false, true) => DEAR_CUT,
                _ => 1.0,
            };
            self.base = (rate * cut).max(MIN_RATE);
            self.fill = Some(self.base);
            self.tokens = self.tokens.min(0.0);
        }
    }

    /// What passed before the run's first 429 (all answered by now), and over how long
    /// (seconds), counted once.
    fn first(&mut self, fallback: Instant) -> (f64, f64) {
        if let Some(f) = self.first {
            return f;
        }
        let at = self.first_at.unwrap_or(fallback);
        let f = (
            self.passed.iter().filter(|t| **t <= at).count() as f64,
            at.saturating_duration_since(self.start).as_secs_f64(),
        );
        self.first = Some(f);
        f
    }
}

/// The shared pace of a bulk run: a [`Core`] behind a lock, on the real clock, with the
/// workers waiting on it.
#[derive(Debug)]
pub struct Pace {
    core: Mutex<State>,
    changed: Condvar,
    give_up_after: Duration,
}

#[derive(Debug)]
struct State {
    core: Core,
    /// The run is checking its unsure items before the report: a signal no longer stops it.
    finishing: bool,
}

/// A slot in flight; given back when dropped.
pub struct Permit<'a> {
    pace: &'a Pace,
    /// When the request was allowed out (to tell which burst a 429 belongs to).
    pub sent_at: Instant,
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        self.pace.lock().core.returned();
        self.pace.changed.notify_all();
    }
}

impl Pace {
    /// A pace for a run of at most `max` requests in flight.
    pub fn new(max: usize, give_up_after: Duration) -> Pace {
        Pace {
            core: Mutex::new(State {
                core: Core::new(max, give_up_after, Instant::now()),
                finishing: false,
            }),
            changed: Condvar::new(),
            give_up_after,
        }
    }

    /// The give-up time from [`GIVE_UP_ENV`] in `env`, else [`GIVE_UP_AFTER`].
    pub fn give_up_from(env: crate::env::EnvFn) -> Duration {
        env(GIVE_UP_ENV)
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map_or(GIVE_UP_AFTER, Duration::from_secs)
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A worker that panicked holding the lock leaves a state still worth using.
        self.core.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Wait until no hold is in force, fewer requests than allowed are in flight, and the
    /// pace lets the next one out.
    pub fn acquire(&self) -> Result<Permit<'_>, Stop> {
        let mut s = self.lock();
        loop {
            if s.core.gave_up {
                return Err(Stop::GaveUp);
            }
            if crate::signals::interrupted() && !s.finishing {
                return Err(Stop::Interrupted);
            }
            let now = Instant::now();
            let wait = match s.core.try_send(now) {
                Ok(()) => {
                    return Ok(Permit {
                        pace: self,
                        sent_at: now,
                    });
                }
                Err(wait) => wait,
            };
            // Wake when the pace allows, when a slot is given back, or to look at the
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

    /// A request of the run succeeded (what the server said is left not known).
    pub fn success(&self) {
        let now = Instant::now();
        self.success_at(now, None);
    }

    /// The request sent at `sent_at` succeeded, and the server said `budget` is left.
    pub fn success_at(&self, sent_at: Instant, budget: Option<Budget>) {
        self.lock().core.success(Instant::now(), sent_at, budget);
        self.changed.notify_all();
    }

    /// A request sent at `sent_at` was answered 429, with the server's `hint` of when to try
    /// again if it gave one.
    pub fn limited(&self, sent_at: Instant, hint: Option<Duration>) -> Verdict {
        self.limited_with(sent_at, hint, None)
    }

    /// [`Pace::limited`], with what the server said is left (`X-RateLimit-*`), if it did.
    pub fn limited_with(
        &self,
        sent_at: Instant,
        hint: Option<Duration>,
        budget: Option<Budget>,
    ) -> Verdict {
        let verdict = self
            .lock()
            .core
            .limited(Instant::now(), sent_at, hint, budget);
        self.changed.notify_all();
        verdict
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
        self.lock().core.gave_up
    }

    /// How much longer every request waits for the rate limit, if it does ([`Core::waiting`]).
    pub fn waiting(&self) -> Option<Duration> {
        self.lock().core.waiting(Instant::now())
    }

    /// 429 answers met in the run.
    pub fn limited_count(&self) -> u64 {
        self.lock().core.limited
    }
}

/// 25 ms doubling with each 429 in a row, capped, with up to 20 % jitter.
fn hold(in_a_row: u32) -> Duration {
    let base = HOLD_START
        .saturating_mul(1u32 << in_a_row.saturating_sub(1).min(10))
        .min(HOLD_MAX);
    base + base.mul_f64(fastrand::f64() * 0.2)
}

#[cfg(test)]
mod tests;
