"""``aio-litellm spend export``: every log once, in day order, totals, formats, resuming."""

from __future__ import annotations

import asyncio
import csv
import importlib
import json
import os
import signal
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import LiteLLMClient, _spend_export, _spend_formats
from aio_litellm._jobfiles import UsageError
from aio_litellm._spend_chart import chart_series
from aio_litellm._spend_export import (
    DayTotals,
    groups_of,
    log_day,
    parse_instant,
)
from aio_litellm.cli import build_parser, main, run

from .conftest import API_KEY, FakeProxy

V2 = "/spend/logs/v2"


def parse_bound(text: str) -> datetime:
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise AssertionError(f"the proxy would answer 400 to {text!r}")


class SpendLogs:
    """``GET /spend/logs/v2`` as LiteLLM 1.110 answers it: both ends included, sorted by
    ``startTime`` only, offset pages, a count capped at ``cap`` (10,000 on the proxy).

    ``fail_days``: days whose requests are refused (400). ``drop``: (start_date, page) pairs
    whose page leaves out its last log, as when logs with one start time swap places between
    two page queries."""

    def __init__(self, proxy: FakeProxy, logs: list[dict[str, Any]], cap: int = 10_000) -> None:
        self.logs = logs
        self.cap = cap
        self.fail_days: set[str] = set()
        self.drop: set[tuple[str, int]] = set()
        proxy.on("GET", V2, self.handle)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        q = request.query
        start, end = parse_bound(q["start_date"]), parse_bound(q["end_date"])
        if q["start_date"][:10] in self.fail_days:
            return web.json_response(
                {"error": {"message": "database unavailable", "code": "400"}}, status=400
            )
        page, size = int(q.get("page", 1)), int(q.get("page_size", 50))
        matches = [
            log
            for log in self.logs
            if start <= datetime.fromisoformat(log["startTime"]).replace(tzinfo=None) <= end
        ]
        matches.sort(key=lambda log: log["startTime"], reverse=q.get("sort_order") != "asc")
        total = min(len(matches), self.cap)
        data = matches[(page - 1) * size : page * size]
        if (q["start_date"], page) in self.drop and data:
            data = data[:-1]
        return web.json_response(
            {
                "data": data,
                "total": total,
                "page": page,
                "page_size": size,
                "total_pages": (total + size - 1) // size,
                "total_is_capped": len(matches) > self.cap,
            }
        )


def log(n: int, start: str, **fields: Any) -> dict[str, Any]:
    return {
        "request_id": f"r{n}",
        "startTime": start,
        "spend": fields.pop("spend", 0.5),
        "prompt_tokens": 10,
        "completion_tokens": 5,
        "total_tokens": 15,
        "model": "openai/fake-gpt",
        "model_group": "fake-gpt",
        "api_key": "h-a",
        "team_id": "t1",
        "user": "u1",
        "request_tags": [],
        "metadata": {"user_api_key_alias": "alias-a", "user_api_key_team_alias": "team one"},
        **fields,
    }


# Three days; the page boundary falls inside day 1 (page size 2); the logs on both sides of
# midnight go to their own day only.
LOGS = [
    log(1, "2025-03-01T00:00:00"),
    log(
        2,
        "2025-03-01T08:30:00.123000",
        model_group="fake-gpt-2",
        api_key="h-b",
        end_user='=HYPERLINK("x")',
    ),
    log(3, "2025-03-01T12:00:00", request_tags=["prod", "batch"], spend=1.0),
    log(4, "2025-03-01T23:59:59.999000", team_id=None),
    log(5, "2025-03-02T00:00:00", user="u2"),
    log(6, "2025-03-03T09:00:00", request_tags=["prod"], spend=2.0, extra_field="x"),
    log(7, "2025-03-04T00:00:00"),  # the day after the range: never exported
]


