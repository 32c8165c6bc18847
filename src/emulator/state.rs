//! The emulator's in-memory stores: ChatBotKit secrets by id, Kubiya secrets by name, plus the
//! request log, the fault queue and the settings.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value, json};

use super::{Fault, KubiyaValueFormat, RecordedRequest};

/// What `config.clientSecret` looks like in every response.
pub(crate) const MASK: &str = "********";
/// The prefix of the keys an ability's links are stored under (`link:secret`…), whatever the
/// API names them (see `skillsets.rs`).
pub(crate) const LINK: &str = "link:";

/// `created_by` of every Kubiya record.
pub(crate) const KUBIYA_CREATED_BY: &str = "emulator@secretctl.local";

#[derive(Default)]
pub(crate) struct State {
    /// ChatBotKit secrets by id; ids sort in creation order.
    pub cbk: BTreeMap<String, CbkSecret>,
    /// Never reset, so ids stay increasing across `/_emulator/reset`.
    pub cbk_counter: u64,
    /// Kubiya secrets by name.
    pub kubiya: BTreeMap<String, KubiyaSecret>,
    /// (sequence number, request) in arrival order.
    pub requests: Vec<(u64, RecordedRequest)>,
    pub next_request_seq: u64,
    pub faults: Vec<Fault>,
    pub latency_ms: u64,
    pub kubiya_format: Option<KubiyaValueFormat>,
    /// The optional token bucket over every API request.
    pub rate_limit: Option<super::ratelimit::Bucket>,
    /// ChatBotKit skillsets, abilities and bots by id (ids sort in creation order), as
    /// stored (see `skillsets.rs`).
    pub cbk_skillsets: BTreeMap<String, Map<String, Value>>,
    pub cbk_abilities: BTreeMap<String, Map<String, Value>>,
    pub cbk_bots: BTreeMap<String, Map<String, Value>>,
    /// How abilities name their links: `secretId` or `linkedSecretId`.
    pub cbk_link_style: super::LinkStyle,
    /// Kubiya agents by uuid, stored verbatim.
    pub kubiya_agents: BTreeMap<String, Map<String, Value>>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct CbkSecret {
    pub id: String,
    pub alias: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub blueprint_id: Option<String>,
    pub kind: Option<String>,
    pub type_: Option<String>,
    pub config: Option<Map<String, Value>>,
    pub visibility: Option<String>,
    pub meta: Option<Map<String, Value>>,
    pub value: Option<String>,
    pub created_at: u64,
    pub updated_at: u64,
}

impl CbkSecret {
    /// The record as fetch/list return it (`mask`: clientSecret masked, no value), or with
    /// everything stored (`!mask`: clientSecret in clear, plus `value`).
    pub fn to_json(&self, mask: bool) -> Value {
        let config = self.config.as_ref().map(|c| {
            let mut c = c.clone();
            if mask
                && let Some(v) = c.get_mut("clientSecret")
                && !v.is_null()
            {
                *v = Value::String(MASK.to_string());
            }
            Value::Object(c)
        });
        let mut v = json!({
            "id": self.id,
            "alias": self.alias,
            "name": self.name.clone().unwrap_or_default(),
            "description": self.description.clone().unwrap_or_default(),
            "blueprintId": self.blueprint_id,
            "kind": self.kind,
            "type": self.type_,
            "config": config,
            "visibility": self.visibility,
            "meta": self.meta,
            "createdAt": self.created_at,
            "updatedAt": self.updated_at,
        });
        if !mask && let Some(o) = v.as_object_mut() {
            o.insert("value".into(), json!(self.value));
        }
        v
    }

    /// Whether every filter `(key, value)` matches a meta value (compared as strings).
    pub fn meta_matches(&self, filters: &[(String, String)]) -> bool {
        filters.iter().all(|(k, want)| {
            let Some(meta) = &self.meta else { return false };
            match meta.get(k) {
                Some(Value::String(s)) => s == want,
                Some(Value::Null) | None => false,
                Some(other) => {
                    let s = other.to_string();
                    s == *want
                }
            }
        })
    }
}

#[derive(Clone, Debug)]
pub(crate) struct KubiyaSecret {
    pub name: String,
    pub value: String,
    pub description: String,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
}

impl KubiyaSecret {
    pub fn new(name: &str, value: &str, description: &str) -> Self {
        let now = now_rfc3339();
        KubiyaSecret {
            name: name.to_string(),
            value: value.to_string(),
            description: description.to_string(),
            created_by: KUBIYA_CREATED_BY.to_string(),
            created_at: now.clone(),
            updated_at: now,
        }
    }

