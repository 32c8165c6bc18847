use crate::support::*;

#[test]
fn create_sends_kind_and_stores_exact_value() {
    let env = Env::new();
    let r = env.run_stdin(
        &[
            "chatbotkit",
            "create",
            "OPENAI_KEY",
            "--description",
            "bot key",
        ],
        b"sk-live-123\n",
    );
    r.ok().no_leak("sk-live-123");
    let id = r.stdout.trim();
    let stored = env.cbk_by_name("OPENAI_KEY");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["id"], id);
    assert_eq!(stored[0]["value"], "sk-live-123");
    assert_eq!(stored[0]["description"], "bot key");
    let creates = env.requests(Some("POST"), "/secret/create");
    assert_eq!(creates.len(), 1);
    assert_eq!(
        creates[0].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(creates[0].body_json().unwrap()["kind"], "shared");
    assert!(
        creates[0].path.starts_with("/api/v1/"),
        "{}",
        creates[0].path
    );
}
