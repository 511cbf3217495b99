"""Embeddings and ``run`` requests over a Ray Dataset: one client per worker, one shared budget.

    spec = ClientSpec(base_url="http://proxy:4000", api_key=key,
                      limiter=LimiterSpec("redis://redis:6379/0", "embed-job", rate=(100, 1)))
    ds = embed_dataset(ray.data.read_parquet("texts/"), spec, model="text-embedding-3-small",
                       concurrency=2)
    ds.write_parquet("vectors/")

The specs are picklable recipes: each Ray worker (an actor of ``map_batches(...,
concurrency=N)``) builds its own ``LiteLLMClient`` (and ``RedisLimiter``: every worker then
shares one budget in Redis) on the event loop Ray Data keeps per actor for async callables, on
its first batch, and reuses it for every later batch. Ray Data runs up to 4 batches of an actor
at once on that loop. The client is closed when the actor ends gracefully (Ray calls the
callable's ``__del__`` then); an actor killed or crashed closes nothing, its connections end with
its process.

Every row ends as an answer or a visible error: ``EmbedWorker`` adds ``embedding`` (a float32
list, null when its request failed after retries) and ``embedding_error``; ``RunWorker`` adds the
columns of ``aio-litellm run``'s output line. ``on_error="raise"`` fails the batch instead.

Needs the ``ray`` extra (``pip install 'aio-litellm[ray]'``).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

try:
    import pyarrow as pa  # type: ignore[import-untyped]
    import ray.data
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "aio_litellm.ray_data needs Ray Data: pip install 'aio-litellm[ray]'"
    ) from exc

from . import _jsonutil
from ._batch_lines import BatchFileError, BatchLine, check_line, estimate_tokens
from ._client import DEFAULT_TIMEOUT, LiteLLMClient
from ._logging import mask_key
from ._transport import Timeout
from .batch_file import RunSummary, _Job
from .bulk import BulkRunner

if TYPE_CHECKING:
    from .redis_limiter import RedisLimiter

__all__ = ["ClientSpec", "EmbedWorker", "LimiterSpec", "RunWorker", "embed_dataset", "run_dataset"]

OnError = Literal["keep", "raise"]


def _hide_password(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    _, at, host = rest.rpartition("@")
    return f"{scheme}{sep}***{at}{host}" if sep and at else url


@dataclass(frozen=True, slots=True)
class LimiterSpec:
    """A ``RedisLimiter`` to build in each worker: workers naming the same ``url`` and ``key``
    share one budget. ``rate=(n, seconds)``; other options as ``RedisLimiter``'s."""

    url: str
    key: str
    rate: tuple[float, float]
    burst: float = 1
    fail_open: bool = False
    retry_interval: float = 1.0

    def __repr__(self) -> str:
        n, seconds = self.rate
        return f"LimiterSpec({_hide_password(self.url)!r}, {self.key!r}, rate=({n:g}, {seconds:g}))"

    def build(self, *, tokens: bool = False) -> RedisLimiter:
        """The limiter (a requests budget, or ``tokens=True`` the same key's token budget)."""
        from .redis_limiter import RedisLimiter

        return RedisLimiter(
            self.url,
            self.key,
            rate=self.rate,
            tokens=tokens,
            burst=self.burst,
            fail_open=self.fail_open,
            retry_interval=self.retry_interval,
        )


@dataclass(frozen=True, slots=True)
class ClientSpec:
    """A ``LiteLLMClient`` to build in each worker (same arguments; None base_url/api_key: the
    worker's ``LITELLM_BASE_URL``/``LITELLM_API_KEY``). ``limiter``: a shared requests budget,
    spent by every attempt of the worker's client. The repr hides the key; the spec itself,
    key included, travels to the workers pickled, as Ray sends any argument."""

    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    max_in_flight: int | None = None
    max_retries: int | None = None
    timeout: float | Timeout | None = DEFAULT_TIMEOUT
    limiter: LimiterSpec | None = None

    def __repr__(self) -> str:
        return (
            f"ClientSpec(base_url={self.base_url!r}, api_key={mask_key(self.api_key)}, "
            f"max_in_flight={self.max_in_flight}, limiter={self.limiter!r})"
        )

    def build(self, limiter: RedisLimiter | None = None) -> LiteLLMClient:
        """The client, with ``limiter`` (built from the spec's ``limiter``, closed by you)."""
        return LiteLLMClient(
            base_url=self.base_url,
            api_key=self.api_key,
            max_in_flight=self.max_in_flight,
            max_retries=self.max_retries,
            timeout=self.timeout,
            limiter=limiter,
        )