def argv(proxy: FakeProxy, out: Path, *more: str, days: tuple[str, str] | None = None) -> Any:
    start, end = days or ("2025-03-01", "2025-03-03")
    return build_parser().parse_args(
        [
            "--base-url",
            proxy.url,
            "--api-key",
            API_KEY,
            "--max-retries",
            "0",
            "spend",
            "export",
            "--from",
            start,
            "--to",
            end,
            "--out",
            str(out),
            "--page-size",
            "2",
            "--quiet",
            *more,
        ]
    )


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


def read_jsonl(path: Path) -> list[Any]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def days_asked(proxy: FakeProxy) -> list[str]:
    return sorted({s.query["start_date"][:10] for s in proxy.calls("GET", V2)})


async def test_every_log_once_in_day_order(proxy: FakeProxy, tmp_path: Path) -> None:
    SpendLogs(proxy, LOGS)
    out = tmp_path / "spend.jsonl"
    assert await run(argv(proxy, out, "--concurrency", "3")) == 0
    rows = read_jsonl(out)
    assert [r["request_id"] for r in rows] == ["r1", "r2", "r3", "r4", "r5", "r6"]
    assert rows[1]["model_group"] == "fake-gpt-2" and rows[1]["spend"] == 0.5
    assert rows[5]["extra_field"] == "x"  # fields the client does not declare are kept
    assert rows[2]["metadata"]["user_api_key_alias"] == "alias-a"
    # One day per query, both ends whole days (the next day's 00:00 is left out by the client).
    first = proxy.calls("GET", V2)[0].query
    assert first["start_date"] == "2025-03-01 00:00:00"
    assert first["end_date"] == "2025-03-02 00:00:00"
    assert first["page_size"] == "2" and first["sort_order"] == "asc"
    assert {s.query["page"] for s in proxy.calls("GET", V2)} == {"1", "2", "3"}
    # The parts are gone; the sidecar says the export is complete.
    assert names(tmp_path) == ["spend.jsonl", "spend.jsonl.meta.json"]
    meta = json.loads((tmp_path / "spend.jsonl.meta.json").read_text())
    assert meta["complete"] is True and meta["args"]["by"] is None
    assert oct(out.stat().st_mode & 0o777) == "0o600"


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        (
            "model",
            [
                ("2025-03-01", "fake-gpt", None, 2.0, 3),
                ("2025-03-01", "fake-gpt-2", None, 0.5, 1),
                ("2025-03-02", "fake-gpt", None, 0.5, 1),
                ("2025-03-03", "fake-gpt", None, 2.0, 1),
            ],
        ),
        (
            "team",
            [
                ("2025-03-01", "t1", "team one", 2.0, 3),
                ("2025-03-01", None, "team one", 0.5, 1),
                ("2025-03-02", "t1", "team one", 0.5, 1),
                ("2025-03-03", "t1", "team one", 2.0, 1),
            ],
        ),
        (
            "key",
            [
                ("2025-03-01", "h-a", "alias-a", 2.0, 3),
                ("2025-03-01", "h-b", "alias-a", 0.5, 1),
                ("2025-03-02", "h-a", "alias-a", 0.5, 1),
                ("2025-03-03", "h-a", "alias-a", 2.0, 1),
            ],
        ),
        (
            "user",
            [
                ("2025-03-01", "u1", None, 2.5, 4),
                ("2025-03-02", "u2", None, 0.5, 1),
                ("2025-03-03", "u1", None, 2.0, 1),
            ],
        ),
        (
            "tag",
            [
                ("2025-03-01", None, None, 1.5, 3),
                ("2025-03-01", "batch", None, 1.0, 1),
                ("2025-03-01", "prod", None, 1.0, 1),
                ("2025-03-02", None, None, 0.5, 1),
                ("2025-03-03", "prod", None, 2.0, 1),
            ],
        ),
    ],
)
async def test_totals_by_group(
    by: str, expected: list[tuple[Any, ...]], proxy: FakeProxy, tmp_path: Path
) -> None:
    SpendLogs(proxy, LOGS)
    out = tmp_path / "by.jsonl"
    assert await run(argv(proxy, out, "--by", by)) == 0
    rows = read_jsonl(out)
    assert [(r["day"], r["group"], r["label"], r["spend"], r["requests"]) for r in rows] == expected
    assert sum(r["total_tokens"] for r in rows) == 15 * sum(e[4] for e in expected)


