//! One integration-test binary: the real `secretctl` against the in-process emulator.

mod support;

mod chatbotkit;
mod cli;
mod config;
mod emulator_cli;
mod import;
mod kubiya;
mod output;
mod pty;
mod shell;
mod terraform;
mod transport;
mod values;
