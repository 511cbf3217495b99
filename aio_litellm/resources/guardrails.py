"""``client.guardrails``: guardrails of the proxy (``/guardrails*``), applying one to a text,
team submissions, the UI's helper routes and usage metrics."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import AsyncPager, SinglePageStyle, endpoint_pager
from .._resource import Resource, group, require
from ..types.guardrails import (
    ApplyGuardrailParams,
    ApplyGuardrailResponse,
    BlockedWordsValidation,
    CategoryFile,
    CustomCodeTestResult,
    Guardrail,
    GuardrailCreateParams,
    GuardrailDeleted,
    GuardrailList,
    GuardrailPatchParams,
    GuardrailRegisterParams,
    GuardrailRegistration,
    GuardrailSubmission,
    GuardrailSubmissionDecision,
    GuardrailSubmissionList,
    GuardrailSubmissionsQuery,
    GuardrailTestCustomCodeParams,
    GuardrailUISettings,
    GuardrailUpdateParams,
    GuardrailUsageDetail,
    GuardrailUsageDetailQuery,
    GuardrailUsageLogsQuery,
    GuardrailUsageOverviewQuery,
    MajorAirlines,
    UsageLogEntry,
    UsageLogsPage,
    UsageOverview,
)

__all__ = ["GuardrailSubmissions", "GuardrailUI", "GuardrailUsage", "Guardrails"]

LIST = Endpoint("GET", "/guardrails/list", GuardrailList, "guardrails.list")
LIST_V2 = Endpoint("GET", "/v2/guardrails/list", GuardrailList, "guardrails.list_v2")
CREATE = Endpoint("POST", "/guardrails", Guardrail, "guardrails.create", retry_safe=False)
RETRIEVE = Endpoint("GET", "/guardrails/{guardrail_id}", Guardrail, "guardrails.retrieve")
UPDATE = Endpoint("PUT", "/guardrails/{guardrail_id}", Guardrail, "guardrails.update")
PATCH = Endpoint("PATCH", "/guardrails/{guardrail_id}", Guardrail, "guardrails.patch")
DELETE = Endpoint("DELETE", "/guardrails/{guardrail_id}", GuardrailDeleted, "guardrails.delete")
# A guardrail may call (and bill) an outside service, and each run is logged.
APPLY = Endpoint(
    "POST", "/apply_guardrail", ApplyGuardrailResponse, "guardrails.apply", retry_safe=False
)
REGISTER = Endpoint(
    "POST",
    "/guardrails/register",
    GuardrailRegistration,
    "guardrails.register",
    retry_safe=False,
)
TEST_CUSTOM_CODE = Endpoint(
    "POST",
    "/guardrails/test_custom_code",
    CustomCodeTestResult,
    "guardrails.test_custom_code",
)
VALIDATE_BLOCKED_WORDS = Endpoint(
    "POST",
    "/guardrails/validate_blocked_words_file",
    BlockedWordsValidation,
    "guardrails.validate_blocked_words_file",
)

SUBMISSION_LIST = Endpoint(
    "GET", "/guardrails/submissions", GuardrailSubmissionList, "guardrails.submissions.list"
)
SUBMISSION_RETRIEVE = Endpoint(
    "GET",
    "/guardrails/submissions/{guardrail_id}",
    GuardrailSubmission,
    "guardrails.submissions.retrieve",
)
# A second approve/reject of the same submission answers 400 (no longer pending): not resent.
SUBMISSION_APPROVE = Endpoint(
    "POST",
    "/guardrails/submissions/{guardrail_id}/approve",
    GuardrailSubmissionDecision,
    "guardrails.submissions.approve",
    retry_safe=False,
)
SUBMISSION_REJECT = Endpoint(
    "POST",
    "/guardrails/submissions/{guardrail_id}/reject",
    GuardrailSubmissionDecision,
    "guardrails.submissions.reject",
    retry_safe=False,
)

UI_SETTINGS = Endpoint(
    "GET",
    "/guardrails/ui/add_guardrail_settings",
    GuardrailUISettings,
    "guardrails.ui.add_guardrail_settings",
)
UI_CATEGORY = Endpoint(
    "GET",
    "/guardrails/ui/category_yaml/{category_name}",
    CategoryFile,
    "guardrails.ui.category_yaml",
)
UI_AIRLINES = Endpoint(
    "GET", "/guardrails/ui/major_airlines", MajorAirlines, "guardrails.ui.major_airlines"
)
UI_PROVIDER_PARAMS = Endpoint(
    "GET",
    "/guardrails/ui/provider_specific_params",
    dict[str, Any],
    "guardrails.ui.provider_specific_params",
)

USAGE_OVERVIEW = Endpoint(
    "GET", "/guardrails/usage/overview", UsageOverview, "guardrails.usage.overview"
)
USAGE_DETAIL = Endpoint(
    "GET",
    "/guardrails/usage/detail/{guardrail_id}",
    GuardrailUsageDetail,
    "guardrails.usage.detail",
)
USAGE_LOGS = Endpoint("GET", "/guardrails/usage/logs", UsageLogsPage, "guardrails.usage.logs")

_GUARDRAILS = SinglePageStyle(items="guardrails")
_SUBMISSIONS = SinglePageStyle(items="submissions")


@dataclass(frozen=True)
class _LogPages:
    """``?page=N&page_size=M`` walked up to ``total``: the ``action`` filter drops runs from a
    page after it was counted, so a short (even empty) page is not the last one."""

    items: str = "logs"

    def first(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"page": 1, **params}

    def next(
        self, params: dict[str, Any], page: Any, items: Sequence[Any]
    ) -> dict[str, Any] | None:
        number = int(params["page"])
        if number * page.page_size >= page.total:
            return None
        return {**params, "page": number + 1}


def _check_definition(method: str, guardrail: Any) -> None:
    """A guardrail definition is an object naming the guardrail and its ``litellm_params``."""
    if not isinstance(guardrail, Mapping):
        raise TypeError(f"{method}() guardrail must be a dict, not {type(guardrail).__name__}")
    require(method, guardrail, "guardrail_name", "litellm_params")


class GuardrailSubmissions(Resource):
    """Guardrails teams submitted (``/guardrails/register``), and their review."""

    __slots__ = ()

    def list(
        self, **query: Unpack[GuardrailSubmissionsQuery]
    ) -> AsyncPager[GuardrailSubmissionList, GuardrailSubmission]:
        """Team guardrails visible to the caller (filter by ``status``, ``team_id``,
        ``search``), all in one answer with a ``summary`` of counts.
        ``GET /guardrails/submissions``."""
        return endpoint_pager(self._client, SUBMISSION_LIST, dict(query), _SUBMISSIONS)

    async def retrieve(self, guardrail_id: str) -> GuardrailSubmission:
        """One submission. ``GET /guardrails/submissions/{guardrail_id}``."""
        return await self._client._call(SUBMISSION_RETRIEVE, path={"guardrail_id": guardrail_id})

    async def approve(self, guardrail_id: str) -> GuardrailSubmissionDecision:
        """Make a pending submission active (admin). ``POST
        /guardrails/submissions/{guardrail_id}/approve``; 400 if it is not pending."""
        return await self._client._call(SUBMISSION_APPROVE, path={"guardrail_id": guardrail_id})

    async def reject(self, guardrail_id: str) -> GuardrailSubmissionDecision:
        """Reject a pending submission (admin). ``POST
        /guardrails/submissions/{guardrail_id}/reject``; 400 if it is not pending."""
        return await self._client._call(SUBMISSION_REJECT, path={"guardrail_id": guardrail_id})


class GuardrailUI(Resource):
    """What the admin UI reads to build its guardrail forms."""

    __slots__ = ()

    async def add_guardrail_settings(self) -> GuardrailUISettings:
        """Entities, actions and modes a new guardrail can use.
        ``GET /guardrails/ui/add_guardrail_settings``."""
        return await self._client._call(UI_SETTINGS)

    async def category_yaml(self, category_name: str) -> CategoryFile:
        """The file of one content-filter category (YAML or JSON).
        ``GET /guardrails/ui/category_yaml/{category_name}``."""
        return await self._client._call(UI_CATEGORY, path={"category_name": category_name})

    async def major_airlines(self) -> MajorAirlines:
        """The IATA list of major airlines (for competitor filters).
        ``GET /guardrails/ui/major_airlines``."""
        return await self._client._call(UI_AIRLINES)

    async def provider_specific_params(self) -> dict[str, Any]:
        """Each guardrail provider's own parameters (name -> description, required, type).
        ``GET /guardrails/ui/provider_specific_params``."""
        return await self._client._call(UI_PROVIDER_PARAMS)


class GuardrailUsage(Resource):
    """How often guardrails ran, passed and blocked (from the spend logs)."""

    __slots__ = ()

    async def overview(self, **query: Unpack[GuardrailUsageOverviewQuery]) -> UsageOverview:
        """Every guardrail's counts between ``start_date`` and ``end_date`` (``YYYY-MM-DD``;
        default the last 7 days). ``GET /guardrails/usage/overview``."""
        return await self._client._call(USAGE_OVERVIEW, query=query)

    async def detail(
        self, guardrail_id: str, **query: Unpack[GuardrailUsageDetailQuery]
    ) -> GuardrailUsageDetail:
        """One guardrail's counts and time series.
        ``GET /guardrails/usage/detail/{guardrail_id}``."""
        return await self._client._call(
            USAGE_DETAIL, path={"guardrail_id": guardrail_id}, query=query
        )

    def logs(
        self, **query: Unpack[GuardrailUsageLogsQuery]
    ) -> AsyncPager[UsageLogsPage, UsageLogEntry]:
        """Runs of a guardrail (``guardrail_id``) or policy (``policy_id``), newest first, page
        by page (``page_size`` up to 100). ``GET /guardrails/usage/logs``; without either id
        the proxy answers an empty page."""
        return endpoint_pager(self._client, USAGE_LOGS, dict(query), _LogPages())


class Guardrails(Resource):
    """Guardrails: create, inspect, list, change, delete, apply to a text."""

    __slots__ = ("__dict__",)

    submissions: group[GuardrailSubmissions] = group("guardrails:GuardrailSubmissions")
    ui: group[GuardrailUI] = group("guardrails:GuardrailUI")
    usage: group[GuardrailUsage] = group("guardrails:GuardrailUsage")

    def list(self) -> AsyncPager[GuardrailList, Guardrail]:
        """The guardrails of the proxy's config file, in one answer. ``GET /guardrails/list``.

        Guardrails created through the API are not in it: see ``list_v2``."""
        return endpoint_pager(self._client, LIST, {}, _GUARDRAILS)

    def list_v2(self) -> AsyncPager[GuardrailList, Guardrail]:
        """The guardrails of the database and of the config file, in one answer
        (``guardrail_definition_location`` says which). ``GET /v2/guardrails/list``."""
        return endpoint_pager(self._client, LIST_V2, {}, _GUARDRAILS)

    async def create(self, **params: Unpack[GuardrailCreateParams]) -> Guardrail:
        """Create a guardrail (admin): ``guardrail={"guardrail_name": ..., "litellm_params":
        {"guardrail": <provider>, "mode": ...}}``. ``POST /guardrails``; not retried once sent.
        A configuration the proxy cannot start is refused with a 400 (and not stored)."""
        require("guardrails.create", params, "guardrail")
        _check_definition("guardrails.create", params["guardrail"])
        return await self._client._call(CREATE, json=params)

    async def retrieve(self, guardrail_id: str) -> Guardrail:
        """One guardrail (secrets masked). ``GET /guardrails/{guardrail_id}``."""
        return await self._client._call(RETRIEVE, path={"guardrail_id": guardrail_id})

    async def update(self, guardrail_id: str, **params: Unpack[GuardrailUpdateParams]) -> Guardrail:
        """Replace a guardrail's definition (``guardrail={...}``, as for ``create``).
        ``PUT /guardrails/{guardrail_id}``."""
        require("guardrails.update", params, "guardrail")
        _check_definition("guardrails.update", params["guardrail"])
        return await self._client._call(UPDATE, path={"guardrail_id": guardrail_id}, json=params)

    async def patch(self, guardrail_id: str, **params: Unpack[GuardrailPatchParams]) -> Guardrail:
        """Change some fields of a guardrail; ``litellm_params`` are merged into its own.
        ``PATCH /guardrails/{guardrail_id}``."""
        return await self._client._call(PATCH, path={"guardrail_id": guardrail_id}, json=params)

    async def delete(self, guardrail_id: str) -> GuardrailDeleted:
        """Delete a guardrail. ``DELETE /guardrails/{guardrail_id}``."""
        return await self._client._call(DELETE, path={"guardrail_id": guardrail_id})

    async def apply(self, **params: Unpack[ApplyGuardrailParams]) -> ApplyGuardrailResponse:
        """Run the guardrail ``guardrail_name`` on ``text``. ``POST /apply_guardrail``.

        A guardrail that blocks the text answers a 400 (``BadRequestError``), not a result.
        """
        require("guardrails.apply", params, "guardrail_name", "text")
        return await self._client._call(APPLY, json=params)

    async def register(self, **params: Unpack[GuardrailRegisterParams]) -> GuardrailRegistration:
        """Submit a team's guardrail for review (``litellm_params.guardrail`` must be
        ``generic_guardrail_api`` with an ``api_base``). ``POST /guardrails/register``."""
        require("guardrails.register", params, "guardrail_name", "litellm_params")
        return await self._client._call(REGISTER, json=params)

    async def test_custom_code(
        self, **params: Unpack[GuardrailTestCustomCodeParams]
    ) -> CustomCodeTestResult:
        """Run custom guardrail code on ``test_input`` without creating a guardrail.
        ``POST /guardrails/test_custom_code``."""
        require("guardrails.test_custom_code", params, "custom_code", "test_input")
        return await self._client._call(TEST_CUSTOM_CODE, json=params)

    async def validate_blocked_words_file(self, file_content: str) -> BlockedWordsValidation:
        """Check a blocked-words YAML file (``blocked_words: [{keyword, action}, ...]``).
        ``POST /guardrails/validate_blocked_words_file``; an invalid file is a 200 with
        ``valid=False``."""
        body = {"file_content": file_content}
        require("guardrails.validate_blocked_words_file", body, "file_content")
        return await self._client._call(VALIDATE_BLOCKED_WORDS, json=body)
