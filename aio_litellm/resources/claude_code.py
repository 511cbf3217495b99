"""``client.claude_code``: the Claude Code plugin (skill) marketplace
(``/claude-code/*``)."""

from __future__ import annotations

from typing import Any

from typing_extensions import Unpack

from .. import _jsonutil
from .._endpoint import Endpoint
from .._multipart import FileTypes
from .._pagination import AsyncPager, CursorStyle, endpoint_pager
from .._resource import Resource, group, require
from .._streaming import Download
from ..types.claude_code import (
    Marketplace,
    MarketplaceParams,
    Plugin,
    PluginCreateParams,
    PluginDownload,
    PluginDownloads,
    PluginDownloadsParams,
    PluginList,
    PluginListParams,
    PluginRegistered,
    PluginStatus,
    PluginUpdateParams,
    PluginUploadParams,
)

__all__ = ["ClaudeCode", "ClaudeCodePlugins"]

_PLUGIN = "/claude-code/plugins/{plugin_name}"

MARKETPLACE = Endpoint(
    "GET", "/claude-code/marketplace.json", Marketplace, "claude_code.marketplace"
)
LIST = Endpoint("GET", "/claude-code/plugins", PluginList, "claude_code.plugins.list")
# A create or upload that timed out may have been stored: sent again it would answer 409.
CREATE = Endpoint(
    "POST", "/claude-code/plugins", PluginRegistered, "claude_code.plugins.create", retry_safe=False
)
UPLOAD = Endpoint(
    "POST",
    "/claude-code/plugins/upload",
    PluginRegistered,
    "claude_code.plugins.upload",
    retry_safe=False,
)
RETRIEVE = Endpoint("GET", _PLUGIN, Plugin, "claude_code.plugins.retrieve")
# An update without ``version`` bumps the published patch version: twice, it bumps twice.
UPDATE = Endpoint("PUT", _PLUGIN, PluginRegistered, "claude_code.plugins.update", retry_safe=False)
DELETE = Endpoint("DELETE", _PLUGIN, PluginStatus, "claude_code.plugins.delete")
ENABLE = Endpoint("POST", _PLUGIN + "/enable", PluginStatus, "claude_code.plugins.enable")
DISABLE = Endpoint("POST", _PLUGIN + "/disable", PluginStatus, "claude_code.plugins.disable")
# Also read as a stream by ``plugins.archive_stream``. Each read counts as a download.
ARCHIVE = Endpoint("GET", _PLUGIN + "/archive/{digest}.zip", bytes, "claude_code.plugins.archive")
DOWNLOADS = Endpoint(
    "GET", _PLUGIN + "/downloads", PluginDownloads, "claude_code.plugins.downloads"
)

# ``next_cursor`` is both "there is more" and where the next page starts.
_DOWNLOAD_PAGES = CursorStyle(
    items="downloads", after_param="cursor", has_more="next_cursor", last_id="next_cursor"
)


