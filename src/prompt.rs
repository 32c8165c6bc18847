//! Asking the person at the terminal: hidden value entry and yes/no confirmation. A trait so
//! command logic is testable with a scripted fake; the real one talks to the controlling
//! terminal (`/dev/tty`), never to stdin/stdout, so piped data and output stay clean.

use std::io::{self, BufRead, Write};

use zeroize::Zeroizing;

use crate::error::{self, Error, Result};

/// A `[y/N]` question before a destructive action, and what is said around it: the one
/// confirmation logic of the verbs (`delete`, `revoke`) and of `sync --prune`.
pub struct Confirmation<'a> {
    /// What is refused off a terminal: `refusing to {action} without confirmation`.
    pub action: &'a str,
    /// What was not done when refused: `nothing was {refused}`.
    pub refused: &'a str,
    /// What was not done when the answer is no: `cancelled; nothing was {cancelled}`.
    pub cancelled: &'a str,
    /// The hint of the refusal (how to confirm in scripts).
    pub hint: &'a str,
}

impl Confirmation<'_> {
    /// The refusal when no one can be asked: exit 2, nothing sent.
    pub fn refused(&self) -> Error {
        error::usage(format!(
            "refusing to {} without confirmation: not on a terminal; nothing was {}",
            self.action, self.refused
        ))
        .with_hint(self.hint)
    }

    /// Ask `question` when `can_ask` (someone is at a terminal), else refuse: yes goes on, any
    /// other answer is exit 1 with nothing done, and an answer that cannot be read is exit 2.
    pub fn ask(&self, can_ask: bool, prompter: &mut dyn Prompter, question: &str) -> Result<()> {
        if !can_ask {
            return Err(self.refused());
        }
        let ok = prompter
            .confirm(question)
            .map_err(|e| error::usage(format!("cannot read the answer: {e}")))?;
        if ok {
            Ok(())
        } else {
            Err(error::other(format!(
                "cancelled; nothing was {}",
                self.cancelled
            )))
        }
    }
}

pub trait Prompter {
    /// Read a line with echo off. The trailing newline is not part of the answer.
    fn secret(&mut self, prompt: &str) -> io::Result<Zeroizing<String>>;
    /// Ask a `[y/N]` question; anything but y/yes is no.
    fn confirm(&mut self, prompt: &str) -> io::Result<bool>;
}

/// The real terminal.
pub struct TtyPrompter;

impl Prompter for TtyPrompter {
    fn secret(&mut self, prompt: &str) -> io::Result<Zeroizing<String>> {
        crate::signals::guard_terminal();
        let answer = read_hidden(prompt);
        crate::signals::release_terminal();
        if matches!(&answer, Err(e) if e.kind() == io::ErrorKind::Interrupted) {
            // Ctrl-C at the prompt: exit as the signal handler does, not as a read error.
            crate::signals::exit_interrupted();
        }
        answer
    }

    fn confirm(&mut self, prompt: &str) -> io::Result<bool> {
        let (mut reader, mut writer): (Box<dyn BufRead>, Box<dyn Write>) =
            match std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/tty")
            {
                Ok(tty) => {
                    let w = tty.try_clone()?;
                    (Box::new(io::BufReader::new(tty)), Box::new(w))
                }
                Err(_) => (Box::new(io::stdin().lock()), Box::new(io::stderr())),
            };
        write!(writer, "{prompt} [y/N] ")?;
        writer.flush()?;
        let mut line = String::new();
        reader.read_line(&mut line)?;
        Ok(matches!(
            line.trim().to_ascii_lowercase().as_str(),
            "y" | "yes"
        ))
    }
}

