"""Projects against the proxy's real database. Creating, changing and deleting a project needs
an enterprise licence, which this suite's proxy lacks: those answer a typed 403 through the
real proxy; listing and reading work."""

from __future__ import annotations

import uuid

import pytest

from aio_litellm import LiteLLMClient, NotFoundError, PermissionDeniedError

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


async def test_project_routes(admin: LiteLLMClient) -> None:
    run = uuid.uuid4().hex[:10]
    team = await admin.teams.create(team_alias=f"projects-{run}")  # a project needs a team
    project_id = f"project-{run}"
    try:
        with pytest.raises(PermissionDeniedError, match="enterprise feature") as refused:
            await admin.projects.create(
                team_id=team.team_id, project_id=project_id, project_alias=f"alias-{run}"
            )
        assert refused.value.status_code == 403
        with pytest.raises(PermissionDeniedError, match="enterprise feature"):
            await admin.projects.update(project_id, max_budget=1.0)
        with pytest.raises(PermissionDeniedError, match="enterprise feature"):
            await admin.projects.delete([project_id])

        listed = await admin.projects.list()
        assert isinstance(listed, list) and project_id not in {p.project_id for p in listed}
        with pytest.raises(NotFoundError, match="Project not found"):
            await admin.projects.info(project_id)
    finally:
        await admin.teams.delete([team.team_id])
