"""WebSocket sessions (``/realtime``, ``/realtime/translations``, ``/live/sessions``,
``/responses``) over the client's own aiohttp session.

One machinery for every WebSocket route: ``open_session(client, ENDPOINT, parse, query=...)``
checks the arguments before any I/O and returns a ``WebSocketConnect`` (``await`` it, or
``async with`` it) that opens a ``WebSocketSession``: typed events in (``async for``), typed
events or dicts out (``send``). A route brings its own event models through ``EventParser``.

An open session holds one of the client's concurrency slots, like a stream, until it is closed:
``async with``, ``await session.aclose()``, the server closing it, a failure, the task reading it
being cancelled, or ``client.aclose()`` (then its reader gets ``ClientClosedError``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Generator, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, cast, get_args, get_origin

import aiohttp
import pydantic
from multidict import CIMultiDict, CIMultiDictProxy
from typing_extensions import Self
from yarl import URL

from . import _jsonutil
from ._endpoint import Endpoint
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    ClientClosedError,
    PoolTimeoutError,
    make_status_error,
)
from ._logging import logger
from ._models import BaseModel
from ._response import APIResponse
from ._streaming import OpenBody
from ._transport import map_transport_error

if TYPE_CHECKING:
    from ._pipeline import Pipeline

__all__ = [
    "CLOSE_TIMEOUT",
    "EventParser",
    "UnknownEvent",
    "WebSocketConnect",
    "WebSocketSession",
    "close_error_status",
    "encode_event",
    "open_session",
]

E = TypeVar("E")
C = TypeVar("C")

CLOSE_TIMEOUT = 5.0
"""Seconds a closing session waits for the server's close frame before dropping the link."""

# 1000 normal, 1001 going away, 1005 "no status": the session ended without an error.
_NORMAL_CLOSE = frozenset({1000, 1001, 1005})
# Close codes read as the HTTP status of the same failure, so the usual error classes apply:
# LiteLLM closes with 1008 when the key or model is refused, 1013 when the upstream answers
# 429, 1011 for anything else that failed.
_CLOSE_STATUS = {
    1002: 400,
    1003: 400,
    1007: 400,
    1008: 403,
    1009: 413,
    1010: 400,
    1011: 500,
    1012: 503,
    1013: 429,
    1014: 502,
    1015: 502,
}
_NO_HEADERS: CIMultiDictProxy[str] = CIMultiDictProxy(CIMultiDict())
# Closes started where nothing can await them (client.aclose(), a cancelled reader, the
# garbage collector) run as tasks; held here so they are not collected half-way.
_CLOSING: set[asyncio.Task[Any]] = set()


def close_error_status(code: int) -> int:
    """The HTTP status a WebSocket close code stands for (4400-4599: ``code - 4000``)."""
    status = _CLOSE_STATUS.get(code)
    if status is not None:
        return status
    if 4400 <= code < 4600:
        return code - 4000
    return 500


class UnknownEvent(BaseModel):
    """An event of a type this client does not know (yet); every field is kept."""

    type: str


class EventParser(Generic[E]):
    """Decodes one JSON frame into the model its ``type`` names; an unknown type into
    ``fallback``. ``parser.types`` lists the known types."""

    __slots__ = ("_fallback", "_models")

    def __init__(
        self, models: Iterable[type[BaseModel]], fallback: type[BaseModel] = UnknownEvent
    ) -> None:
        self._models: dict[str, type[BaseModel]] = {}
        for model in models:
            tags = _type_tags(model)
            if not tags or any(tag in self._models for tag in tags):
                raise ValueError(f"{model.__name__} needs a 'type' literal of its own")
            self._models.update(dict.fromkeys(tags, model))
        self._fallback = fallback

    @property
    def types(self) -> frozenset[str]:
        return frozenset(self._models)

    def __call__(self, data: str | bytes) -> E:
        value = _jsonutil.loads(data)
        if not isinstance(value, dict) or not isinstance(value.get("type"), str):
            raise ValueError("an event must be a JSON object with a string 'type'")
        model = self._models.get(value["type"], self._fallback)
        return cast(E, model.model_validate(value))


