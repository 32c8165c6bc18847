//! "Used by" (contract section "Used by"): `get` shows what uses a secret, `list --unused`
//! what nothing uses, `delete` and `sync --prune` refuse a secret in use unless `--force`.
//! Every test seeds the emulator through the API routes a client would use, then asserts
//! the requests secretctl sent and what the emulator holds afterwards.

use crate::support::*;

fn paths(env: &Env, method: &str) -> Vec<String> {
    env.emu
        .requests()
        .into_iter()
        .filter(|r| r.method == method)
        .map(|r| r.path)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Kubiya

/// GH_TOKEN named by "deployer" exactly and by "reviewer" in another case; DB unused.
fn kubiya_env() -> (Env, String, String) {
    let env = Env::new();
    env.emu.seed_kubiya("GH_TOKEN", "gh-value-123456", "");
    env.emu.seed_kubiya("DB", "db-value-123456", "");
    let deployer = env.agent("deployer", json!(["GH_TOKEN", "MISSING"]));
    let reviewer = env.agent("reviewer", json!(["gh_token"]));
    env.agent("idle", Value::Null);
    env.api(
        "POST",
        "/api/v1/agents",
        Some(json!({"name": "bare", "description": ""})),
    );
    env.emu.clear_requests();
    (env, deployer, reviewer)
}

#[test]
fn kubiya_get_names_the_agents_in_one_extra_request() {
    let (env, deployer, reviewer) = kubiya_env();
    let r = env.run(&["-o", "json", "kubiya", "get", "GH_TOKEN"]);
    r.ok();
    assert_eq!(
        r.json()["used_by"],
        json!([
            {"kind": "agent", "id": deployer, "name": "deployer"},
            {"kind": "agent", "id": reviewer, "name": "reviewer",
             "via": "names it 'gh_token': case differs"},
        ])
    );
    // The agents; and, only because "reviewer" spells it in another case, the secret list
    // (is `gh_token` a secret of its own?).
    assert_eq!(
        paths(&env, "GET"),
        [
            "/api/v1/secrets/GH_TOKEN",
            "/api/v1/agents?mode=all",
            "/api/v1/secrets"
        ]
    );

    env.emu.clear_requests();
    let r = env.run(&["kubiya", "get", "DB", "-o", "json"]);
    assert_eq!(r.json()["used_by"], json!([]));
    assert_eq!(
        paths(&env, "GET"),
        ["/api/v1/secrets/DB", "/api/v1/agents?mode=all"],
        "one request more, no case-only match"
    );
    let r = env.run(&["kubiya", "get", "GH_TOKEN", "-o", "table"]);
    r.ok().stdout_has(
        "USED_BY      agent 'deployer', agent 'reviewer' (names it 'gh_token': case differs)",
    );
    let r = env.run(&["kubiya", "get", "DB", "-o", "table"]);
    r.ok().stdout_has("USED_BY      nothing found");
}

#[test]
fn kubiya_get_shows_an_unknown_when_the_agents_cannot_be_read_and_exits_0() {
    let (env, _, _) = kubiya_env();
    env.fault(status_fault("/agents", 500, 1));
    let r = env.run(&["kubiya", "get", "GH_TOKEN", "-o", "table"]);
    r.ok()
        .stdout_has("USED_BY      unknown (cannot tell what uses Kubiya secrets: ");
    env.fault(status_fault("/agents", 500, 1));
    let r = env.run(&["kubiya", "get", "GH_TOKEN", "-o", "json"]);
    let v = r.ok().json();
    assert_eq!(v["used_by"], Value::Null);
    assert!(
        v["used_by_error"]
            .as_str()
            .is_some_and(|e| e.starts_with("cannot tell what uses Kubiya secrets")),
        "{v}"
    );
}

#[test]
fn kubiya_agents_are_read_under_api_v1_whatever_the_secrets_version() {
    let (mut env, deployer, _) = kubiya_env();
    let v2 = format!("{}/api/v2", env.url());
    env.set("KUBIYA_BASE_URL", &v2);
    let r = env.run(&["kubiya", "get", "GH_TOKEN", "-o", "json"]);
    assert_eq!(r.ok().json()["used_by"][0]["id"], json!(deployer));
    assert_eq!(
        paths(&env, "GET"),
        [
            "/api/v2/secrets/GH_TOKEN",
            "/api/v1/agents?mode=all",
            "/api/v2/secrets"
        ]
    );
}

#[test]
fn kubiya_delete_yes_refuses_a_secret_in_use_with_exit_5_and_sends_no_delete() {
    let (env, _, _) = kubiya_env();
    let r = env.run(&["kubiya", "delete", "GH_TOKEN", "--yes"]);
    r.code(5).one_error_line().stderr_has(
        "error: Kubiya secret 'GH_TOKEN' is in use by agent 'deployer', agent 'reviewer' \
         (names it 'gh_token': case differs); nothing was deleted",
    );
    r.stderr_has("--force");
    assert!(r.stdout.is_empty());
    assert!(env.writes().is_empty(), "{:?}", env.writes());
    assert_eq!(
        env.kubiya_value("GH_TOKEN").as_deref(),
        Some("gh-value-123456")
    );
}

#[test]
fn kubiya_delete_force_deletes_in_one_request_and_leaves_the_agents_naming_it() {
    let (env, deployer, _) = kubiya_env();
    let r = env.run(&["kubiya", "delete", "GH_TOKEN", "--yes", "--force"]);
    r.ok();
    assert_eq!(r.stdout, "GH_TOKEN\n");
    let all: Vec<(String, String)> = env
        .emu
        .requests()
        .into_iter()
        .map(|r| (r.method, r.path))
        .collect();
    assert_eq!(
        all,
        [("DELETE".to_string(), "/api/v1/secrets/GH_TOKEN".to_string())]
    );
    assert_eq!(env.kubiya_value("GH_TOKEN"), None);
    // The real server deletes regardless, and the agent names a secret that is gone.
    let a = env.api("GET", &format!("/api/v1/agents/{deployer}"), None);
    assert_eq!(a["secrets"], json!(["GH_TOKEN", "MISSING"]));
}

#[test]
fn kubiya_delete_yes_of_a_secret_nothing_uses_goes_ahead() {
    let (env, _, _) = kubiya_env();
    env.run(&["kubiya", "delete", "DB", "--yes"]).ok();
    let all: Vec<String> = env
        .emu
        .requests()
        .into_iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    assert_eq!(
        all,
        [
            "GET /api/v1/secrets/DB",
            "GET /api/v1/agents?mode=all",
            "DELETE /api/v1/secrets/DB"
        ]
    );
    assert_eq!(env.kubiya_value("DB"), None);
}

#[test]
fn kubiya_delete_stops_when_the_agents_cannot_be_read_unless_forced() {
    let (env, _, _) = kubiya_env();
    env.fault(status_fault("/agents", 500, 1));
    let r = env.run(&["kubiya", "delete", "DB", "--yes"]);
    r.code(6)
        .one_error_line()
        .stderr_has("error: cannot tell what uses Kubiya secrets: ")
        .stderr_has("nothing was deleted; --force deletes without reading what uses it");
    assert!(env.writes().is_empty());
    assert!(env.kubiya_value("DB").is_some());
    env.fault(status_fault("/agents", 500, 1));
    env.run(&["kubiya", "delete", "DB", "--yes", "--force"])
        .ok();
    assert_eq!(env.kubiya_value("DB"), None);
}

#[test]
fn kubiya_list_unused_lists_only_what_no_agent_names() {
    let (env, _, _) = kubiya_env();
    env.emu.seed_kubiya("ALSO_FREE", "free-value-123", "");
    let r = env.run(&["kubiya", "list", "--unused", "-o", "json"]);
    let names: Vec<String> = r
        .ok()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["ALSO_FREE", "DB"]);
    assert_eq!(
        paths(&env, "GET"),
        ["/api/v1/secrets", "/api/v1/agents?mode=all"]
    );
    env.fault(status_fault("/agents", 500, 1));
    let r = env.run(&["kubiya", "list", "--unused"]);
    r.code(6).one_error_line();
    assert!(r.stdout.is_empty(), "nothing shown as unused: {}", r.stdout);
}