class _Worker:
    """One client per worker, opened on the loop of its first call and kept for the next."""

    def __init__(
        self, spec: ClientSpec, *, on_error: OnError, token_limiter: LimiterSpec | None
    ) -> None:
        if not isinstance(spec, ClientSpec):
            raise TypeError("spec must be a ClientSpec")
        if on_error not in ("keep", "raise"):
            raise ValueError("on_error must be 'keep' or 'raise'")
        self.spec = spec
        self.on_error = on_error
        self.token_limiter = token_limiter
        self._client: LiteLLMClient | None = None
        self._limiters: list[RedisLimiter | None] = [None, None]  # requests, tokens
        self._loop: asyncio.AbstractEventLoop | None = None

    @property
    def _tokens(self) -> RedisLimiter | None:
        return self._limiters[1]

    def _open(self) -> LiteLLMClient:
        if self._client is None:  # no await before the assignment: concurrent batches share it
            self._loop = asyncio.get_running_loop()
            requests, tokens = self.spec.limiter, self.token_limiter
            self._limiters = [
                requests.build() if requests is not None else None,
                tokens.build(tokens=True) if tokens is not None else None,
            ]
            self._client = self.spec.build(self._limiters[0])
        return self._client

    async def aclose(self) -> None:
        """Close the client and the limiters this worker built (from the client's loop)."""
        client, limiters = self._client, self._limiters
        self._client, self._limiters, self._loop = None, [None, None], None
        if client is not None:
            await client.aclose()
        for limiter in limiters:
            if limiter is not None:
                await limiter.aclose()

    def close(self, timeout: float = 10.0) -> None:
        """``aclose`` from another thread, waiting for it on the client's loop if that loop is
        still running (Ray's case: ``__del__`` runs on the actor's main thread)."""
        loop = getattr(self, "_loop", None)  # None too if __init__ raised
        if loop is None or loop.is_closed() or not loop.is_running():
            return
        future = asyncio.run_coroutine_threadsafe(self.aclose(), loop)
        with contextlib.suppress(RuntimeError):
            if asyncio.get_running_loop() is loop:
                return  # on the loop's own thread: it runs after this
        with contextlib.suppress(Exception):
            future.result(timeout)

    def __del__(self) -> None:
        self.close()


def _table(batch: pa.Table | Mapping[str, Any]) -> pa.Table:
    return batch if isinstance(batch, pa.Table) else pa.table(dict(batch))


def _column(table: pa.Table, name: str) -> list[Any]:
    if name not in table.column_names:
        raise KeyError(f"the batch has no column {name!r} (columns: {table.column_names})")
    values: list[Any] = table.column(name).to_pylist()
    return values


def _error_text(error: BaseException | None) -> str | None:
    return None if error is None else f"{type(error).__name__}: {error}"


class EmbedWorker(_Worker):
    """``map_batches`` callable: ``column`` (texts) -> ``output_column`` (float32 lists, null
    where the request failed) and ``<output_column>_error`` (null, or why).

    ``options`` go to ``client.embeddings.batch`` (``batch_size``, ``concurrency``,
    ``dimensions``...). ``token_limiter``: a shared token budget (estimated tokens of each
    request). ``on_error="raise"``: a failed request fails the batch.
    """

    def __init__(
        self,
        spec: ClientSpec,
        *,
        model: str,
        column: str = "text",
        output_column: str = "embedding",
        on_error: OnError = "keep",
        token_limiter: LimiterSpec | None = None,
        **options: Any,
    ) -> None:
        if not model or not isinstance(model, str):
            raise TypeError("EmbedWorker needs model=<str>")
        super().__init__(spec, on_error=on_error, token_limiter=token_limiter)
        self.model = model
        self.column = column
        self.output_column = output_column
        self.options = options

    def _raise_first(self, errors: list[BaseException | None]) -> None:
        if self.on_error == "raise":
            for error in errors:
                if error is not None:
                    raise error

    async def __call__(self, batch: pa.Table | Mapping[str, Any]) -> pa.Table:
        table = _table(batch)
        texts = _column(table, self.column)
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"{self.column}[{i}] is {type(text).__name__}, not str")
        n = len(texts)
        vectors: Any = None
        errors: list[BaseException | None] = [None] * n
        if n:
            client = self._open()
            options = dict(self.options)
            if self._tokens is not None:
                options["token_rate"] = self._tokens
            done = await client.embeddings.batch(texts, model=self.model, as_numpy=True, **options)
            vectors = done.vectors
            for failure in done.failures:
                errors[failure.start : failure.end] = [failure.error] * len(failure.texts)
            self._raise_first(errors)
        dim = vectors.shape[1] if n else 0
        offsets = pa.array([i * dim for i in range(n + 1)], pa.int32())
        values = pa.array(vectors.reshape(-1) if n else [], pa.float32())
        failed = pa.array([e is not None for e in errors], pa.bool_())
        column = pa.ListArray.from_arrays(offsets, values, mask=failed)
        table = table.append_column(self.output_column, column)
        error_column = pa.array([_error_text(e) for e in errors], pa.string())
        return table.append_column(f"{self.output_column}_error", error_column)


_WHERE = "batch row"


