"""OpenAI Batch files: input lines validated as a whole, output lines in the Batch output format.

An input line is ``{"custom_id", "method": "POST", "url", "body"}``; an output line is
``{"id", "custom_id", "response": {"status_code", "request_id", "body"}, "error"}``. The output
``id`` is ``batch_req_`` + a digest of the line's custom_id, method, url and body, so an output
line says which version of its input line it answers: an edited body (model included) no longer
matches and is run again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import _jsonutil
from ._jobfiles import UsageError

__all__ = [
    "URLS",
    "BatchFileError",
    "BatchLine",
    "completion_allowance",
    "estimate_tokens",
    "failed",
    "output_line",
    "prompt_text",
    "read_output",
    "validate_file",
]


# Batch ``url`` (as OpenAI writes it, or without /v1) -> the client's route for it. Every
# JSON-body route the client types whose answer is a JSON object.
URLS: dict[str, str] = {
    "/v1/chat/completions": "/chat/completions",
    "/v1/completions": "/completions",
    "/v1/embeddings": "/embeddings",
    "/v1/responses": "/responses",
    "/v1/moderations": "/moderations",
    "/v1/rerank": "/rerank",
    "/v1/images/generations": "/images/generations",
    "/v1/messages": "/v1/messages",
}
for _url, _route in list(URLS.items()):
    URLS.setdefault(_url.removeprefix("/v1"), _route)


class BatchFileError(UsageError, ValueError):
    """An input line that cannot be run (exit status 2): the message names file and line."""


@dataclass(frozen=True, slots=True)
class BatchLine:
    """One request of an input file; ``line`` is its 1-based line number."""

    line: int
    custom_id: str
    method: str
    url: str
    body: dict[str, Any]
    digest: str
    """Of custom_id, method, url and body (canonical JSON): the version of this request."""

    @property
    def route(self) -> str:
        """The client's path for ``url``."""
        return URLS[self.url]

    @property
    def output_id(self) -> str:
        return f"batch_req_{self.digest[:32]}"


def _digest(custom_id: str, method: str, url: str, body: Any) -> str:
    import orjson

    canonical = orjson.dumps([custom_id, method, url, body], option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(canonical).hexdigest()


def check_line(source: object, number: int, value: Any, seen: dict[str, int]) -> BatchLine:
    """One parsed input line (line ``number`` of ``source``, named in errors) as a
    ``BatchLine``; ``seen`` maps the custom_ids met so far to their line numbers."""
    where = f"{source}:{number}"
    if not isinstance(value, dict):
        raise BatchFileError(f"{where}: a line must be a JSON object, not {type(value).__name__}")
    custom_id = value.get("custom_id")
    if custom_id is None or custom_id == "":
        raise BatchFileError(f"{where}: missing custom_id")
    if not isinstance(custom_id, str):
        raise BatchFileError(f"{where}: custom_id must be a string")
    if custom_id in seen:
        raise BatchFileError(
            f"{where}: duplicate custom_id {custom_id!r} (first on line {seen[custom_id]})"
        )
    method = value.get("method", "POST")
    if method != "POST":
        raise BatchFileError(f"{where}: method must be POST, not {method!r}")
    url = value.get("url")
    if not isinstance(url, str) or url not in URLS:
        known = ", ".join(u for u in URLS if u.startswith("/v1/"))
        raise BatchFileError(f"{where}: unknown url {url!r} (known: {known})")
    body = value.get("body")
    if not isinstance(body, dict):
        raise BatchFileError(f"{where}: body must be a JSON object, not {type(body).__name__}")
    if body.get("stream"):
        raise BatchFileError(f"{where}: body.stream is not supported (a line gets one answer)")
    seen[custom_id] = number
    return BatchLine(number, custom_id, method, url, body, _digest(custom_id, method, url, body))


def validate_file(path: str | os.PathLike[str]) -> list[BatchLine]:
    """Every line of an input file, checked before anything is sent.

    Raises ``BatchFileError`` (a ``UsageError``) on the first bad line: not JSON, not an object,
    missing or duplicate ``custom_id``, a method other than POST, an unknown ``url``, a body that
    is not an object or asks for a stream. Blank lines are skipped.
    """
    path = Path(path)
    if not path.is_file():
        raise BatchFileError(f"no such file: {path}")
    lines: list[BatchLine] = []
    seen: dict[str, int] = {}
    with path.open("rb") as f:
        for number, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                value = _jsonutil.loads(raw)
            except _jsonutil.JSONDecodeError as exc:
                raise BatchFileError(f"{path}:{number}: not JSON: {exc}") from None
            lines.append(check_line(path, number, value, seen))
    if not lines:
        raise BatchFileError(f"{path}: no requests")
    return lines


def output_line(
    line: BatchLine,
    *,
    status_code: int | None,
    request_id: str | None,
    body: Any,
    error: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The Batch output record for ``line``: ``response`` is None when no answer came (then
    ``error`` says why); an error status keeps its answer in ``response`` and sets ``error``."""
    response = (
        None
        if status_code is None
        else {"status_code": status_code, "request_id": request_id, "body": body}
    )
    return {"id": line.output_id, "custom_id": line.custom_id, "response": response, "error": error}


def failed(record: dict[str, Any]) -> bool:
    """Whether an output record is a failure (an error, or an answer with an error status)."""
    response = record.get("response")
    status = response.get("status_code") if isinstance(response, dict) else None
    return record.get("error") is not None or not isinstance(status, int) or status >= 400


def read_output(path: str | os.PathLike[str]) -> Iterator[tuple[int, bytes, dict[str, Any]]]:
    """The complete records of an output file: (byte offset, raw line, parsed record).

    A last line without its newline (torn by a kill) is not a record. Any other line that is not
    a JSON object with a custom_id is an error: the file is not an output of ``run``.
    """
    path = Path(path)
    offset = 0
    with path.open("rb") as f:
        for number, raw in enumerate(f, 1):
            start, offset = offset, offset + len(raw)
            if not raw.endswith(b"\n"):
                return
            try:
                record = _jsonutil.loads(raw)
            except _jsonutil.JSONDecodeError:
                record = None
            if not isinstance(record, dict) or not isinstance(record.get("custom_id"), str):
                raise BatchFileError(f"{path}:{number}: not a batch output line")
            yield start, raw, record


# Body fields that are settings, not text the model reads.
_NOT_TEXT = frozenset(
    {"model", "user", "encoding_format", "response_format", "tool_choice", "role", "type", "id"}
)


def _texts(value: Any, key: str | None = None) -> Iterator[str]:
    if key in _NOT_TEXT:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v, key)


def prompt_text(body: dict[str, Any]) -> str:
    """The text of a body the model reads (messages, prompt, input, query, documents...)."""
    return "\n".join(_texts(body))


def completion_allowance(body: dict[str, Any]) -> int:
    """The completion tokens a body allows (``max_tokens`` and the like, times ``n``); 0 when
    it sets no bound."""
    for name in ("max_completion_tokens", "max_tokens", "max_output_tokens"):
        value = body.get(name)
        if isinstance(value, int) and value > 0:
            n = body.get("n")
            return value * (n if isinstance(n, int) and n > 0 else 1)
    return 0


def estimate_tokens(body: dict[str, Any]) -> int:
    """A cheap estimate of a request's tokens: its text at about 4 characters a token, plus the
    completion it allows."""
    return sum(len(text) // 4 + 1 for text in _texts(body)) + completion_allowance(body)
