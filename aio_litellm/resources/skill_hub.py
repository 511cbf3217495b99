"""``client.skill_hub``: the proxy's registry of portable Agent Skills (``/skill-hub/*``).

Admins change skills directly; a member's upload, import or update becomes a submission that
an admin approves or rejects (``skill_hub.submissions``), so those calls answer either the
skill (``HubSkill``) or a ``PendingSkill``. Archives are ZIPs with ``SKILL.md`` at the root.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pydantic
from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._multipart import FileTypes
from .._pagination import AsyncPager, OffsetStyle, _field, endpoint_pager
from .._pipeline import NOT_GIVEN
from .._resource import Resource, group, require
from ..types.skill_hub import (
    HubSkill,
    SkillArchiveQuery,
    SkillDownload,
    SkillDownloads,
    SkillDownloadsQuery,
    SkillImportParams,
    SkillIndex,
    SkillList,
    SkillListQuery,
    SkillMutation,
    SkillReplaceArchiveParams,
    SkillReview,
    SkillScanStatus,
    SkillSubmission,
    SkillSubmissionDetail,
    SkillSubmissionList,
    SkillSubmissionListQuery,
    SkillUpdateParams,
    SkillUploadParams,
    SkillVersion,
    SkillVersionList,
    SkillVersionListQuery,
)

__all__ = ["SkillHub", "SkillSubmissions", "SkillVersions"]

INDEX = Endpoint("GET", "/.well-known/agent-skills/index.json", SkillIndex, "skill_hub.index")
LIST = Endpoint("GET", "/skill-hub/skills", SkillList, "skill_hub.list")
# Imports and uploads store a new skill or version (a member's: a new submission).
IMPORT: Endpoint[SkillMutation] = Endpoint(
    "POST", "/skill-hub/skills/import", HubSkill, "skill_hub.import_", retry_safe=False
)
UPLOAD: Endpoint[SkillMutation] = Endpoint(
    "POST", "/skill-hub/skills/upload", HubSkill, "skill_hub.upload", retry_safe=False
)
RETRIEVE = Endpoint("GET", "/skill-hub/skills/{name}", HubSkill, "skill_hub.retrieve")
# A member's update files a new submission each time it is sent.
UPDATE: Endpoint[SkillMutation] = Endpoint(
    "PUT", "/skill-hub/skills/{name}", HubSkill, "skill_hub.update", retry_safe=False
)
DELETE = Endpoint("DELETE", "/skill-hub/skills/{name}", type(None), "skill_hub.delete")
ARCHIVE = Endpoint("GET", "/skill-hub/skills/{name}/archive", bytes, "skill_hub.archive")
CONTENT = Endpoint("GET", "/skill-hub/skills/{name}/content", str, "skill_hub.content")
# Publishing a public skill again (or unpublishing a private one) changes nothing.
PUBLISH = Endpoint("POST", "/skill-hub/skills/{name}/publish", HubSkill, "skill_hub.publish")
UNPUBLISH = Endpoint("POST", "/skill-hub/skills/{name}/unpublish", HubSkill, "skill_hub.unpublish")
REPLACE_ARCHIVE: Endpoint[SkillMutation] = Endpoint(
    "PUT",
    "/skill-hub/skills/{name}/upload",
    HubSkill,
    "skill_hub.replace_archive",
    retry_safe=False,
)
VERSION_LIST = Endpoint(
    "GET", "/skill-hub/skills/{name}/versions", SkillVersionList, "skill_hub.versions.list"
)
VERSION_RETRIEVE = Endpoint(
    "GET",
    "/skill-hub/skills/{name}/versions/{version_id}",
    SkillVersion,
    "skill_hub.versions.retrieve",
)
VERSION_ARCHIVE = Endpoint(
    "GET",
    "/skill-hub/skills/{name}/versions/{version_id}/archive",
    bytes,
    "skill_hub.versions.archive",
)
DOWNLOADS = Endpoint(
    "GET", "/skill-hub/skills/{plugin_name}/downloads", SkillDownloads, "skill_hub.downloads"
)
SUBMISSION_LIST = Endpoint(
    "GET", "/skill-hub/submissions", SkillSubmissionList, "skill_hub.submissions.list"
)
SUBMISSION_RETRIEVE = Endpoint(
    "GET",
    "/skill-hub/submissions/{submission_id}",
    SkillSubmissionDetail,
    "skill_hub.submissions.retrieve",
)
# A review resent after it was applied is refused (the submission is no longer pending).
APPROVE = Endpoint(
    "PUT",
    "/skill-hub/submissions/{submission_id}/approve",
    SkillReview,
    "skill_hub.submissions.approve",
    retry_safe=False,
)
SUBMISSION_ARCHIVE = Endpoint(
    "GET",
    "/skill-hub/submissions/{submission_id}/archive",
    bytes,
    "skill_hub.submissions.archive",
)
REJECT = Endpoint(
    "PUT",
    "/skill-hub/submissions/{submission_id}/reject",
    SkillReview,
    "skill_hub.submissions.reject",
    retry_safe=False,
)
SCAN_STATUS = Endpoint(
    "GET",
    "/skill-hub/submissions/{submission_id}/scan",
    SkillScanStatus,
    "skill_hub.submissions.scan_status",
)
START_SCAN = Endpoint(
    "POST",
    "/skill-hub/submissions/{submission_id}/scan",
    SkillScanStatus,
    "skill_hub.submissions.start_scan",
    retry_safe=False,
)
STORED_ARCHIVE = Endpoint("GET", "/v1/skills/{skill_id}/archive", bytes, "skill_hub.stored_archive")

_MUTATION = pydantic.TypeAdapter(SkillMutation).validate_json


@dataclass(frozen=True)
class _NextTokenStyle:
    """The page names where the next one starts (``next_offset``, ``next_cursor``): sent back
    as ``param`` until it is null."""

    items: str
    param: str
    token: str

    def first(self, params: dict[str, Any]) -> dict[str, Any]:
        return dict(params)

    def next(
        self, params: dict[str, Any], page: Any, items: Sequence[Any]
    ) -> dict[str, Any] | None:
        token = _field(page, self.token)
        if not items or token is None or token == params.get(self.param):
            return None  # a route that ignores the token would loop forever
        return {**params, self.param: token}


@dataclass(frozen=True)
class _HasMoreOffsetStyle(OffsetStyle):
    """``offset``/``limit`` pages that say ``has_more`` (and count only their own items)."""

    def next(
        self, params: dict[str, Any], page: Any, items: Sequence[Any]
    ) -> dict[str, Any] | None:
        if not _field(page, "has_more"):
            return None
        return super().next(params, page, items)


_SKILL_PAGES = _NextTokenStyle(items="skills", param="offset", token="next_offset")
_VERSION_PAGES = _NextTokenStyle(items="versions", param="offset", token="next_offset")
_DOWNLOAD_PAGES = _NextTokenStyle(items="downloads", param="cursor", token="next_cursor")
# No total to stop at: a submission page's ``count`` is its own length.
_SUBMISSION_PAGES = _HasMoreOffsetStyle(items="submissions", total="")


class SkillVersions(Resource):
    """A skill's retained publications (``/skill-hub/skills/{name}/versions``)."""

    __slots__ = ()

    def list(
        self, name: str, **query: Unpack[SkillVersionListQuery]
    ) -> AsyncPager[SkillVersionList, SkillVersion]:
        """A skill's publications, page by page (``next_offset``).
        ``GET /skill-hub/skills/{name}/versions``."""
        return endpoint_pager(
            self._client, VERSION_LIST, dict(query), _VERSION_PAGES, path={"name": name}
        )

    async def retrieve(self, name: str, version_id: str) -> SkillVersion:
        """One publication. ``GET /skill-hub/skills/{name}/versions/{version_id}``."""
        return await self._client._call(
            VERSION_RETRIEVE, path={"name": name, "version_id": version_id}
        )

    async def archive(self, name: str, version_id: str) -> bytes:
        """A publication as a ZIP (``SKILL.md`` at its root); 404 for an external reference.
        ``GET /skill-hub/skills/{name}/versions/{version_id}/archive``."""
        return await self._client._call(
            VERSION_ARCHIVE, path={"name": name, "version_id": version_id}
        )


