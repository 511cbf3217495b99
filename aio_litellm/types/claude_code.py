"""Parameters and results of ``client.claude_code`` (the Claude Code plugin/skill
marketplace)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

from typing_extensions import Required, TypedDict

from .._models import BaseModel, Response
from .params.claude_code import (
    ClaudeCodeMarketplaceJsonQuery,
    ClaudeCodePluginsDownloadsQuery,
    ClaudeCodePluginsPostParams,
    ClaudeCodePluginsPutParams,
    ClaudeCodePluginsQuery,
)

__all__ = [
    "Marketplace",
    "MarketplaceOwner",
    "MarketplaceParams",
    "MarketplacePlugin",
    "Plugin",
    "PluginAuthor",
    "PluginAuthorParam",
    "PluginCreateParams",
    "PluginDownload",
    "PluginDownloads",
    "PluginDownloadsParams",
    "PluginList",
    "PluginListParams",
    "PluginRegistered",
    "PluginStatus",
    "PluginUpdateParams",
    "PluginUploadParams",
]

MarketplaceParams = ClaudeCodeMarketplaceJsonQuery
PluginListParams = ClaudeCodePluginsQuery
PluginCreateParams = ClaudeCodePluginsPostParams
PluginUpdateParams = ClaudeCodePluginsPutParams
PluginDownloadsParams = ClaudeCodePluginsDownloadsQuery


class PluginAuthorParam(TypedDict, total=False):
    name: Required[str]
    email: str


class PluginUploadParams(TypedDict, total=False):
    """The ``metadata`` part of ``POST /claude-code/plugins/upload`` (the OpenAPI document
    does not describe it): the proxy builds the ``source`` from the uploaded ZIP."""

    name: Required[str]
    """Kebab-case: ``[a-z0-9-]+``."""
    version: str | None
    description: str | None
    author: PluginAuthorParam | None
    homepage: str | None
    keywords: Sequence[str] | None
    category: str | None
    domain: str | None
    namespace: str | None
    installation_preference: Literal["available", "auto_install", "required"] | None


class PluginAuthor(BaseModel):
    name: str | None = None
    email: str | None = None


class Plugin(Response):
    """A plugin (skill) of the marketplace. ``source`` says where Claude Code fetches it:
    ``{"source": "github", "repo": ...}``, ``{"source": "archive", "url": ..., "sha256": ...}``
    (an uploaded ZIP) ..."""

    id: str | None = None
    name: str | None = None
    version: str | None = None
    description: str | None = None
    source: dict[str, Any] | None = None
    author: PluginAuthor | None = None
    homepage: str | None = None
    keywords: list[str] | None = None
    category: str | None = None
    domain: str | None = None
    namespace: str | None = None
    installation_preference: str | None = None
    enabled: bool | None = None
    created_at: str | None = None
    updated_at: str | None = None
    created_by: str | None = None
    download_count: int | None = None


class PluginList(Response):
    """Every plugin visible to the caller, newest first (the route does not page)."""

    plugins: list[Plugin] = []
    count: int | None = None


class PluginRegistered(Response):
    """The answer to a create, upload or update: ``action`` is ``created`` or ``updated``."""

    status: str | None = None
    action: str | None = None
    plugin: Plugin | None = None


class PluginStatus(Response):
    """The answer to enable, disable and delete: ``{"status": "success", "message": ...}``."""

    status: str | None = None
    message: str | None = None


class PluginDownload(BaseModel):
    """One authenticated download of an uploaded ZIP."""

    id: str | None = None
    downloaded_at: str | None = None
    version: str | None = None
    digest: str | None = None
    authenticated: bool | None = None
    user_id: str | None = None
    user_email: str | None = None
    key_alias: str | None = None
    team_id: str | None = None
    team_alias: str | None = None


class PluginDownloads(Response):
    """Download totals and one page of the history (``next_cursor``: the next page's)."""

    total_downloads: int | None = None
    anonymous_downloads: int | None = None
    downloads: list[PluginDownload] = []
    next_cursor: str | None = None


class MarketplaceOwner(BaseModel):
    name: str | None = None
    email: str | None = None


class MarketplacePlugin(BaseModel):
    """A ``marketplace.json`` entry (``installationPreference`` spelled as Claude reads it)."""

    name: str | None = None
    source: dict[str, Any] | None = None
    version: str | None = None
    description: str | None = None
    author: PluginAuthor | None = None
    homepage: str | None = None
    keywords: list[str] | None = None
    category: str | None = None
    installationPreference: str | None = None  # the wire name


class Marketplace(Response):
    """The catalog Claude Code reads (``claude plugin marketplace add <url>``)."""

    name: str | None = None
    owner: MarketplaceOwner | None = None
    plugins: list[MarketplacePlugin] = []
