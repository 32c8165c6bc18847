//! An in-memory provider for unit tests: the verbs' branches (confirmation, update, delete,
//! missing secrets) run against it without the binary, the emulator or a pty. It behaves as
//! Kubiya does — unique names, readable values — and records every call. It can be told to
//! fail: the next calls of an operation answer an error, before the write (nothing stored) or
//! after it (stored, as a server that acted and then answered 5xx) — see [`Fake::fail`].

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};
use zeroize::Zeroizing;

use super::{
    CreateSpec, Identity, ListFilter, Provider, ProviderKind, References, UpdateSpec, User,
    ValueChange,
};
use crate::error::{self, Effect, Error, Result};
use crate::output::field;
use crate::pace::Pace;

/// An operation of the provider, for failure injection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    List,
    Get,
    Reveal,
    Create,
    Update,
    Delete,
    References,
}

/// Failures waiting for the next calls of an operation.
struct Fault {
    op: Op,
    /// Calls still to fail.
    left: usize,
    /// Whether the call's write is stored before the error is answered.
    written: bool,
    error: Box<dyn Fn() -> Error + Send + Sync>,
}

#[derive(Default)]
pub struct Fake {
    /// `(name, value, description)`.
    pub store: Mutex<Vec<(String, String, String)>>,
    /// `"get NAME"`, `"update NAME"`, … in order; a call that failed is listed too.
    pub calls: Mutex<Vec<String>>,
    /// Taken in the order they were added, each by the next calls of its operation.
    faults: Mutex<Vec<Fault>>,
    /// What uses which secret: `(secret name, user)`, as [`Provider::references`] reads it.
    pub uses: Mutex<Vec<(String, User)>>,
}

/// The fake's references: a user per secret name, as stored when they were read.
struct FakeUses(Vec<(String, User)>);

impl References for FakeUses {
    fn used_by(&self, record: &Value) -> Vec<User> {
        let name = field(record, "name");
        self.0
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, u)| u.clone())
            .collect()
    }
}

impl Fake {
    pub fn with(secrets: &[(&str, &str)]) -> Fake {
        let f = Fake::default();
        if let Ok(mut s) = f.store.lock() {
            for (n, v) in secrets {
                s.push((n.to_string(), v.to_string(), String::new()));
            }
        }
        f
    }

    /// `secret` is used by an agent called `agent`.
    pub fn used(&self, secret: &str, agent: &str) {
        if let Ok(mut u) = self.uses.lock() {
            u.push((
                secret.to_string(),
                User {
                    kind: "agent",
                    id: None,
                    name: agent.to_string(),
                    via: None,
                },
            ));
        }
    }

    fn call(&self, what: String) {
        if let Ok(mut c) = self.calls.lock() {
            c.push(what);
        }
    }

    pub fn calls(&self) -> Vec<String> {
        self.calls.lock().map(|c| c.clone()).unwrap_or_default()
    }

    /// The next `times` calls of `op` answer `error()` and store nothing (the server did not
    /// act — whatever the error says it may have done).
    pub fn fail(&self, op: Op, times: usize, error: impl Fn() -> Error + Send + Sync + 'static) {
        self.add_fault(op, times, false, Box::new(error));
    }

    /// The next `times` calls of `op` are stored as usual and then answer `error()`: a server
    /// that acted, and whose answer was lost or a 5xx.
    pub fn fail_after_write(
        &self,
        op: Op,
        times: usize,
        error: impl Fn() -> Error + Send + Sync + 'static,
    ) {
        self.add_fault(op, times, true, Box::new(error));
    }

    fn add_fault(
        &self,
        op: Op,
        times: usize,
        written: bool,
        error: Box<dyn Fn() -> Error + Send + Sync>,
    ) {
        if times > 0
            && let Ok(mut f) = self.faults.lock()
        {
            f.push(Fault {
                op,
                left: times,
                written,
                error,
            });
        }
    }

    /// The error a write answered `status` (a 5xx) comes to in the transport: a network
    /// error that leaves it unknown whether the server acted.
    pub fn unsure(status: u16) -> Error {
        error::network(format!("HTTP Error ({status})"))
            .with_status(status)
            .with_effect(Effect::Unsure)
    }

    /// Run `op`'s work, or the failure waiting for it: the error alone, or the work (its own
    /// error wins) and then the error.
    fn run<T>(&self, op: Op, work: impl FnOnce() -> Result<T>) -> Result<T> {
        let fault = self.faults.lock().ok().and_then(|mut f| {
            let i = f.iter().position(|x| x.op == op)?;
            let taken = (f[i].written, (f[i].error)());
            f[i].left -= 1;
            if f[i].left == 0 {
                f.remove(i);
            }
            Some(taken)
        });
        match fault {
            None => work(),
            Some((false, e)) => Err(e),
            Some((true, e)) => work().and(Err(e)),
        }
    }