#[test]
fn kubiya_sync_prune_fails_a_secret_in_use_and_deletes_the_rest() {
    let (env, _, _) = kubiya_env();
    env.emu.seed_kubiya("KEEP", "keep-value-1234", "");
    let src = env.write("src.env", b"KEEP=keep-value-1234\n");
    let r = env.run(&["kubiya", "sync", src.to_str().unwrap(), "--prune", "--yes"]);
    r.code(1).stdout_has(
        "GH_TOKEN\tfailed\tnot deleted: in use by agent 'deployer', agent 'reviewer' \
         (names it 'gh_token': case differs) (--force deletes it)",
    );
    r.stdout_has("DB\tdeleted");
    assert_eq!(paths(&env, "DELETE"), ["/api/v1/secrets/DB"]);
    let names: Vec<Value> = env
        .kubiya_secrets()
        .iter()
        .map(|s| s["name"].clone())
        .collect();
    assert_eq!(names, [json!("GH_TOKEN"), json!("KEEP")]);
    assert_eq!(
        paths(&env, "GET")
            .iter()
            .filter(|p| p.ends_with("/agents?mode=all"))
            .count(),
        1
    );

    env.emu.clear_requests();
    let r = env.run(&[
        "kubiya",
        "sync",
        src.to_str().unwrap(),
        "--prune",
        "--yes",
        "--force",
    ]);
    r.ok().stdout_has("GH_TOKEN\tdeleted");
    assert!(paths(&env, "GET").iter().all(|p| !p.contains("/agents")));
    assert_eq!(env.kubiya_secrets().len(), 1);
}

#[test]
fn kubiya_sync_prune_writes_nothing_when_the_agents_cannot_be_read() {
    let (env, _, _) = kubiya_env();
    env.fault(status_fault("/agents", 500, 1));
    let src = env.write("src.env", b"NEW=new-value-12345\n");
    let r = env.run(&["kubiya", "sync", src.to_str().unwrap(), "--prune", "--yes"]);
    r.code(6)
        .one_error_line()
        .stderr_has("error: cannot plan the sync: cannot tell what uses Kubiya secrets: ");
    assert!(env.writes().is_empty(), "{:?}", env.writes());
    assert_eq!(env.kubiya_secrets().len(), 2);
}

#[test]
fn kubiya_sync_dry_run_shows_the_refused_prune() {
    let (env, _, _) = kubiya_env();
    let src = env.write("src.env", b"DB=db-value-123456\n");
    let r = env.run(&[
        "kubiya",
        "sync",
        src.to_str().unwrap(),
        "--prune",
        "--dry-run",
    ]);
    // A plan with a failed item is exit 1, as import's dry run.
    r.code(1)
        .stdout_has("GH_TOKEN\tfail\tnot deleted: in use by agent 'deployer'");
    assert!(env.writes().is_empty());
}

// ---------------------------------------------------------------------------------------------
// ChatBotKit

