"""Property-based tests: the decoder, the Retry-After parser and path escaping, for any input."""

from __future__ import annotations

import math
from urllib.parse import unquote

from hypothesis import given, settings
from hypothesis import strategies as st
from multidict import CIMultiDict, CIMultiDictProxy

from aio_litellm import RetryPolicy, ServerSentEvent, SSEDecoder, parse_retry_after
from aio_litellm._endpoint import format_path
from aio_litellm._exceptions import make_status_error
from aio_litellm._retry import should_retry

# Event text without line breaks (a data value cannot hold one; multi-line data is lines).
line_text = st.text(
    alphabet=st.characters(blacklist_characters="\r\n\x00", blacklist_categories=("Cs",)),
    max_size=30,
)
events = st.lists(
    st.tuples(
        st.one_of(st.none(), line_text.filter(lambda s: s and not s.startswith(" "))),
        st.lists(line_text, min_size=1, max_size=3),
    ),
    min_size=1,
    max_size=6,
)


def encode(items: list[tuple[str | None, list[str]]], newline: bytes) -> bytes:
    out = b""
    for name, lines in items:
        if name is not None:
            out += b"event: " + name.encode() + newline
        out += b": a comment" + newline
        for line in lines:
            out += b"data: " + line.encode() + newline
        out += newline
    return out


def decode(chunks: list[bytes]) -> list[ServerSentEvent]:
    decoder = SSEDecoder()
    found = [e for c in chunks for e in decoder.feed(c)]
    decoder.flush()
    return found


@settings(max_examples=300, deadline=None)
@given(
    events, st.sampled_from([b"\n", b"\r\n", b"\r"]), st.lists(st.integers(0, 10_000), max_size=8)
)
def test_sse_decoding_ignores_how_the_bytes_are_split(
    items: list[tuple[str | None, list[str]]], newline: bytes, cuts: list[int]
) -> None:
    data = encode(items, newline)
    points = sorted({c % (len(data) + 1) for c in cuts})
    chunks = [data[a:b] for a, b in zip([0, *points], [*points, len(data)], strict=True)]
    expected = [ServerSentEvent("\n".join(lines), name or None) for name, lines in items]
    assert decode([data]) == expected
    assert decode(chunks) == expected


@settings(max_examples=500, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["retry-after", "retry-after-ms", "llm_provider-retry-after", "x-other"]),
        st.one_of(st.text(max_size=40), st.floats(allow_nan=True).map(str), st.integers().map(str)),
    )
)
def test_retry_after_never_raises_or_goes_negative(headers: dict[str, str]) -> None:
    wait = parse_retry_after(headers)
    assert wait is None or (wait >= 0 and not math.isnan(wait))
    policy = RetryPolicy(max_retry_after=60)
    error = make_status_error(429, CIMultiDictProxy(CIMultiDict(headers)), None)
    if wait is not None and wait > policy.max_retry_after:
        assert not should_retry(error, retry_safe=True, policy=policy)  # capped: fail fast


@settings(max_examples=500, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(lambda s: "\x00" not in s))
def test_path_parameters_never_change_the_route(value: str) -> None:
    path = format_path("/team/{team_id}/callback", {"team_id": value})
    prefix, segment, suffix = path.split("/")[1], path.split("/")[2], path.split("/")[3:]
    assert (prefix, suffix) == ("team", ["callback"])  # still exactly three segments
    assert "?" not in path and "#" not in path
    assert segment not in (".", "..")
    assert unquote(segment) == value  # and it decodes to exactly what was passed