class RunWorker(_Worker):
    """``map_batches`` callable: rows shaped like OpenAI Batch input lines (``custom_id``,
    ``method``, ``url``, ``body``: an object or its JSON text) -> ``id``, ``status_code``,
    ``response`` and ``error`` (the JSON text of the output line's fields, as ``aio-litellm run``
    writes them; ``error`` null on success).

    The whole batch is checked as ``run`` checks a file (custom_ids unique within the batch)
    before anything is sent: a bad row raises ``BatchFileError``. ``concurrency``: requests in
    flight per batch; ``token_limiter``: a shared token budget (estimated from each body);
    ``on_error="raise"``: a failed line fails the batch (``RuntimeError`` naming it).
    """

    def __init__(
        self,
        spec: ClientSpec,
        *,
        concurrency: int = 32,
        on_error: OnError = "keep",
        token_limiter: LimiterSpec | None = None,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be >= 1")
        super().__init__(spec, on_error=on_error, token_limiter=token_limiter)
        self.concurrency = concurrency

    async def __call__(self, batch: pa.Table | Mapping[str, Any]) -> pa.Table:
        table = _table(batch)
        lines = self._lines(table)
        records: dict[str, dict[str, Any]] = {}
        job = _Job(
            self._open(),
            RunSummary(),
            None,
            rpm=None,
            tpm=None,
            sleep=asyncio.sleep,
            emit=lambda record, _failed: records.__setitem__(record["custom_id"], record),
        )
        job.runner = runner = BulkRunner(
            concurrency=self.concurrency,
            token_rate=self._tokens,
            cost=lambda line: estimate_tokens(line.body),
        )
        async for outcome in runner.stream(job.send, lines):
            if outcome.error is not None:
                job.unexpected(outcome.item, outcome.error)
        answers = [records[line.custom_id] for line in lines]
        failed = next((r for r in answers if r["error"] is not None), None)
        if self.on_error == "raise" and failed is not None:
            raise RuntimeError(f"custom_id {failed['custom_id']!r} failed: {failed['error']}")
        dumps = _jsonutil.dumps
        columns = {
            "id": pa.array([r["id"] for r in answers], pa.string()),
            "status_code": pa.array(
                [r["response"] and r["response"]["status_code"] for r in answers], pa.int64()
            ),
            "response": pa.array(
                [None if r["response"] is None else dumps(r["response"]).decode() for r in answers],
                pa.string(),
            ),
            "error": pa.array(
                [None if r["error"] is None else dumps(r["error"]).decode() for r in answers],
                pa.string(),
            ),
        }
        for name, values in columns.items():
            table = table.append_column(name, values)
        return table

    def _lines(self, table: pa.Table) -> list[BatchLine]:
        rows = table.to_pylist()
        seen: dict[str, int] = {}
        lines = []
        for number, row in enumerate(rows, 1):
            body = row.get("body")
            if isinstance(body, str | bytes):
                try:
                    row = {**row, "body": _jsonutil.loads(body)}
                except _jsonutil.JSONDecodeError as exc:
                    raise BatchFileError(f"{_WHERE}:{number}: body is not JSON: {exc}") from None
            lines.append(check_line(_WHERE, number, row, seen))
        return lines


def embed_dataset(
    ds: ray.data.Dataset,
    spec: ClientSpec,
    *,
    model: str,
    column: str = "text",
    concurrency: int = 1,
    batch_size: int = 1024,
    num_cpus: float = 0.25,
    **options: Any,
) -> ray.data.Dataset:
    """``ds`` with embeddings added by ``concurrency`` workers (``EmbedWorker``; ``options``:
    its keyword arguments); ``batch_size`` rows per call of a worker. A worker waits on the
    network: ``num_cpus`` (a quarter by default) is what Ray reserves for it, so that workers
    holding whole CPUs do not starve the tasks that read the data."""
    kwargs = {"model": model, "column": column, **options}
    return _map(ds, EmbedWorker, spec, kwargs, concurrency, batch_size, num_cpus)


def run_dataset(
    ds: ray.data.Dataset,
    spec: ClientSpec,
    *,
    concurrency: int = 1,
    batch_size: int = 256,
    num_cpus: float = 0.25,
    **options: Any,
) -> ray.data.Dataset:
    """``ds`` (Batch input rows) with the answer columns added by ``concurrency`` workers
    (``RunWorker``; ``options``: its keyword arguments); the rest as ``embed_dataset``."""
    return _map(ds, RunWorker, spec, options, concurrency, batch_size, num_cpus)


def _map(
    ds: ray.data.Dataset,
    worker: type[_Worker],
    spec: ClientSpec,
    kwargs: dict[str, Any],
    concurrency: int,
    batch_size: int,
    num_cpus: float,
) -> ray.data.Dataset:
    worker(spec, **kwargs)  # bad arguments fail here, not in every worker
    return ds.map_batches(
        worker,
        fn_constructor_args=(spec,),
        fn_constructor_kwargs=kwargs,
        batch_size=batch_size,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=concurrency),
        num_cpus=num_cpus,
    )
