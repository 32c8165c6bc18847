//! The worker pool at the shared pace, and its progress bar on a terminal: import's and sync's
//! writes and reads, and a provider's concurrent list reads ("used by").

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::pace::Pace;
use crate::sanitize::sanitize;

/// Run `work` for each of `jobs` on `workers` threads sharing `pace`. A slot stays `None`
/// when the run stopped (a signal under [`crate::signals::soft_interrupts`], or the rate
/// limit's give-up) before that job was started. The bar on a terminal counts the jobs
/// `counted` says were done.
pub fn pool<R: Send>(
    show_bar: bool,
    workers: u16,
    pace: &Pace,
    jobs: &[usize],
    label: &(dyn Fn(usize) -> String + Sync),
    work: &(dyn Fn(usize) -> R + Sync),
    counted: &(dyn Fn(&R) -> bool + Sync),
) -> Vec<Option<R>> {
    let bar = progress_bar(show_bar && !jobs.is_empty(), jobs.len());
    let next = AtomicUsize::new(0);
    let finished = AtomicBool::new(false);
    let results: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(jobs.len()));
    let workers = usize::from(workers).min(jobs.len()).max(1);
    std::thread::scope(|s| {
        if !bar.is_hidden() {
            s.spawn(|| show_pace(&bar, pace, &finished));
        }
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    loop {
                        if crate::signals::interrupted() || pace.gave_up() {
                            break;
                        }
                        let n = next.fetch_add(1, Ordering::SeqCst);
                        let Some(&i) = jobs.get(n) else { break };
                        let r = work(i);
                        if counted(&r) {
                            bar.set_message(sanitize(&label(i)).into_owned());
                            bar.inc(1);
                        }
                        if let Ok(mut v) = results.lock() {
                            v.push((n, r));
                        }
                    }
                })
            })
            .collect();
        for h in handles {
            let _ = h.join();
        }
        finished.store(true, Ordering::SeqCst);
    });
    bar.finish_and_clear();
    let mut out: Vec<Option<R>> = (0..jobs.len()).map(|_| None).collect();
    for (n, r) in results.into_inner().unwrap_or_default() {
        out[n] = Some(r);
    }
    out
}

/// The bar on a terminal: done/total, the rate, the time left, and the name last written —
/// or, while the server's rate limit holds every request, how long that wait is.
fn progress_bar(shown: bool, len: usize) -> indicatif::ProgressBar {
    if !shown {
        return indicatif::ProgressBar::hidden();
    }
    let b = indicatif::ProgressBar::new(len as u64);
    b.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {rate} ETA {eta} {msg}")
            .map(|st| {
                st.with_key(
                    "rate",
                    |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.1}/s", state.per_sec());
                    },
                )
            })
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    b
}

/// Keep the bar's message saying when the whole run waits for the rate limit.
fn show_pace(bar: &indicatif::ProgressBar, pace: &Pace, finished: &AtomicBool) {
    let mut waiting = false;
    while !finished.load(Ordering::SeqCst) {
        match pace.waiting() {
            Some(d) => {
                waiting = true;
                bar.set_message(format!(
                    "waiting for the rate limit ({}s)",
                    d.as_secs_f64().ceil() as u64
                ));
            }
            None if waiting => {
                waiting = false;
                bar.set_message("");
            }
            None => {}
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}
