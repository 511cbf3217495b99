"""``client.workflows``: durable workflow runs, their event logs and conversations
(``/v1/workflows/runs``)."""

from __future__ import annotations

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._resource import Resource, group, require
from ..types.workflows import (
    WorkflowEvent,
    WorkflowEventCreateParams,
    WorkflowEventList,
    WorkflowEventListParams,
    WorkflowMessage,
    WorkflowMessageCreateParams,
    WorkflowMessageList,
    WorkflowMessageListParams,
    WorkflowRun,
    WorkflowRunCreateParams,
    WorkflowRunList,
    WorkflowRunListParams,
    WorkflowRunUpdateParams,
)

__all__ = ["WorkflowEvents", "WorkflowMessages", "WorkflowRuns", "Workflows"]

_RUNS = "/v1/workflows/runs"
_RUN = "/v1/workflows/runs/{run_id}"

# Creating a run and appending to its logs are not retry-safe: each send adds a row.
RUN_CREATE = Endpoint("POST", _RUNS, WorkflowRun, "workflows.runs.create", retry_safe=False)
RUN_LIST = Endpoint("GET", _RUNS, WorkflowRunList, "workflows.runs.list")
RUN_RETRIEVE = Endpoint("GET", _RUN, WorkflowRun, "workflows.runs.retrieve")
RUN_UPDATE = Endpoint("PATCH", _RUN, WorkflowRun, "workflows.runs.update")
EVENT_CREATE = Endpoint(
    "POST", _RUN + "/events", WorkflowEvent, "workflows.runs.events.create", retry_safe=False
)
EVENT_LIST = Endpoint("GET", _RUN + "/events", WorkflowEventList, "workflows.runs.events.list")
MESSAGE_CREATE = Endpoint(
    "POST", _RUN + "/messages", WorkflowMessage, "workflows.runs.messages.create", retry_safe=False
)
MESSAGE_LIST = Endpoint(
    "GET", _RUN + "/messages", WorkflowMessageList, "workflows.runs.messages.list"
)


class WorkflowEvents(Resource):
    """A run's event log (``/v1/workflows/runs/{run_id}/events``)."""

    __slots__ = ()

    async def create(
        self, run_id: str, **params: Unpack[WorkflowEventCreateParams]
    ) -> WorkflowEvent:
        """Append an event. ``POST /v1/workflows/runs/{run_id}/events``.

        Event types ``step.started``/``hook.received`` set the run ``running``,
        ``step.failed`` ``failed``, ``hook.waiting`` ``paused``.
        """
        require("workflows.runs.events.create", params, "event_type", "step_name")
        return await self._client._call(EVENT_CREATE, path={"run_id": run_id}, json=params)

    async def list(
        self, run_id: str, **params: Unpack[WorkflowEventListParams]
    ) -> WorkflowEventList:
        """The first ``limit`` events (default 100, at most 500) in order; the route does not
        page. ``GET /v1/workflows/runs/{run_id}/events``."""
        return await self._client._call(EVENT_LIST, path={"run_id": run_id}, query=params)


class WorkflowMessages(Resource):
    """A run's conversation (``/v1/workflows/runs/{run_id}/messages``)."""

    __slots__ = ()

    async def create(
        self, run_id: str, **params: Unpack[WorkflowMessageCreateParams]
    ) -> WorkflowMessage:
        """Append a message (stored whole). ``POST /v1/workflows/runs/{run_id}/messages``."""
        require("workflows.runs.messages.create", params, "role")
        if not isinstance(params.get("content"), str):
            raise TypeError("workflows.runs.messages.create() needs content, a str")
        return await self._client._call(MESSAGE_CREATE, path={"run_id": run_id}, json=params)

    async def list(
        self, run_id: str, **params: Unpack[WorkflowMessageListParams]
    ) -> WorkflowMessageList:
        """The first ``limit`` messages (default 100, at most 500) in order; the route does not
        page. ``GET /v1/workflows/runs/{run_id}/messages``."""
        return await self._client._call(MESSAGE_LIST, path={"run_id": run_id}, query=params)


class WorkflowRuns(Resource):
    """Workflow runs (``/v1/workflows/runs``). Keys other than proxy admins see only the runs
    they created."""

    __slots__ = ("__dict__",)

    events: group[WorkflowEvents] = group("workflows:WorkflowEvents")
    messages: group[WorkflowMessages] = group("workflows:WorkflowMessages")

    async def create(self, **params: Unpack[WorkflowRunCreateParams]) -> WorkflowRun:
        """Start a run (status ``pending``); answers its ``run_id`` and ``session_id``.
        ``POST /v1/workflows/runs``."""
        require("workflows.runs.create", params, "workflow_type")
        return await self._client._call(RUN_CREATE, json=params)

    async def list(self, **params: Unpack[WorkflowRunListParams]) -> WorkflowRunList:
        """The newest ``limit`` runs (default 50, at most 250); the route does not page.
        ``status`` may list several, comma-separated. ``GET /v1/workflows/runs``."""
        return await self._client._call(RUN_LIST, query=params)

    async def retrieve(self, run_id: str) -> WorkflowRun:
        """A run with its latest event (in ``events``). ``GET /v1/workflows/runs/{run_id}``."""
        return await self._client._call(RUN_RETRIEVE, path={"run_id": run_id})

    async def update(self, run_id: str, **params: Unpack[WorkflowRunUpdateParams]) -> WorkflowRun:
        """Set a run's ``status``, ``output`` or ``metadata`` (at least one).
        ``PATCH /v1/workflows/runs/{run_id}``."""
        if not any(params.get(name) is not None for name in ("status", "output", "metadata")):
            raise TypeError("workflows.runs.update() needs status, output or metadata")
        return await self._client._call(RUN_UPDATE, path={"run_id": run_id}, json=params)


class Workflows(Resource):
    """Durable workflow state (``/v1/workflows``): ``client.workflows.runs``."""

    __slots__ = ("__dict__",)

    runs: group[WorkflowRuns] = group("workflows:WorkflowRuns")
