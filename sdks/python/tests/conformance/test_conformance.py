"""Runs every case of test/conformance/cases (see its README, which is normative) against the sync client."""

from __future__ import annotations

import json
import keyword
import os
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

import httpx
import pytest

import namaskah
from namaskah import Namaskah, response_meta, sign, verify

ROOT = Path(__file__).resolve().parents[4]
CASES = ROOT / "test" / "conformance" / "cases"
IR = json.loads((ROOT / "generators" / "ir" / "ir.json").read_text())

# (file relative to cases/, case name) -> reason. Must stay empty; an entry that passes fails the run.
KNOWN_FAILURES: dict[tuple[str, str], str] = {}

FAMILIES: dict[str, type[Exception]] = {
    "bad_request": namaskah.BadRequestError,
    "authentication": namaskah.AuthenticationError,
    "payment_required": namaskah.PaymentRequiredError,
    "permission_denied": namaskah.PermissionDeniedError,
    "not_found": namaskah.NotFoundError,
    "conflict": namaskah.ConflictError,
    "gone": namaskah.GoneError,
    "payload_too_large": namaskah.PayloadTooLargeError,
    "unsupported_media_type": namaskah.UnsupportedMediaTypeError,
    "unprocessable_entity": namaskah.UnprocessableEntityError,
    "rate_limit": namaskah.RateLimitError,
    "internal_server": namaskah.InternalServerError,
    "api": namaskah.ApiError,
    "connection": namaskah.ApiConnectionError,
    "timeout": namaskah.ApiTimeoutError,
    "missing_credentials": namaskah.MissingCredentialsError,
}

HTTP_KINDS = {"request", "response", "error", "retry", "pagination"}
ALLOWED: dict[str, set[str]] = {
    "file": {"cases"},
    "http": {"name", "kind", "client", "call", "responses", "expect"},
    "client": {"api_key", "max_retries"},
    "call": {"tag", "operation_id", "path_params", "query", "header_params", "body", "options", "iterate"},
    "options": {"idempotency_key"},
    "iterate": {"max_items"},
    "response": {"status", "headers", "body", "body_text", "network_error"},
    "expect": {
        "attempts",
        "requests",
        "all_requests",
        "same_header_across_requests",
        "waits",
        "result",
        "response_meta",
        "error",
    },
    "request_matcher": {"method", "path", "query", "headers", "body", "no_body"},
    "header_matcher": {"equals", "contains", "media_type", "present", "matches"},
    "wait": {"min_ms", "max_ms"},
    "value": {"equals", "checks"},
    "check": {"pointer", "equals", "type", "length"},
    "error": {"family", "status", "code", "code_class", "request_id", "rate_limit", "field_errors"},
    "rate_limit": {"limit", "remaining", "reset_seconds", "retry_after_seconds"},
    "response_meta": {"request_id", "rate_limit"},
    "webhook_verify": {"name", "kind", "secret", "payload", "headers", "now", "tolerance_seconds", "expect"},
    "webhook_verify_expect": {"valid", "event", "reason"},
    "webhook_sign": {"name", "kind", "secret", "payload", "msg_id", "timestamp", "expect"},
    "webhook_sign_expect": {"headers"},
}


class Unsupported(Exception):
    pass


def check_keys(value: object, allowed: str) -> None:
    if not isinstance(value, dict):
        return
    unknown = set(value) - ALLOWED[allowed] - {"description", "$comment"}
    if unknown:
        raise Unsupported(f"UNSUPPORTED: unknown field {sorted(unknown)} in {allowed}")


def validate_case(case: dict[str, Any]) -> None:
    kind = case.get("kind")
    if kind in HTTP_KINDS:
        check_keys(case, "http")
        check_keys(case.get("client"), "client")
        call = case.get("call", {})
        check_keys(call, "call")
        check_keys(call.get("options"), "options")
        check_keys(call.get("iterate"), "iterate")
        for r in case.get("responses", []):
            check_keys(r, "response")
        expect = case.get("expect", {})
        check_keys(expect, "expect")
        for m in [
            *expect.get("requests", []),
            *([expect["all_requests"]] if "all_requests" in expect else []),
        ]:
            check_keys(m, "request_matcher")
            for h in m.get("headers", {}).values():
                check_keys(h, "header_matcher")
        for w in expect.get("waits", []):
            check_keys(w, "wait")
        if "result" in expect:
            check_keys(expect["result"], "value")
            for c in expect["result"].get("checks", []):
                check_keys(c, "check")
        if "error" in expect:
            check_keys(expect["error"], "error")
            check_keys(expect["error"].get("rate_limit"), "rate_limit")
        if "response_meta" in expect:
            check_keys(expect["response_meta"], "response_meta")
            check_keys(expect["response_meta"].get("rate_limit"), "rate_limit")
    elif kind == "webhook_verify":
        check_keys(case, "webhook_verify")
        check_keys(case["expect"], "webhook_verify_expect")
        if "event" in case["expect"]:
            check_keys(case["expect"]["event"], "value")
    elif kind == "webhook_sign":
        check_keys(case, "webhook_sign")
        check_keys(case["expect"], "webhook_sign_expect")
    else:
        raise Unsupported(f"UNSUPPORTED: kind {kind!r}")


