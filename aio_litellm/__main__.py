"""``python -m aio_litellm routes``: print the route table."""

from __future__ import annotations

import argparse
import sys

from ._routes import route_lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="aio-litellm", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("routes", help="print METHOD<TAB>PATH<TAB>client.method for every endpoint")
    args = parser.parse_args(argv)
    if args.command == "routes":
        sys.stdout.write("".join(line + "\n" for line in route_lines()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
