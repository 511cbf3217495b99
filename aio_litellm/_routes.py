"""The table of every endpoint the client declares (``python -m aio_litellm routes``)."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from ._endpoint import REGISTRY, Endpoint

__all__ = ["all_endpoints", "route_lines"]


def all_endpoints() -> list[Endpoint[Any]]:
    """Every declared endpoint, after importing every resource module."""
    from . import resources

    for module in pkgutil.iter_modules(resources.__path__):
        importlib.import_module(f"{resources.__name__}.{module.name}")
    return sorted(REGISTRY, key=lambda ep: (ep.path, ep.method))


def route_lines() -> list[str]:
    """``METHOD<TAB>PATH<TAB>client.attr`` per endpoint, paths as in the proxy's route table."""
    return [f"{ep.method}\t{ep.path}\tclient.{ep.attr}" for ep in all_endpoints()]