async def test_csv_rows_and_totals(proxy: FakeProxy, tmp_path: Path) -> None:
    SpendLogs(proxy, LOGS)
    out = tmp_path / "spend.csv"
    assert await run(argv(proxy, out)) == 0
    with out.open(newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["request_id"] for r in rows] == ["r1", "r2", "r3", "r4", "r5", "r6"]
    header = out.read_text().splitlines()[0].split(",")
    assert header[:3] == ["request_id", "call_type", "api_key"] and header[-1] == "extra_field"
    assert json.loads(rows[0]["metadata"])["user_api_key_alias"] == "alias-a"
    assert json.loads(rows[2]["request_tags"]) == ["prod", "batch"]
    assert rows[3]["team_id"] == "" and rows[5]["extra_field"] == "x"
    assert rows[0]["extra_field"] == "" and float(rows[0]["spend"]) == 0.5
    assert rows[1]["end_user"] == '\'=HYPERLINK("x")'  # not a formula in a spreadsheet
    totals = tmp_path / "totals.csv"
    assert await run(argv(proxy, totals, "--by", "model")) == 0
    with totals.open(newline="") as f:
        by_model = list(csv.DictReader(f))
    assert list(by_model[0]) == list(_spend_export.BY_COLUMNS)
    assert (by_model[0]["group"], by_model[0]["requests"], by_model[0]["label"]) == (
        "fake-gpt",
        "3",
        "",
    )