def _type_tags(model: type[BaseModel]) -> tuple[str, ...]:
    """The ``type`` values a model stands for: its default, or its ``Literal[...]``."""
    field = model.model_fields.get("type")
    if field is None:
        return ()
    if isinstance(field.default, str):
        return (field.default,)
    if get_origin(field.annotation) is Literal:
        return tuple(tag for tag in get_args(field.annotation) if isinstance(tag, str))
    return ()


def encode_event(event: object) -> bytes:
    """An event model or mapping as JSON, refused (``TypeError``/``ValueError``) unless it is
    an object with a non-empty string ``type``. Model fields left at None are not sent."""
    payload: Any
    if isinstance(event, pydantic.BaseModel):
        payload = event.model_dump(mode="json", exclude_none=True, by_alias=True)
    elif isinstance(event, Mapping):
        payload = event
    else:
        raise TypeError(f"an event is a model or a dict, not {type(event).__name__}")
    kind = payload.get("type")
    if not isinstance(kind, str) or not kind:
        raise ValueError("an event needs a non-empty string 'type'")
    return _jsonutil.dumps(payload)


class WebSocketSession(OpenBody, Generic[E, C]):
    """An open WebSocket session: ``async for event in session`` yields typed events,
    ``await session.send(event)`` sends one (a typed client event or a dict with ``type``).

    Leaving an ``async for`` early keeps the session open (iterate again later); it ends when
    the server closes it (a normal close ends the loop; a close with an error code raises the
    matching ``APIStatusError``: 1008 -> 403, 1013 -> 429, 1011 -> 500, ``error_code`` is the
    close code), when ``aclose()`` is called, or when the connection fails. Server ``error``
    events are yielded like any other event. An event that does not match its model raises
    ``APIResponseValidationError`` and the session stays open. ``Timeout.read``, when set,
    bounds each wait for an event (``APITimeoutError``, and the session is closed); cancelling
    the task waiting for an event closes the session too.
    """

    _kind = "session"

    def __init__(
        self,
        ws: aiohttp.ClientWebSocketResponse[bool],
        *,
        parse: Callable[[str | bytes], E],
        on_close: Callable[[OpenBody], None],
        info: APIResponse,
        redact: Callable[[str], str],
        url: str,
        read_timeout: float | None,
    ) -> None:
        # OpenBody.__init__ wants the HTTP response of a body; a WebSocket exposes none. What
        # OpenBody's lifecycle (_abort, __del__, async with) uses is set here.
        self._ws = ws
        self._parse = parse
        self._on_close = on_close
        self._redact = redact
        self._method = "GET"
        self._url = url
        self._read_timeout = read_timeout
        self._closed = False
        self._aborted = False
        self._closing: asyncio.Task[Any] | None = None
        self._last_error: dict[str, Any] | None = None
        self.response = info
        """The opening handshake: URL, status 101, time it took."""
        self.close_code: int | None = None
        """The code the server closed the session with (None while open or closed by us)."""
        self.close_reason: str | None = None

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> E:
        event = await self._next()
        if event is None:
            raise StopAsyncIteration
        return event

    async def recv(self) -> E:
        """The next event; ``APIConnectionError`` once the session has ended normally."""
        event = await self._next()
        if event is None:
            code = f" (code {self.close_code})" if self.close_code else ""
            raise APIConnectionError(
                f"the WebSocket session is closed{code}",
                method=self._method,
                url=self._url,
                sent=False,
            )
        return event

    async def send(self, event: C | Mapping[str, Any]) -> None:
        """Send one event: a typed client event, or a dict with a string ``type`` (checked
        before anything is sent)."""
        await self._send_frame(encode_event(event))

    async def _send_frame(self, data: bytes) -> None:
        if self._closed:
            if self._aborted:
                raise self._closed_error()
            raise APIConnectionError(
                "the WebSocket session is closed", method=self._method, url=self._url, sent=False
            )
        failure: BaseException | None = None
        try:
            await self._ws.send_frame(data, aiohttp.WSMsgType.TEXT)
        except Exception as exc:
            failure = self._read_error(exc)
        if failure is not None:
            self._close(reuse=False)
            raise failure

    async def _next(self) -> E | None:
        """The next event, or None when the session has ended without an error."""
        ws = self._ws
        while True:
            if self._closed:
                if self._aborted:
                    raise self._closed_error()
                return None
            try:
                msg = await ws.receive(timeout=self._read_timeout)
            except asyncio.TimeoutError:
                self._close(reuse=False)
                raise APITimeoutError(
                    f"No event within the {self._read_timeout:g} s read timeout.",
                    method=self._method,
                    url=self._url,
                ) from None
            except asyncio.CancelledError:  # the session cannot be resumed: give it back
                self._close(reuse=False)
                raise
            kind = msg.type
            if kind is aiohttp.WSMsgType.TEXT or kind is aiohttp.WSMsgType.BINARY:
                return self._event(msg.data)
            if kind is aiohttp.WSMsgType.CLOSE:
                self._ended(msg.data, msg.extra)
            elif kind is aiohttp.WSMsgType.CLOSED and not self._closed:
                # The link went away without a close frame (or after ours).
                code = ws.close_code
                self._release()
                if code == aiohttp.WSCloseCode.ABNORMAL_CLOSURE:
                    raise APIConnectionError(
                        "the WebSocket connection was lost", method=self._method, url=self._url
                    )
            elif kind is aiohttp.WSMsgType.ERROR:
                self._close(reuse=False)
                raise self._frame_error(msg.data)
            # CLOSING (our own close, from another task) and the rest: look again.

    def _event(self, data: str | bytes) -> E:
        try:
            event = self._parse(data)
        except (ValueError, pydantic.ValidationError) as exc:
            text = data if isinstance(data, str) else data.decode("utf-8", "replace")
            failure = APIResponseValidationError(
                f"unexpected WebSocket event: {self._redact(str(exc))[:500]}",
                status_code=101,
                body=text[:2000],
                method=self._method,
                url=self._url,
            )
        else:
            # An error event right before an error close explains it (a close reason is cut
            # at 123 bytes; the event has the whole message).
            self._last_error = None
            if getattr(event, "type", None) == "error":
                error = getattr(event, "error", None)
                if isinstance(error, pydantic.BaseModel):
                    self._last_error = error.model_dump(exclude_none=True)
                elif isinstance(error, dict):
                    self._last_error = error
            return event
        raise failure

    def _ended(self, code: int, reason: str | None) -> None:
        """The server closed the session: fine for a normal code, else its typed error."""
        self.close_code = code
        self.close_reason = reason or None
        self._release()
        if code in _NORMAL_CLOSE:
            return
        last = self._last_error or {}
        told = last.get("message")
        if isinstance(told, str) and told and (not reason or reason in told):
            message = told
        else:
            message = reason or f"the WebSocket session closed with {code}"
        body: dict[str, Any] = {
            "error": {"message": message, "type": last.get("type"), "code": str(code)},
            "close_code": code,
            "close_reason": reason,
        }
        if self._last_error is not None:
            body["error_event"] = self._last_error
        raise make_status_error(
            close_error_status(code),
            _NO_HEADERS,
            body,
            method=self._method,
            url=self._url,
            redact=self._redact,
        )

    def _frame_error(self, exc: object) -> APIError:
        if (
            isinstance(exc, aiohttp.WebSocketError)
            and exc.code == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
        ):
            return APIResponseValidationError(
                f"a WebSocket event exceeds max_event_size: {exc}",
                status_code=101,
                body=None,
                method=self._method,
                url=self._url,
            )
        return APIConnectionError(
            f"WebSocket error: {self._redact(str(exc))}", method=self._method, url=self._url
        )

    def _release(self) -> None:
        """Closed for good: the concurrency slot goes back (once)."""
        if not self._closed:
            self._closed = True
            self._on_close(self)

    def _close(self, *, reuse: bool = False) -> None:
        # Where nothing can await (client.aclose(), a cancelled reader, __del__): the slot now,
        # the close frame from a task. A task blocked reading wakes up when it is sent.
        self._release()
        self._start_close(aiohttp.WSCloseCode.GOING_AWAY, b"")

    def _start_close(self, code: int, message: bytes) -> None:
        if self._ws.closed or self._closing is not None:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no loop (interpreter exit): the link dies with the process
            return
        task = loop.create_task(self._ws.close(code=code, message=message))
        self._closing = task
        _CLOSING.add(task)
        task.add_done_callback(_forget_close)

    async def aclose(self, code: int = 1000, reason: str = "") -> None:
        """Close the session: a close frame, the server's answer awaited (at most
        ``CLOSE_TIMEOUT`` s), the concurrency slot given back. Idempotent."""
        if not self._closed:
            self._release()
        self._start_close(code, reason.encode())
        if self._closing is not None and not self._closing.done():
            # Shielded: a second cancellation of the caller must not cut the close frame.
            await asyncio.shield(self._closing)


