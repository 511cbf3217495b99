"""``client.health.watch``: poll ``GET /health`` and yield what changed, deployment by
deployment."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from ._exceptions import APIStatusError, ClientClosedError, LiteLLMError
from .types.health import HealthChange, HealthChangeKind, HealthCheckResponse

__all__ = ["deployment_key", "deployment_states", "read_check", "watch"]

State = dict[str, tuple[bool, dict[str, Any]]]


def deployment_key(endpoint: dict[str, Any]) -> str:
    """A deployment's identity in a ``/health`` answer: its ``model_id``, else its model and
    ``api_base`` (config deployments without an id)."""
    model_id = endpoint.get("model_id")
    if model_id:
        return str(model_id)
    model = str(endpoint.get("model") or "?")
    base = endpoint.get("api_base")
    return f"{model}@{base}" if base else model


def deployment_states(result: HealthCheckResponse) -> State:
    """Each deployment of an answer: whether it is healthy, and its entry."""
    states: State = {}
    for healthy, endpoints in (
        (True, result.healthy_endpoints),
        (False, result.unhealthy_endpoints),
    ):
        for endpoint in endpoints:
            states[deployment_key(endpoint)] = (healthy, endpoint)
    return states


def watch(
    check: Callable[[], Awaitable[HealthCheckResponse]],
    *,
    every: float,
    max_polls: int | None,
    raise_errors: bool,
    sleep: Callable[[float], Awaitable[None]],
    clock: Callable[[], float],
) -> AsyncIterator[HealthChange]:
    """The changes between consecutive answers of ``check``, polled every ``every`` seconds
    (measured from the start of each poll). Arguments are checked here, before any I/O."""
    if isinstance(every, bool) or not isinstance(every, (int, float)) or not every > 0:
        raise ValueError(f"every must be a positive number of seconds, not {every!r}")
    if max_polls is not None and (
        isinstance(max_polls, bool) or not isinstance(max_polls, int) or max_polls < 1
    ):
        raise ValueError(f"max_polls must be a positive int or None, not {max_polls!r}")
    return _watch(check, float(every), max_polls, raise_errors, sleep, clock)


async def _watch(
    check: Callable[[], Awaitable[HealthCheckResponse]],
    every: float,
    max_polls: int | None,
    raise_errors: bool,
    sleep: Callable[[float], Awaitable[None]],
    clock: Callable[[], float],
) -> AsyncIterator[HealthChange]:
    known: State | None = None  # None until a poll succeeds
    poll = 0
    while True:
        poll += 1
        started = clock()
        try:
            result = await read_check(check)
        except ClientClosedError:
            raise
        except LiteLLMError as exc:
            if raise_errors:
                raise
            yield HealthChange("poll_failed", started, poll, error=exc)
        else:
            current = deployment_states(result)
            for change in _diff(known, current, started, poll):
                yield change
            known = current
        if poll == max_polls:
            return  # no wait after the last poll
        await sleep(max(0.0, every - (clock() - started)))


async def read_check(check: Callable[[], Awaitable[HealthCheckResponse]]) -> HealthCheckResponse:
    """The answer of ``check`` (a ``GET /health``), a 503 that carries one included."""
    try:
        return await check()
    except APIStatusError as exc:
        # A check of one model answers 503 when none of its deployments is healthy, with the
        # usual body: that is a state to report, not a failed poll.
        if (
            exc.status_code == 503
            and isinstance(exc.body, dict)
            and "unhealthy_endpoints" in exc.body
        ):
            return HealthCheckResponse.model_validate(exc.body)
        raise


def _diff(known: State | None, current: State, at: float, poll: int) -> list[HealthChange]:
    if known is None:
        return [
            HealthChange("initial", at, poll, key, _model(ep), healthy, ep)
            for key, (healthy, ep) in current.items()
        ]
    changes: list[HealthChange] = []
    for key, (healthy, ep) in current.items():
        before = known.get(key)
        if before is None:
            changes.append(HealthChange("added", at, poll, key, _model(ep), healthy, ep))
        elif before[0] != healthy:
            kind: HealthChangeKind = "healthy" if healthy else "unhealthy"
            changes.append(HealthChange(kind, at, poll, key, _model(ep), healthy, ep))
    for key, (_, ep) in known.items():
        if key not in current:
            changes.append(HealthChange("removed", at, poll, key, _model(ep), None, ep))
    return changes


def _model(endpoint: dict[str, Any]) -> str | None:
    model = endpoint.get("model")
    return str(model) if model is not None else None
