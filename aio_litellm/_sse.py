"""The WHATWG server-sent-events wire format, decoded incrementally: bytes in as they arrive,
events out as they complete (``_streaming`` builds typed streams on it)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EventTooLarge", "RawEvent", "SSEDecoder", "ServerSentEvent"]

_BOM = b"\xef\xbb\xbf"

RawEvent = tuple[bytes | None, bytes, str | None, int | None]


@dataclass(frozen=True, slots=True)
class ServerSentEvent:
    """One dispatched event. ``event`` is None when the stream named no type ("message")."""

    data: str
    event: str | None = None
    id: str | None = None
    retry: int | None = None


class EventTooLarge(ValueError):
    """One event (or one line) of a stream grew past the decoder's ``max_event_size``."""

    def __init__(self, size: int, limit: int, events: list[RawEvent]) -> None:
        super().__init__(f"a stream event of {size:,}+ bytes exceeds max_event_size={limit:,}")
        self.size = size
        self.limit = limit
        self.events = events
        """The events completed before the oversized one, in ``feed_raw``'s form."""


class SSEDecoder:
    """Incremental decoder: feed bytes as they arrive, get events as they complete.

    Follows the WHATWG rules: an optional UTF-8 BOM first, CR, LF and CRLF line ends (also split
    across chunks), ``data`` lines joined with LF, one leading space after the colon dropped,
    ``:`` comments ignored, ``id`` with NUL ignored, ``retry`` only when all digits, an event with
    no data not dispatched. ``max_event_size`` bounds what one event (or unfinished line) may
    hold; past it ``feed`` raises ``EventTooLarge``.
    """

    __slots__ = (
        "_data",
        "_event",
        "_id",
        "_parts",
        "_parts_size",
        "_retry",
        "_skip_lf",
        "_start",
        "max_event_size",
    )

    def __init__(self, *, max_event_size: int | None = None) -> None:
        # The unfinished last line, in the pieces it arrived in: joined once when its line
        # ends, so a long line costs linear time, not a re-join per chunk.
        self._parts: list[bytes] = []
        self._parts_size = 0
        self._start = True
        self._skip_lf = False
        self._data: list[bytes] = []
        self._event: bytes | None = None
        self._id: str | None = None
        self._retry: int | None = None
        self.max_event_size = max_event_size

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """Events completed by ``chunk``."""
        return [
            ServerSentEvent(
                data.decode("utf-8", "replace"),
                event.decode("utf-8", "replace") if event else None,
                last_id,
                retry,
            )
            for event, data, last_id, retry in self.feed_raw(chunk)
        ]

    def feed_raw(self, chunk: bytes) -> list[RawEvent]:
        """Like ``feed``, as ``(event, data, id, retry)`` with bytes left undecoded: the
        stream's hot path hands ``data`` straight to the JSON parser."""
        if self._start:
            chunk = self._strip_bom(chunk)
        if self._skip_lf and chunk[:1] == b"\n":
            chunk = chunk[1:]
        self._skip_lf = False
        if not chunk:
            return []
        parts = self._parts
        if not parts:
            data = chunk
        elif b"\n" not in chunk and b"\r" not in chunk:  # the pending line goes on
            parts.append(chunk)
            self._parts_size += len(chunk)
            if self.max_event_size is not None:
                self._check_size([])
            return []
        else:
            parts.append(chunk)
            data = b"".join(parts)
            parts.clear()
        events: list[RawEvent] = []
        if b"\r" in data:
            self._lines([line.rstrip(b"\r\n") for line in self._split_any(data)], events)
        elif self._data or self._event is not None:
            # LF only, inside an event: line by line; the last piece is the unfinished line.
            lines = data.split(b"\n")
            last = lines.pop()
            if last:
                parts.append(last)
            self._lines(lines, events)
        else:
            # The hot case, LF only between events: split into whole events at once. One that
            # is a single "data: ..." line needs no line-by-line pass; the rest (fields,
            # several data lines) takes it. What follows the last blank line waits whole.
            blocks = data.split(b"\n\n")
            tail = blocks.pop()
            for block in blocks:
                if block[:6] == b"data: " and b"\n" not in block:
                    events.append((None, block[6:], self._id, self._retry))
                else:
                    self._lines([*block.split(b"\n"), b""], events)
            if tail:
                parts.append(tail)
        self._parts_size = len(parts[0]) if parts else 0
        if self.max_event_size is not None and (parts or self._data):
            self._check_size(events)
        return events

    def feed_data(self, chunk: bytes) -> list[bytes] | None:
        """The hot path of chat streams: when ``chunk`` (with what is pending) holds nothing but
        single-line ``data: ...`` events and LF line ends, their data, in order; else ``None``
        with nothing consumed (then ``feed_raw`` takes the chunk). Split in C, not per line:
        the events' data are what lies between ``data: `` and the blank line after it, and
        no event has a line break inside (counted: two per event)."""
        if self._skip_lf or self._data or self._event is not None:
            return None
        parts = self._parts
        if self._start:  # the first bytes: a BOM, or a piece of one, is feed_raw's to strip
            if parts or _BOM.startswith(chunk[:3]):
                return None
            self._start = False
        data = b"".join((*parts, chunk)) if parts else chunk
        end = data.rfind(b"\n\n")
        if end < 0:
            head, tail, datas = b"", data, []
        else:
            head, tail = data[:end], data[end + 2 :]
            datas = head[6:].split(b"\n\ndata: ")
            if not head.startswith(b"data: ") or head.count(b"\n") != 2 * len(datas) - 2:
                return None
        if b"\r" in data or (self.max_event_size is not None and len(tail) > self.max_event_size):
            return None
        self._parts = [tail] if tail else []
        self._parts_size = len(tail)
        return datas

    def _lines(self, lines: list[bytes], events: list[RawEvent]) -> None:
        append = self._data.append
        for line in lines:
            if line[:5] == b"data:":
                value = line[5:]
                append(value[1:] if value[:1] == b" " else value)
            elif not line:
                event = self._dispatch()
                append = self._data.append  # _dispatch started a new list
                if event is not None:
                    events.append(event)
            else:
                self._field(line)

    def _strip_bom(self, chunk: bytes) -> bytes:
        # The BOM may itself arrive split over the first chunks.
        head = b"".join(self._parts) + chunk if self._parts else chunk
        if len(head) < len(_BOM) and _BOM.startswith(head):
            self._parts = [head] if head else []
            self._parts_size = len(head)
            return b""
        self._start = False
        self._parts = []
        self._parts_size = 0
        return head[len(_BOM) :] if head.startswith(_BOM) else head

    def _check_size(self, events: list[RawEvent]) -> None:
        limit = self.max_event_size
        assert limit is not None
        size = self._parts_size
        if self._data:
            size += sum(len(d) for d in self._data)
        if size > limit:
            raise EventTooLarge(size, limit, events)

    def _split_any(self, data: bytes) -> list[bytes]:
        lines = data.splitlines(keepends=True)
        last = lines[-1]
        if last[-1:] in (b"\r", b"\n"):
            # A CR at the very end may be the first half of a CRLF split across chunks.
            self._skip_lf = last[-1:] == b"\r"
        else:
            self._parts.append(lines.pop())
        return lines

    def flush(self) -> None:
        """End of stream: an event not ended by a blank line is discarded, as the spec says."""
        self._parts = []
        self._parts_size = 0
        self._skip_lf = False
        self._data = []
        self._event = None

    def _field(self, line: bytes) -> None:
        if line[:1] == b":":
            return  # a comment
        name, colon, value = line.partition(b":")
        if colon and value[:1] == b" ":
            value = value[1:]
        if name == b"data":
            self._data.append(value)
        elif name == b"event":
            self._event = value
        elif name == b"id" and b"\0" not in value:
            self._id = value.decode("utf-8", "replace")
        elif name == b"retry" and value.isdigit():
            self._retry = int(value)

    def _dispatch(self) -> RawEvent | None:
        data, event = self._data, self._event
        self._data = []
        self._event = None
        if not data:
            return None
        return (event, data[0] if len(data) == 1 else b"\n".join(data), self._id, self._retry)
