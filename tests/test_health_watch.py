"""``client.health.watch`` (changes between polls of ``GET /health``, on a fake clock) and the
``aio-litellm health`` subcommand."""

from __future__ import annotations

import argparse
import io
from typing import Any

import pytest

from aio_litellm import AuthenticationError, ClientClosedError, LiteLLMClient
from aio_litellm._health_cli import add_parser, run
from aio_litellm.types.health import HealthChange

from .conftest import API_KEY, FakeProxy, FakeSleep, reply


def answer(healthy: list[dict[str, Any]], unhealthy: list[dict[str, Any]] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    return {
        "healthy_endpoints": healthy,
        "unhealthy_endpoints": list(unhealthy),
        "healthy_count": len(healthy),
        "unhealthy_count": len(unhealthy),
    }


A = {"model": "fake-gpt", "model_id": "a"}
B = {"model": "fake-emb", "api_base": "http://up"}  # no id: keyed by model and api_base
B_DOWN = {**B, "error": "Connection refused"}
C = {"model": "fake-new", "model_id": "c"}


class Clock:
    """Time that moves when the fake sleep waits, and by ``tick`` for each request answered."""

    def __init__(self, sleep: FakeSleep, proxy: FakeProxy, tick: float) -> None:
        self.sleep = sleep
        self.proxy = proxy
        self.tick = tick

    def __call__(self) -> float:
        return 1000.0 + sum(self.sleep.waits) + self.tick * len(self.proxy.seen)


@pytest.fixture
async def watcher(proxy: FakeProxy, sleep: FakeSleep) -> Any:
    clock = Clock(sleep, proxy, tick=2.0)
    async with LiteLLMClient(
        base_url=proxy.url, api_key=API_KEY, sleep=sleep, clock=clock, max_retries=0
    ) as c:
        yield c


def kinds(changes: list[HealthChange]) -> list[tuple[str, str | None, bool | None]]:
    return [(c.kind, c.deployment, c.healthy) for c in changes]


async def test_watch_reports_initial_state_then_changes(
    proxy: FakeProxy, sleep: FakeSleep, watcher: LiteLLMClient
) -> None:
    proxy.on(
        "GET",
        "/health",
        reply(body=answer([A, B])),
        reply(body=answer([A], [B_DOWN])),
        reply(body=answer([A], [B_DOWN])),
        reply(body=answer([A, B, C])),
        reply(body=answer([B])),
    )
    changes = [c async for c in watcher.health.watch(every=30, max_polls=5)]
    assert kinds(changes) == [
        ("initial", "a", True),
        ("initial", "fake-emb@http://up", True),
        ("unhealthy", "fake-emb@http://up", False),
        ("healthy", "fake-emb@http://up", True),
        ("added", "c", True),
        ("removed", "a", None),
        ("removed", "c", None),
    ]
    assert [c.poll for c in changes] == [1, 1, 2, 4, 4, 5, 5]
    assert changes[2].message == "Connection refused" and changes[2].model == "fake-emb"
    assert changes[0].message is None
    # A fixed cadence: each wait is `every` less the poll's own time; no wait after the last.
    assert sleep.waits == [28.0] * 4
    assert len(proxy.calls("GET", "/health")) == 5
    assert [c.at for c in changes[:3]] == [1000.0, 1000.0, 1030.0]


async def test_a_failed_poll_is_reported_and_the_watch_goes_on(
    proxy: FakeProxy, watcher: LiteLLMClient
) -> None:
    proxy.on(
        "GET",
        "/health",
        reply(500, {"error": {"message": "db down"}}),
        reply(body=answer([A])),
        reply(401, {"error": {"message": "bad key"}}),
        reply(body=answer([], [A])),
    )
    changes = [c async for c in watcher.health.watch(every=5, max_polls=4)]
    assert kinds(changes) == [
        ("poll_failed", None, None),
        ("initial", "a", True),
        ("poll_failed", None, None),
        ("unhealthy", "a", False),
    ]
    assert "db down" in (changes[0].message or "")
    assert isinstance(changes[2].error, AuthenticationError)


async def test_raise_errors_ends_the_watch(proxy: FakeProxy, watcher: LiteLLMClient) -> None:
    proxy.on(
        "GET", "/health", reply(body=answer([A])), reply(401, {"error": {"message": "bad key"}})
    )
    seen: list[HealthChange] = []
    with pytest.raises(AuthenticationError):
        async for change in watcher.health.watch(every=1, raise_errors=True):
            seen.append(change)
    assert kinds(seen) == [("initial", "a", True)]


async def test_a_single_model_503_is_a_state(proxy: FakeProxy, watcher: LiteLLMClient) -> None:
    # /health?model=... answers 503 when none of the model's deployments is healthy.
    proxy.on(
        "GET",
        "/health",
        reply(body=answer([A])),
        reply(503, answer([], [A])),
        reply(503, {"error": "x"}),
    )
    changes = [c async for c in watcher.health.watch(every=1, model="fake-gpt", max_polls=3)]
    assert kinds(changes) == [
        ("initial", "a", True),
        ("unhealthy", "a", False),
        ("poll_failed", None, None),
    ]
    assert proxy.calls()[0].query == {"model": "fake-gpt"}


async def test_a_closed_client_ends_the_watch(proxy: FakeProxy, watcher: LiteLLMClient) -> None:
    proxy.on("GET", "/health", reply(body=answer([A])))
    changes = watcher.health.watch(every=1)
    assert (await anext(changes)).kind == "initial"
    await watcher.aclose()
    with pytest.raises(ClientClosedError):
        await anext(changes)


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({"every": 0}, "every"),
        ({"every": -1}, "every"),
        ({"every": True}, "every"),
        ({"every": "30"}, "every"),
        ({"every": 1, "max_polls": 0}, "max_polls"),
        ({"every": 1, "max_polls": 1.5}, "max_polls"),
        ({"every": 1, "max_polls": True}, "max_polls"),
    ],
)
async def test_bad_options_refused_before_io(
    options: dict[str, Any], match: str, proxy: FakeProxy, client: LiteLLMClient
) -> None:
    with pytest.raises(ValueError, match=match):
        client.health.watch(**options)
    assert proxy.seen == []