/// Read one line from the controlling terminal with echo off, keeping every byte typed: Tab,
/// Esc and other control characters are part of the answer (rpassword, used before, dropped
/// Tab, and Esc with the byte after it). The terminal is switched to non-canonical mode with
/// echo and signals off, and these keys act as on a terminal line: Enter ends the answer,
/// Backspace (the terminal's erase key, DEL or Ctrl-H) removes the last character, Ctrl-U (its
/// kill key) clears the line, Ctrl-D on an empty line ends it, Ctrl-C interrupts, and Ctrl-V
/// takes the next key as it is. Echo is off before the prompt is printed, and the terminal is
/// restored on every path (a guard; the Ctrl-C handler restores what `guard_terminal` saved).
#[cfg(unix)]
fn read_hidden(prompt: &str) -> io::Result<Zeroizing<String>> {
    use std::io::Read;
    use std::os::fd::AsRawFd;

    struct Restore<'a> {
        tty: &'a std::fs::File,
        saved: libc::termios,
    }
    impl Drop for Restore<'_> {
        fn drop(&mut self) {
            // SAFETY: restoring attributes read from the same descriptor.
            unsafe {
                libc::tcsetattr(self.tty.as_raw_fd(), libc::TCSANOW, &self.saved);
            }
        }
    }

    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")?;
    let fd = tty.as_raw_fd();
    // SAFETY: tcgetattr fills a plain C struct for a valid descriptor.
    let mut saved: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(fd, &mut saved) } != 0 {
        return Err(io::Error::last_os_error());
    }
    let mut hidden = saved;
    hidden.c_lflag &= !(libc::ECHO | libc::ICANON | libc::ISIG | libc::IEXTEN);
    hidden.c_cc[libc::VMIN] = 1;
    hidden.c_cc[libc::VTIME] = 0;
    // SAFETY: setting attributes derived from the ones just read.
    if unsafe { libc::tcsetattr(fd, libc::TCSAFLUSH, &hidden) } != 0 {
        return Err(io::Error::last_os_error());
    }
    let restore = Restore { tty: &tty, saved };
    let key = |k: usize| match saved.c_cc[k] {
        0 => None,
        c => Some(c),
    };
    let (intr, erase, kill, eof) = (
        key(libc::VINTR),
        key(libc::VERASE),
        key(libc::VKILL),
        key(libc::VEOF),
    );
    let mut w = restore.tty;
    w.write_all(prompt.as_bytes())?;
    w.flush()?;
    let mut line = Zeroizing::new(Vec::with_capacity(4096));
    let mut byte = [0u8; 1];
    let mut r = restore.tty;
    let mut literal = false;
    let outcome = loop {
        match r.read(&mut byte) {
            Ok(0) => break Ok(()),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => break Err(e),
        }
        let b = byte[0];
        if literal {
            literal = false;
        } else if b == b'\n' || b == b'\r' {
            break Ok(());
        } else if Some(b) == intr {
            break Err(io::Error::from(io::ErrorKind::Interrupted));
        } else if Some(b) == eof && line.is_empty() {
            break Ok(());
        } else if Some(b) == erase || b == 0x7f || b == 0x08 {
            // One character, not one byte, of UTF-8.
            while line.pop().is_some_and(|c| c & 0xc0 == 0x80) {}
            continue;
        } else if Some(b) == kill {
            zeroize::Zeroize::zeroize(&mut *line);
            continue;
        } else if b == 0x16 {
            literal = true;
            continue;
        }
        if line.len() == line.capacity() {
            // Grow without leaving the old buffer behind.
            let mut bigger = Zeroizing::new(Vec::with_capacity(line.capacity() * 2));
            bigger.extend_from_slice(&line);
            line = bigger;
        }
        line.push(b);
    };
    zeroize::Zeroize::zeroize(&mut byte);
    let _ = w.write_all(b"\n");
    drop(restore);
    outcome?;
    let mut line = line;
    String::from_utf8(std::mem::take(&mut *line))
        .map(Zeroizing::new)
        .map_err(|e| {
            // The bytes are wiped, not left in the error.
            let mut bytes = e.into_bytes();
            zeroize::Zeroize::zeroize(&mut bytes);
            io::Error::new(io::ErrorKind::InvalidData, "the answer is not valid UTF-8")
        })
}

#[cfg(not(unix))]
fn read_hidden(_prompt: &str) -> io::Result<Zeroizing<String>> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "a hidden prompt needs a Unix terminal",
    ))
}

/// A scripted prompter for unit tests: answers in order, records the prompts.
#[cfg(test)]
pub struct FakePrompter {
    pub answers: std::collections::VecDeque<String>,
    pub asked: Vec<String>,
}

#[cfg(test)]
impl FakePrompter {
    pub fn new(answers: &[&str]) -> Self {
        FakePrompter {
            answers: answers.iter().map(|s| s.to_string()).collect(),
            asked: vec![],
        }
    }
}

#[cfg(test)]
impl Prompter for FakePrompter {
    fn secret(&mut self, prompt: &str) -> io::Result<Zeroizing<String>> {
        self.asked.push(prompt.to_string());
        self.answers
            .pop_front()
            .map(Zeroizing::new)
            .ok_or_else(|| io::Error::from(io::ErrorKind::UnexpectedEof))
    }

    fn confirm(&mut self, prompt: &str) -> io::Result<bool> {
        self.asked.push(prompt.to_string());
        Ok(self.answers.pop_front().is_some_and(|a| a == "y"))
    }
}
