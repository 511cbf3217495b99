"""The ``aio_litellm`` logger and the redaction of secrets in anything it or an error prints."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode

__all__ = ["Redactor", "logger", "setup_logging"]

logger = logging.getLogger("aio_litellm")

_REDACTED = "[redacted]"
# Query or body names whose values are credentials (``/key/info?key=sk-...``).
_SECRET_NAMES = frozenset(
    {"key", "api_key", "token", "new_key", "new_master_key", "master_key", "keys", "authorization"}
)
# LiteLLM virtual keys and bearer tokens that a server may echo back in a message.
_TOKEN_RE = re.compile(r"(?i)(bearer\s+)[^\s,;\"']+|\bsk-[A-Za-z0-9_\-]{6,}")


def setup_logging() -> None:
    """Enable debug logging to stderr when ``AIO_LITELLM_LOG=debug`` (or ``info``) is set."""
    level = os.environ.get("AIO_LITELLM_LOG", "").strip().upper()
    if level not in ("DEBUG", "INFO"):
        return
    logger.setLevel(level)
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(
            logging.Formatter("[%(asctime)s - %(name)s:%(lineno)d - %(levelname)s] %(message)s")
        )
        logger.addHandler(handler)


class Redactor:
    """Removes the client's secrets from text: known values first, then key-shaped tokens."""

    __slots__ = ("_secrets",)

    def __init__(self, secrets: Iterable[str | None]) -> None:
        # Longest first, so a secret that contains another is removed whole.
        self._secrets = tuple(
            sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)
        )

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, _REDACTED)
        return _TOKEN_RE.sub(_mask_token, text)

    def url(self, url: str) -> str:
        """The URL with credential-like query values replaced."""
        base, sep, query = url.partition("?")
        if not sep:
            return self(url)
        pairs = [
            (k, _REDACTED if k.lower() in _SECRET_NAMES else v)
            for k, v in parse_qsl(query, keep_blank_values=True)
        ]
        return self(base) + "?" + urlencode(pairs, safe="[]")


def _mask_token(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1) + _REDACTED
    return "sk-" + _REDACTED


def mask_key(key: str | None) -> str:
    """A printable stand-in for an API key: enough to tell keys apart, not to use one."""
    if not key:
        return "None"
    return f"'{key[:3]}...{key[-2:]}'" if len(key) > 12 else "'***'"