class SkillSubmissions(Resource):
    """Members' proposed changes and their review (``/skill-hub/submissions``)."""

    __slots__ = ()

    def list(
        self, **query: Unpack[SkillSubmissionListQuery]
    ) -> AsyncPager[SkillSubmissionList, SkillSubmission]:
        """The caller's submissions (every owner's for admins), page by page (``offset``,
        ``has_more``). ``GET /skill-hub/submissions``."""
        return endpoint_pager(self._client, SUBMISSION_LIST, dict(query), _SUBMISSION_PAGES)

    async def retrieve(self, submission_id: str) -> SkillSubmissionDetail:
        """A submission and the skill as published now.
        ``GET /skill-hub/submissions/{submission_id}``."""
        return await self._client._call(SUBMISSION_RETRIEVE, path={"submission_id": submission_id})

    async def archive(self, submission_id: str) -> bytes:
        """A submission's proposed archive as a ZIP.
        ``GET /skill-hub/submissions/{submission_id}/archive``."""
        return await self._client._call(SUBMISSION_ARCHIVE, path={"submission_id": submission_id})

    async def approve(self, submission_id: str) -> SkillReview:
        """Publish a pending submission (proxy admins).
        ``PUT /skill-hub/submissions/{submission_id}/approve``; not retried once sent."""
        return await self._client._call(APPROVE, path={"submission_id": submission_id})

    async def reject(self, submission_id: str, *, reason: str | None = None) -> SkillReview:
        """Reject a pending submission, with an optional ``reason`` (proxy admins).
        ``PUT /skill-hub/submissions/{submission_id}/reject``; not retried once sent."""
        body = {"reason": reason} if reason is not None else NOT_GIVEN
        return await self._client._call(REJECT, path={"submission_id": submission_id}, json=body)

    async def scan_status(self, submission_id: str) -> SkillScanStatus:
        """The latest security scan of a submission (proxy admins).
        ``GET /skill-hub/submissions/{submission_id}/scan``."""
        return await self._client._call(SCAN_STATUS, path={"submission_id": submission_id})

    async def start_scan(self, submission_id: str) -> SkillScanStatus:
        """Start a security scan of a pending submission (503 when no scanner is configured).
        ``POST /skill-hub/submissions/{submission_id}/scan``; not retried once sent."""
        return await self._client._call(START_SCAN, path={"submission_id": submission_id})


