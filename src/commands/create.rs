//! `create` (both providers).

use serde_json::{Map, Value, json};

use super::Ctx;
use super::common::*;
use crate::error::Result;
use crate::input;
use crate::input::ValueArgs;
use crate::provider::{CreateSpec, Provider};

/// Whether `create` reads a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueMode {
    Required,
    /// `--kind personal` or `--no-value`: stdin is not read, no prompt is shown.
    None,
}

pub struct CreateArgs<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub value: &'a ValueArgs,
    pub mode: ValueMode,
    pub fields: Map<String, Value>,
    /// Other secret strings the request carries (a `--config` entry read from a file).
    pub secrets: Vec<&'a str>,
}

impl<'a> CreateArgs<'a> {
    /// A secret with a value and no provider fields.
    pub fn new(name: &'a str, description: Option<&'a str>, value: &'a ValueArgs) -> Self {
        CreateArgs {
            name,
            description,
            value,
            mode: ValueMode::Required,
            fields: Map::new(),
            secrets: Vec::new(),
        }
    }
}

pub fn create(ctx: &mut Ctx, p: &dyn Provider, a: CreateArgs) -> Result<i32> {
    check_new_name(p, a.name)?;
    let value = match a.mode {
        ValueMode::None => None,
        ValueMode::Required => Some(input::read_new_value(a.value, a.name, ctx.streams)?),
    };
    let spec = CreateSpec {
        name: a.name,
        description: a.description,
        value: value.as_ref(),
        fields: a.fields,
        secrets: a.secrets,
    };
    let key = p.create(&spec)?;
    report_done(
        ctx,
        p,
        "created",
        a.name,
        "",
        &key,
        &json!({ "name": a.name }),
    )
}
