"""Parameters and results of ``client.skill_hub`` (the proxy's portable Agent Skills registry:
``/skill-hub/*``, its submission review queue, and the ``/.well-known`` discovery index)."""

from __future__ import annotations

from typing import Any

import pydantic
from typing_extensions import TypedDict

from .._models import BaseModel, Response
from .params.skill_hub import (
    SkillHubSkillsArchiveQuery,
    SkillHubSkillsDownloadsQuery,
    SkillHubSkillsImportParams,
    SkillHubSkillsPutParams,
    SkillHubSkillsQuery,
    SkillHubSkillsVersionsQuery,
    SkillHubSubmissionsQuery,
)

__all__ = [
    "HubSkill",
    "PendingSkill",
    "SkillArchiveQuery",
    "SkillDownload",
    "SkillDownloads",
    "SkillDownloadsQuery",
    "SkillImportParams",
    "SkillIndex",
    "SkillIndexEntry",
    "SkillList",
    "SkillListQuery",
    "SkillMutation",
    "SkillProposal",
    "SkillReplaceArchiveParams",
    "SkillReview",
    "SkillScan",
    "SkillScanStatus",
    "SkillSubmission",
    "SkillSubmissionDetail",
    "SkillSubmissionList",
    "SkillSubmissionListQuery",
    "SkillUpdateParams",
    "SkillUploadParams",
    "SkillVersion",
    "SkillVersionList",
    "SkillVersionListQuery",
]

SkillListQuery = SkillHubSkillsQuery
SkillImportParams = SkillHubSkillsImportParams
SkillUpdateParams = SkillHubSkillsPutParams
SkillArchiveQuery = SkillHubSkillsArchiveQuery
SkillVersionListQuery = SkillHubSkillsVersionsQuery
SkillDownloadsQuery = SkillHubSkillsDownloadsQuery
SkillSubmissionListQuery = SkillHubSubmissionsQuery


class SkillUploadParams(TypedDict, total=False):
    """Form fields of ``skill_hub.upload`` (multipart; not in the OpenAPI document's params)."""

    version: str
    """Semantic version; omitted: 1.0.0 (or the next after the current one)."""


class SkillReplaceArchiveParams(TypedDict, total=False):
    """Form fields of ``skill_hub.replace_archive``."""

    version: str
    expected_updated_at: str
    """The skill's ``updated_at`` as read: a newer one refuses the replacement (409)."""


class HubSkill(Response):
    """A skill of the hub: registry metadata, visibility and where to download it."""

    id: str | None = None
    name: str
    description: str | None = None
    version: str | None = None
    visibility: str | None = None
    """``public`` or ``private``."""
    source: dict[str, Any] = {}
    download_url: str | None = None
    content_url: str | None = None
    domain: str | None = None
    namespace: str | None = None
    keywords: list[str] | None = None
    created_at: str | None = None
    updated_at: str | None = None
    created_by: str | None = None
    approved_by: str | None = None
    published_by: str | None = None
    security_scan_passed: bool = False
    download_count: int | None = None


class SkillList(Response):
    """A page of ``GET /skill-hub/skills``: ``count`` is the number of matches in all pages;
    ``next_offset`` is null on the last page; ``tags`` are every keyword in use."""

    skills: list[HubSkill] = []
    count: int = 0
    next_offset: int | None = None
    tags: list[str] = []


class SkillProposal(BaseModel):
    """What a submission proposes: the skill's metadata (and its archive's digest)."""

    name: str | None = None
    description: str | None = None
    version: str | None = None
    domain: str | None = None
    namespace: str | None = None
    keywords: list[str] | None = None
    source: dict[str, Any] = {}
    agent_skill: dict[str, Any] | None = None


class PendingSkill(Response):
    """A member's change, waiting for an admin's review (``status: pending_review``)."""

    status: str = "pending_review"
    action: str = "submitted"
    submission_id: str
    proposal: SkillProposal = SkillProposal()


SkillMutation = HubSkill | PendingSkill
"""An upload, import or update: the skill as stored (admins), or a pending submission
(members)."""


class SkillVersion(Response):
    """A retained publication of a skill."""

    id: str
    version: str | None = None
    description: str | None = None
    manifest: dict[str, Any] = {}
    published_at: str | None = None
    published_by: str | None = None
    content_kind: str | None = None
    """``stored_archive`` (downloadable) or ``source_reference`` (an external reference)."""
    download_url: str | None = None


class SkillVersionList(Response):
    """A page of a skill's publications; ``next_offset`` is null on the last page."""

    versions: list[SkillVersion] = []
    next_offset: int | None = None


class SkillDownload(BaseModel):
    """One archive download (authenticated downloaders are named)."""

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


class SkillDownloads(Response):
    """A page of a skill's download history; ``next_cursor`` is null on the last page."""

    total_downloads: int = 0
    anonymous_downloads: int = 0
    downloads: list[SkillDownload] = []
    next_cursor: str | None = None


class SkillSubmission(Response):
    """A proposed change to a skill (``status``: ``pending_review``, ``approved``,
    ``rejected``)."""

    id: str
    skill_name: str | None = None
    operation: str | None = None
    status: str | None = None
    proposal: SkillProposal = SkillProposal()
    has_archive: bool = False
    submitted_by: str | None = None
    created_at: str | None = None
    base_skill_id: str | None = None
    base_updated_at: str | None = None
    reviewed_by: str | None = None
    reviewed_at: str | None = None
    rejection_reason: str | None = None


class SkillSubmissionList(Response):
    """A page of submissions: ``count`` is this page's; ``has_more`` says another follows."""

    submissions: list[SkillSubmission] = []
    count: int = 0
    has_more: bool = False


class SkillSubmissionDetail(Response):
    """A submission and the skill as currently published (null for a new skill)."""

    submission: SkillSubmission
    current_skill: HubSkill | None = None


class SkillReview(Response):
    """The outcome of an approval or rejection (``action``) and the skill after it."""

    status: str | None = None
    action: str | None = None
    submission: SkillSubmission
    skill: HubSkill | None = None


class SkillScan(BaseModel):
    """A manual security scan of a submission (``status``: running, completed, failed)."""

    id: str
    status: str | None = None
    requested_by: str | None = None
    started_at: str | None = None
    expires_at: str | None = None
    completed_at: str | None = None
    archive_sha256: str | None = None
    report: dict[str, Any] | None = None
    error: str | None = None


class SkillScanStatus(Response):
    """Whether a scanner is configured, and the latest scan (null when none ran)."""

    configured: bool = False
    scan: SkillScan | None = None


class SkillIndexEntry(BaseModel):
    """A skill of the discovery index: ``url`` downloads its archive."""

    name: str
    type: str | None = None
    description: str | None = None
    url: str | None = None
    digest: str | None = None


class SkillIndex(Response):
    """``/.well-known/agent-skills/index.json`` (the Agent Skills discovery document)."""

    schema_url: str | None = pydantic.Field(default=None, alias="$schema")
    skills: list[SkillIndexEntry] = []
