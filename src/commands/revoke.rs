//! `chatbotkit revoke`.

use serde_json::json;

use super::Ctx;
use super::common::*;
use crate::error::Result;
use crate::provider::Provider;

pub fn revoke(ctx: &mut Ctx, p: &dyn Provider, target: &str, yes: bool) -> Result<i32> {
    check_name(target)?;
    let auth = p.authentication()?;
    let id = confirmed_key(ctx, p, target, yes, "revoke", |s| {
        format!("Erase the stored value of {s}?")
    })?;
    let id = auth.revoke(&id)?;
    report_done(ctx, p, "revoked", target, "", &id, &json!({}))
}