    /// The names stored, in the order they were stored.
    pub fn names(&self) -> Vec<String> {
        self.store
            .lock()
            .map(|s| s.iter().map(|(n, _, _)| n.clone()).collect())
            .unwrap_or_default()
    }

    pub fn value(&self, name: &str) -> Option<String> {
        let s = self.store.lock().ok()?;
        s.iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, v, _)| v.clone())
    }

    fn record(name: &str, description: &str) -> Value {
        json!({ "name": name, "description": description })
    }

    /// The API's own "not found" for `name`.
    pub fn missing(name: &str) -> Error {
        error::not_found(format!("no secret '{name}'"))
    }
}

impl Provider for Fake {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Kubiya
    }

    fn identity(&self) -> Identity {
        Identity::Name
    }

    fn columns(&self) -> &'static [&'static str] {
        &["NAME", "DESCRIPTION"]
    }

    fn row(&self, r: &Value) -> Vec<String> {
        vec![field(r, "name"), field(r, "description")]
    }

    fn key(&self, r: &Value) -> (&'static str, String) {
        ("name", field(r, "name"))
    }

    fn list(&self, _: &ListFilter, each: &mut dyn FnMut(Value) -> Result<()>) -> Result<()> {
        self.call("list".into());
        self.run(Op::List, || {
            let all: Vec<Value> = self
                .store
                .lock()
                .map(|s| s.iter().map(|(n, _, d)| Fake::record(n, d)).collect())
                .unwrap_or_default();
            for r in all {
                each(r)?;
            }
            Ok(())
        })
    }

    fn references(
        &self,
        _pace: &Arc<Pace>,
        _workers: u16,
        _known: super::Known,
    ) -> Result<Box<dyn References>> {
        self.call("references".into());
        self.run(Op::References, || {
            let uses = self.uses.lock().map(|u| u.clone()).unwrap_or_default();
            Ok(Box::new(FakeUses(uses)) as Box<dyn References>)
        })
    }

    fn get(&self, name: &str) -> Result<Value> {
        self.call(format!("get {name}"));
        self.run(Op::Get, || {
            let s = self.store.lock().map_err(|_| error::other("poisoned"))?;
            s.iter()
                .find(|(n, _, _)| n == name)
                .map(|(n, _, d)| Fake::record(n, d))
                .ok_or_else(|| Fake::missing(name))
        })
    }

    fn reveal(&self, name: &str) -> Result<Zeroizing<Vec<u8>>> {
        self.call(format!("reveal {name}"));
        self.run(Op::Reveal, || {
            self.value(name)
                .map(|v| Zeroizing::new(v.into_bytes()))
                .ok_or_else(|| Fake::missing(name))
        })
    }

    fn create(&self, spec: &CreateSpec) -> Result<String> {
        self.call(format!("create {}", spec.name));
        self.run(Op::Create, || {
            let mut s = self.store.lock().map_err(|_| error::other("poisoned"))?;
            if s.iter().any(|(n, _, _)| n == spec.name) {
                return Err(error::conflict("exists"));
            }
            let value = spec
                .value
                .map(|v| v.expose().to_string())
                .unwrap_or_default();
            let d = spec.description.unwrap_or("").to_string();
            s.push((spec.name.to_string(), value, d));
            Ok(spec.name.to_string())
        })
    }

    fn update(&self, name: &str, spec: &UpdateSpec) -> Result<String> {
        self.call(format!("update {name}"));
        self.run(Op::Update, || {
            let mut s = self.store.lock().map_err(|_| error::other("poisoned"))?;
            let Some(entry) = s.iter_mut().find(|(n, _, _)| n == name) else {
                return Err(Fake::missing(name));
            };
            if let ValueChange::Set(v) = spec.value {
                entry.1 = v.expose().to_string();
            }
            if let Some(d) = spec.description {
                entry.2 = d.to_string();
            }
            Ok(name.to_string())
        })
    }

    fn delete(&self, name: &str) -> Result<String> {
        self.call(format!("delete {name}"));
        self.run(Op::Delete, || {
            let mut s = self.store.lock().map_err(|_| error::other("poisoned"))?;
            let before = s.len();
            s.retain(|(n, _, _)| n != name);
            if s.len() == before {
                return Err(Fake::missing(name));
            }
            Ok(name.to_string())
        })
    }
}