struct Cbk {
    env: Env,
    secret: String,
    linked: String,
    by_name: String,
    reference: String,
    bot: String,
    tools: String,
}

/// Secret "Weather API" linked from an ability of skillset "Tools" (held by bot "Helper"),
/// named in an instruction of a disabled ability in skillset "Other", and pointed at by a
/// reference secret; "Free" used by nothing. Abilities created with `style`'s field name.
fn cbk_env(style: LinkStyle) -> Cbk {
    let env = Env::new();
    env.emu.set_link_style(style);
    let link = match style {
        LinkStyle::Linked => "linkedSecretId",
        LinkStyle::Plain => "secretId",
    };
    let secret = env
        .emu
        .seed_chatbotkit(json!({"name": "Weather API", "kind": "shared", "alias": "wx"}));
    env.emu
        .seed_chatbotkit(json!({"name": "Free", "kind": "shared"}));
    let reference = env.emu.seed_chatbotkit(
        json!({"name": "wx ref", "type": "reference", "config": {"reference": "@wx"}}),
    );
    let tools = env.cbk_create("skillset/create", json!({"name": "Tools"}));
    let other = env.cbk_create("skillset/create", json!({"name": "Other"}));
    env.cbk_create("skillset/create", json!({"name": "Empty"}));
    let linked = env.cbk_create(
        &format!("skillset/{tools}/ability/create"),
        json!({"name": "forecast", "instruction": "GET /forecast", link: secret}),
    );
    let by_name = env.cbk_create(
        &format!("skillset/{other}/ability/create"),
        json!({"name": "by name", "state": "disabled",
               "instruction": "Authorization: Bearer {{SECRET_weather_api}}"}),
    );
    env.cbk_create(
        &format!("skillset/{other}/ability/create"),
        json!({"name": "unrelated", "instruction": "${SECRET_FREE_NOT}"}),
    );
    let bot = env.cbk_create("bot/create", json!({"name": "Helper", "skillsetId": tools}));
    env.cbk_create("bot/create", json!({"name": "Loner"}));
    env.emu.clear_requests();
    Cbk {
        env,
        secret,
        linked,
        by_name,
        reference,
        bot,
        tools,
    }
}

#[test]
fn chatbotkit_get_joins_links_instructions_references_and_bots_with_either_field_name() {
    for style in [LinkStyle::Linked, LinkStyle::Plain] {
        let c = cbk_env(style);
        let r = c.env.run(&["chatbotkit", "get", &c.secret, "-o", "json"]);
        assert_eq!(
            r.ok().json()["used_by"],
            json!([
                // In the order the lists come: the newest skillset first.
                {"kind": "ability", "id": c.by_name, "name": "by name",
                 "via": "skillset 'Other', ${SECRET_weather_api} in its instruction, disabled"},
                {"kind": "ability", "id": c.linked, "name": "forecast",
                 "via": "skillset 'Tools', linked"},
                {"kind": "secret", "id": c.reference, "name": "wx ref", "via": "reference"},
                {"kind": "bot", "id": c.bot, "name": "Helper", "via": "skillset 'Tools'"},
            ]),
            "{style:?}"
        );
        // One fetch; then the secrets, skillsets and bots, and one ability list per skillset.
        let mut got = paths(&c.env, "GET");
        got.sort();
        let mut want = vec![
            format!("/api/v1/secret/{}/fetch", c.secret),
            "/api/v1/secret/list?take=100".to_string(),
            "/api/v1/skillset/list?take=100".to_string(),
            "/api/v1/bot/list?take=100".to_string(),
        ];
        want.extend(
            c.env.cbk_get("skillset/list")["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|k| {
                    format!(
                        "/api/v1/skillset/{}/ability/list?take=100",
                        k["id"].as_str().unwrap()
                    )
                }),
        );
        want.sort();
        assert_eq!(got, want, "{style:?}");
    }
}

#[test]
fn chatbotkit_delete_yes_refuses_a_secret_in_use_and_leaves_every_link() {
    let c = cbk_env(LinkStyle::Linked);
    let r = c.env.run(&["chatbotkit", "delete", "Weather API", "--yes"]);
    r.code(5).one_error_line().stderr_has(&format!(
        "error: ChatBotKit secret 'Weather API' ({}) is in use by ability 'by name' \
         (skillset 'Other', ${{SECRET_weather_api}} in its instruction, disabled), ability \
         'forecast' (skillset 'Tools', linked), secret 'wx ref' (reference), bot 'Helper' \
         (skillset 'Tools'); nothing was deleted",
        c.secret
    ));
    assert!(c.env.writes().is_empty(), "{:?}", c.env.writes());
    assert_eq!(c.env.cbk_by_name("Weather API").len(), 1);
    let a = c
        .env
        .cbk_get(&format!("skillset/{}/ability/{}/fetch", c.tools, c.linked));
    assert_eq!(a["linkedSecretId"], json!(c.secret));
}

#[test]
fn chatbotkit_delete_force_deletes_and_the_server_clears_the_links() {
    let c = cbk_env(LinkStyle::Linked);
    let r = c
        .env
        .run(&["chatbotkit", "delete", &c.secret, "--yes", "--force"]);
    r.ok();
    assert_eq!(
        paths(&c.env, "POST"),
        [format!("/api/v1/secret/{}/delete", c.secret)]
    );
    // The id look-up every ChatBotKit write by id makes, and no reference read.
    assert_eq!(
        paths(&c.env, "GET"),
        [format!("/api/v1/secret/{}/fetch", c.secret)]
    );
    assert!(c.env.cbk_by_name("Weather API").is_empty());
    // As on the platform: the link is cleared, the ability stays.
    let a = c
        .env
        .cbk_get(&format!("skillset/{}/ability/{}/fetch", c.tools, c.linked));
    assert_eq!(a["linkedSecretId"], Value::Null);
    assert_eq!(a["name"], "forecast");
    // What named it by text or by reference is left dangling.
    let r = c.env.cbk_by_name("wx ref");
    assert_eq!(r[0]["config"]["reference"], "@wx");
}

