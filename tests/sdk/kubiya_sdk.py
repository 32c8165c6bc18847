"""Drives `secretctl emulator` with the official Kubiya Python SDK (kubiya-sdk, pinned in
requirements.txt) through `KubiyaClient.secrets`, and asserts what Kubiya's clients and docs
say (../../shared/api/kubiya.md and issue 15), not what the emulator happens to answer.

Run by tests/sdk/run inside `secretctl emulator -- python …`, which exports KUBIYA_BASE_URL
(`<origin>/api/v1`) and KUBIYA_API_KEY. Prints one `ok NAME` or `FAIL NAME: why` line per
check.
"""

import base64
import json
import os
import sys
import time
import traceback
import urllib.error
import urllib.request

from kubiya.client import KubiyaClient
from kubiya.core.exceptions import APIError, AuthenticationError
from kubiya.resources.exceptions import SecretError

BASE = os.environ.get("KUBIYA_BASE_URL", "")
KEY = os.environ.get("KUBIYA_API_KEY", "")
if not BASE or not KEY:
    print("FAIL kubiya: setup: KUBIYA_BASE_URL and KUBIYA_API_KEY must be set")
    sys.exit(1)
# The SDK wants the bare host (it joins absolute `/api/vN/...` paths onto it).
ORIGIN = BASE.split("/api/", 1)[0].rstrip("/")

# No retries unless a check asks for them: an error must surface as the server sent it.
client = KubiyaClient(api_key=KEY, base_url=ORIGIN, max_retries=0)


def control(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    # The control routes answer only the emulator's token.
    req = urllib.request.Request(
        f"{ORIGIN}/_emulator/{path}",
        data=data,
        method=method,
        headers={"Authorization": f"UserKey {KEY}"},
    )
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read() or b"null")


def stored_value(name):
    for s in control("GET", "secrets")["kubiya"]:
        if s["name"] == name:
            return s["value"]
    return None


def failure(fn, *args, **kwargs):
    """The exception a call that must fail raises."""
    try:
        fn(*args, **kwargs)
    except Exception as e:  # noqa: BLE001 - what the SDK raises is what is checked
        return e
    raise AssertionError("the call succeeded")


def api_error(e):
    """The SDK's APIError behind an exception (SecretError wraps it as __cause__)."""
    while e is not None and not isinstance(e, (APIError, AuthenticationError)):
        e = e.__cause__
    return e


def eq(got, want, what=""):
    if got != want:
        raise AssertionError(f"{what}: got {got!r}, want {want!r}")


CHECKS = []


def check(name):
    def deco(fn):
        CHECKS.append((name, fn))
        return fn

    return deco


@check("create, then list (v1 and v2) shows the metadata and never the value")
def _():
    eq(client.secrets.create("db-pass", value="s3cr3t-value", description="prod db"),
       {"message": "Secret created successfully"}, "create")
    eq(stored_value("db-pass"), "s3cr3t-value", "stored")
    for listing in (client.secrets.list(), client.secrets.list_v2()):
        eq(type(listing), list, "a bare JSON array")
        eq(len(listing), 1, "one secret")
        s = listing[0]
        eq(s["name"], "db-pass", "name")
        eq(s["description"], "prod db", "description")
        eq("value" in s, False, "no value in a listing")
        eq(isinstance(s.get("created_by"), str), True, "created_by")
        eq(isinstance(s.get("created_at"), str), True, "created_at")


@check("value_v2 is a JSON string holding base64 of the value")
def _():
    value = "välue with spaces\nand a newline"
    client.secrets.create("v2", value=value)
    got = client.secrets.value_v2("v2")
    eq(type(got), str, "a JSON string")
    eq(base64.b64decode(got, validate=True).decode(), value, "decoded")


@check("update_v2 replaces the value and the description")
def _():
    client.secrets.create("up", value="old-value", description="d1")
    out = client.secrets.update_v2("up", value="new-value", description="d2")
    eq(type(out), dict, "a JSON object")
    eq(stored_value("up"), "new-value", "stored")
    eq(client.secrets.list_v2()[0]["description"], "d2", "description")


@check("delete_v2 answers a JSON object and the secret is gone")
def _():
    client.secrets.create("gone", value="gone-value")
    out = client.secrets.delete_v2("gone")
    eq(type(out), dict, "a JSON object")
    eq(client.secrets.list(), [], "empty")
    e = api_error(failure(client.secrets.delete_v2, "gone"))
    eq(type(e), APIError, "not found is an API error")
    eq(e.details.get("status_code"), 404, "status")


@check("names travel as one path segment")
def _():
    name = "team/a key"
    client.secrets.create(name, value="seg-value")
    # The SDK formats the name into the path as is; percent-encoding it keeps it one segment.
    from urllib.parse import quote

    got = client.make_request("GET", f"/api/v2/secrets/get_value/{quote(name, safe='')}").json()
    eq(base64.b64decode(got).decode(), "seg-value", "value")


@check("401: a wrong key raises the SDK's AuthenticationError")
def _():
    bad = KubiyaClient(api_key="not-the-key", base_url=ORIGIN, max_retries=0)
    e = api_error(failure(bad.secrets.list))
    eq(type(e), AuthenticationError, "type")


@check("404: an unknown name")
def _():
    for fn in (client.secrets.value_v2, client.secrets.delete_v2):
        e = api_error(failure(fn, "nope"))
        eq(type(e), APIError, fn.__name__)
        eq(e.details.get("status_code"), 404, fn.__name__)
    e = api_error(failure(client.secrets.update_v2, "nope", value="x-value"))
    eq(e.details.get("status_code"), 404, "update_v2")


