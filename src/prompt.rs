//! Asking the person at the terminal: hidden value entry and yes/no confirmation. A trait so
//! command logic is testable with a scripted fake; the real one talks to the controlling
//! terminal (`/dev/tty`), never to stdin/stdout, so piped data and output stay clean.

use std::io::{self, BufRead, Write};

use zeroize::Zeroizing;

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
        let answer = rpassword::prompt_password(prompt).map(Zeroizing::new);
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