def _forget_close(task: asyncio.Task[Any]) -> None:
    _CLOSING.discard(task)
    if not task.cancelled():
        task.exception()  # aiohttp's close() reports failures itself; nothing to re-raise


class WebSocketConnect(Generic[E, C]):
    """A session not yet opened: ``await`` it for the open ``WebSocketSession``, or
    ``async with`` it to have it closed at the end of the block."""

    __slots__ = ("_open", "_session")

    def __init__(self, open_: Callable[[], Awaitable[WebSocketSession[E, C]]]) -> None:
        self._open = open_
        self._session: WebSocketSession[E, C] | None = None

    def __await__(self) -> Generator[Any, None, WebSocketSession[E, C]]:
        return self._open().__await__()

    async def __aenter__(self) -> WebSocketSession[E, C]:
        self._session = await self._open()
        return self._session

    async def __aexit__(self, *exc_info: object) -> None:
        session = self._session
        assert session is not None
        await session.aclose()


def open_session(
    client: Pipeline,
    ep: Endpoint[Any],
    parse: Callable[[str | bytes], E],
    *,
    path: Mapping[str, Any] | None = None,
    query: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    first: object = None,
) -> WebSocketConnect[E, Any]:
    """A WebSocket session on ``ep`` (method ``WEBSOCKET``), opened when awaited.

    The URL is the client's base URL turned ``ws://``/``wss://``; the headers are the client's
    (``Authorization: Bearer``, default headers) plus ``headers``. ``first`` (an event) is sent
    right after the handshake. Everything is checked now, before any I/O.
    """
    client._check_open()
    url = client._url(ep.path, path, query)
    url = url.with_scheme("wss" if url.scheme == "https" else "ws")
    all_headers = {**client._headers, **(headers or {})}
    start = encode_event(first) if first is not None else None

    async def open_() -> WebSocketSession[E, Any]:
        session: WebSocketSession[E, Any] = await _open(client, url, all_headers, parse)
        if start is not None:
            try:
                await session._send_frame(start)
            except BaseException:
                await session.aclose()
                raise
        return session

    return WebSocketConnect(open_)


