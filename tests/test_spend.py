"""``client.spend``: what each method sends, what it returns, its pagers (the paged v2 logs,
the day-by-day v1 walk, the facet lists), bad input refused before any request."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from aiohttp import web

from aio_litellm import APIStatusError, LiteLLMClient
from aio_litellm._pagination import WindowTruncatedError
from aio_litellm.types.spend import (
    CacheActivity,
    GatewayErrors,
    GlobalActivity,
    SpendLog,
    SpendLogsPage,
    SpendReportRow,
    TeamUserSpend,
)

from .conftest import FakeProxy, reply

DAYS = {"start_date": "2025-01-01", "end_date": "2025-01-31"}

# What methods need beyond their path parameters (tests/test_routes.py calls each one).
ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "spend.logs": DAYS,
    "spend.logs_v1": DAYS,
    "spend.calculate": {"model": "m", "messages": [{"role": "user", "content": "hi"}]},
    "spend.capture_rate": DAYS,
    "spend.key_report": DAYS,
    "spend.team_report": DAYS,
    "spend.user_report": DAYS,
    "spend.organization_report": DAYS,
    "spend.team_by_user": {"team_ids": ["t1"], **DAYS},
    "spend.global_spend.provider": DAYS,
    "spend.global_spend.tags": DAYS,
    "spend.global_spend.report": DAYS,
    "spend.global_spend.activity": DAYS,
    "spend.global_spend.activity_model": DAYS,
    "spend.global_spend.cache_hits": DAYS,
    "spend.global_spend.exceptions": DAYS,
    "spend.global_spend.exceptions_deployment": DAYS,
    "spend.cloudzero.init": {"api_key": "cz", "connection_id": "conn"},
    "spend.vantage.init": {"api_key": "va", "integration_token": "tok"},
}

SECRET = "sk-spend-0123456789"
HASHED = hashlib.sha256(SECRET.encode()).hexdigest()


def log(i: int, start: str, **extra: Any) -> dict[str, Any]:
    return {
        "request_id": f"req-{i}",
        "call_type": "acompletion",
        "api_key": HASHED,
        "spend": 0.001 * i,
        "total_tokens": 10 + i,
        "prompt_tokens": 4,
        "completion_tokens": 6 + i,
        "startTime": start,
        "endTime": start,
        "model": "fake-gpt",
        "user": "u1",
        "team_id": "t1",
        "request_tags": ["a"],
        "metadata": {"user_api_key_alias": "alias"},
        **extra,
    }


# -------------------------------------------------------------------------- logs (v2, paged)


def v2_pages(rows: list[dict[str, Any]], *, capped: bool = False) -> Any:
    async def handler(request: web.Request) -> web.StreamResponse:
        page, size = int(request.query["page"]), int(request.query.get("page_size", "50"))
        chunk = rows[(page - 1) * size : page * size]
        total = min(len(rows), 2) if capped else len(rows)  # a capped count understates
        return web.json_response(
            {
                "data": chunk,
                "total": total,
                "page": page,
                "page_size": size,
                "total_pages": -(-total // size),
                "total_is_capped": capped,
            }
        )

    return handler


async def test_logs_walks_pages_and_hashes_a_key_filter(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    rows = [log(i, f"2025-01-0{i}T10:00:00+00:00") for i in range(1, 6)]
    proxy.on("GET", "/spend/logs/v2", v2_pages(rows))
    pager = client.spend.logs(**DAYS, page_size=2, api_key=SECRET, sort_order="asc")
    logs = [entry async for entry in pager]
    assert [entry.request_id for entry in logs] == [f"req-{i}" for i in range(1, 6)]
    assert isinstance(logs[0], SpendLog) and logs[0].total_tokens == 11
    assert logs[0].metadata == {"user_api_key_alias": "alias"}
    queries = [c.query for c in proxy.calls()]
    assert [q["page"] for q in queries] == ["1", "2", "3"]  # total_pages ended it
    assert queries[0] == {
        **DAYS,
        "page": "1",
        "page_size": "2",
        "api_key": HASHED,  # the secret never went out
        "sort_order": "asc",
    }
    first = await pager
    assert isinstance(first, SpendLogsPage) and first.total == 5 and first.last_page == 3


async def test_logs_read_past_a_capped_count(proxy: FakeProxy, client: LiteLLMClient) -> None:
    rows = [log(i, "2025-01-02T10:00:00+00:00") for i in range(5)]
    proxy.on("GET", "/spend/logs/v2", v2_pages(rows, capped=True))
    logs = [entry async for entry in client.spend.logs(**DAYS, page_size=2)]
    assert len(logs) == 5  # total_pages said 1: the walk went on to the short third page
    assert len(proxy.calls()) == 3


async def test_logs_need_both_dates(proxy: FakeProxy, client: LiteLLMClient) -> None:
    with pytest.raises(TypeError, match="end_date"):
        client.spend.logs(start_date="2025-01-01")
    assert proxy.seen == []


# ------------------------------------------------------------------ logs_v1 (day windows)

MIDNIGHT_2ND = "2025-01-02T00:00:00+00:00"
V1_ROWS = [
    log(1, "2025-01-01T00:00:00+00:00"),  # the range's first instant
    log(2, "2025-01-01T12:30:00.250000+00:00"),
    log(3, MIDNIGHT_2ND),  # on the instant windows 1 and 2 share
    log(4, "2025-01-02T23:59:59.999000Z"),
    log(5, "2025-01-03T00:00:00+00:00"),  # shared by windows 2 and 3
    log(6, "2025-01-03T08:00:00"),  # naive: UTC
    log(7, "2025-01-04T00:00:00+00:00"),  # the range's last instant (end_date is included)
    log(8, "2025-01-04T00:00:00.001000+00:00"),  # after it
]


def v1_route(rows: list[dict[str, Any]]) -> Any:
    """``GET /spend/logs`` as the proxy answers it: rows with startTime in [start_date 00:00,
    end_date 00:00], newest first."""

    def instant(text: str) -> datetime:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)

    async def handler(request: web.Request) -> web.StreamResponse:
        lo = instant(request.query["start_date"])
        hi = instant(request.query["end_date"])
        found = [r for r in rows if lo <= instant(r["startTime"]) <= hi]
        return web.json_response(sorted(found, key=lambda r: instant(r["startTime"]))[::-1])

    return handler


async def test_logs_v1_walks_day_windows_reading_each_row_once(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("GET", "/spend/logs", v1_route(V1_ROWS))
    pager = client.spend.logs_v1("2025-01-01", date(2025, 1, 4), user_id="u1", api_key=SECRET)
    ids = [entry.request_id async for entry in pager]
    # Each window newest first, the windows in order; rows 3 and 5 lie on shared instants.
    assert ids == ["req-3", "req-2", "req-1", "req-5", "req-4", "req-7", "req-6"]
    windows = [(c.query["start_date"], c.query["end_date"]) for c in proxy.calls()]
    assert windows == [
        ("2025-01-01", "2025-01-02"),
        ("2025-01-02", "2025-01-03"),
        ("2025-01-03", "2025-01-04"),
    ]
    query = proxy.calls()[0].query
    assert query["summarize"] == "false" and query["user_id"] == "u1"
    assert query["api_key"] == HASHED
    first = await pager
    assert [entry.request_id for entry in first] == ["req-3", "req-2", "req-1"]
    assert isinstance(first[0], SpendLog)


async def test_logs_v1_wider_windows_and_a_single_instant(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("GET", "/spend/logs", v1_route(V1_ROWS))
    pager = client.spend.logs_v1("2025-01-01", "2025-01-04", window_days=2)
    assert len([entry async for entry in pager]) == 7
    assert [c.query["end_date"] for c in proxy.calls()] == ["2025-01-03", "2025-01-04"]
    # A range of one instant: one request, the rows logged at exactly that time.
    same = client.spend.logs_v1("2025-01-02", "2025-01-02")
    assert [entry.request_id async for entry in same] == ["req-3"]


async def test_logs_v1_refuses_a_window_the_proxy_cut(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    full = [log(i, "2025-01-02T10:00:00+00:00") for i in range(10_000)]

    async def handler(request: web.Request) -> web.StreamResponse:
        day = request.query["start_date"]
        return web.json_response(full if day == "2025-01-02" else [log(1, f"{day}T10:00:00")])

    proxy.on("GET", "/spend/logs", handler)
    seen: list[str] = []
    with pytest.raises(WindowTruncatedError, match=r"2025-01-02 \.\. 2025-01-03 has 10000"):
        async for entry in client.spend.logs_v1("2025-01-01", "2025-01-05"):
            seen.append(entry.request_id)
    assert seen == ["req-1"]  # the first window only: none of the cut one was used
    assert len(proxy.calls()) == 2


@pytest.mark.parametrize(
    ("start", "end", "error", "match"),
    [
        ("2025-01-05", "2025-01-01", ValueError, "before start"),
        ("2025-01-01 10:00:00", "2025-01-02", ValueError, "whole days"),
        (
            datetime(2025, 1, 1, tzinfo=timezone(timedelta(hours=2))),
            "2025-01-02",
            ValueError,
            "whole days",
        ),
        ("01/01/2025", "2025-01-02", ValueError, "YYYY-MM-DD"),
        (20250101, "2025-01-02", TypeError, "date string"),
    ],
)
async def test_logs_v1_refuses_bad_ranges_before_any_request(
    proxy: FakeProxy, client: LiteLLMClient, start: Any, end: Any, error: type, match: str
) -> None:
    with pytest.raises(error, match=match):
        client.spend.logs_v1(start, end)
    with pytest.raises(ValueError, match="step"):
        client.spend.logs_v1("2025-01-01", "2025-01-02", window_days=0)
    assert proxy.seen == []


# ------------------------------------------------------------------------ reports and lists


async def test_reports_send_days_and_hash_a_key(proxy: FakeProxy, client: LiteLLMClient) -> None:
    row = {
        "api_key": HASHED,
        "total_cost": 0.5,
        "total_input_tokens": 10,
        "total_output_tokens": 20,
        "model_details": [{"model": "fake-gpt", "total_cost": 0.5}],
    }
    for path in ("/key/spend/report", "/team/spend/report", "/user/spend/report"):
        proxy.on("GET", path, reply(200, [row]))
    proxy.on("GET", "/organization/spend/report", reply(200, []))
    rows = await client.spend.key_report(
        start_date=date(2025, 1, 1), end_date="2025-01-31", api_key=SECRET
    )  # type: ignore[typeddict-item]
    assert isinstance(rows[0], SpendReportRow) and rows[0].model_details[0]["model"] == "fake-gpt"
    assert proxy.calls()[-1].query == {**DAYS, "api_key": HASHED}
    assert (await client.spend.team_report(**DAYS, team_id="t1"))[0].total_cost == 0.5
    assert proxy.calls()[-1].query == {**DAYS, "team_id": "t1"}
    await client.spend.user_report(**DAYS, internal_user_id="u1")
    assert proxy.calls()[-1].query["internal_user_id"] == "u1"
    assert await client.spend.organization_report(**DAYS, organization_id="o1") == []
    assert proxy.calls()[-1].path == "/organization/spend/report"


@pytest.mark.parametrize(
    ("query", "error", "match"),
    [
        ({"start_date": "2025-01-01"}, TypeError, r"spend.key_report\(\) missing .*end_date"),
        ({"start_date": "2025-1-1x", "end_date": "2025-01-02"}, ValueError, "YYYY-MM-DD"),
        ({"start_date": datetime(2025, 1, 1), "end_date": "2025-01-02"}, TypeError, "a day"),
        ({"start_date": 20250101, "end_date": "2025-01-02"}, TypeError, "a day"),
    ],
)
async def test_reports_refuse_bad_days_before_any_request(
    proxy: FakeProxy, client: LiteLLMClient, query: dict[str, Any], error: type, match: str
) -> None:
    with pytest.raises(error, match=match):
        await client.spend.key_report(**query)
    assert proxy.seen == []


async def test_keys_users_tags_and_capture_rate(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/spend/keys", reply(200, [{"token": "h1", "spend": 2.5, "key_alias": "a"}]))
    proxy.on(
        "GET",
        "/spend/users",
        reply(200, [{"user_id": "u1", "spend": 1.0}]),
        reply(200, [None]),  # what the proxy answers for an unknown user_id
    )
    proxy.on(
        "GET",
        "/spend/tags",
        reply(200, [{"individual_request_tag": "prod", "log_count": 3, "total_spend": 0.3}]),
    )
    report = {
        "provider": "openai",
        "start_date": "2025-01-01",
        "end_date": "2025-01-02",
        "captured_spend": 9.0,
        "provider_spend": 10.0,
        "capture_rate": 0.9,
        "threshold": 0.9,
        "below_threshold": False,
        "days": [{"date": "2025-01-01", "captured_spend": 9.0, "provider_spend": 10.0}],
    }
    proxy.on("GET", "/spend/capture_rate", reply(200, report))
    keys = await client.spend.keys()
    assert keys[0].token == "h1" and keys[0].spend == 2.5
    assert (await client.spend.users("u1"))[0].user_id == "u1"
    assert proxy.calls()[-1].query == {"user_id": "u1"}
    assert await client.spend.users("nobody") == []
    tags = await client.spend.tags()
    assert tags[0].individual_request_tag == "prod" and proxy.calls()[-1].query == {}
    await client.spend.tags(start_date="2025-01-01", end_date="2025-01-02")
    assert proxy.calls()[-1].query == {"start_date": "2025-01-01", "end_date": "2025-01-02"}
    rate = await client.spend.capture_rate(**DAYS, project_ids=["p1", "p2"], threshold=0.5)
    assert rate.capture_rate == 0.9 and rate.days[0].provider_spend == 10.0
    assert proxy.calls()[-1].raw_path.endswith("project_ids=p1&project_ids=p2&threshold=0.5")


async def test_calculate(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/spend/calculate", reply(200, {"cost": 0.25}))
    messages = [{"role": "user", "content": "hi"}]
    assert (await client.spend.calculate(model="fake-gpt", messages=messages)).cost == 0.25
    assert proxy.calls()[-1].json() == {"model": "fake-gpt", "messages": messages}
    await client.spend.calculate(completion_response={"id": "c", "usage": {}})
    assert proxy.calls()[-1].json() == {"completion_response": {"id": "c", "usage": {}}}
    with pytest.raises(TypeError, match="messages"):
        await client.spend.calculate(model="fake-gpt")
    with pytest.raises(TypeError, match="completion_response"):
        await client.spend.calculate()
    assert len(proxy.calls()) == 2


async def test_team_by_user(proxy: FakeProxy, client: LiteLLMClient) -> None:
    answer = {**DAYS, "results": [{"team_id": "t1", "user_id": "u1", "spend": 1.5}]}
    proxy.on("GET", "/team/spend/by_user", reply(200, answer))
    result = await client.spend.team_by_user(["t1", "t2"], "2025-01-01", "2025-01-31")
    assert isinstance(result, TeamUserSpend) and result.results[0].spend == 1.5
    assert proxy.calls()[-1].query == {"team_ids": "t1,t2", **DAYS}
    await client.spend.team_by_user("t1", **DAYS)
    assert proxy.calls()[-1].query["team_ids"] == "t1"
    for bad in ([], [""]):
        with pytest.raises(ValueError, match="team id"):
            await client.spend.team_by_user(bad, **DAYS)
    assert len(proxy.calls()) == 2


async def test_gateway_activity_and_errors(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on(
        "GET",
        "/gateway/daily/activity",
        reply(200, {"total_successful_requests": 4, "by_date": [{"date": "2025-01-01"}]}),
    )
    errors = {
        "total_failed_requests": 2,
        "by_date": [{"date": "2025-01-01", "failed_requests": 2, "client_errors": 2}],
        "by_key": [{"id": "h1", "failed_requests": 2, "top_status_code": 429}],
    }
    proxy.on("GET", "/gateway/errors/activity", reply(200, errors))
    activity = await client.spend.gateway_activity(start_date="2025-01-01")
    assert activity.total_successful_requests == 4 and activity.by_date[0].failed_requests == 0
    assert proxy.calls()[-1].query == {"start_date": "2025-01-01"}
    failed = await client.spend.gateway_errors()
    assert isinstance(failed, GatewayErrors) and failed.by_key[0].top_status_code == 429
    assert failed.by_date[0].client_errors == 2


async def test_management_facets_page_until_has_more_is_false(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    names = ["ann", "bob", "cy"]

    async def facets(request: web.Request) -> web.StreamResponse:
        page, size = int(request.query["page"]), int(request.query["page_size"])
        chunk = names[(page - 1) * size : page * size]
        meta = {"page": page, "page_size": size, "has_more": page * size < len(names)}
        return web.json_response({"data": chunk, "meta": meta, "links": {}})

    proxy.on("GET", "/management/v1/spend_logs/users", facets)
    proxy.on("GET", "/management/v1/spend_logs/end_users", facets)
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    users = client.spend.management_users(start, "2025-01-02T00:00:00Z", q="o", page_size=2)
    assert [u async for u in users] == names
    query = proxy.calls()[0].query
    assert query == {
        "filter[startTime][gte]": "2025-01-01T00:00:00+00:00",
        "filter[startTime][lte]": "2025-01-02T00:00:00Z",
        "q": "o",
        "page_size": "2",
        "page": "1",
    }
    assert len(proxy.calls()) == 2  # has_more ended it: no third request
    # A full last page: has_more, not the page length, says it was the last.
    end_users = client.spend.management_end_users(start, start, page_size=3)
    assert [u async for u in end_users] == names
    assert len(proxy.calls("GET", "/management/v1/spend_logs/end_users")) == 1
    with pytest.raises(TypeError, match="start_time"):
        client.spend.management_users("", start)


# ------------------------------------------------------------------------------ global spend


async def test_global_spend_routes(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/global/spend", reply(200, {"spend": 3.5, "max_budget": None}))
    proxy.on("GET", "/global/spend/logs", reply(200, [{"date": "2025-01-01", "spend": 1.0}]))
    proxy.on(
        "GET",
        "/global/spend/keys",
        reply(200, [{"api_key": "h1", "key_alias": "a", "total_spend": 2.0}]),
    )
    proxy.on(
        "GET",
        "/global/spend/teams",
        reply(200, {"daily_spend": [{"date": "2025-01-01", "t": 1.0}], "teams": ["t"]}),
    )
    proxy.on("GET", "/global/spend/models", reply(200, [{"model": "fake-gpt", "total_spend": 1}]))
    proxy.on("GET", "/global/spend/provider", reply(200, [{"provider": "openai", "spend": 2.0}]))
    proxy.on(
        "GET",
        "/global/spend/tags",
        reply(200, {"spend_per_tag": [{"name": "prod", "spend": 1.0, "log_count": 2}]}),
    )
    proxy.on("GET", "/global/spend/all_tag_names", reply(200, {"tag_names": ["prod"]}))
    proxy.on("GET", "/global/all_end_users", reply(200, {"end_users": ["e1", None]}))
    proxy.on(
        "POST",
        "/global/spend/end_users",
        reply(200, [{"end_user": "e1", "total_count": 2, "total_spend": 0.2}]),
    )
    proxy.on("GET", "/global/spend/report", reply(200, [{"group_by_day": "2025-01-01"}]))
    global_spend = client.spend.global_spend
    assert (await global_spend.spend()).spend == 3.5
    assert (await global_spend.logs(api_key=SECRET))[0].spend == 1.0
    assert proxy.calls()[-1].query == {"api_key": HASHED}
    assert (await global_spend.keys(limit=5))[0].total_spend == 2.0
    assert proxy.calls()[-1].query == {"limit": "5"}
    assert (await global_spend.teams()).teams == ["t"]
    assert (await global_spend.models())[0].model == "fake-gpt"
    assert proxy.calls()[-1].query == {}
    assert (await global_spend.provider("2025-01-01", date(2025, 1, 31)))[0].provider == "openai"
    assert proxy.calls()[-1].query == DAYS
    tags = await global_spend.tags(**DAYS, tags="prod,dev")
    assert tags.spend_per_tag[0].log_count == 2
    assert proxy.calls()[-1].query == {**DAYS, "tags": "prod,dev"}
    assert (await global_spend.all_tag_names()).tag_names == ["prod"]
    assert (await global_spend.all_end_users()).end_users == ["e1", None]
    end_users = await global_spend.end_users(api_key=SECRET, startTime="2025-01-01T00:00:00")
    assert end_users[0].total_count == 2
    assert proxy.calls()[-1].json() == {"api_key": HASHED, "startTime": "2025-01-01T00:00:00"}
    report = await global_spend.report(**DAYS, group_by="api_key")
    assert report == [{"group_by_day": "2025-01-01"}]
    assert proxy.calls()[-1].query == {**DAYS, "group_by": "api_key"}


async def test_global_activity_routes(proxy: FakeProxy, client: LiteLLMClient) -> None:
    daily = [{"date": "Jan 01", "api_requests": 3, "total_tokens": 30}]
    proxy.on(
        "GET",
        "/global/activity",
        reply(200, {"daily_data": daily, "sum_api_requests": 3, "sum_total_tokens": 30}),
    )
    proxy.on(
        "GET",
        "/global/activity/model",
        reply(200, [{"model": "fake-gpt", "daily_data": daily, "sum_api_requests": 3}]),
    )
    cache = {
        "groups": [{"call_type": "acompletion", "api_requests": 3, "cache_hits": 1}],
        "totals": {"api_requests": 3, "cache_hits": 1, "cache_hit_ratio": 0.25},
        "filter_options": {"key_aliases": [], "models": []},
        "error_breakdown": [],
    }
    proxy.on("GET", "/global/activity/cache_hits", reply(200, cache))
    proxy.on(
        "GET",
        "/global/activity/exceptions",
        reply(200, {"daily_data": [], "sum_num_rate_limit_exceptions": 0}),
    )
    proxy.on(
        "GET",
        "/global/activity/exceptions/deployment",
        reply(200, [{"api_base": "http://x", "sum_num_rate_limit_exceptions": 4}]),
    )
    global_spend = client.spend.global_spend
    activity = await global_spend.activity(**DAYS)
    assert isinstance(activity, GlobalActivity) and activity.daily_data[0].api_requests == 3
    assert proxy.calls()[-1].query == DAYS
    assert (await global_spend.activity_model(**DAYS))[0].daily_data[0].total_tokens == 30
    hits = await global_spend.cache_hits(**DAYS, key_aliases=["a", "b"], models=["m"])
    assert isinstance(hits, CacheActivity) and hits.totals.cache_hit_ratio == 0.25
    assert proxy.calls()[-1].raw_path.endswith("key_aliases=a&key_aliases=b&models=m")
    with pytest.raises(TypeError, match="list of strings"):
        await global_spend.cache_hits(**DAYS, models="m")
    exceptions = await global_spend.exceptions("fake-gpt", **DAYS)
    assert exceptions.sum_num_rate_limit_exceptions == 0
    assert proxy.calls()[-1].query == {"model_group": "fake-gpt", **DAYS}
    per_deployment = await global_spend.exceptions_deployment("fake-gpt", **DAYS)
    assert per_deployment[0].sum_num_rate_limit_exceptions == 4
    with pytest.raises(TypeError, match="model_group"):
        await global_spend.exceptions("", **DAYS)
    with pytest.raises(TypeError, match=r"activity\(\) missing .*start_date"):
        await global_spend.activity(None, "2025-01-01")  # type: ignore[arg-type]
    assert len(proxy.calls()) == 5


async def test_reset_is_sent_once_refresh_is_retried(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("POST", "/global/spend/reset", reply(502, {"error": {"message": "gone"}}))
    proxy.on(
        "POST",
        "/global/spend/refresh",
        reply(502, {"error": {"message": "gone"}}),
        reply(200, {"message": "MonthlyGlobalSpend view refreshed", "status": "success"}),
    )
    with pytest.raises(APIStatusError):
        await client.spend.global_spend.reset()
    assert len(proxy.calls("POST", "/global/spend/reset")) == 1
    refreshed = await client.spend.global_spend.refresh()
    assert refreshed is not None and refreshed.status == "success"
    assert len(proxy.calls("POST", "/global/spend/refresh")) == 2
    # No materialized view to refresh: the proxy answers null.
    proxy.on("POST", "/global/spend/refresh", reply(200, b"null"))
    assert await client.spend.global_spend.refresh() is None


# ---------------------------------------------------------------------- CloudZero, Vantage


@pytest.mark.parametrize("service", ["cloudzero", "vantage"])
async def test_cost_export_settings(service: str, proxy: FakeProxy, client: LiteLLMClient) -> None:
    ok = {"message": "done", "status": "success"}
    proxy.on("POST", f"/{service}/init", reply(200, ok))
    proxy.on("GET", f"/{service}/settings", reply(200, {"api_key_masked": "abcd****wxyz"}))
    proxy.on("PUT", f"/{service}/settings", reply(200, ok))
    proxy.on("POST", f"/{service}/dry-run", reply(200, {**ok, "summary": {"records": 2}}))
    proxy.on("POST", f"/{service}/export", reply(502, {"error": {"message": "down"}}))
    proxy.on("DELETE", f"/{service}/delete", reply(200, ok))
    exporter = getattr(client.spend, service)
    init = (
        {"api_key": "secret-1", "connection_id": "c1"}
        if service == "cloudzero"
        else {"api_key": "secret-1", "integration_token": "tok"}
    )
    assert (await exporter.init(**init)).status == "success"
    assert proxy.calls()[-1].json() == init
    assert (await exporter.get_settings()).api_key_masked == "abcd****wxyz"
    await exporter.update_settings(api_key="secret-2")
    assert proxy.calls()[-1].json() == {"api_key": "secret-2"}
    assert (await exporter.dry_run(limit=2)).summary == {"records": 2}
    assert proxy.calls()[-1].json() == {"limit": 2}
    with pytest.raises(APIStatusError):
        await exporter.export(limit=1)
    assert len(proxy.calls("POST", f"/{service}/export")) == 1  # an export is sent once
    assert (await exporter.delete()).message == "done"
    with pytest.raises(TypeError, match="missing required"):
        await exporter.init(api_key="secret-1")
    assert len(proxy.calls()) == 6
