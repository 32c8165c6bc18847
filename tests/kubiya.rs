use crate::support::*;

#[test]
fn create_and_reveal_round_trip_exact_bytes() {
    let env = Env::new();
    env.run_stdin(&["kubiya", "create", "GH_TOKEN"], b"ghp_abc\n")
        .ok()
        .no_leak("ghp_abc");
    assert_eq!(env.kubiya_value("GH_TOKEN").as_deref(), Some("ghp_abc"));
    let r = env.run(&["kubiya", "get", "GH_TOKEN", "--reveal"]);
    r.ok();
    assert_eq!(
        r.stdout_bytes, b"ghp_abc",
        "no newline when stdout is not a terminal"
    );
    let reqs = env.requests(None, "/secrets");
    assert!(
        reqs.iter()
            .all(|r| r.header("authorization") == Some(format!("UserKey {TOKEN}").as_str()))
    );
}
