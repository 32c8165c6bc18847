//! `update` (both providers).

use std::io::Write;

use serde_json::{Map, Value, json};

use super::Ctx;
use super::common::*;
use crate::error::{self, Result, exit};
use crate::input::ValueArgs;
use crate::input::{self, Purpose, ValueOutcome};
use crate::provider::{Provider, UpdateSpec, ValueChange};

pub struct UpdateArgs<'a> {
    pub target: &'a str,
    pub new_name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub value: &'a ValueArgs,
    pub keep_value: bool,
    pub fields: Map<String, Value>,
    pub merge: Map<String, Value>,
    /// Other secret strings the request carries (a `--config` entry read from a file).
    pub secrets: Vec<&'a str>,
}

impl<'a> UpdateArgs<'a> {
    /// An update of the value and description only, the name kept.
    pub fn new(
        target: &'a str,
        description: Option<&'a str>,
        value: &'a ValueArgs,
        keep_value: bool,
    ) -> Self {
        UpdateArgs {
            target,
            new_name: None,
            description,
            value,
            keep_value,
            fields: Map::new(),
            merge: Map::new(),
            secrets: Vec::new(),
        }
    }
}

pub fn update(ctx: &mut Ctx, p: &dyn Provider, a: UpdateArgs) -> Result<i32> {
    check_name(a.target)?;
    if let Some(n) = a.new_name {
        check_name(n)?;
    }
    // Nobody is asked for a value of a secret that does not exist: on a terminal the secret
    // is looked up first (and the record spares the adapter its own look-up).
    let current = if !a.keep_value && input::prompts(a.value, ctx.streams) {
        Some(p.get(a.target)?)
    } else {
        None
    };
    let read = if a.keep_value {
        ValueOutcome::Keep
    } else {
        input::read_value(a.value, Purpose::Update, a.target, ctx.streams)?
    };
    let value = match &read {
        ValueOutcome::Value(v) => ValueChange::Set(v),
        ValueOutcome::Keep => ValueChange::Keep,
    };
    let spec = UpdateSpec {
        new_name: a.new_name,
        description: a.description,
        value,
        fields: a.fields,
        merge: a.merge,
        secrets: a.secrets,
        current: current.as_ref(),
    };
    if spec.is_empty() {
        // An empty answer at the prompt means "keep the value": with nothing else to
        // change, that is done, not a mistake.
        // A target that does not exist is still reported (exit 3), with one look-up.
        if !a.keep_value && matches!(read, ValueOutcome::Keep) {
            let record = match current {
                Some(r) => r,
                None => p.get(a.target)?,
            };
            let _ = writeln!(
                ctx.streams.stderr,
                "Nothing changed: the value was kept and no other field was given."
            );
            ctx.out
                .action(
                    &mut ctx.streams.stdout,
                    "unchanged",
                    key_field(p),
                    &p.key(&record).1,
                    &json!({}),
                )
                .map_err(error::output)?;
            return Ok(exit::SUCCESS);
        }
        return Err(error::usage(
            "nothing to update: no value and no other field given; nothing was sent",
        ));
    }
    let key = p.update(a.target, &spec)?;
    let detail = if matches!(spec.value, ValueChange::Keep) {
        ""
    } else {
        " (new value)"
    };
    report_done(ctx, p, "updated", a.target, detail, &key, &json!({}))
}
