use crate::support::*;

#[test]
fn version_and_help() {
    let env = Env::new();
    env.run(&["--version"])
        .ok()
        .stdout_has(env!("CARGO_PKG_VERSION"));
    env.run(&["kubiya", "list", "--help"])
        .ok()
        .stdout_has("Examples:");
}