#[test]
fn chatbotkit_delete_yes_of_a_secret_nothing_uses_deletes_it() {
    let c = cbk_env(LinkStyle::Plain);
    let free = c.env.cbk_by_name("Free")[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    c.env.run(&["chatbotkit", "delete", &free, "--yes"]).ok();
    assert_eq!(
        paths(&c.env, "POST"),
        [format!("/api/v1/secret/{free}/delete")]
    );
    assert!(c.env.cbk_by_name("Free").is_empty());
    assert_eq!(c.env.cbk_secrets().len(), 2);
}

#[test]
fn chatbotkit_delete_stops_when_an_ability_list_cannot_be_read() {
    let c = cbk_env(LinkStyle::Linked);
    c.env.fault(status_fault("/ability/list", 500, 1));
    let r = c.env.run(&["chatbotkit", "delete", "Free", "--yes"]);
    r.code(6)
        .one_error_line()
        .stderr_has("error: cannot tell what uses ChatBotKit secrets: ");
    assert!(c.env.writes().is_empty());
    assert_eq!(c.env.cbk_by_name("Free").len(), 1);
}

#[test]
fn chatbotkit_list_unused_lists_what_nothing_uses() {
    let c = cbk_env(LinkStyle::Linked);
    let r = c.env.run(&["chatbotkit", "list", "--unused", "-o", "json"]);
    let names: Vec<Value> = r
        .ok()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].clone())
        .collect();
    // The reference secret points at another; nothing points at it.
    assert_eq!(names, [json!("wx ref"), json!("Free")]);
}

#[test]
fn chatbotkit_sync_prune_fails_a_secret_in_use_and_deletes_the_rest() {
    let c = cbk_env(LinkStyle::Linked);
    let src = c.env.write("src.env", b"KEEP=keep-value-1234\n");
    let r = c.env.run(&[
        "chatbotkit",
        "sync",
        src.to_str().unwrap(),
        "--prune",
        "--yes",
    ]);
    r.code(1)
        .stdout_has("Weather API\tfailed\tnot deleted: in use by ability 'by name'");
    r.stdout_has("Free\tdeleted");
    let mut left: Vec<String> = c
        .env
        .cbk_secrets()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    left.sort();
    assert_eq!(left, ["KEEP", "Weather API"]);
    assert!(
        paths(&c.env, "POST")
            .iter()
            .all(|p| !p.contains(&format!("{}/delete", c.secret))),
        "no delete of the secret in use"
    );
}

#[test]
fn chatbotkit_ability_lists_follow_every_page() {
    let c = cbk_env(LinkStyle::Linked);
    let big = c.env.cbk_create("skillset/create", json!({"name": "Big"}));
    for i in 0..120 {
        let instruction = if i == 110 {
            "${SECRET_FREE}"
        } else {
            "nothing"
        };
        c.env.cbk_create(
            &format!("skillset/{big}/ability/create"),
            json!({"name": format!("a{i}"), "instruction": instruction}),
        );
    }
    c.env.emu.clear_requests();
    let r = c.env.run(&["chatbotkit", "get", "Free", "-o", "json"]);
    let used = r.ok().json()["used_by"].clone();
    assert_eq!(used[0]["name"], "a110", "{used}");
    let pages = paths(&c.env, "GET")
        .into_iter()
        .filter(|p| p.contains(&format!("skillset/{big}/ability/list")))
        .count();
    assert_eq!(pages, 2);
}

// ---------------------------------------------------------------------------------------------
// The emulator's model (secret-references.md §5)

#[test]
fn emulator_abilities_take_either_link_name_and_answer_with_the_settings() {
    let env = Env::new();
    let s = env.emu.seed_chatbotkit(json!({"name": "S"}));
    let k = env.cbk_create("skillset/create", json!({"name": "K"}));
    let a = env.cbk_create(
        &format!("skillset/{k}/ability/create"),
        json!({"name": "old", "secretId": s}),
    );
    let b = env.cbk_create(
        &format!("skillset/{k}/ability/create"),
        json!({"name": "new", "linkedSecretId": s}),
    );
    let fetched = env.cbk_get(&format!("skillset/{k}/ability/{a}/fetch"));
    assert_eq!(fetched["linkedSecretId"], json!(s));
    assert!(fetched.get("secretId").is_none(), "{fetched}");
    env.emu.set_link_style(LinkStyle::Plain);
    let listed = env.cbk_get(&format!("skillset/{k}/ability/list"));
    let items = listed["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert!(
        items
            .iter()
            .all(|i| i["secretId"] == json!(s) && i.get("linkedSecretId").is_none())
    );
    assert_eq!(listed["cursor"], json!(a), "desc: the oldest last");
    // A link may be cleared with null; a link to no secret is refused.
    env.api(
        "POST",
        &format!("/api/v1/skillset/{k}/ability/{b}/update"),
        Some(json!({"linkedSecretId": null})),
    );
    assert_eq!(
        env.cbk_get(&format!("skillset/{k}/ability/{b}/fetch"))["secretId"],
        Value::Null
    );
    let (status, _) = env.api_status(
        "POST",
        &format!("/api/v1/skillset/{k}/ability/create"),
        Some(json!({"name": "x", "secretId": "nope"})),
    );
    assert_eq!(status, 400);
    // Not in that skillset, or no such skillset.
    let (status, v) = env.api_status("GET", "/api/v1/skillset/nope/ability/list", None);
    assert_eq!(
        (status, v["message"].clone()),
        (404, json!("Skillset not found"))
    );
    let other = env.cbk_create("skillset/create", json!({"name": "O"}));
    let (status, _) = env.api_status(
        "GET",
        &format!("/api/v1/skillset/{other}/ability/{a}/fetch"),
        None,
    );
    assert_eq!(status, 404);
}

