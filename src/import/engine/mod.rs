//! What `import` and `sync` share, one concern a file: `source.rs` reads the source and
//! `validate.rs` checks every item before anything is sent; this file holds the plan (the one
//! list call that indexes the platform, what each entry will do); `crate::pool` runs jobs on
//! workers at the shared pace, with the progress bar; `apply.rs` sends the writes and checks
//! the unsure answers; `report.rs` prints the plan, the report and the totals, and picks the
//! exit code.

mod apply;
mod report;
mod source;
mod validate;

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::error::Result;
use crate::provider::{ListFilter, Provider};
use crate::secret::SecretValue;

pub use crate::pool::pool;
pub use apply::{apply, confirm_unsure};
pub use report::{Row, dry_run, finish_run, totals};
pub use source::{Source, read_source};

/// A validated item, ready to send.
pub struct Ready {
    pub name: String,
    pub value: SecretValue,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    Create,
    /// Update this stored secret (as listed).
    Update(Box<Value>),
    Skip,
    /// The stored value and description are the source's: nothing is sent.
    Unchanged,
    /// Delete this stored secret (as listed).
    Delete(Box<Value>),
    Fail(String),
}

impl Plan {
    pub fn word(&self) -> &'static str {
        match self {
            Plan::Create => "create",
            Plan::Update(_) => "update",
            Plan::Skip => "skip",
            Plan::Unchanged => "unchanged",
            Plan::Delete(_) => "delete",
            Plan::Fail(_) => "fail",
        }
    }
}

/// What happened to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Created,
    Updated,
    Skipped,
    Unchanged,
    Deleted,
    Failed,
    NotAttempted,
}

impl Action {
    pub fn word(self) -> &'static str {
        match self {
            Action::Created => "created",
            Action::Updated => "updated",
            Action::Skipped => "skipped",
            Action::Unchanged => "unchanged",
            Action::Deleted => "deleted",
            Action::Failed => "failed",
            Action::NotAttempted => "not attempted",
        }
    }

    pub fn succeeded(self) -> bool {
        !matches!(self, Action::Failed | Action::NotAttempted)
    }
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub action: Action,
    pub key: Option<String>,
    pub error: Option<String>,
    /// The write's answer left it unknown whether the server acted: checked before the report.
    pub unsure: bool,
    /// Done, as the check against the server found, although the answer was an error.
    pub checked: bool,
}

impl Outcome {
    pub fn done(action: Action, key: String, checked: bool) -> Outcome {
        Outcome {
            action,
            key: Some(key),
            error: None,
            unsure: false,
            checked,
        }
    }

    pub fn failed(action: Action, error: String) -> Outcome {
        Outcome {
            action,
            key: None,
            error: Some(error),
            unsure: false,
            checked: false,
        }
    }

    fn quiet(action: Action) -> Outcome {
        Outcome {
            action,
            key: None,
            error: None,
            unsure: false,
            checked: false,
        }
    }

    /// Add what the check against the server found to the error.
    fn note(&mut self, what: &str) {
        let e = self.error.get_or_insert_with(String::new);
        if !e.is_empty() {
            e.push_str(" — ");
        }
        e.push_str(what);
    }
}

/// One line of work: a source item (create, update, unchanged…) or a stored secret to delete.
pub struct Entry<'a> {
    pub name: String,
    pub item: Option<&'a Ready>,
    pub plan: Plan,
    /// The description sent with this entry's write (`None`: not sent).
    pub description: Option<String>,
}

/// The outcome an entry has without any request: what its plan already says.
pub fn planned_outcome(plan: &Plan) -> Option<Outcome> {
    match plan {
        Plan::Skip => Some(Outcome::quiet(Action::Skipped)),
        Plan::Unchanged => Some(Outcome::quiet(Action::Unchanged)),
        Plan::Fail(e) => Some(Outcome::failed(Action::Failed, e.clone())),
        _ => None,
    }
}

/// One list call: the stored secrets of the wanted names (all of them when `wanted` is
/// `None`), by name.
pub fn index(
    p: &dyn Provider,
    wanted: Option<&HashSet<&str>>,
) -> Result<HashMap<String, Vec<Value>>> {
    let mut existing: HashMap<String, Vec<Value>> = HashMap::new();
    p.list(&ListFilter::default(), &mut |rec| {
        if let Some(name) = rec.get("name").and_then(Value::as_str)
            && wanted.is_none_or(|w| w.contains(name))
        {
            existing.entry(name.to_string()).or_default().push(rec);
        }
        Ok(())
    })?;
    Ok(existing)
}

/// Why a present secret cannot take the source's value, if it cannot: several secrets hold
/// the name (ChatBotKit), or the stored secret would drop a value sent to it.
pub fn update_plan(p: &dyn Provider, recs: &[Value]) -> Plan {
    match recs {
        [rec] => match p.refuses_value(rec) {
            // Checked here, before anything is written: the API would drop the value.
            Some(why) => Plan::Fail(match p.kind().keep_value_remedy(&p.key(rec).1) {
                Some(remedy) => format!("not updated: {why} ({remedy})"),
                None => format!("not updated: {why}"),
            }),
            None => Plan::Update(Box::new(rec.clone())),
        },
        _ => Plan::Fail(format!(
            "{} {} secrets have this name ({}); update one by id",
            recs.len(),
            p.kind().display(),
            recs.iter()
                .map(|r| p.key(r).1)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plan_words() {
        assert_eq!(Plan::Update(Box::new(json!({"id": "x"}))).word(), "update");
        assert_eq!(Plan::Delete(Box::new(json!({"id": "x"}))).word(), "delete");
        assert_eq!(Plan::Unchanged.word(), "unchanged");
        assert_eq!(Plan::Fail("x".into()).word(), "fail");
    }
}
