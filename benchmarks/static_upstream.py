"""The benchmark's upstream when nginx is not installed: serves a directory's files to any
method (``python benchmarks/static_upstream.py ROOT PORT``). Slower than nginx; the report
names which one ran."""

from __future__ import annotations

import sys
from pathlib import Path

from aiohttp import web


def main() -> None:
    root, port = Path(sys.argv[1]), int(sys.argv[2])
    cache = {"/" + str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    async def serve(request: web.Request) -> web.Response:
        await request.read()
        body = cache.get(request.path)
        if body is None:
            return web.Response(status=404)
        kind = "text/event-stream" if request.path.startswith("/stream/") else "application/json"
        return web.Response(body=body, content_type=kind)

    app = web.Application(client_max_size=16 * 1024 * 1024)
    app.router.add_route("*", "/{tail:.*}", serve)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)


if __name__ == "__main__":
    main()