    /// The record as list/get return it (no value).
    pub fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "description": self.description,
            "created_by": self.created_by,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        })
    }

    fn to_json_with_value(&self) -> Value {
        json!({
            "name": self.name,
            "value": self.value,
            "description": self.description,
            "created_by": self.created_by,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        })
    }
}

impl State {
    /// "sec" + 12-digit base-36 counter + 6 random lowercase alphanumerics: opaque, and
    /// sorting in creation order.
    pub fn new_cbk_id(&mut self) -> String {
        self.new_id("sec")
    }

    /// An id as [`State::new_cbk_id`]'s, with another prefix (`sks` skillsets, `abl`
    /// abilities, `bot` bots, `agt` Kubiya agents).
    pub fn new_id(&mut self, prefix: &str) -> String {
        const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
        self.cbk_counter += 1;
        let mut n = self.cbk_counter;
        let mut counter = [b'0'; 12];
        for slot in counter.iter_mut().rev() {
            *slot = DIGITS[(n % 36) as usize];
            n /= 36;
        }
        let mut id = String::with_capacity(21);
        id.push_str(prefix);
        id.extend(counter.iter().map(|&b| b as char));
        id.extend((0..6).map(|_| DIGITS[fastrand::usize(..DIGITS.len())] as char));
        id
    }

    /// Clear every ability's link to a deleted ChatBotKit secret, as the platform's
    /// `onDelete: SetNull` does.
    pub fn unlink_secret(&mut self, id: &str) {
        let key = format!("{LINK}secret");
        for a in self.cbk_abilities.values_mut() {
            if let Some(v) = a.get_mut(&key)
                && v.as_str() == Some(id)
            {
                *v = Value::Null;
            }
        }
    }

    /// Everything stored, values included (`GET /_emulator/secrets`).
    pub fn secrets_json(&self) -> Value {
        json!({
            "chatbotkit": self.cbk.values().map(|s| s.to_json(false)).collect::<Vec<_>>(),
            "kubiya": self.kubiya.values().map(KubiyaSecret::to_json_with_value).collect::<Vec<_>>(),
        })
    }

    /// Empties both stores, the request log and the faults (settings are kept).
    pub fn reset(&mut self) {
        self.cbk.clear();
        self.kubiya.clear();
        self.cbk_skillsets.clear();
        self.cbk_abilities.clear();
        self.cbk_bots.clear();
        self.kubiya_agents.clear();
        self.requests.clear();
        self.faults.clear();
    }

    /// The first fault that matches the request and applies to it (see `chance`), with its
    /// count decremented (removed when used up).
    pub fn take_fault(&mut self, method: &str, path: &str) -> Option<Fault> {
        let idx = self.faults.iter().position(|f| {
            f.method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
                && f.path_contains.as_deref().is_none_or(|p| path.contains(p))
                && f.chance.is_none_or(|c| fastrand::f64() < c)
        })?;
        let fault = &mut self.faults[idx];
        let taken = fault.clone();
        if fault.count != u32::MAX {
            if fault.count <= 1 {
                self.faults.remove(idx);
            } else {
                fault.count -= 1;
            }
        }
        Some(taken)
    }

    pub fn record(&mut self, req: RecordedRequest) -> u64 {
        let seq = self.next_request_seq;
        self.next_request_seq += 1;
        self.requests.push((seq, req));
        seq
    }

    pub fn set_status(&mut self, seq: u64, status: u16) {
        if let Some((_, r)) = self.requests.iter_mut().rev().find(|(s, _)| *s == seq) {
            r.status = status;
        }
    }
}

pub(crate) fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

pub(crate) fn now_rfc3339() -> String {
    humantime::format_rfc3339_seconds(SystemTime::now()).to_string()
}
