"""client.pass_through.milvus's typed methods: the REST v2 route below /milvus/v2/vectordb/,
the body (always naming its collection), typed results, retry safety, bad input refused before
I/O."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from aio_litellm import InternalServerError, LiteLLMClient
from aio_litellm._endpoint import REGISTRY
from aio_litellm.resources.pass_through.milvus import Milvus
from aio_litellm.types.pass_through.milvus import (
    MilvusNamesResponse,
    MilvusResponse,
    MilvusRowsResponse,
)

from .conftest import FakeProxy, reply

V = "/milvus/v2/vectordb"


async def test_collections(client: LiteLLMClient, proxy: FakeProxy) -> None:
    cols = client.pass_through.milvus.collections
    proxy.on("POST", f"{V}/collections/create", reply(body={"code": 0, "data": {}}))
    proxy.on("POST", f"{V}/collections/list", reply(body={"code": 0, "data": ["docs", "b"]}))
    proxy.on("POST", f"{V}/collections/has", reply(body={"code": 0, "data": {"has": True}}))
    proxy.on("POST", f"{V}/collections/describe", reply(body={"code": 0, "data": {"x": 1}}))
    for action in ("get_stats", "load", "release", "drop"):
        proxy.on("POST", f"{V}/collections/{action}", reply(body={"code": 0, "data": {}}))
    created = await cols.create("docs", dimension=4, metricType="COSINE")
    assert isinstance(created, MilvusResponse) and created.ok
    listed = await cols.list("docs", db_name="default")
    assert isinstance(listed, MilvusNamesResponse) and listed.data == ["docs", "b"]
    assert await cols.has("docs") is True
    assert (await cols.describe("docs")).data == {"x": 1}
    await cols.stats("docs")
    await cols.load("docs")
    await cols.release("docs")
    await cols.drop("docs")
    bodies = [c.json() for c in proxy.calls()]
    assert bodies[0] == {"dimension": 4, "metricType": "COSINE", "collectionName": "docs"}
    assert bodies[1] == {"dbName": "default", "collectionName": "docs"}
    assert all(b["collectionName"] == "docs" for b in bodies)
    assert [c.path.rsplit("/", 1)[1] for c in proxy.calls()] == [
        "create",
        "list",
        "has",
        "describe",
        "get_stats",
        "load",
        "release",
        "drop",
    ]


async def test_has_false_and_failure_code(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", f"{V}/collections/has", reply(body={"code": 0, "data": {"has": False}}))
    proxy.on("POST", f"{V}/partitions/has", reply(body={"code": 100, "message": "no"}))
    proxy.on("POST", f"{V}/collections/drop", reply(body={"code": 100, "message": "missing"}))
    milvus = client.pass_through.milvus
    assert await milvus.collections.has("docs") is False
    assert await milvus.partitions.has("docs", "p") is False
    dropped = await milvus.collections.drop("docs")
    assert not dropped.ok and dropped.message == "missing"


async def test_entities(client: LiteLLMClient, proxy: FakeProxy) -> None:
    ents = client.pass_through.milvus.entities
    rows = [{"id": 1, "vector": [0.1, 0.2]}]
    hits = {"code": 0, "data": [{"id": 1, "distance": 0.9}], "topks": [1]}
    proxy.on("POST", f"{V}/entities/insert", reply(body={"code": 0, "data": {"insertCount": 1}}))
    proxy.on("POST", f"{V}/entities/upsert", reply(body={"code": 0, "data": {}}))
    proxy.on("POST", f"{V}/entities/delete", reply(body={"code": 0, "data": {}}))
    proxy.on("POST", f"{V}/entities/query", reply(body={"code": 0, "data": [{"id": 1}]}))
    proxy.on("POST", f"{V}/entities/search", reply(body=hits))
    proxy.on("POST", f"{V}/entities/get", reply(body={"code": 0, "data": [{"id": 1}]}))
    assert (await ents.insert("docs", data=rows)).data == {"insertCount": 1}
    await ents.upsert("docs", data=rows)
    await ents.delete("docs", filter="id in [1]")
    queried = await ents.query("docs", filter="id > 0", outputFields=["id"], limit=5)
    assert isinstance(queried, MilvusRowsResponse) and queried.data == [{"id": 1}]
    found = await ents.search("docs", data=[[0.1, 0.2]], annsField="vector", limit=1)
    assert found.data[0]["distance"] == 0.9 and found.topks == [1]
    await ents.get("docs", [1], output_fields=["id"])
    await ents.get("docs", ["a"], db_name="db")
    bodies = [c.json() for c in proxy.calls()]
    assert bodies[0] == {"data": rows, "collectionName": "docs"}
    assert bodies[2] == {"filter": "id in [1]", "collectionName": "docs"}
    assert bodies[4]["annsField"] == "vector" and bodies[4]["data"] == [[0.1, 0.2]]
    assert bodies[5] == {"id": [1], "outputFields": ["id"], "collectionName": "docs"}
    assert bodies[6] == {"id": ["a"], "dbName": "db", "collectionName": "docs"}


async def test_partitions_and_indexes(client: LiteLLMClient, proxy: FakeProxy) -> None:
    milvus = client.pass_through.milvus
    for action in ("create", "drop"):
        proxy.on("POST", f"{V}/partitions/{action}", reply(body={"code": 0, "data": {}}))
        proxy.on("POST", f"{V}/indexes/{action}", reply(body={"code": 0, "data": {}}))
    proxy.on("POST", f"{V}/partitions/list", reply(body={"code": 0, "data": ["_default"]}))
    proxy.on("POST", f"{V}/partitions/has", reply(body={"code": 0, "data": {"has": True}}))
    proxy.on("POST", f"{V}/indexes/list", reply(body={"code": 0, "data": ["vector"]}))
    proxy.on("POST", f"{V}/indexes/describe", reply(body={"code": 0, "data": [{"a": 1}]}))
    assert (await milvus.partitions.list("docs")).data == ["_default"]
    await milvus.partitions.create("docs", "p1", db_name="db")
    assert await milvus.partitions.has("docs", "p1") is True
    await milvus.partitions.drop("docs", "p1")
    params = [{"fieldName": "vector", "indexName": "vector", "metricType": "L2"}]
    await milvus.indexes.create("docs", indexParams=params)
    assert (await milvus.indexes.list("docs")).data == ["vector"]
    assert (await milvus.indexes.describe("docs", "vector")).data == [{"a": 1}]
    await milvus.indexes.drop("docs", "vector")
    bodies = [c.json() for c in proxy.calls()]
    assert bodies[1] == {"partitionName": "p1", "dbName": "db", "collectionName": "docs"}
    assert bodies[4] == {"indexParams": params, "collectionName": "docs"}
    assert bodies[7] == {"indexName": "vector", "collectionName": "docs"}


async def test_reads_are_retried_writes_are_not(client: LiteLLMClient, proxy: FakeProxy) -> None:
    broken = reply(500, {"error": "broken"})
    ok = reply(body={"code": 0, "data": []})
    proxy.on("POST", f"{V}/entities/query", broken, ok)
    proxy.on("POST", f"{V}/entities/insert", broken, ok)
    milvus = client.pass_through.milvus
    assert (await milvus.entities.query("docs", filter="id > 0")).ok
    with pytest.raises(InternalServerError):
        await milvus.entities.insert("docs", data=[{"id": 1}])
    assert len(proxy.calls("POST", f"{V}/entities/query")) == 2
    assert len(proxy.calls("POST", f"{V}/entities/insert")) == 1


@pytest.mark.parametrize(
    "call",
    [
        lambda m: m.collections.create(""),
        lambda m: m.collections.describe(None),
        lambda m: m.entities.insert("docs"),
        lambda m: m.entities.upsert("docs"),
        lambda m: m.entities.delete("docs"),
        lambda m: m.entities.search("docs"),
        lambda m: m.entities.get("docs", []),
        lambda m: m.entities.get("docs", "1"),
        lambda m: m.partitions.create("docs", ""),
        lambda m: m.indexes.create("docs"),
        lambda m: m.indexes.describe("docs", ""),
        lambda m: m.indexes.drop("docs", None),
    ],
)
async def test_bad_input_refused_before_io(
    client: LiteLLMClient, proxy: FakeProxy, call: Any
) -> None:
    with pytest.raises((TypeError, ValueError)):
        await call(client.pass_through.milvus)
    assert proxy.calls() == []


def test_every_milvus_row_is_declared() -> None:
    inventory = Path(__file__).parent / "data" / "litellm-endpoints.tsv"
    with inventory.open() as f:
        rows = {
            (r["method"], r["path"])
            for r in csv.DictReader(f, delimiter="\t")
            if r["group"] == "passThrough.milvus"
        }
    assert len(rows) == 5
    declared = {
        (ep.method, ep.path) for ep in REGISTRY if ep.attr.startswith("pass_through.milvus.")
    }
    assert rows == declared
    assert {(ep.method, ep.path) for ep in Milvus.routes.values()} == rows