#[test]
fn emulator_skillset_delete_orphans_its_abilities_and_lists_page_by_cursor() {
    let env = Env::new();
    let k = env.cbk_create("skillset/create", json!({"name": "K"}));
    let ids: Vec<String> = (0..3)
        .map(|i| {
            env.cbk_create(
                &format!("skillset/{k}/ability/create"),
                json!({"name": format!("a{i}")}),
            )
        })
        .collect();
    let page = env.cbk_get(&format!(
        "skillset/{k}/ability/list?take=2&order=asc&cursor={}",
        ids[0]
    ));
    let got: Vec<Value> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].clone())
        .collect();
    assert_eq!(got, [json!(ids[1]), json!(ids[2])]);
    env.api(
        "POST",
        &format!("/api/v1/skillset/{k}/delete"),
        Some(json!({})),
    );
    let (status, _) = env.api_status("GET", &format!("/api/v1/skillset/{k}/ability/list"), None);
    assert_eq!(
        status, 404,
        "the skillset is gone; its abilities are orphans"
    );
    assert_eq!(env.cbk_get("skillset/list")["items"], json!([]));
}

#[test]
fn emulator_kubiya_agents_are_stored_verbatim_and_listed_by_name() {
    let env = Env::new();
    let z = env.agent("zeta", json!(["A", "a", "DANGLING"]));
    env.agent("alpha", Value::Null);
    let list = env.api("GET", "/api/v1/agents?mode=all", None);
    let names: Vec<Value> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].clone())
        .collect();
    assert_eq!(names, [json!("alpha"), json!("zeta")]);
    assert_eq!(list[0]["secrets"], Value::Null);
    assert_eq!(list[1]["secrets"], json!(["A", "a", "DANGLING"]));
    let mut a = env.api("GET", &format!("/api/v1/agents/{z}"), None);
    a["secrets"] = json!([]);
    env.api("PUT", &format!("/api/v1/agents/{z}"), Some(a));
    assert_eq!(
        env.api("GET", &format!("/api/v1/agents/{z}"), None)["secrets"],
        json!([])
    );
    env.api("DELETE", &format!("/api/v1/agents/{z}"), None);
    assert_eq!(
        env.api_status("GET", &format!("/api/v1/agents/{z}"), None)
            .0,
        404
    );
    // Agents live under v1 only.
    assert_eq!(env.api_status("GET", "/api/v2/agents", None).0, 404);
}

#[test]
fn a_404_from_the_agents_route_is_an_endpoint_error_not_a_missing_secret() {
    let (env, _, _) = kubiya_env();
    env.fault(status_fault("/agents", 404, 2));
    let r = env.run(&["kubiya", "delete", "DB", "--yes", "--ignore-missing"]);
    r.code(6)
        .one_error_line()
        .stderr_has("error: cannot tell what uses Kubiya secrets: ");
    assert!(env.writes().is_empty());
    assert!(env.kubiya_value("DB").is_some());
}

#[test]
fn chatbotkit_get_says_when_other_accounts_may_use_a_personal_secret() {
    let env = Env::new();
    let public = env
        .emu
        .seed_chatbotkit(json!({"name": "P", "kind": "personal", "visibility": "public"}));
    let private = env
        .emu
        .seed_chatbotkit(json!({"name": "Q", "kind": "personal", "visibility": "private"}));
    let v = env
        .run(&["chatbotkit", "get", &public, "-o", "json"])
        .ok()
        .json();
    assert_eq!(v["used_by"], json!([]));
    assert_eq!(
        v["used_by_note"],
        "other accounts may use this public personal secret; they are not in these lists"
    );
    env.run(&["chatbotkit", "get", &public, "-o", "table"])
        .ok()
        .stdout_has("nothing found; other accounts may use this public personal secret");
    let v = env
        .run(&["chatbotkit", "get", &private, "-o", "json"])
        .ok()
        .json();
    assert!(v.get("used_by_note").is_none(), "{v}");
}

#[test]
fn chatbotkit_a_404_for_the_abilities_of_a_skillset_that_exists_stops_the_delete() {
    // A server (or a proxy) with no ability list answers 404 for it: that is lists that
    // cannot be read, not an empty skillset, so a secret used only there is not deleted.
    let c = cbk_env_used_by_one_ability("Only linked");
    c.env.fault(status_fault(
        &format!("skillset/{}/ability/list", c.tools),
        404,
        10,
    ));
    let r = c.env.run(&["chatbotkit", "delete", "Only linked", "--yes"]);
    r.code(6)
        .one_error_line()
        .stderr_has("error: cannot tell what uses ChatBotKit secrets: ")
        .stderr_has(&format!("skillset '{}' exists", c.tools));
    assert!(c.env.writes().is_empty(), "{:?}", c.env.writes());
    assert_eq!(c.env.cbk_by_name("Only linked").len(), 1);
    let r = c
        .env
        .run(&["chatbotkit", "get", "Only linked", "-o", "json"]);
    assert_eq!(r.ok().json()["used_by"], Value::Null);
}