def discover() -> Iterator[Any]:
    for path in sorted(CASES.rglob("*.json")):
        rel = path.relative_to(CASES).as_posix()
        data = json.loads(path.read_text())
        check_keys(data, "file")
        for case in data["cases"]:
            yield pytest.param(rel, case, id=f"{rel} :: {case['name']}")


# --- naming: the same rules as generators/python/refine.ts -------------------------------------------


def snake(name: str) -> str:
    name = name.replace("OAuth", "Oauth")
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name)
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", name)
    return "_".join(w.lower() for w in re.split(r"[^A-Za-z0-9]+", name) if w)


def identifier(wire: str) -> str:
    base = wire if re.fullmatch(r"[a-z_][a-z0-9_]*", wire) else snake(wire)
    return f"{base}_" if keyword.iskeyword(base) else base


def find_operation(tag: str, operation_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    for resource in IR["resources"]:
        if resource["tag"] == tag:
            for op in resource["operations"]:
                if op["id"] == operation_id:
                    return resource, op
    raise Unsupported(f"UNSUPPORTED: no operation {tag}/{operation_id}")


def call_arguments(op: dict[str, Any], call: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    args = [call.get("path_params", {})[p["name"]] for p in op["pathParams"]]
    kwargs: dict[str, Any] = {}
    for source in ("query", "header_params"):
        for wire, value in call.get(source, {}).items():
            kwargs[identifier(wire)] = value
    body = call.get("body")
    if body is not None:
        decl = next((t for t in IR["types"] if op["body"]["type"].get("name") == t["name"]), None)
        if decl is not None and decl["kind"] == "object":
            kwargs.update({identifier(k): v for k, v in body.items()})
        else:
            kwargs["body"] = body
    if "options" in call:
        kwargs["request_options"] = dict(call["options"])
    return args, kwargs


# --- matching ------------------------------------------------------------------------------------------


def wire(value: object) -> object:
    if isinstance(value, namaskah.SyncPage):  # awaited without iterating: the first page
        return wire(value.page)
    if isinstance(value, namaskah.BaseModel):
        return value.to_dict()
    if isinstance(value, list):
        return [wire(v) for v in value]
    return value


_ABSENT = object()


def pointer(document: object, path: str) -> object:
    if path == "":
        return document
    current = document
    for raw in path.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(current, dict):
            if token not in current:
                return _ABSENT
            current = current[token]
        elif isinstance(current, list) and token.isdigit() and int(token) < len(current):
            current = current[int(token)]
        else:
            return _ABSENT
    return current


def same_json(actual: object, expected: object) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(actual) is type(expected) and actual == expected
    if isinstance(expected, int) and not isinstance(actual, int):
        return False
    if isinstance(expected, dict):
        return (
            isinstance(actual, dict)
            and actual.keys() == expected.keys()
            and all(same_json(actual[k], expected[k]) for k in expected)
        )
    if isinstance(expected, list):
        return (
            isinstance(actual, list)
            and len(actual) == len(expected)
            and all(same_json(a, e) for a, e in zip(actual, expected, strict=True))
        )
    return actual == expected


TYPE_CHECKS = {
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
    "absent": lambda v: v is _ABSENT,
}


def match_value(actual: object, matcher: dict[str, Any]) -> None:
    document = wire(actual)
    if "equals" in matcher:
        assert same_json(document, matcher["equals"]), f"result {document!r} != {matcher['equals']!r}"
    for check in matcher.get("checks", []):
        value = pointer(document, check["pointer"])
        if check["pointer"] == "" and actual is None:
            value = _ABSENT  # no body: the method returns None
        if "equals" in check:
            assert same_json(value, check["equals"]), f"{check['pointer']}: {value!r} != {check['equals']!r}"
        if "type" in check:
            if check["type"] not in TYPE_CHECKS:
                raise Unsupported(f"UNSUPPORTED: type {check['type']}")
            assert TYPE_CHECKS[check["type"]](value), f"{check['pointer']}: {value!r} is not {check['type']}"
        if "length" in check:
            assert isinstance(value, list) and len(value) == check["length"], f"{check['pointer']}: length"


def match_header(name: str, value: str | None, matcher: dict[str, Any]) -> None:
    if "present" in matcher:
        assert (value is not None) == matcher["present"], f"header {name} presence: {value!r}"
    if "equals" in matcher:
        assert value == matcher["equals"], f"header {name}: {value!r}"
    if "contains" in matcher:
        assert value is not None and matcher["contains"] in value, f"header {name}: {value!r}"
    if "media_type" in matcher:
        assert value is not None and value.split(";")[0].strip().lower() == matcher["media_type"].lower()
    if "matches" in matcher:
        assert value is not None and re.search(matcher["matches"], value), f"header {name}: {value!r}"


def match_request(request: httpx.Request, matcher: dict[str, Any]) -> None:
    if "method" in matcher:
        assert request.method == matcher["method"]
    if "path" in matcher:
        assert request.url.raw_path.split(b"?")[0].decode() == matcher["path"]
    if "query" in matcher:
        query: dict[str, Any] = {}
        for key, value in request.url.params.multi_items():
            query.setdefault(key, []).append(value)
        actual = {k: v[0] if len(v) == 1 else v for k, v in query.items()}
        assert actual == matcher["query"], f"query {actual!r}"
    for name, header in matcher.get("headers", {}).items():
        match_header(name, request.headers.get(name), header)
    if "body" in matcher:
        assert same_json(json.loads(request.content), matcher["body"]), f"body {request.content!r}"
    if matcher.get("no_body"):
        assert request.content == b""


def match_rate_limit(info: namaskah.RateLimitInfo, expected: dict[str, Any]) -> None:
    for key, value in expected.items():
        assert getattr(info, key) == value, f"rate_limit.{key}: {getattr(info, key)!r}"


def match_error(error: BaseException, expected: dict[str, Any]) -> None:
    family = FAMILIES.get(expected.get("family", "api"))
    if family is None:
        raise Unsupported(f"UNSUPPORTED: family {expected['family']}")
    assert isinstance(error, family), f"{error!r} is not a {family.__name__}"
    if not isinstance(error, namaskah.ApiError):
        return
    if "status" in expected:
        assert error.status == expected["status"]
    if "code" in expected:
        assert error.code == expected["code"]
    if "code_class" in expected:
        specific = type(error) is not family and error.code_value == error.code
        assert specific == expected["code_class"], f"{type(error).__name__} for code {error.code}"
    if "request_id" in expected:
        assert error.request_id == expected["request_id"]
    if "rate_limit" in expected:
        match_rate_limit(error.rate_limit, expected["rate_limit"])
    if "field_errors" in expected:
        assert error.field_errors == expected["field_errors"]


# --- execution ---------------------------------------------------------------------------------------


def scripted(responses: list[dict[str, Any]], sent: list[httpx.Request]) -> httpx.MockTransport:
    def handle(request: httpx.Request) -> httpx.Response:
        request.read()
        sent.append(request)
        if len(sent) > len(responses):
            raise AssertionError(f"unexpected request #{len(sent)}")
        scripted_response = responses[len(sent) - 1]
        failure = scripted_response.get("network_error")
        if failure == "connection_reset":
            raise httpx.ReadError("connection reset by peer", request=request)
        if failure == "connection_refused":
            raise httpx.ConnectError("connection refused", request=request)
        if failure is not None:
            raise Unsupported(f"UNSUPPORTED: network_error {failure}")
        status = scripted_response["status"]
        headers = dict(scripted_response.get("headers", {}))
        content = b""
        if "body" in scripted_response:
            content = json.dumps(scripted_response["body"]).encode()
            if not any(k.lower() == "content-type" for k in headers):
                problem = status >= 400
                headers["Content-Type"] = "application/problem+json" if problem else "application/json"
        elif "body_text" in scripted_response:
            content = scripted_response["body_text"].encode()
        return httpx.Response(status, headers=headers, content=content)

    return httpx.MockTransport(handle)


def run_http(case: dict[str, Any]) -> None:
    _, op = find_operation(case["call"]["tag"], case["call"]["operation_id"])
    options = case.get("client", {})
    sent: list[httpx.Request] = []
    waits: list[float] = []
    if options.get("api_key", "") is None:
        os.environ.pop("NAMASKAH_API_KEY", None)  # README: null means a client with no credentials at all
    client = Namaskah(
        api_key=options.get("api_key", "nmk_test_conformance"),
        base_url="http://conformance.test",
        max_retries=options.get("max_retries", 2),
        http_client=httpx.Client(transport=scripted(case["responses"], sent)),
    )
    client.http._sleep = waits.append
    # The operation's SDK name walks the nested resources: client.webhook_endpoints.deliveries.list.
    target: Any = client
    for segment in op["sdkName"]:
        target = getattr(target, identifier(snake(segment)))
    method = target
    args, kwargs = call_arguments(op, case["call"])
    expect = case.get("expect", {})
    result: object = None
    error: BaseException | None = None
    try:
        result = method(*args, **kwargs)
        iterate = case["call"].get("iterate", False)
        if iterate:
            limit = iterate.get("max_items") if isinstance(iterate, dict) else None
            result = list(islice(result, limit))  # type: ignore[call-overload]
    except (namaskah.NamaskahError, httpx.HTTPError) as raised:
        error = raised
    if "error" in expect:
        assert error is not None, f"expected an error, got {result!r}"
        match_error(error, expect["error"])
    elif error is not None:
        raise error
    if "attempts" in expect:
        assert len(sent) == expect["attempts"], f"{len(sent)} attempts"
    for request, matcher in zip(sent, expect.get("requests", []), strict=False):
        match_request(request, matcher)
    assert len(sent) >= len(expect.get("requests", [])), "fewer requests than expected"
    for request in sent if "all_requests" in expect else []:
        match_request(request, expect["all_requests"])
    for header in expect.get("same_header_across_requests", []):
        values = {r.headers.get(header) for r in sent}
        assert len(values) == 1 and None not in values, f"{header}: {values}"
    if "waits" in expect:
        assert len(waits) == len(expect["waits"]), f"waits {waits}"
        for waited, bounds in zip(waits, expect["waits"], strict=True):
            ms = waited * 1000
            assert ms >= bounds.get("min_ms", 0) - 1e-6, f"waited {ms} ms"
            assert ms <= bounds.get("max_ms", float("inf")) + 1e-6, f"waited {ms} ms"
    if "result" in expect:
        match_value(result, expect["result"])
    if "response_meta" in expect:
        result = result.page if isinstance(result, namaskah.SyncPage) else result
        assert isinstance(result, namaskah.BaseModel)
        meta = response_meta(result)
        assert meta is not None
        if "request_id" in expect["response_meta"]:
            assert meta.request_id == expect["response_meta"]["request_id"]
        match_rate_limit(meta.rate_limit, expect["response_meta"].get("rate_limit", {}))


def run_webhook(case: dict[str, Any]) -> None:
    if case["kind"] == "webhook_sign":
        headers = sign(case["payload"], case["secret"], msg_id=case["msg_id"], timestamp=case["timestamp"])
        for name, value in case["expect"]["headers"].items():
            assert headers[name] == value, f"{name}: {headers[name]!r}"
        return
    tolerance = case.get("tolerance_seconds", 300)
    expect = case["expect"]
    if expect["valid"]:
        event = verify(case["payload"], case["headers"], case["secret"], tolerance=tolerance, now=case["now"])
        if "event" in expect:
            match_value(event, expect["event"])
    else:
        with pytest.raises(namaskah.WebhookVerificationError):
            verify(case["payload"], case["headers"], case["secret"], tolerance=tolerance, now=case["now"])


@pytest.mark.parametrize(("file", "case"), list(discover()))
def test_conformance(file: str, case: dict[str, Any]) -> None:
    known = KNOWN_FAILURES.get((file, case["name"]))
    try:
        validate_case(case)
        run_webhook(case) if case["kind"].startswith("webhook_") else run_http(case)
    except (AssertionError, Unsupported):
        if known:
            pytest.xfail(known)
        raise
    if known:
        pytest.fail(f"listed in KNOWN_FAILURES ({known}) but passes: remove the entry")