@check("409: a name that exists")
def _():
    client.secrets.create("dup", value="first-value")
    e = api_error(failure(client.secrets.create, "dup", value="second-value"))
    eq(type(e), APIError, "type")
    eq(e.details.get("status_code"), 409, "status")
    eq(stored_value("dup"), "first-value", "unchanged")


@check("400: a create without a value, sent past the SDK's own check")
def _():
    e = api_error(failure(client.make_request, "POST", "/api/v1/secrets", data={"name": "x"}))
    eq(type(e), APIError, "type")
    eq(e.details.get("status_code"), 400, "status")
    body = json.loads(e.details.get("response_body") or "{}")
    eq(isinstance(body.get("error"), str), True, "an error string")


@check("the older get/value/update/delete paths (/api/v1/secret/...) are a plain 404, not 401")
def _():
    client.secrets.create("old", value="old-value")
    calls = [
        ("get", lambda: client.secrets.get("old")),
        ("value", lambda: client.secrets.value("old")),
        ("update", lambda: client.secrets.update("old", value="new-value")),
        ("delete", lambda: client.secrets.delete("old")),
    ]
    for what, fn in calls:
        e = failure(fn)
        eq(type(e), SecretError, what)
        inner = api_error(e)
        eq(type(inner), APIError, f"{what}: not an authentication error")
        eq(inner.details.get("status_code"), 404, what)
    eq(stored_value("old"), "old-value", "nothing changed")


@check("429: Retry-After and X-RateLimit-* headers; the SDK's retries wait and get through")
def _():
    control("PUT", "settings", {"rate_limit": {"rps": 1, "burst": 1, "retry_after": True}})
    try:
        client.secrets.list()
        # No retries left: urllib3 gives up on the 429 and the SDK says so.
        e = api_error(failure(client.secrets.list))
        eq(type(e), APIError, "type")
        if "429" not in str(e):
            raise AssertionError(f"the error does not name the 429: {e}")
        # With retries (urllib3 honours Retry-After), the same call succeeds.
        retrying = KubiyaClient(api_key=KEY, base_url=ORIGIN, max_retries=3)
        start = time.monotonic()
        eq(retrying.secrets.list(), [], "listing after the wait")
        waited = time.monotonic() - start
        if waited < 0.5:
            raise AssertionError(f"no Retry-After wait ({waited:.2f} s)")
        # The headers themselves.
        req = urllib.request.Request(f"{ORIGIN}/api/v1/secrets",
                                     headers={"Authorization": f"UserKey {KEY}"})
        try:
            urllib.request.urlopen(req, timeout=10)
            raise AssertionError("not limited")
        except urllib.error.HTTPError as h:
            eq(h.code, 429, "status")
            body = json.loads(h.read() or b"{}")
            eq(isinstance(body.get("error"), str) and isinstance(body.get("message"), str), True,
               f"error and message in {body}")
            ra = h.headers.get("Retry-After")
            eq(ra is not None and ra.isdigit() and int(ra) >= 1, True, f"Retry-After {ra!r}")
            eq(h.headers.get("X-RateLimit-Limit"), "1", "X-RateLimit-Limit")
            eq(h.headers.get("X-RateLimit-Remaining"), "0", "X-RateLimit-Remaining")
            eq(h.headers.get("X-RateLimit-Reset") is not None, True, "X-RateLimit-Reset")
    finally:
        control("PUT", "settings", {"rate_limit": None})


# --- agents: what uses a secret (secret-references.md §1, §5.2) ------------------------------


@check("agents: create, list (a bare array by name), get, edit the secrets, delete")
def _():
    a = client.agents.create("zeta", description="d", secrets=["GH_TOKEN", "gh_token"])
    uuid = a["uuid"]
    client.agents.create("alpha")
    listing = client.agents.list()
    eq(type(listing), list, "a bare JSON array")
    eq([x["name"] for x in listing], ["alpha", "zeta"], "sorted by name")
    eq(client.agents.get(uuid)["secrets"], ["GH_TOKEN", "gh_token"], "stored verbatim, case kept")
    client.agents.edit(uuid, add_secrets=["DB"], remove_secrets=["gh_token"])
    eq(sorted(client.agents.get(uuid)["secrets"]), ["DB", "GH_TOKEN"], "PUT replaced the list")
    client.agents.delete(uuid)
    eq([x["name"] for x in client.agents.list()], ["alpha"], "deleted")


@check("deleting a secret an agent names is not refused; the agent keeps the name")
def _():
    client.secrets.create("GH_TOKEN", value="gh-value")
    uuid = client.agents.create("deployer", secrets=["GH_TOKEN"])["uuid"]
    client.secrets.delete_v2("GH_TOKEN")
    eq(client.secrets.list(), [], "the secret is gone")
    eq(client.agents.get(uuid)["secrets"], ["GH_TOKEN"], "the agent names it still")


def main():
    failed = 0
    for name, fn in CHECKS:
        control("POST", "reset")
        try:
            fn()
            print(f"ok kubiya: {name}", flush=True)
        except Exception as e:  # noqa: BLE001
            failed += 1
            why = "".join(traceback.format_exception_only(type(e), e)).strip().replace("\n", " | ")
            print(f"FAIL kubiya: {name}: {why}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