/// The names `get NAME -o json` lists in `used_by` (the command must succeed).
fn used_by_names(env: &Env, name: &str) -> Vec<Value> {
    let r = env.run(&["chatbotkit", "get", name, "-o", "json"]);
    r.ok().json()["used_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].clone())
        .collect()
}

#[test]
fn chatbotkit_a_skillset_deleted_between_the_lists_has_no_abilities() {
    // Its ability list and its fetch both answer 404: it is gone, and so are its uses.
    let c = cbk_env(LinkStyle::Linked);
    c.env
        .fault(status_fault(&format!("skillset/{}/", c.tools), 404, 2));
    let names = used_by_names(&c.env, "Weather API");
    assert_eq!(names, [json!("by name"), json!("wx ref")]);
    assert!(
        paths(&c.env, "GET").contains(&format!("/api/v1/skillset/{}/fetch", c.tools)),
        "the 404 is checked against the skillset itself"
    );
}

#[test]
fn chatbotkit_a_429_on_one_ability_list_is_waited_out_and_the_answer_is_whole() {
    // ChatBotKit sends no Retry-After: the shared pace waits, and no use goes missing.
    let c = cbk_env(LinkStyle::Linked);
    c.env.fault(status_fault(
        &format!("skillset/{}/ability/list", c.tools),
        429,
        2,
    ));
    let names = used_by_names(&c.env, "Weather API");
    assert_eq!(
        names,
        [
            json!("by name"),
            json!("forecast"),
            json!("wx ref"),
            json!("Helper")
        ]
    );
    let tries = paths(&c.env, "GET")
        .iter()
        .filter(|p| p.contains(&format!("skillset/{}/ability/list", c.tools)))
        .count();
    assert_eq!(tries, 3, "two 429s, then the list");
}

/// A proxy (or a server without the route) that answers an HTML 404 for everything under
/// skillset `k`: its ability list and its own fetch alike.
fn html_404_under(k: &str) -> Fault {
    Fault {
        path_contains: Some(format!("/skillset/{k}/")),
        status: Some(404),
        content_type: Some("text/html".into()),
        body: Some("<html><body><h1>404 Not Found</h1></body></html>".into()),
        count: u32::MAX,
        ..Default::default()
    }
}

/// `cbk_env` plus "onlyab", used by nothing but an ability of skillset "Tools".
fn cbk_env_only_ability() -> Cbk {
    cbk_env_used_by_one_ability("onlyab")
}

/// `cbk_env` plus a shared secret `name`, used by nothing but an ability of skillset
/// "Tools"; the requests log cleared.
fn cbk_env_used_by_one_ability(name: &str) -> Cbk {
    let c = cbk_env(LinkStyle::Linked);
    let only = c
        .env
        .emu
        .seed_chatbotkit(json!({"name": name, "kind": "shared"}));
    c.env.cbk_create(
        &format!("skillset/{}/ability/create", c.tools),
        json!({"name": "uses it", "linkedSecretId": only}),
    );
    c.env.emu.clear_requests();
    c
}

#[test]
fn chatbotkit_an_html_404_under_a_skillset_is_unknown_in_get_not_nothing_found() {
    // Only the API's own JSON "not found" for the skillset says it is gone; an HTML page is
    // an endpoint that cannot be read.
    let c = cbk_env_only_ability();
    c.env.fault(html_404_under(&c.tools));
    let r = c.env.run(&["chatbotkit", "get", "onlyab", "-o", "table"]);
    r.ok()
        .stdout_has("unknown (cannot tell what uses ChatBotKit secrets: ");
    assert!(!r.stdout.contains("nothing found"), "{}", r.stdout);
    let v = c
        .env
        .run(&["chatbotkit", "get", "onlyab", "-o", "json"])
        .ok()
        .json();
    assert_eq!(v["used_by"], Value::Null, "{v}");
}

#[test]
fn chatbotkit_an_html_404_under_a_skillset_stops_delete_yes() {
    let c = cbk_env_only_ability();
    c.env.fault(html_404_under(&c.tools));
    let r = c.env.run(&["chatbotkit", "delete", "onlyab", "--yes"]);
    r.code(6)
        .one_error_line()
        .stderr_has("error: cannot tell what uses ChatBotKit secrets: ")
        .stderr_has("--force deletes without reading what uses it");
    assert!(c.env.writes().is_empty(), "{:?}", c.env.writes());
    assert_eq!(c.env.cbk_by_name("onlyab").len(), 1);
}

#[test]
fn chatbotkit_an_html_404_under_a_skillset_stops_sync_prune() {
    let c = cbk_env_only_ability();
    c.env.fault(html_404_under(&c.tools));
    let src = c.env.write("src.env", b"KEEP=keep-value-1234\n");
    let r = c.env.run(&[
        "chatbotkit",
        "sync",
        src.to_str().unwrap(),
        "--prune",
        "--yes",
    ]);
    r.code(6)
        .one_error_line()
        .stderr_has("error: cannot plan the sync: cannot tell what uses ChatBotKit secrets: ");
    assert!(c.env.writes().is_empty(), "{:?}", c.env.writes());
    assert_eq!(c.env.cbk_by_name("onlyab").len(), 1);
}

#[test]
fn chatbotkit_an_html_404_for_the_fetch_of_a_skillset_whose_abilities_answer_404_is_unknown() {
    // The ability list answers the API's own 404, the skillset's fetch an HTML page: that
    // the skillset is gone is not known.
    let c = cbk_env_only_ability();
    c.env.fault(status_fault(
        &format!("/skillset/{}/ability/list", c.tools),
        404,
        u32::MAX,
    ));
    let mut f = html_404_under(&c.tools);
    f.path_contains = Some(format!("/skillset/{}/fetch", c.tools));
    c.env.fault(f);
    let r = c.env.run(&["chatbotkit", "delete", "onlyab", "--yes"]);
    r.code(6).one_error_line();
    assert!(c.env.writes().is_empty(), "{:?}", c.env.writes());
}

// ---------------------------------------------------------------------------------------------
// A case-only match is not a use when the account holds the agent's exact spelling

/// Secrets `API_KEY` and `api_key`; agent "svc" names `API_KEY`.
fn case_pair_env() -> Env {
    let env = Env::new();
    env.emu.seed_kubiya("API_KEY", "upper-value-1234", "");
    env.emu.seed_kubiya("api_key", "lower-value-1234", "");
    env.agent("svc", json!(["API_KEY"]));
    env.emu.clear_requests();
    env
}

#[test]
fn kubiya_a_case_duplicate_of_a_secret_an_agent_names_exactly_is_not_in_use() {
    let env = case_pair_env();
    let r = env.run(&["kubiya", "get", "api_key", "-o", "json"]);
    assert_eq!(r.ok().json()["used_by"], json!([]));
    // The one request more, only because a case-only match had to be checked.
    assert_eq!(
        paths(&env, "GET"),
        [
            "/api/v1/secrets/api_key",
            "/api/v1/agents?mode=all",
            "/api/v1/secrets"
        ]
    );
    env.emu.clear_requests();
    env.run(&["kubiya", "delete", "api_key", "--yes"]).ok();
    assert_eq!(paths(&env, "DELETE"), ["/api/v1/secrets/api_key"]);
    assert_eq!(env.kubiya_value("api_key"), None);
    assert!(env.kubiya_value("API_KEY").is_some());
}

#[test]
fn kubiya_list_unused_and_prune_keep_the_case_duplicate_rule() {
    let env = case_pair_env();
    let r = env.run(&["kubiya", "list", "--unused", "-o", "json"]);
    let names: Vec<Value> = r
        .ok()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].clone())
        .collect();
    assert_eq!(names, [json!("api_key")]);
    let src = env.write("src.env", b"OTHER=other-value-123\n");
    let r = env.run(&["kubiya", "sync", src.to_str().unwrap(), "--prune", "--yes"]);
    r.code(1)
        .stdout_has("API_KEY\tfailed\tnot deleted: in use by agent 'svc'")
        .stdout_has("api_key\tdeleted");
}

