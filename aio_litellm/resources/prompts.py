"""``client.prompts``: prompt management (``/prompts*``): versioned prompts stored by the proxy,
rendered and tried against a model, and ``.prompt`` files converted to JSON.

Every create or update stores a new version: the answer carries the versioned id
(``my_prompt.v1``), while list, retrieve and versions answer the base id and a ``version``.
Either form names the prompt in a path (a versioned id reads that version).
"""

from __future__ import annotations

import os
from typing import Any

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._multipart import FileTypes
from .._pagination import AsyncPager, SinglePageStyle
from .._resource import Resource, require
from .._streaming import Stream
from ..types.chat import ChatCompletionChunk, parse_chunk
from ..types.prompts import (
    DotpromptConversion,
    Prompt,
    PromptCreateParams,
    PromptDeleted,
    PromptDeleteQuery,
    PromptDetail,
    PromptList,
    PromptListQuery,
    PromptPatchParams,
    PromptRetrieveQuery,
    PromptTestParams,
    PromptUpdateParams,
    PromptVersionsQuery,
)

__all__ = ["Prompts"]

# Create and update (PUT) each store a new version: a resend would store another.
CREATE = Endpoint("POST", "/prompts", Prompt, "prompts.create", retry_safe=False)
LIST = Endpoint("GET", "/prompts/list", PromptList, "prompts.list")
# A model call like chat completions: nothing is stored, so a resend is harmless.
TEST = Endpoint("POST", "/prompts/test", ChatCompletionChunk, "prompts.test")
RETRIEVE = Endpoint("GET", "/prompts/{prompt_id}", PromptDetail, "prompts.retrieve")
UPDATE = Endpoint("PUT", "/prompts/{prompt_id}", Prompt, "prompts.update", retry_safe=False)
PATCH = Endpoint("PATCH", "/prompts/{prompt_id}", Prompt, "prompts.patch")
DELETE = Endpoint("DELETE", "/prompts/{prompt_id}", PromptDeleted, "prompts.delete")
VERSIONS = Endpoint("GET", "/prompts/{prompt_id}/versions", PromptList, "prompts.versions")
DOTPROMPT_JSON = Endpoint(
    "POST",
    "/utils/dotprompt_json_converter",
    DotpromptConversion,
    "prompts.dotprompt_json_converter",
)

# List and versions answer every prompt at once, under ``prompts``.
_PROMPTS = SinglePageStyle(items="prompts")


def _file_name(file: FileTypes) -> str | None:
    """The file name a multipart part will carry, when the input names one."""
    if isinstance(file, tuple):
        return file[0]
    if isinstance(file, os.PathLike):
        return os.path.basename(os.fspath(file))
    name = getattr(file, "name", None)
    return os.path.basename(name) if isinstance(name, str) else None


class Prompts(Resource):
    """Versioned prompts: create, list, read, update (a new version), patch, delete, test."""

    __slots__ = ()

    async def create(self, **params: Unpack[PromptCreateParams]) -> Prompt:
        """Store a prompt (proxy admins); the answer's id carries its version (``.v1``).
        ``POST /prompts``; not retried once sent."""
        require("prompts.create", params, "prompt_id", "litellm_params")
        return await self._client._call(CREATE, json=params)

    def list(self, **query: Unpack[PromptListQuery]) -> AsyncPager[PromptList, Prompt]:
        """The latest version of every prompt the key may see, in one answer.
        ``GET /prompts/list``."""
        return AsyncPager(self._list_page, dict(query), _PROMPTS)

    async def _list_page(self, query: dict[str, Any]) -> PromptList:
        return await self._client._call(LIST, query=query)

    async def retrieve(self, prompt_id: str, **query: Unpack[PromptRetrieveQuery]) -> PromptDetail:
        """A prompt with its raw template and environments (a ``.vN`` id reads that version).
        ``GET /prompts/{prompt_id}``."""
        return await self._client._call(RETRIEVE, path={"prompt_id": prompt_id}, query=query)

    async def update(self, prompt_id: str, **params: Unpack[PromptUpdateParams]) -> Prompt:
        """Store a new version of a prompt (the old ones stay). ``PUT /prompts/{prompt_id}``;
        not retried once sent."""
        require("prompts.update", params, "litellm_params")
        return await self._client._call(
            UPDATE, path={"prompt_id": prompt_id}, json={"prompt_id": prompt_id, **params}
        )

    async def patch(
        self, prompt_id: str, *, environment: str | None = None, **params: Unpack[PromptPatchParams]
    ) -> Prompt:
        """Change the latest version (or the ``.vN`` named) in place, without a new version.
        ``PATCH /prompts/{prompt_id}``."""
        query = {"environment": environment} if environment else None
        return await self._client._call(
            PATCH, path={"prompt_id": prompt_id}, query=query, json=params
        )

    async def delete(self, prompt_id: str, **query: Unpack[PromptDeleteQuery]) -> PromptDeleted:
        """Delete every version of a prompt (of one ``environment`` when given).
        ``DELETE /prompts/{prompt_id}``."""
        return await self._client._call(DELETE, path={"prompt_id": prompt_id}, query=query)

    def versions(
        self, prompt_id: str, **query: Unpack[PromptVersionsQuery]
    ) -> AsyncPager[PromptList, Prompt]:
        """Every version of a prompt, newest first, in one answer (proxy admins).
        ``GET /prompts/{prompt_id}/versions``."""

        async def page(params: dict[str, Any]) -> PromptList:
            return await self._client._call(VERSIONS, path={"prompt_id": prompt_id}, query=params)

        return AsyncPager(page, dict(query), _PROMPTS)

    async def test(self, **params: Unpack[PromptTestParams]) -> Stream[ChatCompletionChunk]:
        """Render ``dotprompt_content`` (its front matter names the model) with
        ``prompt_variables`` and run it: always a stream of chat chunks. ``POST /prompts/test``."""
        require("prompts.test", params, "dotprompt_content")
        return await self._client._stream(TEST, parse_chunk, json=params)

    async def dotprompt_json_converter(self, file: FileTypes) -> DotpromptConversion:
        """Convert a ``.prompt`` file (a path, a binary file or ``("name.prompt", content)``)
        to JSON; the prompt id is the file's stem. ``POST /utils/dotprompt_json_converter``."""
        name = _file_name(file)
        if not name or not name.endswith(".prompt"):
            raise ValueError(
                "prompts.dotprompt_json_converter() needs a file named *.prompt (the proxy "
                f"refuses others), not {name!r}: pass ('name.prompt', content) for bytes"
            )
        return await self._client._call(DOTPROMPT_JSON, files={"file": file})
