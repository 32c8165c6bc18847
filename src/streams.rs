//! The process's standard streams and whether each is a terminal, injected into commands
//! (gh's IOStreams) so piped, terminal and prompt paths can be exercised in unit tests.

use std::io::{self, IsTerminal, Read, Write};

use crate::prompt::{Prompter, TtyPrompter};

pub struct Streams {
    pub stdin: Box<dyn Read>,
    pub stdin_tty: bool,
    pub stdout: Box<dyn Write>,
    pub stdout_tty: bool,
    pub stderr: Box<dyn Write>,
    pub stderr_tty: bool,
    pub prompter: Box<dyn Prompter>,
    /// Whether stdin (not a terminal) is a pipe, a socket or a non-empty file, without
    /// reading it.
    pub stdin_carries_data: fn() -> bool,
}

impl Streams {
    pub fn real() -> Streams {
        Streams {
            stdin_tty: io::stdin().is_terminal(),
            stdout_tty: io::stdout().is_terminal(),
            stderr_tty: io::stderr().is_terminal(),
            stdin: Box::new(io::stdin()),
            stdout: Box::new(io::stdout()),
            stderr: Box::new(io::stderr()),
            prompter: Box::new(TtyPrompter),
            stdin_carries_data: crate::stdin::real_stdin_carries_data,
        }
    }

    /// Whether a person can be asked something: input and messages are both on a terminal.
    pub fn can_prompt(&self) -> bool {
        self.stdin_tty && self.stderr_tty
    }
}

/// In-memory streams for unit tests.
#[cfg(test)]
pub mod test {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    pub struct Buf(pub Arc<Mutex<Vec<u8>>>);

    impl Write for Buf {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Buf {
        pub fn text(&self) -> String {
            String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
        }
    }

    pub fn streams(
        stdin: &[u8],
        stdin_tty: bool,
        prompter: Box<dyn Prompter>,
    ) -> (Streams, Buf, Buf) {
        let out = Buf::default();
        let err = Buf::default();
        (
            Streams {
                stdin: Box::new(io::Cursor::new(stdin.to_vec())),
                stdin_tty,
                stdout: Box::new(out.clone()),
                stdout_tty: false,
                stderr: Box::new(err.clone()),
                stderr_tty: stdin_tty,
                prompter,
                stdin_carries_data: || false,
            },
            out,
            err,
        )
    }
}