#[test]
fn kubiya_a_case_only_match_without_the_exact_secret_is_still_a_use() {
    let env = Env::new();
    env.emu.seed_kubiya("api_key", "lower-value-1234", "");
    env.agent("svc", json!(["API_KEY"]));
    let r = env.run(&["kubiya", "delete", "api_key", "--yes"]);
    r.code(5).stderr_has("case differs");
    assert!(env.kubiya_value("api_key").is_some());
}

// ---------------------------------------------------------------------------------------------
// ChatBotKit reads the secret list once

fn secret_lists(env: &Env) -> usize {
    paths(env, "GET")
        .iter()
        .filter(|p| p.contains("/secret/list"))
        .count()
}

#[test]
fn chatbotkit_get_by_name_list_unused_and_prune_read_the_secret_list_once() {
    let c = cbk_env(LinkStyle::Linked);
    let r = c
        .env
        .run(&["chatbotkit", "get", "Weather API", "-o", "json"]);
    assert_eq!(r.ok().json()["used_by"].as_array().unwrap().len(), 4);
    assert_eq!(secret_lists(&c.env), 1, "{:?}", paths(&c.env, "GET"));

    c.env.emu.clear_requests();
    let r = c.env.run(&["chatbotkit", "list", "--unused", "-o", "json"]);
    assert_eq!(r.ok().json().as_array().unwrap().len(), 2);
    assert_eq!(secret_lists(&c.env), 1, "{:?}", paths(&c.env, "GET"));

    c.env.emu.clear_requests();
    let src = c.env.write("src.env", b"KEEP=keep-value-1234\n");
    let r = c.env.run(&[
        "chatbotkit",
        "sync",
        src.to_str().unwrap(),
        "--prune",
        "--yes",
    ]);
    r.code(1).stdout_has("Free\tdeleted");
    assert_eq!(secret_lists(&c.env), 1, "{:?}", paths(&c.env, "GET"));
}

// ---------------------------------------------------------------------------------------------
// Notes for what other accounts may use; long lists of users; which list failed

