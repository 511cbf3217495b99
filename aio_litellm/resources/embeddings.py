"""``client.embeddings``: vectors, fetched as base64 and decoded without a JSON float list."""

from __future__ import annotations

import base64
import sys
from array import array
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

from typing_extensions import Unpack

from .. import _jsonutil
from .._endpoint import Endpoint
from .._resource import Resource
from ..types.embeddings import (
    CreateEmbeddingResponse,
    Embedding,
    EmbeddingCreateParams,
    EmbeddingUsage,
)

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float32]

__all__ = ["Embeddings", "decode_embeddings"]

CREATE = Endpoint("POST", "/embeddings", CreateEmbeddingResponse, "embeddings.create")

EmbeddingInput = str | Sequence[str] | Sequence[int] | Sequence[Sequence[int]]


class Embeddings(Resource):
    __slots__ = ()

    @overload
    async def create(
        self,
        *,
        input: EmbeddingInput,
        model: str,
        encoding_format: Literal["float"] | None = None,
        as_numpy: Literal[False] = False,
        **params: Unpack[EmbeddingCreateParams],
    ) -> CreateEmbeddingResponse[list[float]]: ...

    @overload
    async def create(
        self,
        *,
        input: EmbeddingInput,
        model: str,
        encoding_format: None = None,
        as_numpy: Literal[True],
        **params: Unpack[EmbeddingCreateParams],
    ) -> CreateEmbeddingResponse[FloatArray]: ...

    @overload
    async def create(
        self,
        *,
        input: EmbeddingInput,
        model: str,
        encoding_format: Literal["base64"],
        as_numpy: Literal[False] = False,
        **params: Unpack[EmbeddingCreateParams],
    ) -> CreateEmbeddingResponse[str]: ...

    async def create(
        self,
        *,
        input: EmbeddingInput,
        model: str,
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
