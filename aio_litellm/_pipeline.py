"""The request pipeline every endpoint goes through, apart from the public client.

One call: build the request once (URL, headers, body) -> attempt (concurrency slot, rate
limiter, aiohttp, read, typed error) -> on a retryable failure hand over to tenacity for the
rest -> parse the body into the endpoint's result. The first attempt runs without tenacity so
the common case (no retry) costs no retry machinery. ``LiteLLMClient`` adds the options, the
lifecycle and the resource tree on top.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

import aiohttp
import pydantic
from multidict import CIMultiDictProxy
from yarl import URL

from . import _jsonutil
from ._endpoint import Endpoint, format_path
from ._exceptions import (
    APIError,
    APIResponseValidationError,
    ClientClosedError,
    PoolTimeoutError,
    make_status_error,
)
from ._logging import Redactor, logger
from ._models import Response, ResponseView
from ._multipart import FileTypes, build_form_factory
from ._options import NOT_GIVEN, BodyOptions, RequestOptions
from ._pool import Limiter, Pool
from ._response import APIResponse
from ._results import decoder
from ._retry import (
    THROTTLE_LISTENER,
    THROTTLE_STATUSES,
    HintedWait,
    RetryPolicy,
    Sleep,
    retry_after,
    should_retry,
)
from ._streaming import ByteStream, Download, OpenBody, Stream
from ._transport import ResponseTooLarge, Timeout, map_transport_error, read_body
from ._urls import check_path, encode_query, normalize_base_url
from ._version import __version__

if TYPE_CHECKING:
    from tenacity import RetryCallState

__all__ = ["NOT_GIVEN", "BodyOptions", "Limiter", "Pipeline", "RequestOptions"]

T = TypeVar("T")
B = TypeVar("B", bound=OpenBody)
_ANY = {"Accept": "*/*"}  # downloads: whatever the file is

_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
# Built URLs are cached per path (declared endpoints: a few hundred); ad-hoc paths of
# ``client.request`` past this many are built each time rather than held forever.
_URL_CACHE_MAX = 2048


Body = bytes | Callable[[], aiohttp.FormData] | None


class _Request:
    __slots__ = ("body", "headers", "method", "retry_safe", "stream", "timeout", "url")

    def __init__(
        self,
        method: str,
        url: URL,
        headers: Mapping[str, str],
        body: Body,
        retry_safe: bool,
        stream: bool,
        timeout: aiohttp.ClientTimeout,
    ) -> None:
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.retry_safe = retry_safe
        self.stream = stream
        self.timeout = timeout


class _Reply:
    __slots__ = ("content", "headers", "response", "retries", "status")

    def __init__(
        self,
        status: int,
        headers: CIMultiDictProxy[str],
        content: bytes,
        response: aiohttp.ClientResponse | None = None,
    ) -> None:
        self.status = status
        self.headers = headers
        self.content = content
        self.response = response
        self.retries = 0


class Pipeline:
    """Per-client request state (base URL, headers, timeouts, retry policy) and the pipeline.

    Resources call ``_call``/``_stream``; ``LiteLLMClient`` builds one with ``_setup``.
    """

    def _setup(
        self,
        *,
        pool: Pool,
        owner: bool,
        base_url: str | None,
        api_key: str | None,
        timeout: float | Timeout | None,
        retry: RetryPolicy,
        default_headers: dict[str, str],
        sleep: Sleep,
        clock: Callable[[], float],
    ) -> None:
        self._pool = pool
        self._owner = owner
        self._closed = False
        self.base_url = normalize_base_url(base_url)
        self.api_key = api_key or None
        if timeout is None:
            timeout = Timeout(total=None, connect=None, read=None)
        elif not isinstance(timeout, Timeout):
            timeout = Timeout(total=float(timeout))
        self.timeout = timeout
        self._timeouts = (timeout.for_aiohttp(stream=False), timeout.for_aiohttp(stream=True))
        self._total = timeout.total
        self.retry = retry
        self._wait = HintedWait(retry)
        self._sleep = sleep
        self._clock = clock
        self.default_headers = default_headers
        self._redactor = Redactor([self.api_key])
        base = {
            "Accept": "application/json",
            "User-Agent": f"aio-litellm/{__version__}",
        }
        if self.api_key:
            base["Authorization"] = f"Bearer {self.api_key}"
        base.update(default_headers)
        self._headers = base
        self._headers_json = {**base, "Content-Type": "application/json"}
        self._urls: dict[str, URL] = {}

    def _check_open(self) -> None:
        if self._closed or self._pool.closed:
            raise ClientClosedError("the client is closed; create a new LiteLLMClient")

    def _build_options(
        self, method: str, path: str, options: RequestOptions, *, stream: bool
    ) -> _Request:
        unknown = options.keys() - RequestOptions.__annotations__.keys()
        if unknown:
            raise TypeError(f"request() got unexpected argument(s): {', '.join(sorted(unknown))}")
        json = options.get("json", NOT_GIVEN)
        content = options.get("content")
        if content is not None:
            if json is not NOT_GIVEN or options.get("form") is not None or options.get("files"):
                raise TypeError("pass content, or json, or form/files: one body")
            if not isinstance(content, (bytes, bytearray, memoryview)):
                raise TypeError(f"content must be bytes, not {type(content).__name__}")
        req = self._build(
            method.upper(),
            path,
            options.get("path_params"),
            options.get("params"),
            json,
            options.get("form"),
            options.get("files"),
            options.get("headers"),
            options.get("retry_safe"),
            stream,
        )
        if content is not None:
            req.body = bytes(content)
        return req

    async def _call(
        self,
        ep: Endpoint[T],
        *,
        path: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None,
        json: Any = NOT_GIVEN,
        form: Mapping[str, Any] | None = None,
        files: Mapping[str, FileTypes] | None = None,
        headers: Mapping[str, str] | None = None,
        content: bytes | None = None,
        parse: Callable[[bytes], T] | None = None,
    ) -> T:
        """Send one declared endpoint and return its parsed result. ``content``: a raw body
        (its ``Content-Type`` in ``headers``) instead of JSON or a form."""
        req = self._build(
            ep.method, ep.path, path, query, json, form, files, headers, ep.retry_safe, False
        )
        if content is not None:
            req.body = content
        if parse is None:
            parse = ep.decode or ep.bind_decoder(decoder(ep.result))
        reply, info = await self._send(req)
        result: T = self._parse(parse, reply.content, info)
        return result

    async def _stream(
        self,
        ep: Endpoint[Any],
        parse: Callable[[bytes], T],
        *,
        path: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None,
        json: Any = NOT_GIVEN,
        headers: Mapping[str, str] | None = None,
    ) -> Stream[T]:
        """Open a declared server-sent-events endpoint; ``parse`` types each event's data."""
        req = self._build(
            ep.method, ep.path, path, query, json, None, None, headers, ep.retry_safe, True
        )
        return await self._open_stream(req, parse)

    def _build(
        self,
        method: str,
        path: str,
        path_params: Mapping[str, Any] | None,
        query: Mapping[str, Any] | None,
        json: Any,
        form: Mapping[str, Any] | None,
        files: Mapping[str, FileTypes] | None,
        headers: Mapping[str, str] | None,
        retry_safe: bool | None,
        stream: bool,
    ) -> _Request:
        """The request to send (``method`` in capitals); bad arguments raise here, before I/O."""
        if self._closed or self._pool.closed:
            self._check_open()
        body: Body = None
        if files or form is not None:
            if json is not NOT_GIVEN:
                raise TypeError("pass json, or form/files, not both")
            body = build_form_factory(form, files)
            if not body.resendable:
                retry_safe = False  # a part readable once (an async iterable) cannot go twice
            base = self._headers
        elif json is not NOT_GIVEN:
            body = _jsonutil.dumps(json)
            base = self._headers_json
        else:
            base = self._headers
        if headers:
            base = {**base, **headers}
        if retry_safe is None:
            retry_safe = method in _IDEMPOTENT_METHODS
        url = None if path_params or query else self._urls.get(path)
        return _Request(
            method,
            self._url(path, path_params, query) if url is None else url,
            base,
            body,
            retry_safe,
            stream,
            self._timeouts[stream],
        )

    def _url(
        self, path: str, path_params: Mapping[str, Any] | None, query: Mapping[str, Any] | None
    ) -> URL:
        if not path_params and not query:
            url = self._urls.get(path)
            if url is None:
                if "{" in path:
                    format_path(path, None)  # raises: a placeholder was left unfilled
                url = URL(self.base_url + check_path(path), encoded=True)
                if len(self._urls) < _URL_CACHE_MAX:
                    self._urls[path] = url
            return url
        text = self.base_url + check_path(format_path(path, dict(path_params or {})))
        if query:
            qs = encode_query(query)
            if qs:
                text += ("&" if "?" in text else "?") + qs
        # encoded=True: the path is already escaped; re-parsing would decode %2E%2E and
        # collapse it into a parent directory.
        return URL(text, encoded=True)

    async def _send(self, req: _Request, keep_content: bool = False) -> tuple[_Reply, APIResponse]:
        """Send ``req`` with the client's retries; registered while in flight so ``aclose()``
        can end it. One coroutine for both: every await level is resumed again at each of the
        request's suspensions."""
        pool = self._pool
        task = asyncio.current_task()
        assert task is not None  # always inside a task under asyncio
        pool.tasks.add(task)
        start = self._clock()
        debug = logger.isEnabledFor(10)
        try:
            if debug:
                logger.debug("request: %s %s", req.method, self._redactor.url(str(req.url)))
            try:
                reply = await self._attempt(req)
            except APIError as exc:
                if (
                    self.retry.max_retries == 0
                    or not getattr(req.body, "resendable", True)
                    or not should_retry(exc, retry_safe=req.retry_safe, policy=self.retry)
                ):
                    raise
                reply = await self._retry_loop(req, exc)
        except asyncio.CancelledError:
            if not pool.took_abort(task):
                raise
            reply = None
        finally:
            pool.tasks.discard(task)
        if reply is None:
            raise ClientClosedError("the client was closed while the request was in flight")
        info = APIResponse(
            req.method,
            req.url,
            reply.status,
            reply.headers,
            self._clock() - start,
            reply.retries,
            reply.content if keep_content else None,
        )
        if debug:
            logger.debug(
                "response: %s %s -> %d in %.3fs (%d retries)",
                req.method,
                self._redactor.url(info.url),
                info.status_code,
                info.elapsed,
                info.retries,
            )
        return reply, info

    async def _retry_loop(self, req: _Request, first: APIError) -> _Reply:
        reply, attempts = await retry_after(
            first,
            lambda: self._attempt(req),
            policy=self.retry,
            retry_safe=req.retry_safe,
            wait=self._wait,
            sleep=self._sleep,
            before_sleep=lambda state: self._log_retry(req, state),
        )
        reply.retries = attempts
        return reply

    def _log_retry(self, req: _Request, state: RetryCallState) -> None:
        if logger.isEnabledFor(20):
            exc = state.outcome.exception() if state.outcome else None
            logger.info(
                "retrying %s %s after %s (attempt %d, waiting %.3fs)",
                req.method,
                self._redactor.url(str(req.url)),
                self._redactor(str(exc)),
                state.attempt_number,
                state.upcoming_sleep,
            )

    async def _attempt(self, req: _Request) -> _Reply:
        """One request and its body (a stream: its headers), holding a concurrency slot.

        One coroutine for the slot and the exchange: every await level is resumed again at
        each of the request's suspensions. Errors are raised outside the ``except`` blocks so
        the aiohttp exception, whose text may hold the raw URL with a secret in its query, is
        never chained to ours."""
        pool = self._pool
        semaphore = pool.semaphore
        timeout = req.timeout
        if semaphore._value and not semaphore._waiters:
            semaphore._value -= 1  # a free slot, taken inline (see _slots)
        else:
            timeout = await self._queue_for_slot(req)
        resp: aiohttp.ClientResponse | None = None
        failure: BaseException | None = None
        try:
            if pool.limiter is not None:
                # Taken while holding the slot: requests queued for slots cannot bank tokens
                # and then leave together in a burst over the rate.
                await pool.limiter.acquire()
            session = pool.session or pool.get_session()
            body = req.body() if callable(req.body) else req.body
            try:
                resp = await session.request(
                    req.method, req.url, data=body, headers=req.headers, timeout=timeout
                )
                status = resp.status
                if status >= 400:
                    if status in THROTTLE_STATUSES:
                        listener = THROTTLE_LISTENER.get()
                        if listener is not None:
                            listener()
                    failure = self._status_error(req, resp, await read_body(resp, pool.max_body))
                    resp.release()
                elif req.stream:
                    return _Reply(status, resp.headers, b"", resp)  # the Stream owns the slot
                else:
                    content = await read_body(resp, pool.max_body)
                    resp.release()
                    semaphore.release()
                    return _Reply(status, resp.headers, content)
            except ResponseTooLarge as exc:
                failure = APIResponseValidationError(
                    str(exc),
                    status_code=status,
                    body=None,
                    method=req.method,
                    url=self._redactor.url(str(req.url)),
                )
            except Exception as exc:
                failure = self._transport_error(exc, req)
        except BaseException:
            if resp is not None and not resp.closed:
                resp.close()  # not read whole (cancelled): the rest is not wanted
            semaphore.release()
            raise
        if resp is not None and not resp.closed:
            resp.close()  # not read whole (cut, too large): the rest is not wanted
        semaphore.release()
        raise failure

    async def _queue_for_slot(self, req: _Request) -> aiohttp.ClientTimeout:
        """Wait for a concurrency slot; the timeout the request is left with. Queueing counts
        against the call's total: a client whose slots are all held by hung calls fails its
        next calls instead of hanging them."""
        semaphore = self._pool.semaphore
        total = self._total
        if total is None:
            await semaphore.acquire()
            return req.timeout
        deadline = self._clock() + total
        try:
            await asyncio.wait_for(semaphore.acquire(), total)
            left = deadline - self._clock()
        except asyncio.TimeoutError:
            left = 0.0
        else:
            if left <= 0:
                semaphore.release()
        if left <= 0:
            raise PoolTimeoutError(
                f"No free slot within the {total:g} s timeout: all max_in_flight="
                f"{self._pool.max_in_flight} are in use.",
                method=req.method,
                url=self._redactor.url(str(req.url)),
            )
        return req.timeout if req.stream else self.timeout.for_aiohttp(stream=False, total=left)

    async def _open_stream(self, req: _Request, parse: Callable[[bytes], T]) -> Stream[T]:
        reply, info = await self._send(req)
        assert reply.response is not None
        pool = self._pool
        stream = Stream(
            reply.response,
            parse=parse,
            on_close=pool.stream_closed,
            info=info,
            redact=self._redactor,
            method=req.method,
            url=self._redactor.url(str(req.url)),
            max_event_size=pool.max_event,
            max_size=pool.max_body,
        )
        return self._adopt(stream)

    def _download(
        self,
        ep: Endpoint[Any],
        *,
        path: Mapping[str, Any] | None = None,
        query: Mapping[str, Any] | None = None,
    ) -> Download:
        """A binary body read as it arrives (``ByteStream``), opened when awaited. The
        arguments are checked now, before any I/O."""
        req = self._build(
            ep.method, ep.path, path, query, NOT_GIVEN, None, None, _ANY, ep.retry_safe, True
        )
        return self._open_bytes(req)

    def _open_bytes(self, req: _Request) -> Download:
        """The body of ``req`` read as it arrives, opened when awaited."""

        async def open_() -> ByteStream:
            reply, info = await self._send(req)
            assert reply.response is not None
            body = ByteStream(
                reply.response,
                on_close=self._pool.stream_closed,
                info=info,
                redact=self._redactor,
                method=req.method,
                url=self._redactor.url(str(req.url)),
                max_size=self._pool.max_body,
            )
            return self._adopt(body)

        return Download(open_)

    def _adopt(self, body: B) -> B:
        """Register an open body so ``aclose()`` can end it."""
        pool = self._pool
        pool.streams.add(body)
        if pool.closed:  # closed while it was opening
            body._abort()
            raise ClientClosedError("the client was closed while the response was opening")
        return body

    def _transport_error(self, exc: Exception, req: _Request) -> Exception:
        mapped = map_transport_error(exc, method=req.method, url=self._redactor.url(str(req.url)))
        if mapped is None:
            return exc
        mapped.message = self._redactor(mapped.message)
        mapped.args = (mapped.message,)
        return mapped

    def _status_error(
        self, req: _Request, resp: aiohttp.ClientResponse, content: bytes
    ) -> APIError:
        body: Any
        try:
            body = _jsonutil.loads(content) if content else None
        except _jsonutil.JSONDecodeError:
            body = content.decode("utf-8", "replace")
        return make_status_error(
            resp.status,
            resp.headers,
            body,
            method=req.method,
            url=self._redactor.url(str(req.url)),
            redact=self._redactor,
        )

    def _parse(self, decode: Callable[[bytes], Any], content: bytes, info: APIResponse) -> Any:
        """``decode(content)`` (see ``_results.decoder``), a body that does not fit raised as
        ``APIResponseValidationError``; a top-level model gets ``raw_response``."""
        failure: APIResponseValidationError | None
        try:
            value = decode(content)
        except (ValueError, pydantic.ValidationError) as exc:
            # Built here, raised below: the validation error quotes the body (a created key's
            # secret, say), so it is summarised redacted rather than chained.
            failure = APIResponseValidationError(
                f"unexpected response body for {info.method} {self._redactor.url(info.url)}: "
                f"{self._redactor(str(exc))[:500]}",
                status_code=info.status_code,
                body=content[:2000],
                method=info.method,
                url=self._redactor.url(info.url),
            )
        else:
            failure = None
        if failure is not None:
            raise failure
        if isinstance(value, (Response, ResponseView)):
            value._raw_response = info
        return value
