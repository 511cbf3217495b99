"""``client.fine_tuning.jobs``: fine-tuning jobs (an enterprise feature of the proxy: without a
licence every route answers 500 "Only premium users can use this endpoint")."""

from __future__ import annotations

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._pagination import AsyncPager, endpoint_pager
from .._resource import Resource, group, require
from ..types.fine_tuning import (
    FineTuningJob,
    FineTuningJobCreateParams,
    FineTuningJobList,
    FineTuningJobListParams,
    FineTuningJobRouting,
)

__all__ = ["FineTuning", "FineTuningJobs"]

# A create that timed out may have started a (billed) job: not sent again then.
CREATE = Endpoint(
    "POST", "/fine_tuning/jobs", FineTuningJob, "fine_tuning.jobs.create", retry_safe=False
)
LIST = Endpoint("GET", "/fine_tuning/jobs", FineTuningJobList, "fine_tuning.jobs.list")
RETRIEVE = Endpoint(
    "GET",
    "/fine_tuning/jobs/{fine_tuning_job_id:path}",
    FineTuningJob,
    "fine_tuning.jobs.retrieve",
)
# Cancelling twice leaves the job cancelled either way.
CANCEL = Endpoint(
    "POST",
    "/fine_tuning/jobs/{fine_tuning_job_id:path}/cancel",
    FineTuningJob,
    "fine_tuning.jobs.cancel",
)


class FineTuningJobs(Resource):
    """Fine-tuning jobs: create from uploaded files, follow, list and cancel them."""

    __slots__ = ()

    async def create(self, **params: Unpack[FineTuningJobCreateParams]) -> FineTuningJob:
        """Start a fine-tuning job. ``POST /fine_tuning/jobs``.

        Pass ``custom_llm_provider`` unless ``training_file`` is a LiteLLM managed file id.
        Not retried once it may have reached the proxy.
        """
        require("fine_tuning.jobs.create", params, "model", "training_file")
        return await self._client._call(CREATE, json=params)

    async def retrieve(
        self, fine_tuning_job_id: str, **params: Unpack[FineTuningJobRouting]
    ) -> FineTuningJob:
        """A job's status and results. ``GET /fine_tuning/jobs/{fine_tuning_job_id}``."""
        path = _job("fine_tuning.jobs.retrieve", fine_tuning_job_id)
        return await self._client._call(RETRIEVE, path=path, query=params)

    def list(
        self, **params: Unpack[FineTuningJobListParams]
    ) -> AsyncPager[FineTuningJobList, FineTuningJob]:
        """Jobs, page by page (cursor ``after``). ``GET /fine_tuning/jobs``.

        ``await client.fine_tuning.jobs.list(limit=20)`` is one page; ``async for job in
        client.fine_tuning.jobs.list()`` walks them all.
        """
        return endpoint_pager(self._client, LIST, dict(params))

    async def cancel(
        self, fine_tuning_job_id: str, **params: Unpack[FineTuningJobRouting]
    ) -> FineTuningJob:
        """Cancel a job. ``POST /fine_tuning/jobs/{fine_tuning_job_id}/cancel``.

        The proxy reads ``custom_llm_provider`` from the JSON body here (not the query).
        """
        path = _job("fine_tuning.jobs.cancel", fine_tuning_job_id)
        return await self._client._call(CANCEL, path=path, json=params)


def _job(method: str, fine_tuning_job_id: str) -> dict[str, str]:
    require(method, {"fine_tuning_job_id": fine_tuning_job_id}, "fine_tuning_job_id")
    return {"fine_tuning_job_id": fine_tuning_job_id}


class FineTuning(Resource):
    __slots__ = ("__dict__",)

    jobs: group[FineTuningJobs] = group("fine_tuning:FineTuningJobs")
