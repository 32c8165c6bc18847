//! One integration-test binary: the real `secretctl` against the in-process emulator.

mod support;

mod bulk;
mod chatbotkit;
mod check;
mod cli;
mod completion;
mod config;
mod docs;
mod emulator_cli;
mod export;
mod faults;
mod hostile;
mod import;
mod kubiya;
mod layers;
mod leaks;
mod output;
mod pty;
mod shell;
mod soak;
mod sync;
mod terraform;
mod transport;
mod used_by;
mod values;
