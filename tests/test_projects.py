"""``client.projects``: what each method sends and returns, bare-array answers, input refused
before I/O, and the hand-written parameter type against the generated one."""

from __future__ import annotations

import typing
from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import APIResponseValidationError, LiteLLMClient, PermissionDeniedError
from aio_litellm.types import projects as types
from aio_litellm.types.params import projects as generated

from .conftest import FakeProxy, reply

ROUTE_ARGS: dict[str, dict[str, Any]] = {
    "projects.create": {"team_id": "t1"},
    "projects.delete": {"project_ids": ["p1"]},
}


def project(project_id: str = "p1", **extra: Any) -> dict[str, Any]:
    return {
        "project_id": project_id,
        "project_alias": f"alias-{project_id}",
        "team_id": "t1",
        "models": [],
        "spend": 0.0,
        "blocked": False,
        "litellm_budget_table": {"budget_id": "b1", "max_budget": 5.0},
        "created_at": "2026-01-01T00:00:00Z",
        **extra,
    }


async def echo(request: web.Request) -> web.StreamResponse:
    sent = orjson.loads(await request.read())
    return web.json_response(project(**sent))


async def test_lifecycle(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("POST", "/project/new", echo)
    proxy.on("GET", "/project/info", reply(200, project()))
    proxy.on("GET", "/project/list", reply(200, [project("p1"), project("p2", blocked=True)]))
    proxy.on("POST", "/project/update", echo)
    proxy.on("DELETE", "/project/delete", reply(200, [project("p1"), project("p2")]))
    projects = client.projects

    created = await projects.create(team_id="t1", project_id="p1", max_budget=5.0)
    assert isinstance(created, types.Project) and created.project_id == "p1"
    assert created.raw_response is not None
    assert proxy.calls()[-1].json() == {"team_id": "t1", "project_id": "p1", "max_budget": 5.0}

    info = await projects.info("p1")
    assert info.litellm_budget_table == {"budget_id": "b1", "max_budget": 5.0}
    assert proxy.calls()[-1].query == {"project_id": "p1"}

    listed = await projects.list()
    assert [(p.project_id, p.blocked) for p in listed] == [("p1", False), ("p2", True)]
    assert all(isinstance(p, types.Project) for p in listed)

    updated = await projects.update("p1", project_alias="renamed", models=["fake-gpt"])
    assert (updated.project_alias, updated.models) == ("renamed", ["fake-gpt"])
    assert proxy.calls()[-1].json() == {
        "project_alias": "renamed",
        "models": ["fake-gpt"],
        "project_id": "p1",
    }

    deleted = await projects.delete(["p1", "p2"])
    assert [p.project_id for p in deleted] == ["p1", "p2"]
    seen = proxy.calls()[-1]
    assert seen.method == "DELETE" and seen.json() == {"project_ids": ["p1", "p2"]}


async def test_answers_that_do_not_fit(proxy: FakeProxy, client: LiteLLMClient) -> None:
    proxy.on("GET", "/project/list", reply(200, [{"project_alias": "no id"}]))
    with pytest.raises(APIResponseValidationError, match="project_id"):
        await client.projects.list()


async def test_the_licence_refusal_is_typed(proxy: FakeProxy, client: LiteLLMClient) -> None:
    refusal = {"error": {"message": "Project management is an enterprise feature", "code": "403"}}
    proxy.on("POST", "/project/new", reply(403, refusal))
    with pytest.raises(PermissionDeniedError, match="enterprise feature"):
        await client.projects.create(team_id="t1")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda p: p.create(project_alias="x"), "team_id"),
        (lambda p: p.delete("p1"), "non-empty list of project ids"),
        (lambda p: p.delete([]), "non-empty list of project ids"),
    ],
)
async def test_bad_input_is_refused_before_io(
    call: Any, message: str, proxy: FakeProxy, client: LiteLLMClient
) -> None:
    with pytest.raises(TypeError, match=message):
        await call(client.projects)
    assert proxy.seen == []


def test_the_hand_written_body_follows_the_generated_one() -> None:
    generated_fields = typing.get_type_hints(generated.ProjectUpdateParams)
    del generated_fields["project_id"]
    assert typing.get_type_hints(types.ProjectFields) == generated_fields
    assert types.ProjectCreateParams is generated.ProjectNewParams
