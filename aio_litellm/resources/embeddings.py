"""``client.embeddings``: vectors, fetched as base64 and decoded without a JSON float list."""

from __future__ import annotations

import base64
import sys
from array import array
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal, cast, overload

from typing_extensions import Unpack

from .. import _jsonutil
from .._endpoint import Endpoint
from .._resource import Resource
from ..bulk import BulkRunner, as_async_iter
from ..types.embeddings import (
    BatchEmbeddings,
    CreateEmbeddingResponse,
    Embedding,
    EmbeddingBatch,
    EmbeddingBatchParams,
    EmbeddingCreateParams,
    EmbeddingUsage,
)

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from .._tokens import TokenCounter
    from ..types.model_names import EmbeddingModelName

    FloatArray = npt.NDArray[np.float32]

__all__ = ["Embeddings", "approx_tokens", "chunk_texts", "decode_embeddings"]

CREATE = Endpoint("POST", "/embeddings", CreateEmbeddingResponse, "embeddings.create")

EmbeddingInput = str | Sequence[str] | Sequence[int] | Sequence[Sequence[int]]


class Embeddings(Resource):
    __slots__ = ()

    @overload
    async def create(
        self,
        *,
        input: EmbeddingInput,
        model: EmbeddingModelName,
        encoding_format: Literal["float"] | None = None,
        as_numpy: Literal[False] = False,
        **params: Unpack[EmbeddingCreateParams],
    ) -> CreateEmbeddingResponse[list[float]]: ...

    @overload
    async def create(
        self,
        *,
        input: EmbeddingInput,
        model: EmbeddingModelName,
        encoding_format: None = None,
        as_numpy: Literal[True],
        **params: Unpack[EmbeddingCreateParams],
    ) -> CreateEmbeddingResponse[FloatArray]: ...

    @overload
    async def create(
        self,
        *,
        input: EmbeddingInput,
        model: EmbeddingModelName,
        encoding_format: Literal["base64"],
        as_numpy: Literal[False] = False,
        **params: Unpack[EmbeddingCreateParams],
    ) -> CreateEmbeddingResponse[str]: ...

    @overload
    async def create(
        self,
        *,
        input: EmbeddingInput,
        model: EmbeddingModelName,
        encoding_format: None = None,
        as_numpy: bool,
        **params: Unpack[EmbeddingCreateParams],
    ) -> CreateEmbeddingResponse[Any]: ...

    async def create(
        self,
        *,
        input: EmbeddingInput,
        model: EmbeddingModelName,
        encoding_format: Literal["float", "base64"] | None = None,
        as_numpy: bool = False,
        **params: Any,
    ) -> CreateEmbeddingResponse[Any]:
        """Embed ``input``. ``POST /embeddings``.

        Unless ``encoding_format`` is given, asks for base64 (about 60% smaller, no float
        parsing) and decodes to ``list[float]``, or to float32 ``numpy`` arrays that share the
        decoded buffer with ``as_numpy=True``. Float lists from a proxy that ignores the format
        are accepted as they are. ``encoding_format="float"`` gets floats on the wire;
        ``"base64"`` returns the strings undecoded.
        """
        if not model or not isinstance(model, str):
            raise TypeError("embeddings.create() needs model=<str>")
        if not input:
            raise ValueError("embeddings.create() needs a non-empty input")
        if as_numpy and encoding_format is not None:
            raise TypeError("as_numpy=True decodes base64 itself; leave encoding_format unset")
        wire_format = encoding_format or "base64"
        codec = None if encoding_format == "base64" else _decoder(as_numpy)
        body = {**params, "input": input, "model": model, "encoding_format": wire_format}
        return await self._client._call(
            CREATE, json=body, parse=lambda content: decode_embeddings(content, codec)
        )

    async def batch_iter(
        self,
        texts: Iterable[str] | AsyncIterable[str],
        *,
        model: EmbeddingModelName,
        as_numpy: bool = False,
        runner: BulkRunner | None = None,
        **options: Unpack[EmbeddingBatchParams],
    ) -> AsyncIterator[EmbeddingBatch]:
        """Embed any number of texts, streamed from an iterable, yielding batches in input order.

        Texts are grouped into requests of at most ``batch_size`` (128) texts and about
        ``max_batch_tokens`` (100,000) tokens (4 characters a token; with ``exact_tokens=True``
        each distinct text is counted by the proxy's tokenizer first, ``POST
        /utils/token_counter``: one extra call per text), sent ``concurrency`` (16)
        at a time through ``aio_litellm.bulk.BulkRunner`` (adaptive on 429/503; ``rate`` limits
        requests, ``token_rate`` tokens, per period), base64 on the wire. A request that fails
        after the client's retries yields its batch with ``error`` set; the others go on.
        Other options (``dimensions``, ``user`` ...) go into every request.
        """
        batch_size = options.pop("batch_size", 128)
        max_batch_tokens = options.pop("max_batch_tokens", 100_000)
        exact_tokens = options.pop("exact_tokens", False)
        if not model or not isinstance(model, str):
            raise TypeError("embeddings.batch_iter() needs model=<str>")
        if batch_size < 1 or max_batch_tokens < 1:
            raise ValueError("batch_size and max_batch_tokens must be >= 1")
        if as_numpy:
            _decoder(True)  # a missing numpy fails now, not in every request
        runner = runner or _runner(options)
        params = cast(
            EmbeddingCreateParams,
            {k: v for k, v in options.items() if k not in _RUNNER_OPTIONS},
        )

        async def embed(batch: tuple[int, list[str], int]) -> Any:
            response = await self.create(input=batch[1], model=model, as_numpy=as_numpy, **params)
            if len(response.data) != len(batch[1]):
                raise ValueError(
                    f"the proxy returned {len(response.data)} vectors for {len(batch[1])} texts"
                )
            vectors = [item.embedding for item in response.data]
            if as_numpy:
                import numpy as np

                return np.stack(vectors) if vectors else np.empty((0, 0), np.float32)
            return vectors

        counter: TokenCounter | None = None
        if exact_tokens:
            from .._tokens import TokenCounter

            counter = TokenCounter(self._client, model)
        batches = chunk_texts(texts, batch_size, max_batch_tokens, counter)
        async for outcome in runner.stream(embed, batches):
            start, chunk, tokens = outcome.item
            yield EmbeddingBatch(start, chunk, outcome.value, outcome.error, tokens)

    async def batch(
        self,
        texts: Iterable[str] | AsyncIterable[str],
        *,
        model: EmbeddingModelName,
        as_numpy: bool = False,
        **options: Unpack[EmbeddingBatchParams],
    ) -> BatchEmbeddings:
        """``batch_iter`` collected: every vector in input order, in memory (same options).

        With ``as_numpy=True`` the vectors are one float32 array of shape (n, dim), NaN rows
        for texts whose request failed; otherwise a list with None for those. For more texts
        than fit in memory, use ``batch_iter`` and write each batch as it comes.
        """
        runner = _runner(options)
        done = [
            item
            async for item in self.batch_iter(
                texts, model=model, as_numpy=as_numpy, runner=runner, **options
            )
        ]
        if as_numpy:
            vectors: Any = _stack(done)
        else:
            vectors = []
            for item in done:
                vectors.extend(item.vectors if item.ok else [None] * len(item.texts))
        return BatchEmbeddings(
            vectors=vectors,
            failures=[b for b in done if not b.ok],
            requests=len(done),
            elapsed=runner.result.elapsed,
            throttled=runner.result.throttled,
        )