class SkillHub(Resource):
    """Portable Agent Skills: browse, upload or import, edit, publish, download, review."""

    __slots__ = ("__dict__",)

    versions: group[SkillVersions] = group("skill_hub:SkillVersions")
    submissions: group[SkillSubmissions] = group("skill_hub:SkillSubmissions")

    async def index(self) -> SkillIndex:
        """The Agent Skills discovery index of the public skills.
        ``GET /.well-known/agent-skills/index.json``."""
        return await self._client._call(INDEX)

    def list(self, **query: Unpack[SkillListQuery]) -> AsyncPager[SkillList, HubSkill]:
        """The caller's public and granted private skills, searched and sorted, page by page
        (``next_offset``). ``GET /skill-hub/skills``."""
        return endpoint_pager(self._client, LIST, dict(query), _SKILL_PAGES)

    async def import_(self, **params: Unpack[SkillImportParams]) -> SkillMutation:
        """Import a public skills.sh or GitHub skill as a snapshot (the proxy fetches it).
        ``POST /skill-hub/skills/import``; not retried once sent."""
        require("skill_hub.import_", params, "url")
        return await self._client._call(IMPORT, json=params, parse=_MUTATION)

    async def upload(self, file: FileTypes, **params: Unpack[SkillUploadParams]) -> SkillMutation:
        """Publish a skill from a ZIP (``SKILL.md`` and supporting files): bytes, a path, a
        binary file or ``(filename, content)``. ``POST /skill-hub/skills/upload`` (multipart);
        not retried once sent."""
        if file is None:
            raise TypeError("skill_hub.upload() missing required argument: file")
        return await self._client._call(
            UPLOAD, form=dict(params), files={"file": file}, parse=_MUTATION
        )

    async def retrieve(self, name: str) -> HubSkill:
        """A visible skill and its download URL. ``GET /skill-hub/skills/{name}``."""
        return await self._client._call(RETRIEVE, path={"name": name})

    async def update(self, name: str, **params: Unpack[SkillUpdateParams]) -> SkillMutation:
        """Replace a skill's registry metadata, keeping its files (a member's change becomes
        a submission). ``PUT /skill-hub/skills/{name}``; not retried once sent."""
        return await self._client._call(UPDATE, path={"name": name}, json=params, parse=_MUTATION)

    async def replace_archive(
        self, name: str, file: FileTypes, **params: Unpack[SkillReplaceArchiveParams]
    ) -> SkillMutation:
        """Replace a skill's files with a ZIP declaring the same skill name, keeping its
        registry fields. ``PUT /skill-hub/skills/{name}/upload`` (multipart); not retried."""
        if file is None:
            raise TypeError("skill_hub.replace_archive() missing required argument: file")
        return await self._client._call(
            REPLACE_ARCHIVE,
            path={"name": name},
            form=dict(params),
            files={"file": file},
            parse=_MUTATION,
        )

    async def delete(self, name: str) -> None:
        """Delete a skill and its stored archive. ``DELETE /skill-hub/skills/{name}``."""
        await self._client._call(DELETE, path={"name": name})

    async def archive(self, name: str, **query: Unpack[SkillArchiveQuery]) -> bytes:
        """A skill as a ZIP (``SKILL.md`` at its root); counts as a download.
        ``GET /skill-hub/skills/{name}/archive``."""
        return await self._client._call(ARCHIVE, path={"name": name}, query=query)

    async def content(self, name: str) -> str:
        """A skill's ``SKILL.md`` (Markdown). ``GET /skill-hub/skills/{name}/content``."""
        return await self._client._call(CONTENT, path={"name": name})

    async def publish(self, name: str) -> HubSkill:
        """Make a skill public (under the hub's publication policy).
        ``POST /skill-hub/skills/{name}/publish``."""
        return await self._client._call(PUBLISH, path={"name": name})

    async def unpublish(self, name: str) -> HubSkill:
        """Take a skill out of public discovery, keeping explicit grants.
        ``POST /skill-hub/skills/{name}/unpublish``."""
        return await self._client._call(UNPUBLISH, path={"name": name})

    def downloads(
        self, plugin_name: str, **query: Unpack[SkillDownloadsQuery]
    ) -> AsyncPager[SkillDownloads, SkillDownload]:
        """A skill's download totals and history, page by page (``next_cursor``; admins).
        ``GET /skill-hub/skills/{plugin_name}/downloads``."""
        return endpoint_pager(
            self._client, DOWNLOADS, dict(query), _DOWNLOAD_PAGES, path={"plugin_name": plugin_name}
        )

    async def stored_archive(self, skill_id: str) -> bytes:
        """A skill uploaded through ``/v1/skills`` (``anthropic.skills``), repacked as a ZIP
        with ``SKILL.md`` at its root. ``GET /v1/skills/{skill_id}/archive``."""
        return await self._client._call(STORED_ARCHIVE, path={"skill_id": skill_id})
