//! `import`: many secrets at once, checked before anything is written.

use crate::cli::ImportArgs;
use crate::commands::Ctx;
use crate::error::{self, Result};
use crate::provider::Provider;

pub fn run(_ctx: &mut Ctx, _p: &dyn Provider, _a: &ImportArgs) -> Result<i32> {
    Err(error::usage("import is not available yet"))
}