# -- the CLI subcommand ------------------------------------------------------------------------


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="aio-litellm")
    add_parser(parser.add_subparsers(dest="command"))
    return parser.parse_args(["health", *argv])


async def test_cli_prints_a_table(
    proxy: FakeProxy, client: LiteLLMClient, capsys: pytest.CaptureFixture[str]
) -> None:
    proxy.on(
        "GET",
        "/health",
        reply(body=answer([{**A, "response_time_ms": 41.6}], [{**B_DOWN, "error": "x" * 200}])),
    )
    assert await run(parse(), client) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["DEPLOYMENT", "MODEL", "STATUS", "LATENCY", "ERROR"]
    assert lines[1].split() == ["a", "fake-gpt", "healthy", "42", "ms"]
    assert lines[2].split()[:4] == ["fake-emb@http://up", "fake-emb", "unhealthy", "-"]
    assert lines[2].endswith("x" * 79 + "…")
    assert lines[3].startswith("1 healthy, 1 unhealthy (checked in ")


async def test_cli_all_healthy_exits_0(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/health", reply(body=answer([A])))
    out = io.StringIO()
    assert await run(parse("--model-id", "a"), client, out) == 0
    assert proxy.calls()[-1].query == {"model_id": "a"}
    assert "1 healthy, 0 unhealthy" in out.getvalue()


async def test_cli_one_model_down_is_a_table_not_an_error(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("GET", "/health", reply(503, answer([], [B_DOWN])))
    out = io.StringIO()
    assert await run(parse("--model", "fake-emb"), client, out) == 1
    assert "unhealthy  -        Connection refused" in out.getvalue()


async def test_cli_watch_prints_changes(
    proxy: FakeProxy, sleep: FakeSleep, client: LiteLLMClient
) -> None:
    proxy.on(
        "GET",
        "/health",
        reply(body=answer([A, B])),
        reply(401, {"error": {"message": "bad\nkey"}}),
        reply(body=answer([A], [B_DOWN])),
        reply(body=answer([B])),
    )
    out = io.StringIO()
    assert await run(parse("--watch", "--every", "7", "--max-polls", "4"), client, out) == 0
    rows = [line.split("\t")[1:] for line in out.getvalue().splitlines()]
    assert rows[0] == ["CHANGE", "DEPLOYMENT", "MODEL", "STATUS", "LATENCY", "ERROR"]
    assert [r[:4] for r in rows[1:]] == [
        ["initial", "a", "fake-gpt", "healthy"],
        ["initial", "fake-emb@http://up", "fake-emb", "healthy"],
        ["poll_failed", "-", "-", "check failed"],
        ["unhealthy", "fake-emb@http://up", "fake-emb", "unhealthy"],
        ["healthy", "fake-emb@http://up", "fake-emb", "healthy"],
        ["removed", "a", "fake-gpt", "gone"],
    ]
    assert "bad key" in rows[3][5]
    assert len(sleep.waits) == 3 and all(0 < w <= 7 for w in sleep.waits)


async def test_cli_watch_exit_status_is_the_last_state(
    proxy: FakeProxy, client: LiteLLMClient
) -> None:
    proxy.on("GET", "/health", reply(body=answer([A], [B_DOWN])))
    assert await run(parse("--watch", "--max-polls", "1"), client, io.StringIO()) == 1
    # Two down, one back: still unhealthy.
    proxy.on(
        "GET", "/health", reply(body=answer([], [A, B_DOWN])), reply(body=answer([A], [B_DOWN]))
    )
    assert await run(parse("--watch", "--max-polls", "2"), client, io.StringIO()) == 1
    # Down, then removed: nothing unhealthy is left.
    proxy.on("GET", "/health", reply(body=answer([A], [B_DOWN])), reply(body=answer([A])))
    assert await run(parse("--watch", "--max-polls", "2"), client, io.StringIO()) == 0


@pytest.mark.parametrize("argv", [["--every", "0"], ["--every", "-2"], ["--max-polls", "0"]])
def test_cli_bad_options(argv: list[str]) -> None:
    with pytest.raises(SystemExit):
        parse(*argv)


async def test_the_command_line_dispatches_health(
    proxy: FakeProxy, capsys: pytest.CaptureFixture[str]
) -> None:
    from aio_litellm import cli

    proxy.on("GET", "/health", reply(body=answer([A])))
    args = cli.build_parser().parse_args(
        ["--base-url", proxy.url, "--api-key", "sk-cli", "health", "--model", "fake-gpt"]
    )
    assert await cli.run(args) == 0
    assert proxy.calls("GET", "/health")[0].query == {"model": "fake-gpt"}
    assert capsys.readouterr().out.splitlines()[1].split()[:3] == ["a", "fake-gpt", "healthy"]
