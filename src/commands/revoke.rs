//! `chatbotkit revoke`.

use serde_json::json;

use super::Ctx;
use super::common::*;
use crate::error::Result;
use crate::provider::Provider;

pub fn revoke(ctx: &mut Ctx, p: &dyn Provider, target: &str, yes: bool) -> Result<i32> {
    check_name(target)?;
    let auth = p.authentication()?;
    let id = if yes {
        target.to_string()
    } else {
        if !ctx.streams.can_prompt() {
            confirm(ctx, false, "", "revoke")?;
        }
        let rec = p.get(target)?;
        confirm(
            ctx,
            false,
            &format!("Erase the stored value of {}?", describe(p, &rec)),
            "revoke",
        )?;
        p.key(&rec).1
    };
    let id = auth.revoke(&id)?;
    report_done(ctx, p, "revoked", target, "", &id, &json!({}))
}
