"""Results of ``client.workflows`` (durable workflow runs, their events and messages)."""

from __future__ import annotations

from typing import Annotated, Any

from .._models import FromJsonText, Response
from .params.workflows import (
    V1WorkflowsRunsEventsPostParams,
    V1WorkflowsRunsEventsQuery,
    V1WorkflowsRunsMessagesPostParams,
    V1WorkflowsRunsMessagesQuery,
    V1WorkflowsRunsPatchParams,
    V1WorkflowsRunsPostParams,
    V1WorkflowsRunsQuery,
)

__all__ = [
    "WorkflowEvent",
    "WorkflowEventCreateParams",
    "WorkflowEventList",
    "WorkflowEventListParams",
    "WorkflowMessage",
    "WorkflowMessageCreateParams",
    "WorkflowMessageList",
    "WorkflowMessageListParams",
    "WorkflowRun",
    "WorkflowRunCreateParams",
    "WorkflowRunList",
    "WorkflowRunListParams",
    "WorkflowRunUpdateParams",
]

WorkflowRunCreateParams = V1WorkflowsRunsPostParams
WorkflowRunListParams = V1WorkflowsRunsQuery
WorkflowRunUpdateParams = V1WorkflowsRunsPatchParams
WorkflowEventCreateParams = V1WorkflowsRunsEventsPostParams
WorkflowEventListParams = V1WorkflowsRunsEventsQuery
WorkflowMessageCreateParams = V1WorkflowsRunsMessagesPostParams
WorkflowMessageListParams = V1WorkflowsRunsMessagesQuery


class WorkflowEvent(Response):
    """One entry of a run's event log, numbered from 0 by ``sequence_number``."""

    event_id: str | None = None
    run_id: str | None = None
    event_type: str | None = None
    step_name: str | None = None
    sequence_number: int | None = None
    data: Annotated[Any, FromJsonText] = None
    """The event's data (the proxy answers an appended event's as the JSON text it stored)."""
    created_at: str | None = None


class WorkflowMessage(Response):
    """One conversation message of a run, numbered from 0 by ``sequence_number``."""

    message_id: str | None = None
    run_id: str | None = None
    role: str | None = None
    content: str | None = None
    sequence_number: int | None = None
    session_id: str | None = None
    created_at: str | None = None


class WorkflowRun(Response):
    """A workflow run. ``events`` holds the latest event on ``retrieve`` (``None`` elsewhere)."""

    run_id: str | None = None
    session_id: str | None = None
    workflow_type: str | None = None
    status: str | None = None
    created_by: str | None = None
    """The hashed key that created the run (``None``: the master key)."""
    created_at: str | None = None
    updated_at: str | None = None
    input: Any = None
    output: Any = None
    metadata: Any = None
    events: list[WorkflowEvent] | None = None


class WorkflowRunList(Response):
    """Runs, newest first, up to ``limit``: ``count`` is the number answered."""

    runs: list[WorkflowRun] = []
    count: int | None = None


class WorkflowEventList(Response):
    events: list[WorkflowEvent] = []
    count: int | None = None


class WorkflowMessageList(Response):
    messages: list[WorkflowMessage] = []
    count: int | None = None