_RUNNER_OPTIONS = frozenset({"concurrency", "rate", "token_rate", "progress", "on_progress"})


def _runner(options: EmbeddingBatchParams) -> BulkRunner:
    return BulkRunner(
        concurrency=options.get("concurrency", 16),
        rate=options.get("rate"),
        token_rate=options.get("token_rate"),
        cost=lambda batch: batch[2],
        progress=options.get("progress", False),
        progress_label="requests",
        on_progress=options.get("on_progress"),
    )


def approx_tokens(text: str) -> int:
    """A cheap token estimate (about 4 characters a token) for batching and token rates."""
    return len(text) // 4 + 1


async def chunk_texts(
    texts: Iterable[str] | AsyncIterable[str],
    batch_size: int,
    max_batch_tokens: int,
    counter: TokenCounter | None = None,
) -> AsyncIterator[tuple[int, list[str], int]]:
    """``(start index, texts, tokens)`` groups of at most ``batch_size`` texts and
    ``max_batch_tokens`` tokens (estimated, or counted by ``counter``); a single text over the
    budget goes alone. With a counter, the texts are counted a window ahead, concurrently."""
    batch: list[str] = []
    tokens = 0
    start = index = 0
    window = max(batch_size * 2, 256) if counter is not None else 1
    async for texts_ahead in _windows(texts, window):
        costs = (
            await counter.count_many(texts_ahead)
            if counter is not None
            else [approx_tokens(t) for t in texts_ahead]
        )
        for text, cost in zip(texts_ahead, costs, strict=True):
            if batch and (len(batch) >= batch_size or tokens + cost > max_batch_tokens):
                yield start, batch, tokens
                start, batch, tokens = index, [], 0
            batch.append(text)
            tokens += cost
            index += 1
    if batch:
        yield start, batch, tokens


