//! An in-memory provider for unit tests: the verbs' branches (confirmation, update, delete,
//! missing secrets) run against it without the binary, the emulator or a pty. It behaves as
//! Kubiya does — unique names, readable values — and records every call.

use std::sync::Mutex;

use serde_json::{Value, json};
use zeroize::Zeroizing;

use super::{CreateSpec, Identity, ListFilter, Provider, ProviderKind, UpdateSpec, ValueChange};
use crate::error::{self, Result};
use crate::output::field;

#[derive(Default)]
pub struct Fake {
    /// `(name, value, description)`.
    pub store: Mutex<Vec<(String, String, String)>>,
    /// `"get NAME"`, `"update NAME"`, … in order.
    pub calls: Mutex<Vec<String>>,
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

    fn call(&self, what: String) {
        if let Ok(mut c) = self.calls.lock() {
            c.push(what);
        }
    }

    pub fn calls(&self) -> Vec<String> {
        self.calls.lock().map(|c| c.clone()).unwrap_or_default()
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

    fn missing(name: &str) -> error::Error {
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
        let all: Vec<Value> = self
            .store
            .lock()
            .map(|s| s.iter().map(|(n, _, d)| Fake::record(n, d)).collect())
            .unwrap_or_default();
        for r in all {
            each(r)?;
        }
        Ok(())
    }

    fn get(&self, name: &str) -> Result<Value> {
        self.call(format!("get {name}"));
        let s = self.store.lock().map_err(|_| error::other("poisoned"))?;
        s.iter()
            .find(|(n, _, _)| n == name)
            .map(|(n, _, d)| Fake::record(n, d))
            .ok_or_else(|| Fake::missing(name))
    }

    fn reveal(&self, name: &str) -> Result<Zeroizing<Vec<u8>>> {
        self.call(format!("reveal {name}"));
        self.value(name)
            .map(|v| Zeroizing::new(v.into_bytes()))
            .ok_or_else(|| Fake::missing(name))
    }

    fn create(&self, spec: &CreateSpec) -> Result<String> {
        self.call(format!("create {}", spec.name));
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
    }

    fn update(&self, name: &str, spec: &UpdateSpec) -> Result<String> {
        self.call(format!("update {name}"));
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
    }

    fn delete(&self, name: &str) -> Result<String> {
        self.call(format!("delete {name}"));
        let mut s = self.store.lock().map_err(|_| error::other("poisoned"))?;
        let before = s.len();
        s.retain(|(n, _, _)| n != name);
        if s.len() == before {
            return Err(Fake::missing(name));
        }
        Ok(name.to_string())
    }
}
