"""client.pass_through.langfuse's typed methods: the Basic credential the proxy reads, the
wire route below /langfuse/api/public/, bodies (ingestion events), typed results, pagers, bad
input refused before I/O."""

from __future__ import annotations

import base64
import csv
from pathlib import Path
from typing import Any

import pytest

from aio_litellm import LiteLLMClient
from aio_litellm._endpoint import REGISTRY
from aio_litellm.resources.pass_through.langfuse import (
    DEFAULT_PUBLIC_KEY,
    Langfuse,
    LangfuseTraces,
    part,
)
from aio_litellm.types.pass_through.langfuse import (
    Dataset,
    IngestionResponse,
    LangfusePage,
    Observation,
    Prompt,
    PromptMeta,
    Score,
    ScoreCreateResponse,
    Trace,
)

from .conftest import API_KEY, FakeProxy, reply

PUBLIC = "/langfuse/api/public"


def _basic(user: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{API_KEY}".encode()).decode()


def _page(items: list[dict[str, Any]], page: int, total_pages: int) -> dict[str, Any]:
    meta = {"page": page, "limit": 2, "totalItems": 3, "totalPages": total_pages}
    return {"data": items, "meta": meta}


async def test_auth_is_basic_with_the_proxy_key(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("GET", f"{PUBLIC}/traces/t1", reply(body={"id": "t1"}))
    await client.pass_through.langfuse.traces.get("t1")
    await client.pass_through.langfuse.with_public_key("pk-lf-123").traces.get("t1")
    first, second = proxy.calls()
    assert first.headers["Authorization"] == _basic(DEFAULT_PUBLIC_KEY)
    assert second.headers["Authorization"] == _basic("pk-lf-123")
    # The raw verbs send the same credential: the route reads no Bearer token.
    proxy.on("GET", f"{PUBLIC}/health", reply(body={"status": "OK"}))
    assert await client.pass_through.langfuse.get("api/public/health") == {"status": "OK"}
    assert proxy.calls()[-1].headers["Authorization"] == _basic(DEFAULT_PUBLIC_KEY)
    assert API_KEY not in repr(client.pass_through.langfuse.with_public_key("pk"))


async def test_no_key_sends_no_basic_credential(proxy: FakeProxy) -> None:
    proxy.on("GET", f"{PUBLIC}/traces/t1", reply(body={"id": "t1"}))
    async with LiteLLMClient(base_url=proxy.url, api_key="") as anonymous:
        await anonymous.pass_through.langfuse.traces.get("t1")
    assert "Authorization" not in proxy.calls()[0].headers


@pytest.mark.parametrize("bad", ["", "a:b", None])
def test_with_public_key_refuses_bad_keys(client: LiteLLMClient, bad: Any) -> None:
    with pytest.raises(ValueError, match="public_key"):
        client.pass_through.langfuse.with_public_key(bad)


def test_part_belongs_to_a_langfuse(client: LiteLLMClient) -> None:
    assert isinstance(Langfuse.traces, part)  # on the class: the declaration, for tools
    langfuse = client.pass_through.langfuse
    assert langfuse.traces is langfuse.traces  # built once per provider
    with pytest.raises(TypeError, match="belongs to a Langfuse"):
        LangfuseTraces(client.pass_through.azure)  # type: ignore[arg-type]


async def test_traces_create_is_an_ingestion_event(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on(
        "POST",
        f"{PUBLIC}/ingestion",
        reply(207, {"successes": [{"id": "e1", "status": 201}], "errors": []}),
    )
    got = await client.pass_through.langfuse.traces.create(
        id="t1", name="run", userId="u", tags=["a"]
    )
    assert isinstance(got, IngestionResponse)
    assert got.successes[0].status == 201 and got.errors == []
    (event,) = proxy.calls()[0].json()["batch"]
    assert event["type"] == "trace-create"
    assert event["body"] == {"id": "t1", "name": "run", "userId": "u", "tags": ["a"]}
    assert event["id"] and event["timestamp"].endswith("Z")


async def test_ingestion_is_retried(client: LiteLLMClient, proxy: FakeProxy) -> None:
    ok = reply(207, {"successes": [], "errors": [{"id": "e", "status": 400, "message": "bad"}]})
    proxy.on("POST", f"{PUBLIC}/ingestion", reply(500, {"error": "broken"}), ok)
    got = await client.pass_through.langfuse.traces.create(name="x")
    assert got.errors[0].message == "bad"
    first, second = proxy.calls()
    # The same event is sent again: Langfuse deduplicates by its id.
    assert first.json() == second.json()
    assert first.json()["batch"][0]["body"]["id"]  # an id is made when none is given


async def test_traces_list_walks_pages(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on(
        "GET",
        f"{PUBLIC}/traces",
        reply(body=_page([{"id": "a"}, {"id": "b"}], 1, 2)),
        reply(body=_page([{"id": "c", "name": "n", "tags": ["x"]}], 2, 2)),
    )
    traces = [t async for t in client.pass_through.langfuse.traces.list(limit=2, userId="u")]
    assert [t.id for t in traces] == ["a", "b", "c"]
    assert isinstance(traces[2], Trace) and traces[2].tags == ["x"]
    assert [c.query for c in proxy.calls()] == [
        {"page": "1", "limit": "2", "userId": "u"},
        {"page": "2", "limit": "2", "userId": "u"},
    ]


async def test_traces_list_first_page(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("GET", f"{PUBLIC}/traces", reply(body=_page([{"id": "a"}], 1, 5)))
    first = await client.pass_through.langfuse.traces.list()
    assert isinstance(first, LangfusePage)
    assert first.meta.totalPages == 5 and first.data[0].id == "a"
    assert proxy.calls()[0].query == {"page": "1"}


async def test_trace_get_and_delete(client: LiteLLMClient, proxy: FakeProxy) -> None:
    trace = {"id": "t/1", "name": "run", "observations": [{"id": "o"}], "latency": 1.5}
    proxy.on("GET", f"{PUBLIC}/traces/t/1", reply(body=trace))
    proxy.on("DELETE", f"{PUBLIC}/traces/t/1", reply(body={"message": "deleted"}))
    got = await client.pass_through.langfuse.traces.get("t/1")
    assert isinstance(got, Trace) and got.latency == 1.5 and got.observations == [{"id": "o"}]
    assert await client.pass_through.langfuse.traces.delete("t/1") == {"message": "deleted"}
    assert "/traces/t%2F1" in proxy.calls()[0].raw_path


async def test_observations(client: LiteLLMClient, proxy: FakeProxy) -> None:
    obs = {"id": "o1", "traceId": "t1", "type": "SPAN", "name": "step"}
    proxy.on("GET", f"{PUBLIC}/observations", reply(body=_page([obs], 1, 1)))
    proxy.on("GET", f"{PUBLIC}/observations/o1", reply(body=obs))
    items = [o async for o in client.pass_through.langfuse.observations.list(traceId="t1")]
    assert [type(o) for o in items] == [Observation] and items[0].type == "SPAN"
    got = await client.pass_through.langfuse.observations.get("o1")
    assert got.traceId == "t1"
    assert proxy.calls()[0].query == {"page": "1", "traceId": "t1"}


async def test_spans_create_and_update(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", f"{PUBLIC}/ingestion", reply(207, {"successes": [], "errors": []}))
    await client.pass_through.langfuse.spans.create(traceId="t1", name="s", id="s1")
    await client.pass_through.langfuse.spans.update("s1", endTime="2026-01-01T00:00:00Z")
    create, update = (c.json()["batch"][0] for c in proxy.calls())
    assert create["type"] == "span-create"
    assert create["body"] == {"id": "s1", "traceId": "t1", "name": "s"}
    assert update["type"] == "span-update"
    assert update["body"] == {"id": "s1", "endTime": "2026-01-01T00:00:00Z"}


async def test_scores(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", f"{PUBLIC}/scores", reply(body={"id": "sc1"}))
    proxy.on("GET", f"{PUBLIC}/v2/scores", reply(body=_page([{"id": "sc1", "value": 1}], 1, 1)))
    proxy.on("GET", f"{PUBLIC}/v2/scores/sc1", reply(body={"id": "sc1", "name": "q"}))
    proxy.on("DELETE", f"{PUBLIC}/scores/sc1", reply(204, b""))
    langfuse = client.pass_through.langfuse
    created = await langfuse.scores.create(traceId="t1", name="q", value=0.9)
    assert isinstance(created, ScoreCreateResponse) and created.id == "sc1"
    assert proxy.calls()[0].json() == {"traceId": "t1", "name": "q", "value": 0.9}
    page = await langfuse.scores.list(name="q")
    assert isinstance(page.data[0], Score) and page.data[0].value == 1
    assert (await langfuse.scores.get("sc1")).name == "q"
    assert await langfuse.scores.delete("sc1") is None


async def test_datasets(client: LiteLLMClient, proxy: FakeProxy) -> None:
    ds = {"id": "d1", "name": "eval set", "description": "x"}
    proxy.on("POST", f"{PUBLIC}/v2/datasets", reply(body=ds))
    proxy.on("GET", f"{PUBLIC}/v2/datasets", reply(body=_page([ds], 1, 1)))
    proxy.on("GET", f"{PUBLIC}/v2/datasets/eval set", reply(body=ds))
    langfuse = client.pass_through.langfuse
    got = await langfuse.datasets.create("eval set", description="x")
    assert isinstance(got, Dataset) and got.id == "d1"
    assert proxy.calls()[0].json() == {"name": "eval set", "description": "x"}
    assert [d.name async for d in langfuse.datasets.list()] == ["eval set"]
    assert (await langfuse.datasets.get("eval set")).description == "x"


async def test_prompts(client: LiteLLMClient, proxy: FakeProxy) -> None:
    prompt = {"name": "greet", "version": 2, "type": "text", "prompt": "Hi {{name}}"}
    proxy.on("POST", f"{PUBLIC}/v2/prompts", reply(body=prompt))
    meta = {"name": "greet", "versions": [1, 2], "labels": ["production"]}
    proxy.on("GET", f"{PUBLIC}/v2/prompts", reply(body=_page([meta], 1, 1)))
    proxy.on("GET", f"{PUBLIC}/v2/prompts/greet", reply(body=prompt))
    langfuse = client.pass_through.langfuse
    got = await langfuse.prompts.create("greet", "Hi {{name}}", labels=["production"])
    assert isinstance(got, Prompt) and got.version == 2
    chat = [{"role": "system", "content": "x"}]
    await langfuse.prompts.create("greet", chat)
    first, second = (c.json() for c in proxy.calls())
    assert first == {
        "labels": ["production"],
        "name": "greet",
        "prompt": "Hi {{name}}",
        "type": "text",
    }
    assert second["type"] == "chat" and second["prompt"] == chat
    (listed,) = [p async for p in langfuse.prompts.list()]
    assert isinstance(listed, PromptMeta) and listed.versions == [1, 2]
    await langfuse.prompts.get("greet", label="staging")
    await langfuse.prompts.get("greet", version=1)
    assert [c.query for c in proxy.calls()[-2:]] == [{"label": "staging"}, {"version": "1"}]


@pytest.mark.parametrize(
    "call",
    [
        lambda lf: lf.traces.get(""),
        lambda lf: lf.traces.delete(None),
        lambda lf: lf.observations.get(""),
        lambda lf: lf.spans.create(name="no trace"),
        lambda lf: lf.spans.update(""),
        lambda lf: lf.scores.create(traceId="t", name="n"),
        lambda lf: lf.scores.get(""),
        lambda lf: lf.scores.delete(""),
        lambda lf: lf.datasets.create(""),
        lambda lf: lf.datasets.get(""),
        lambda lf: lf.prompts.create("p", None),
        lambda lf: lf.prompts.create("", "x"),
        lambda lf: lf.prompts.get("p", version=1, label="x"),
        lambda lf: lf.prompts.get(""),
    ],
)
async def test_bad_input_refused_before_io(
    client: LiteLLMClient, proxy: FakeProxy, call: Any
) -> None:
    with pytest.raises((TypeError, ValueError)):
        await call(client.pass_through.langfuse)
    assert proxy.calls() == []


def test_every_langfuse_row_is_declared() -> None:
    inventory = Path(__file__).parent / "data" / "litellm-endpoints.tsv"
    with inventory.open() as f:
        rows = {
            (r["method"], r["path"])
            for r in csv.DictReader(f, delimiter="\t")
            if r["group"] == "passThrough.langfuse"
        }
    assert len(rows) == 5
    declared = {
        (ep.method, ep.path) for ep in REGISTRY if ep.attr.startswith("pass_through.langfuse.")
    }
    assert rows == declared
    assert {(ep.method, ep.path) for ep in Langfuse.routes.values()} == rows