class ClaudeCodePlugins(Resource):
    """Marketplace plugins (``/claude-code/plugins``). Writes and download history are for
    proxy admins."""

    __slots__ = ()

    async def list(self, **params: Unpack[PluginListParams]) -> PluginList:
        """Every plugin visible to the caller (``enabled_only``), newest first, in one answer.
        ``GET /claude-code/plugins``."""
        return await self._client._call(LIST, query=params)

    async def create(self, **params: Unpack[PluginCreateParams]) -> PluginRegistered:
        """Register a plugin hosted elsewhere (``source``: github, git url, git-subdir or an
        https ZIP archive). ``POST /claude-code/plugins``."""
        require("claude_code.plugins.create", params, "name", "source")
        return await self._client._call(CREATE, json=params)

    async def upload(
        self, file: FileTypes, **metadata: Unpack[PluginUploadParams]
    ) -> PluginRegistered:
        """Create a skill from a ZIP (``SKILL.md`` at its root or in one folder, at most
        10 MiB) stored by the proxy, which serves it under ``source.url``.
        ``POST /claude-code/plugins/upload`` (multipart: ``file`` and JSON ``metadata``)."""
        require("claude_code.plugins.upload", metadata, "name")
        return await self._client._call(
            UPLOAD,
            form={"metadata": _jsonutil.dumps(dict(metadata)).decode()},
            files={"file": file},
        )

    async def retrieve(self, plugin_name: str) -> Plugin:
        """One plugin. ``GET /claude-code/plugins/{plugin_name}``."""
        return await self._client._call(RETRIEVE, path={"plugin_name": plugin_name})

    async def update(
        self, plugin_name: str, **params: Unpack[PluginUpdateParams]
    ) -> PluginRegistered:
        """Replace a plugin: omitted fields reset to their defaults, an omitted ``version``
        bumps the patch version. ``expected_updated_at`` refuses (409) a plugin changed since.
        ``PUT /claude-code/plugins/{plugin_name}``."""
        require("claude_code.plugins.update", params, "source")
        return await self._client._call(UPDATE, path={"plugin_name": plugin_name}, json=params)

    async def delete(self, plugin_name: str) -> PluginStatus:
        """Delete a plugin. ``DELETE /claude-code/plugins/{plugin_name}``."""
        return await self._client._call(DELETE, path={"plugin_name": plugin_name})

    async def enable(self, plugin_name: str) -> PluginStatus:
        """Enable a plugin (list it in ``marketplace.json``).
        ``POST /claude-code/plugins/{plugin_name}/enable``."""
        return await self._client._call(ENABLE, path={"plugin_name": plugin_name})

    async def disable(self, plugin_name: str) -> PluginStatus:
        """Disable a plugin without deleting it.
        ``POST /claude-code/plugins/{plugin_name}/disable``."""
        return await self._client._call(DISABLE, path={"plugin_name": plugin_name})

    async def archive(self, plugin_name: str, digest: str) -> bytes:
        """An uploaded plugin's ZIP, read whole; ``digest`` is its ``source["sha256"]``. Each
        read is recorded as a download.
        ``GET /claude-code/plugins/{plugin_name}/archive/{digest}.zip``."""
        return await self._client._call(ARCHIVE, path=_archive_path(plugin_name, digest))

    def archive_stream(self, plugin_name: str, digest: str) -> Download:
        """An uploaded plugin's ZIP as it arrives: ``await ....save(path)`` or ``async with``.
        Nothing is sent until awaited.
        ``GET /claude-code/plugins/{plugin_name}/archive/{digest}.zip``."""
        return self._client._download(ARCHIVE, path=_archive_path(plugin_name, digest))

    def downloads(
        self, plugin_name: str, **params: Unpack[PluginDownloadsParams]
    ) -> AsyncPager[PluginDownloads, PluginDownload]:
        """Download totals and the authenticated download history, newest first, page by page
        (``cursor``; ``limit`` at most 100).
        ``GET /claude-code/plugins/{plugin_name}/downloads``."""
        return endpoint_pager(
            self._client, DOWNLOADS, dict(params), _DOWNLOAD_PAGES, {"plugin_name": plugin_name}
        )


def _archive_path(plugin_name: str, digest: str) -> dict[str, Any]:
    if not isinstance(digest, str) or not digest:
        raise TypeError("claude_code.plugins.archive() needs digest, the archive's sha256")
    return {"plugin_name": plugin_name, "digest": digest}


class ClaudeCode(Resource):
    """The Claude Code marketplace (``/claude-code``): ``marketplace()`` and ``plugins``."""

    __slots__ = ("__dict__",)

    plugins: group[ClaudeCodePlugins] = group("claude_code:ClaudeCodePlugins")

    async def marketplace(self, **params: Unpack[MarketplaceParams]) -> Marketplace:
        """The ``marketplace.json`` catalog. Without ``key`` it lists the enabled plugins; with
        a virtual key also the disabled ones granted to it. ``GET /claude-code/marketplace.json``.
        """
        return await self._client._call(MARKETPLACE, query=params)
