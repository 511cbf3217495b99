"""``client.projects``: projects, between teams and keys (``/project/*``; creating, changing
and deleting them needs an enterprise licence)."""

from __future__ import annotations

import builtins
from collections.abc import Sequence

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._resource import Resource, require
from ..types.projects import Project, ProjectCreateParams, ProjectFields

__all__ = ["Projects"]

CREATE = Endpoint("POST", "/project/new", Project, "projects.create", retry_safe=False)
INFO = Endpoint("GET", "/project/info", Project, "projects.info")
LIST = Endpoint("GET", "/project/list", builtins.list[Project], "projects.list")
UPDATE = Endpoint("POST", "/project/update", Project, "projects.update")
DELETE = Endpoint("DELETE", "/project/delete", builtins.list[Project], "projects.delete")


class Projects(Resource):
    """Projects of a team: create, inspect, list, change, delete."""

    __slots__ = ()

    async def create(self, **params: Unpack[ProjectCreateParams]) -> Project:
        """Create a project in ``team_id``. ``POST /project/new``; not retried once sent."""
        require("create", params, "team_id")
        return await self._client._call(CREATE, json=params)

    async def info(self, project_id: str) -> Project:
        """One project. ``GET /project/info``."""
        return await self._client._call(INFO, query={"project_id": project_id})

    async def list(self) -> builtins.list[Project]:
        """Every project the caller may see, in one answer. ``GET /project/list``."""
        return await self._client._call(LIST)

    async def update(self, project_id: str, **params: Unpack[ProjectFields]) -> Project:
        """Change a project (the settings not given stay). ``POST /project/update``."""
        body = {**params, "project_id": project_id}
        return await self._client._call(UPDATE, json=body)

    async def delete(self, project_ids: Sequence[str]) -> builtins.list[Project]:
        """Delete projects; answers the deleted rows. ``DELETE /project/delete`` (with a JSON
        body)."""
        if isinstance(project_ids, str) or not project_ids:
            raise TypeError("delete() needs a non-empty list of project ids")
        body = {"project_ids": builtins.list(project_ids)}
        return await self._client._call(DELETE, json=body)