async def test_parquet(proxy: FakeProxy, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    SpendLogs(proxy, LOGS)
    out = tmp_path / "spend.parquet"
    assert await run(argv(proxy, out)) == 0
    table = pq.read_table(out)
    assert table.column("request_id").to_pylist() == ["r1", "r2", "r3", "r4", "r5", "r6"]
    assert str(table.schema.field("spend").type) == "double"
    assert str(table.schema.field("total_tokens").type) == "int64"
    assert json.loads(table.column("metadata")[0].as_py())["user_api_key_alias"] == "alias-a"
    totals = tmp_path / "totals.parquet"
    assert await run(argv(proxy, totals, "--by", "tag")) == 0
    rows = pq.read_table(totals).to_pylist()
    assert rows[2] == {
        "day": "2025-03-01",
        "group": "prod",
        "label": None,
        "spend": 1.0,
        "requests": 1,
        "prompt_tokens": 10,
        "completion_tokens": 5,
        "total_tokens": 15,
    }


async def test_parquet_rows_in_groups(
    proxy: FakeProxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    monkeypatch.setattr(_spend_formats, "_BATCH", 4)
    SpendLogs(proxy, LOGS)
    out = tmp_path / "spend.parquet"
    assert await run(argv(proxy, out)) == 0
    assert pq.ParquetFile(out).metadata.num_row_groups == 2
    assert pq.read_table(out).num_rows == 6


@pytest.mark.parametrize(("by", "logs"), [(None, LOGS), ("key", LOGS), ("tag", [])])
async def test_chart(
    by: str | None, logs: list[dict[str, Any]], proxy: FakeProxy, tmp_path: Path
) -> None:
    pytest.importorskip("matplotlib")
    SpendLogs(proxy, logs)
    chart = tmp_path / "spend.png"
    extra = ["--by", by] if by else []
    assert await run(argv(proxy, tmp_path / "s.jsonl", "--chart", str(chart), *extra)) == 0
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert names(tmp_path) == ["s.jsonl", "s.jsonl.meta.json", "spend.png"]


async def test_export_refuses_an_unknown_grouping(proxy: FakeProxy, tmp_path: Path) -> None:
    async with LiteLLMClient(base_url=proxy.url, api_key=API_KEY) as client:
        with pytest.raises(UsageError, match="--by must be one of"):
            await _spend_export.export(
                client,
                start=date(2025, 3, 1),
                end=date(2025, 3, 1),
                out=tmp_path / "x.csv",
                by="org",
            )
    assert proxy.seen == []


async def test_a_failed_day_leaves_no_part_and_a_rerun_fetches_only_it(
    proxy: FakeProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = SpendLogs(proxy, LOGS)
    store.fail_days = {"2025-03-02"}
    out = tmp_path / "spend.jsonl"
    assert await run(argv(proxy, out)) == 1
    err = capsys.readouterr().err
    assert "2025-03-02 failed: BadRequestError" in err and "database unavailable" in err
    assert "run the same command again" in err and API_KEY not in err
    assert not out.exists()
    parts = tmp_path / "spend.jsonl.parts"
    assert names(parts) == ["2025-03-01.jsonl", "2025-03-03.jsonl"]
    store.fail_days = set()
    proxy.seen.clear()
    assert await run(argv(proxy, out)) == 0
    assert days_asked(proxy) == ["2025-03-02"]
    assert [r["request_id"] for r in read_jsonl(out)] == ["r1", "r2", "r3", "r4", "r5", "r6"]
    assert "2 already done" in capsys.readouterr().err
    assert not parts.exists()


def finished_parts(folder: Path) -> int:
    return len(list(folder.glob("*-*-??.jsonl"))) if folder.is_dir() else 0


async def test_killed_and_resumed_has_every_log_once(proxy: FakeProxy, tmp_path: Path) -> None:
    month = [log(i, f"2025-01-{1 + i // 3:02d}T{(i % 3) * 8:02d}:00:00") for i in range(90)]
    store = SpendLogs(proxy, month)

    async def slow(request: web.Request) -> web.StreamResponse:
        await asyncio.sleep(0.02)
        return await store.handle(request)

    proxy.on("GET", V2, slow)
    out, parts = tmp_path / "month.csv", tmp_path / "month.csv.parts"
    cmd = ["--max-retries", "0", "spend", "export", "--from", "2025-01-01", "--to", "2025-01-30"]
    cmd += ["--out", str(out), "--page-size", "2", "--concurrency", "3", "--quiet"]
    env = {**os.environ, "LITELLM_BASE_URL": proxy.url, "LITELLM_API_KEY": API_KEY}
    first = await asyncio.create_subprocess_exec(sys.executable, "-m", "aio_litellm", *cmd, env=env)
    while finished_parts(parts) < 10:
        assert first.returncode is None, "the export ended before it could be killed"
        await asyncio.sleep(0.005)
    first.send_signal(signal.SIGKILL)  # no chance to clean up
    await first.wait()
    done_before = finished_parts(parts)
    proxy.seen.clear()
    second = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "aio_litellm", *cmd, env=env, stderr=asyncio.subprocess.PIPE
    )
    _, err = await second.communicate()
    assert second.returncode == 0, err.decode()
    assert len(days_asked(proxy)) == 30 - done_before
    assert [r["request_id"] for r in read_csv(out)] == [f"r{i}" for i in range(90)]


async def test_a_part_being_written_when_killed_is_not_a_part(
    proxy: FakeProxy, tmp_path: Path
) -> None:
    SpendLogs(proxy, LOGS)
    out = tmp_path / "spend.jsonl"
    parts = tmp_path / "spend.jsonl.parts"
    parts.mkdir()
    (tmp_path / "spend.jsonl.meta.json").write_bytes(
        orjson.dumps(
            {
                "args": {
                    "from": "2025-03-01",
                    "to": "2025-03-03",
                    "by": None,
                    "base_url": proxy.url,
                },
                "complete": False,
            }
        )
    )
    (parts / "2025-03-01.jsonl").write_bytes(orjson.dumps(LOGS[0]) + b"\n")  # a finished day
    (parts / "2025-03-02.jsonl.tmp").write_bytes(b'{"request_id": "torn')
    (parts / "2025-03-03.open.jsonl").write_bytes(orjson.dumps(LOGS[0]) + b"\n")  # not over then
    assert await run(argv(proxy, out)) == 0
    assert days_asked(proxy) == ["2025-03-02", "2025-03-03"]
    # The finished day is taken as it is (not fetched again).
    assert [r["request_id"] for r in read_jsonl(out)] == ["r1", "r5", "r6"]


async def test_a_day_not_over_is_fetched_by_every_run(
    proxy: FakeProxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SpendLogs(proxy, LOGS)
    # 5 minutes after 2025-03-03 ended: the proxy may still be writing its logs.
    monkeypatch.setattr(
        _spend_export, "_now", lambda: datetime(2025, 3, 4, 0, 5, tzinfo=timezone.utc)
    )
    store.fail_days = {"2025-03-02"}
    out = tmp_path / "spend.jsonl"
    assert await run(argv(proxy, out)) == 1
    assert names(tmp_path / "spend.jsonl.parts") == ["2025-03-01.jsonl"]
    store.fail_days = set()
    proxy.seen.clear()
    assert await run(argv(proxy, out)) == 0
    assert days_asked(proxy) == ["2025-03-02", "2025-03-03"]
    assert len(read_jsonl(out)) == 6
    assert json.loads((tmp_path / "spend.jsonl.meta.json").read_text())["complete"] is False
    # Not complete: the next run exports again (every day: the parts are gone).
    store.logs = [*LOGS, log(8, "2025-03-03T23:59:00")]
    proxy.seen.clear()
    assert await run(argv(proxy, out)) == 0
    assert days_asked(proxy) == ["2025-03-01", "2025-03-02", "2025-03-03"]
    assert read_jsonl(out)[-1]["request_id"] == "r8"


async def test_the_output_is_bound_to_its_arguments(
    proxy: FakeProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    SpendLogs(proxy, LOGS)
    out = tmp_path / "spend.jsonl"
    assert await run(argv(proxy, out)) == 0
    calls = len(proxy.seen)
    assert await run(argv(proxy, out)) == 0  # complete: nothing to do
    assert len(proxy.seen) == calls
    assert "nothing to do" in capsys.readouterr().err
    with pytest.raises(UsageError, match="other arguments"):
        await run(argv(proxy, out, "--by", "team"))
    with pytest.raises(UsageError, match="other arguments"):
        await run(argv(proxy, out, days=("2025-03-01", "2025-03-02")))
    assert len(proxy.seen) == calls
    assert await run(argv(proxy, out, "--by", "team", "--restart")) == 0
    assert read_jsonl(out)[0]["group"] == "t1"
    (tmp_path / "spend.jsonl.meta.json").unlink()
    with pytest.raises(UsageError, match="without"):
        await run(argv(proxy, out, "--by", "team"))
    (tmp_path / "spend.jsonl.meta.json").write_text("not json")
    with pytest.raises(UsageError, match="unreadable"):
        await run(argv(proxy, out, "--by", "team"))


async def test_a_window_the_proxy_cannot_count_is_read_in_halves(
    proxy: FakeProxy, tmp_path: Path
) -> None:
    day = [log(i, f"2025-03-01T{i:02d}:00:00") for i in range(24)]
    SpendLogs(proxy, [*day, log(99, "2025-03-02T00:00:00")], cap=5)
    out = tmp_path / "spend.jsonl"
    assert await run(argv(proxy, out, days=("2025-03-01", "2025-03-01"))) == 0
    assert [r["request_id"] for r in read_jsonl(out)] == [f"r{i}" for i in range(24)]
    windows = {(s.query["start_date"], s.query["end_date"]) for s in proxy.calls("GET", V2)}
    assert ("2025-03-01 00:00:00", "2025-03-01 12:00:00") in windows
    assert ("2025-03-01 12:00:00", "2025-03-02 00:00:00") in windows


async def test_pages_that_miss_a_counted_log_are_read_again_smaller(
    proxy: FakeProxy, tmp_path: Path
) -> None:
    store = SpendLogs(proxy, LOGS)
    store.drop = {("2025-03-01 00:00:00", 2)}  # the whole-day walk loses a log on page 2
    out = tmp_path / "spend.jsonl"
    assert await run(argv(proxy, out, days=("2025-03-01", "2025-03-01"))) == 0
    assert [r["request_id"] for r in read_jsonl(out)] == ["r1", "r2", "r3", "r4"]


async def test_a_log_pushed_onto_the_next_page_is_written_once(
    proxy: FakeProxy, tmp_path: Path
) -> None:
    store = SpendLogs(proxy, LOGS[:4])

    async def late_write(request: web.Request) -> web.StreamResponse:
        response = await store.handle(request)
        if request.query["page"] == "1":
            # Logged during the walk with an earlier start: the next page starts one log back.
            store.logs = [log(0, "2025-03-01T00:00:00"), *LOGS[:4]]
        return response

    proxy.on("GET", V2, late_write)
    out = tmp_path / "spend.jsonl"
    assert await run(argv(proxy, out, days=("2025-03-01", "2025-03-01"))) == 0
    ids = [r["request_id"] for r in read_jsonl(out)]
    assert ids.count("r2") == 1 and {"r1", "r2", "r3", "r4"} <= set(ids)


async def test_a_second_that_keeps_missing_logs_fails_its_day(
    proxy: FakeProxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    store = SpendLogs(proxy, LOGS)

    async def lossy(request: web.Request) -> web.StreamResponse:
        store.drop.add((request.query["start_date"], 1))
        return await store.handle(request)

    proxy.on("GET", V2, lossy)
    out = tmp_path / "spend.jsonl"
    assert await run(argv(proxy, out, days=("2025-03-02", "2025-03-02"))) == 1
    assert "IncompleteWindow: the proxy counted 1 logs from 2025-03-02 00:00:00" in (
        capsys.readouterr().err
    )
    assert names(tmp_path / "spend.jsonl.parts") == []


@pytest.mark.parametrize(
    ("more", "message"),
    [
        (["--from", "2025/03/01"], "--from must be a day"),
        (["--to", "yesterday"], "--to must be a day"),
        (["--from", "2025-03-05"], "is before --from"),
        (["--out", "spend.xlsx"], "--out must end in .jsonl, .csv, .parquet"),
        (["--out", "missing/dir/spend.csv"], "no such directory"),
        (["--chart", "spend.gif"], "--chart must end in .png, .svg, .pdf"),
        (["--page-size", "1001"], "--page-size must be 1 to 1000"),
    ],
)
def test_bad_arguments_are_refused_before_any_request(
    more: list[str],
    message: str,
    proxy: FakeProxy,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    base = ["--from", "2025-03-01", "--to", "2025-03-03", "--out", "spend.jsonl"]
    with pytest.raises(SystemExit) as exit_:
        main(["--base-url", proxy.url, "--api-key", API_KEY, "spend", "export", *base, *more])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err
    assert proxy.seen == [] and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("more", "extra"),
    [(["--out", "spend.parquet"], "parquet"), (["--chart", "spend.png"], "plot")],
)
async def test_a_missing_extra_is_named_before_any_request(
    more: list[str],
    extra: str,
    proxy: FakeProxy,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = importlib.import_module

    def without(name: str, package: str | None = None) -> Any:
        if name.split(".")[0] in {"pyarrow", "matplotlib"}:
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", without)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match=rf"pip install 'aio-litellm\[{extra}\]'"):
        await run(argv(proxy, tmp_path / "spend.jsonl", *more))
    assert proxy.seen == []


# -- the pure parts ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-01T10:00:00", datetime(2025, 3, 1, 10, tzinfo=timezone.utc)),
        ("2025-03-01 10:00:00.5", datetime(2025, 3, 1, 10, 0, 0, 500000, tzinfo=timezone.utc)),
        ("2025-03-01T10:00:00.123Z", datetime(2025, 3, 1, 10, 0, 0, 123000, tzinfo=timezone.utc)),
        (
            "2025-03-01T10:00:00.1234567+00:00",
            datetime(2025, 3, 1, 10, 0, 0, 123456, tzinfo=timezone.utc),
        ),
        ("2025-03-02T01:00:00+02:00", datetime(2025, 3, 1, 23, tzinfo=timezone.utc)),
        ("not a time", None),
        ("", None),
        (None, None),
        (1234, None),
    ],
)
def test_parse_instant(text: Any, expected: datetime | None) -> None:
    assert parse_instant(text) == expected


def test_log_day_is_the_utc_day() -> None:
    assert log_day({"startTime": "2025-03-02T01:00:00+02:00"}) == "2025-03-01"
    assert log_day({}) is None


def test_groups_of() -> None:
    row: dict[str, Any] = {
        "request_tags": '["a", "b", "a", ""]',  # a JSON column handed back as its text
        "metadata": '{"user_api_key_alias": "k", "user_api_key_user_email": "u@x"}',
        "api_key": "h",
        "user": "u",
        "model": "openai/m",
        "team_id": "",
    }
    assert groups_of(row, "tag") == [("a", None), ("b", None)]
    assert groups_of({**row, "request_tags": "solo"}, "tag") == [("solo", None)]
    assert groups_of({**row, "request_tags": None}, "tag") == [(None, None)]
    assert groups_of(row, "key") == [("h", "k")]
    assert groups_of(row, "user") == [("u", "u@x")]
    assert groups_of(row, "model") == [("openai/m", None)]  # no model group: the model
    assert groups_of({**row, "metadata": "{oops"}, "team") == [(None, None)]
    with pytest.raises(ValueError, match="by must be one of"):
        groups_of(row, "org")


def test_totals_tolerate_odd_values() -> None:
    totals = DayTotals("model")
    totals.add(
        {"startTime": "2025-03-01T00:00:00", "model": "m", "spend": "bad", "total_tokens": None}
    )
    totals.add({"model": "m", "spend": 1})  # no start time: counted on no day
    assert [(r["day"], r["spend"], r["requests"]) for r in totals.rows()] == [
        ("", 1.0, 1),
        ("2025-03-01", 0.0, 1),
    ]


def test_chart_series_keeps_the_top_groups_and_sums_the_rest() -> None:
    totals = DayTotals("key")
    days = ["2025-03-01", "2025-03-02"]
    for day, key, alias, spend in [
        ("2025-03-01", "h1", "same", 5.0),
        ("2025-03-02", "h1", None, 1.0),
        ("2025-03-01", "h2", "same", 4.0),
        ("2025-03-02", "h3", None, 3.0),
        ("2025-03-02", "other", None, 0.5),
        ("2025-03-02", None, None, 0.25),
        ("2025-02-28", "h4", None, 9.0),  # outside the days drawn
    ]:
        totals.merge({"day": day, "group": key, "label": alias, "spend": spend, "requests": 1})
    series = chart_series(totals, days, top=4)
    assert series == {
        "h4": [0.0, 0.0],
        "same": [5.0, 1.0],
        "same (h2)": [4.0, 0.0],
        "h3": [0.0, 3.0],
        "other": [0.0, 0.75],
    }
    everything = chart_series(totals, days, top=10)
    assert "other (other)" in everything and "(none)" in everything and "other" not in everything