async def _windows(
    texts: Iterable[str] | AsyncIterable[str], size: int
) -> AsyncIterator[list[str]]:
    """The texts in lists of ``size`` (the last shorter), each checked to be a str."""
    window: list[str] = []
    index = 0
    async for text in as_async_iter(texts):
        if not isinstance(text, str):
            raise TypeError(f"text {index} is {type(text).__name__}, not str")
        window.append(text)
        index += 1
        if len(window) >= size:
            yield window
            window = []
    if window:
        yield window


def _stack(batches: list[EmbeddingBatch]) -> Any:
    import numpy as np

    dim = next((b.vectors.shape[1] for b in batches if b.ok and b.vectors.size), 0)
    total = sum(len(b.texts) for b in batches)
    out = np.full((total, dim), np.nan, dtype=np.float32)
    for b in batches:
        if b.ok and b.vectors.size:
            out[b.start : b.end] = b.vectors
    return out


def _to_floats(data: bytes) -> list[float]:
    values = array("f")
    values.frombytes(data)
    if sys.byteorder == "big":
        values.byteswap()  # the wire format is little-endian float32
    return values.tolist()


class _Codec:
    """Turns one vector (base64 bytes, or a float list a proxy sent anyway) into the result
    type; built once per response so no per-item loop looks for numpy."""

    __slots__ = ("from_bytes", "from_list")

    def __init__(
        self, from_bytes: Callable[[bytes], Any], from_list: Callable[[list[float]], Any]
    ) -> None:
        self.from_bytes = from_bytes
        self.from_list = from_list


_FLOATS = _Codec(_to_floats, lambda values: values)


def _decoder(as_numpy: bool) -> _Codec:
    if not as_numpy:
        return _FLOATS
    try:
        import numpy as np
    except ImportError:  # pragma: no cover - exercised only without the numpy extra
        raise ImportError("as_numpy=True needs numpy: pip install 'aio-litellm[numpy]'") from None
    dtype = np.dtype("<f4")
    return _Codec(
        lambda data: np.frombuffer(data, dtype=dtype),
        lambda values: np.asarray(values, dtype=dtype),
    )


def decode_embeddings(content: bytes, codec: _Codec | None) -> CreateEmbeddingResponse[Any]:
    """Parse an embeddings body without validating every float. ``codec`` decodes the vectors;
    None keeps base64 strings as they came."""
    raw = _jsonutil.loads(content)
    if not isinstance(raw, dict) or not isinstance(raw.get("data", []), list):
        raise ValueError("an embeddings response is an object with a 'data' list")
    items: list[Embedding[Any]] = []
    for item in raw.get("data") or ():
        vector = item.get("embedding")
        if isinstance(vector, str):
            if codec is not None:
                vector = codec.from_bytes(base64.b64decode(vector))
        elif isinstance(vector, list):
            if codec is not None:
                vector = codec.from_list(vector)
        else:
            raise ValueError(f"embedding {item.get('index')} is neither a list nor base64")
        items.append(
            Embedding[Any].model_construct(
                index=item.get("index", len(items)), embedding=vector, object="embedding"
            )
        )
    items.sort(key=lambda e: e.index)
    usage = raw.get("usage")
    extra = {k: v for k, v in raw.items() if k not in ("data", "usage", "model", "object")}
    return CreateEmbeddingResponse[Any].model_construct(
        data=items,
        model=raw.get("model"),
        object=raw.get("object", "list"),
        usage=EmbeddingUsage.model_validate(usage) if isinstance(usage, dict) else None,
        **extra,
    )