#[test]
fn chatbotkit_list_unused_and_delete_yes_note_a_public_personal_secret() {
    let env = Env::new();
    let public = env
        .emu
        .seed_chatbotkit(json!({"name": "P", "kind": "personal", "visibility": "public"}));
    env.emu
        .seed_chatbotkit(json!({"name": "Q", "kind": "shared"}));
    let r = env.run(&["chatbotkit", "list", "--unused", "-o", "json"]);
    assert_eq!(r.ok().json().as_array().unwrap().len(), 2);
    r.stderr_has(&format!(
        "note: other accounts may use ChatBotKit secret 'P' ({public}): it is a public or \
         protected personal secret"
    ));
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);

    let r = env.run(&["chatbotkit", "delete", &public, "--yes", "-o", "json"]);
    r.ok().stderr_has(&format!(
        "note: ChatBotKit secret 'P' ({public}): other accounts may use this public personal \
         secret; they are not in these lists"
    ));
    assert_eq!(r.json()["action"], "deleted");
    assert!(env.cbk_by_name("P").is_empty());
    // A shared secret gets no note.
    let r = env.run(&["chatbotkit", "delete", "Q", "--yes"]);
    assert!(r.ok().stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn a_secret_used_by_many_abilities_is_refused_in_one_short_line() {
    let c = cbk_env(LinkStyle::Linked);
    let big = c.env.cbk_create("skillset/create", json!({"name": "Big"}));
    for i in 0..14 {
        c.env.cbk_create(
            &format!("skillset/{big}/ability/create"),
            json!({"name": format!("a{i}"), "linkedSecretId": c.secret}),
        );
    }
    c.env.emu.clear_requests();
    let r = c.env.run(&["chatbotkit", "delete", &c.secret, "--yes"]);
    // 14 + 2 abilities, a reference secret and a bot: 10 named, 8 more.
    r.code(5).one_error_line().stderr_has(&format!(
        ", and 8 more (see `secretctl chatbotkit get {}`); nothing was deleted",
        c.secret
    ));
    let line = r.stderr.lines().next().unwrap();
    assert_eq!(line.matches("ability '").count(), 10, "{line}");
    assert!(c.env.writes().is_empty());

    let src = c.env.write("src.env", b"KEEP=keep-value-1234\n");
    let r = c.env.run(&[
        "chatbotkit",
        "sync",
        src.to_str().unwrap(),
        "--prune",
        "--yes",
    ]);
    r.code(1).stdout_has(&format!(
        ", and 8 more (see `secretctl chatbotkit get {}`) (--force deletes it)",
        c.secret
    ));
    // get still names them all (the prune deleted the unused reference secret).
    let v = c
        .env
        .run(&["chatbotkit", "get", &c.secret, "-o", "json"])
        .ok()
        .json();
    assert_eq!(v["used_by"].as_array().unwrap().len(), 17);
}

#[test]
fn a_list_that_cannot_be_read_is_named() {
    let c = cbk_env(LinkStyle::Linked);
    c.env.fault(status_fault("/skillset/list", 500, 1));
    c.env
        .run(&["chatbotkit", "delete", "Free", "--yes"])
        .code(6)
        .stderr_has(
            "error: cannot tell what uses ChatBotKit secrets: cannot read the ChatBotKit \
             skillset list: ",
        );
    c.env.fault(status_fault(
        &format!("/skillset/{}/ability/list", c.tools),
        500,
        1,
    ));
    c.env
        .run(&["chatbotkit", "delete", "Free", "--yes"])
        .code(6)
        .stderr_has(&format!(
            "error: cannot tell what uses ChatBotKit secrets: cannot read the abilities of \
             ChatBotKit skillset 'Tools' ({}): ",
            c.tools
        ));
    assert!(c.env.writes().is_empty());
}

// ---------------------------------------------------------------------------------------------
// ChatBotKit when the lists cannot be read

#[test]
fn chatbotkit_sync_prune_writes_nothing_when_the_lists_cannot_be_read_unless_forced() {
    let c = cbk_env(LinkStyle::Linked);
    c.env.fault(status_fault("/bot/list", 500, 1));
    let src = c.env.write("src.env", b"Free=free-value-1234\n");
    let r = c.env.run(&[
        "chatbotkit",
        "sync",
        src.to_str().unwrap(),
        "--prune",
        "--yes",
    ]);
    r.code(6).one_error_line().stderr_has(
        "error: cannot plan the sync: cannot tell what uses ChatBotKit secrets: cannot read \
         the ChatBotKit bot list: ",
    );
    assert!(c.env.writes().is_empty(), "{:?}", c.env.writes());
    assert_eq!(c.env.cbk_secrets().len(), 3);

    c.env.fault(status_fault("/bot/list", 500, u32::MAX));
    c.env.emu.clear_requests();
    let r = c.env.run(&[
        "chatbotkit",
        "sync",
        src.to_str().unwrap(),
        "--prune",
        "--yes",
        "--force",
    ]);
    r.ok().stdout_has("Weather API\tdeleted");
    assert!(c.env.requests(Some("GET"), "/bot/list").is_empty());
    let left: Vec<Value> = c
        .env
        .cbk_secrets()
        .iter()
        .map(|s| s["name"].clone())
        .collect();
    assert_eq!(left, [json!("Free")]);
}

#[test]
fn chatbotkit_list_unused_fails_and_prints_nothing_when_the_lists_cannot_be_read() {
    let c = cbk_env(LinkStyle::Linked);
    c.env.fault(status_fault(
        &format!("/skillset/{}/ability/list", c.tools),
        500,
        1,
    ));
    let r = c.env.run(&["chatbotkit", "list", "--unused", "-o", "json"]);
    r.code(6)
        .one_error_line()
        .stderr_has("error: cannot tell what uses ChatBotKit secrets: cannot read the abilities");
    assert!(r.stdout.is_empty(), "nothing shown as unused: {}", r.stdout);
}

#[test]
fn chatbotkit_delete_yes_force_deletes_without_reading_the_lists_that_fail() {
    let c = cbk_env(LinkStyle::Linked);
    c.env.fault(status_fault("/skillset/", 500, u32::MAX));
    c.env
        .run(&["chatbotkit", "delete", "Weather API", "--yes", "--force"])
        .ok();
    assert!(c.env.cbk_by_name("Weather API").is_empty());
    assert!(c.env.requests(None, "/skillset/").is_empty());
    assert!(c.env.requests(None, "/bot/").is_empty());
}