async def _open(
    client: Pipeline, url: URL, headers: dict[str, str], parse: Callable[[str | bytes], E]
) -> WebSocketSession[E, Any]:
    pool = client._pool
    task = asyncio.current_task()
    assert task is not None
    # Registered like a call in flight, so client.aclose() during the handshake ends it.
    pool.tasks.add(task)
    try:
        return await _handshake(client, url, headers, parse)
    except asyncio.CancelledError:
        if not pool.took_abort(task):
            raise
    finally:
        pool.tasks.discard(task)
    raise ClientClosedError("the client was closed while the WebSocket session was opening")


async def _handshake(
    client: Pipeline, url: URL, headers: dict[str, str], parse: Callable[[str | bytes], E]
) -> WebSocketSession[E, Any]:
    pool = client._pool
    redacted = client._redactor.url(str(url))
    timeout = client.timeout
    clock = client._clock
    started = clock()
    total = timeout.total
    if logger.isEnabledFor(10):
        logger.debug("websocket: GET %s", redacted)
    # The slot is held for the session's life. Queueing for it and the handshake share the
    # total bound: a client whose slots are all held by sessions fails to open another.
    try:
        if not pool.semaphore.locked():
            await pool.semaphore.acquire()  # free: returns without yielding
        else:
            await asyncio.wait_for(pool.semaphore.acquire(), total)
    except asyncio.TimeoutError:
        raise PoolTimeoutError(
            f"No free slot within the {total:g} s timeout: all max_in_flight="
            f"{pool.max_in_flight} are in use.",
            method="GET",
            url=redacted,
        ) from None
    failure: BaseException | None = None
    try:
        if pool.limiter is not None:
            await pool.limiter.acquire()
        left = None if total is None else max(total - (clock() - started), 0.0)
        ws = await asyncio.wait_for(
            _connect(pool.get_session(), url, headers, pool.max_event), left
        )
    except asyncio.TimeoutError:
        failure = APITimeoutError(
            "Timed out opening the WebSocket session.", method="GET", url=redacted
        )
    except aiohttp.WSServerHandshakeError as exc:
        failure = _refused(exc, redacted, client._redactor)
    except Exception as exc:
        failure = map_transport_error(exc, method="GET", url=redacted) or exc
        if isinstance(failure, APIError):
            failure.message = client._redactor(failure.message)
            failure.args = (failure.message,)
    except BaseException:
        pool.semaphore.release()
        raise
    if failure is not None:
        pool.semaphore.release()
        # Raised outside the handler: aiohttp's text may hold the raw URL.
        raise failure
    info = APIResponse("GET", redacted, 101, _NO_HEADERS, clock() - started, 0)
    session: WebSocketSession[E, Any] = WebSocketSession(
        ws,
        parse=parse,
        on_close=pool.stream_closed,
        info=info,
        redact=client._redactor,
        url=redacted,
        read_timeout=timeout.read,
    )
    return client._adopt(session)


def _connect(
    session: aiohttp.ClientSession, url: URL, headers: dict[str, str], max_event: int | None
) -> Awaitable[aiohttp.ClientWebSocketResponse[bool]]:
    # aiohttp's ws_connect takes no per-request ClientTimeout: the handshake is bounded from
    # outside (asyncio.wait_for) by the client's total.
    return session.ws_connect(
        url,
        headers=headers,
        timeout=aiohttp.ClientWSTimeout(ws_receive=None, ws_close=CLOSE_TIMEOUT),
        max_msg_size=max_event or 0,
    )


def _refused(
    exc: aiohttp.WSServerHandshakeError, url: str, redact: Callable[[str], str]
) -> APIError:
    if exc.status < 400:  # answered, but not with a WebSocket we can speak
        return APIConnectionError(
            f"bad WebSocket handshake: HTTP {exc.status} ({exc.message})",
            method="GET",
            url=url,
            sent=True,
        )
    headers = CIMultiDictProxy(CIMultiDict(exc.headers or {}))
    error = make_status_error(exc.status, headers, None, method="GET", url=url, redact=redact)
    error.message = f"WebSocket handshake refused: HTTP {exc.status}"
    error.args = (error.message,)
    return error
