//! SIGINT (Ctrl-C), SIGTERM and SIGHUP: one handler for the process.
//!
//! - In a single command, or at a hidden prompt (echo off): the terminal is put back and the
//!   process ends at once, by that same signal.
//! - In a bulk run ([`soft_interrupts`]) the first signal only raises a flag: requests in
//!   flight finish, nothing new is sent, the report is printed, and then [`end_if_signalled`]
//!   ends the process by that same signal, so a calling shell (`for f in *.env; do …; done`)
//!   stops too, as with fd or git. A second signal ends it at once.
//!
//! Until one of the entry points here is called no handler is installed, and a signal has its
//! default effect (nothing is held that needs cleaning up).

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::{Duration, Instant};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

/// The first signal received, 0 for none.
static RECEIVED: AtomicI32 = AtomicI32::new(0);
static SOFT: AtomicBool = AtomicBool::new(false);
#[cfg(unix)]
static SAVED: Mutex<Option<libc::termios>> = Mutex::new(None);
static INSTALLED: std::sync::Once = std::sync::Once::new();
static EXITING: AtomicBool = AtomicBool::new(false);

fn install() {
    INSTALLED.call_once(|| {
        // A signal ignored when secretctl started (`nohup`, `trap '' HUP`, a background job
        // of a script) stays ignored.
        let caught: Vec<i32> = [SIGINT, SIGTERM, SIGHUP]
            .into_iter()
            .filter(|&s| !ignored_at_start(s))
            .collect();
        let Ok(mut signals) = signal_hook::iterator::Signals::new(caught) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for sig in signals.forever() {
                    let first = RECEIVED
                        .compare_exchange(0, sig, Ordering::SeqCst, Ordering::SeqCst)
                        .is_ok();
                    if first && SOFT.load(Ordering::SeqCst) {
                        eprintln!(
                            "\n{}: finishing the requests in flight, then reporting (send it again to stop at once)",
                            name(sig)
                        );
                        continue;
                    }
                    if !first {
                        eprintln!(
                            "\n{}: stopping at once; what was in flight is not reported",
                            name(sig)
                        );
                    }
                    end_by(sig);
                }
            });
    });
}

/// Whether `sig` is ignored (SIG_IGN) in this process.
fn ignored_at_start(sig: i32) -> bool {
    #[cfg(unix)]
    {
        // SAFETY: sigaction with a null new action only reads the current one into a plain
        // C struct.
        let mut old: libc::sigaction = unsafe { std::mem::zeroed() };
        let rc = unsafe { libc::sigaction(sig, std::ptr::null(), &mut old) };
        rc == 0 && old.sa_sigaction == libc::SIG_IGN
    }
    #[cfg(not(unix))]
    {
        let _ = sig;
        false
    }
}

fn name(sig: i32) -> &'static str {
    match sig {
        SIGINT => "interrupted",
        SIGTERM => "terminated",
        SIGHUP => "hung up",
        _ => "signalled",
    }
}

/// Put the terminal back and end the process by `sig` (its exit status says so: 130 for
/// SIGINT in a shell). At a hidden prompt both the handler thread and the prompt can get
/// here; the first ends the process, the second waits for that.
fn end_by(sig: i32) -> ! {
    if EXITING.swap(true, Ordering::SeqCst) {
        loop {
            std::thread::park();
        }
    }
    if restore_terminal() {
        eprintln!();
    }
    use std::io::Write;
    let _ = std::io::stdout().flush();
    #[cfg(unix)]
    // SAFETY: resetting a signal to its default action and raising it; no memory is touched.
    unsafe {
        libc::signal(sig, libc::SIG_DFL);
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, sig);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        libc::raise(sig);
    }
    std::process::exit(128 + sig);
}

/// Ctrl-C read by the prompt itself: end as the signal would.
pub fn exit_interrupted() -> ! {
    let sig = match RECEIVED.load(Ordering::SeqCst) {
        0 => SIGINT,
        s => s,
    };
    end_by(sig)
}

/// Save the terminal state before echo is switched off.
pub fn guard_terminal() {
    install();
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        if let Ok(tty) = std::fs::File::open("/dev/tty") {
            // SAFETY: tcgetattr fills a plain C struct for a valid descriptor.
            let mut t: libc::termios = unsafe { std::mem::zeroed() };
            if unsafe { libc::tcgetattr(tty.as_raw_fd(), &mut t) } == 0
                && let Ok(mut s) = SAVED.lock()
            {
                *s = Some(t);
            }
        }
    }
}

pub fn release_terminal() {
    #[cfg(unix)]
    if let Ok(mut s) = SAVED.lock() {
        *s = None;
    }
}

/// Put back a saved terminal state; whether there was one.
fn restore_terminal() -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let saved = SAVED.lock().ok().and_then(|s| *s);
        if let (Some(t), Ok(tty)) = (saved, std::fs::File::open("/dev/tty")) {
            // SAFETY: restoring attributes previously read from the same terminal.
            unsafe {
                libc::tcsetattr(tty.as_raw_fd(), libc::TCSANOW, &t);
            }
            return true;
        }
    }
    false
}

/// From now on the first signal only sets the flag (import: stop launching, finish, report).
pub fn soft_interrupts() {
    install();
    SOFT.store(true, Ordering::SeqCst);
}

/// What the first signal received did, in a word for the report ("interrupted",
/// "terminated", "hung up").
pub fn received_name() -> Option<&'static str> {
    match RECEIVED.load(Ordering::SeqCst) {
        0 => None,
        sig => Some(name(sig)),
    }
}

pub fn interrupted() -> bool {
    RECEIVED.load(Ordering::SeqCst) != 0
}

/// After the report: a run that a signal stopped ends by that signal.
pub fn end_if_signalled() {
    let sig = RECEIVED.load(Ordering::SeqCst);
    if sig != 0 {
        end_by(sig);
    }
}

/// Sleep for `d`, waking early when a signal arrives; whether the whole time passed.
pub fn pause(d: Duration) -> bool {
    let end = Instant::now() + d;
    loop {
        if interrupted() {
            return false;
        }
        let now = Instant::now();
        if now >= end {
            return true;
        }
        std::thread::sleep((end - now).min(Duration::from_millis(50)));
    }
}
