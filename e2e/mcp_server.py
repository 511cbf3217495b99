"""A tiny MCP server (the SDK's ``MCPServer``, streamable HTTP at ``/mcp``) for the MCP tests.

Tools: ``add(a, b)`` and ``echo(text)``. ``python -m e2e.mcp_server PORT`` serves it on
127.0.0.1; ``build()`` gives the app for an in-process server.
"""

from __future__ import annotations

import sys

from mcp.server.mcpserver import MCPServer

__all__ = ["build", "main"]


def build() -> MCPServer:
    server = MCPServer("aio-litellm-test")

    @server.tool()
    def add(a: int, b: int) -> int:
        """Add two integers."""
        return a + b

    @server.tool()
    def echo(text: str) -> str:
        """Return the text unchanged."""
        return text

    return server


def main(argv: list[str]) -> None:
    port = int(argv[1])
    build().run("streamable-http", host="127.0.0.1", port=port)


if __name__ == "__main__":
    main(sys.argv)
