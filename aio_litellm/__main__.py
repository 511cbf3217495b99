"""``python -m aio_litellm``: the ``aio-litellm`` command line (see ``aio_litellm.cli``)."""

from __future__ import annotations

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
