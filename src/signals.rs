//! Ctrl-C. One handler for the process: while a hidden prompt has echo switched off, it puts
//! the terminal back before exiting (otherwise the shell is left not echoing); during an
//! import it only raises a flag so running requests finish and the report is printed.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static SOFT: AtomicBool = AtomicBool::new(false);
#[cfg(unix)]
static SAVED: Mutex<Option<libc::termios>> = Mutex::new(None);
static INSTALLED: std::sync::Once = std::sync::Once::new();
static EXITING: AtomicBool = AtomicBool::new(false);

fn install() {
    INSTALLED.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            INTERRUPTED.store(true, Ordering::SeqCst);
            if SOFT.load(Ordering::SeqCst) {
                return;
            }
            exit_interrupted();
        });
    });
}

/// Ctrl-C: put the terminal back and exit 130. At a hidden prompt both the handler thread
/// and the prompt (a read interrupted by the signal) may get here; the first
/// exits, a second waits for that, so the exit code is always 130.
pub fn exit_interrupted() -> ! {
    if EXITING.swap(true, Ordering::SeqCst) {
        loop {
            std::thread::park();
        }
    }
    restore_terminal();
    eprintln!();
    std::process::exit(130);
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

fn restore_terminal() {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        let saved = SAVED.lock().ok().and_then(|s| *s);
        if let (Some(t), Ok(tty)) = (saved, std::fs::File::open("/dev/tty")) {
            // SAFETY: restoring attributes previously read from the same terminal.
            unsafe {
                libc::tcsetattr(tty.as_raw_fd(), libc::TCSANOW, &t);
            }
        }
    }
}

/// From now on Ctrl-C only sets the flag (import: stop launching, finish, report).
pub fn soft_interrupts() {
    install();
    SOFT.store(true, Ordering::SeqCst);
}

pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}
