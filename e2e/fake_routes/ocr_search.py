"""Upstream OCR (Mistral's ``POST /v1/ocr``) and web search (Tavily's ``POST /search``).

OCR answers one page per requested page (two by default) whose markdown names the document: the
URL, or for an uploaded file (which LiteLLM sends as a base64 ``data:`` URL) its decoded text.
Search answers ``max_results`` results (default 3) whose titles carry the query."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from aiohttp import web

from ._openai import Add, read_json

SEARCHES: list[dict[str, Any]] = []  # every search body received, for the tests to inspect


def _source(document: dict[str, Any]) -> str:
    url = str(document.get("document_url") or document.get("image_url") or "")
    if isinstance(document.get("image_url"), dict):
        url = str(document["image_url"].get("url", ""))
    if url.startswith("data:") and "," in url:
        try:
            data = base64.b64decode(url.split(",", 1)[1])
            return "upload: " + data.decode("utf-8", "replace")
        except (binascii.Error, ValueError):
            return "upload: (not base64)"
    return url


async def ocr(request: web.Request) -> web.StreamResponse:
    body = await read_json(request)
    document = body.get("document")
    if not isinstance(document, dict):
        err = {"message": "document is required", "type": "invalid_request_error"}
        return web.json_response({"error": err}, status=422)
    source = _source(document)
    pages = body.get("pages") or [0, 1]
    return web.json_response(
        {
            "pages": [
                {
                    "index": n,
                    "markdown": f"# Page {n + 1}\n\n{source}",
                    "images": [],
                    "dimensions": {"dpi": 200, "height": 2200, "width": 1700},
                }
                for n in pages
            ],
            "model": body.get("model", "mistral-ocr-latest"),
            "document_annotation": None,
            "usage_info": {"pages_processed": len(pages), "doc_size_bytes": len(source)},
        }
    )


async def search(request: web.Request) -> web.StreamResponse:
    body = await read_json(request)
    SEARCHES.append(body)
    query = str(body.get("query", ""))
    count = int(body.get("max_results") or 3)
    domains = body.get("include_domains") or ["example.com"]
    return web.json_response(
        {
            "query": query,
            "answer": f"an answer to {query}",
            "images": [],
            "results": [
                {
                    "title": f"{query} #{n}",
                    "url": f"https://{domains[n % len(domains)]}/{n}",
                    "content": f"snippet {n} about {query}",
                    "score": round(1 - n / 10, 2),
                    "raw_content": None,
                }
                for n in range(count)
            ],
            "response_time": 0.01,
            "request_id": "tavily-fake",
        }
    )


def register(add: Add) -> None:
    add("POST", "/ocr", ocr)
    add("POST", "/search", search)
