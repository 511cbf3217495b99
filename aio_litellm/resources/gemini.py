"""``client.gemini``: Google's native Gemini API through the proxy.

``generate_content`` / ``stream_generate_content`` / ``count_tokens`` take any model of the
proxy (LiteLLM bridges a non-Gemini model to Gemini's shapes); ``interactions`` is Google's
Interactions API and ``agents`` the managed agents of the Gemini side.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from typing_extensions import Unpack

from .._endpoint import Endpoint
from .._resource import Resource, group, require
from .._streaming import Stream
from ..types.gemini import (
    GeminiAgent,
    GeminiAgentCreateParams,
    GeminiAgentList,
    GeminiAgentVersionList,
    GeminiCountTokensParams,
    GeminiCountTokensResponse,
    GeminiGenerateContentParams,
    GenerateContentResponse,
    Interaction,
    InteractionCreateParams,
)

__all__ = ["Gemini", "GeminiAgents", "GeminiInteractions"]

# A generation is billed once per send: a resend of one that reached the proxy pays twice.
GENERATE = Endpoint(
    "POST",
    "/models/{model_name:path}:generateContent",
    GenerateContentResponse,
    "gemini.generate_content",
    retry_safe=False,
)
STREAM = Endpoint(
    "POST",
    "/models/{model_name:path}:streamGenerateContent",
    GenerateContentResponse,
    "gemini.stream_generate_content",
    retry_safe=False,
)
# Counting computes and stores nothing.
COUNT_TOKENS = Endpoint(
    "POST",
    "/models/{model_name:path}:countTokens",
    GeminiCountTokensResponse,
    "gemini.count_tokens",
)
INTERACTION_CREATE = Endpoint(
    "POST", "/interactions", Interaction, "gemini.interactions.create", retry_safe=False
)
INTERACTION_RETRIEVE = Endpoint(
    "GET", "/interactions/{interaction_id}", Interaction, "gemini.interactions.retrieve"
)
INTERACTION_DELETE = Endpoint(
    "DELETE", "/interactions/{interaction_id}", dict[str, Any], "gemini.interactions.delete"
)
# Cancelling twice leaves the same state as cancelling once.
INTERACTION_CANCEL = Endpoint(
    "POST", "/interactions/{interaction_id}/cancel", Interaction, "gemini.interactions.cancel"
)
AGENT_CREATE = Endpoint(
    "POST", "/v1beta/agents", GeminiAgent, "gemini.agents.create", retry_safe=False
)
# LiteLLM forwards no paging parameters on this route: one answer, not a pager.
AGENT_LIST = Endpoint("GET", "/v1beta/agents", GeminiAgentList, "gemini.agents.list")
AGENT_RETRIEVE = Endpoint("GET", "/v1beta/agents/{name}", GeminiAgent, "gemini.agents.retrieve")
AGENT_DELETE = Endpoint("DELETE", "/v1beta/agents/{name}", dict[str, Any], "gemini.agents.delete")
AGENT_VERSIONS = Endpoint(
    "GET", "/v1beta/agents/{name}/versions", GeminiAgentVersionList, "gemini.agents.list_versions"
)


def _checked(method: str, model: str, params: Mapping[str, Any]) -> dict[str, str]:
    """The path of a model route, once the model and ``contents`` are there."""
    require(method, {"model": model, **params}, "model", "contents")
    if isinstance(params["contents"], str):
        # LiteLLM drops a bare string from generateContent and answers countTokens with a 400.
        raise TypeError(f"{method}() contents must be Content objects, not a str")
    return {"model_name": model}


class GeminiInteractions(Resource):
    """Google's Interactions API (stateful turns with a model or an agent)."""

    __slots__ = ()

    async def create(self, **params: Unpack[InteractionCreateParams]) -> Interaction:
        """Start an interaction with a ``model`` or an ``agent``. ``POST /interactions``."""
        if not params.get("model") and not params.get("agent"):
            raise TypeError("gemini.interactions.create() needs model= or agent=")
        require("gemini.interactions.create", params, "input")
        return await self._client._call(INTERACTION_CREATE, json=params)

    async def retrieve(self, interaction_id: str) -> Interaction:
        """An interaction by id. ``GET /interactions/{interaction_id}``."""
        return await self._client._call(
            INTERACTION_RETRIEVE, path={"interaction_id": interaction_id}
        )

    async def delete(self, interaction_id: str) -> dict[str, Any]:
        """Delete an interaction. ``DELETE /interactions/{interaction_id}``."""
        return await self._client._call(INTERACTION_DELETE, path={"interaction_id": interaction_id})

    async def cancel(self, interaction_id: str) -> Interaction:
        """Cancel a background interaction; returns it as it now is.
        ``POST /interactions/{interaction_id}/cancel``."""
        return await self._client._call(INTERACTION_CANCEL, path={"interaction_id": interaction_id})


class GeminiAgents(Resource):
    """Managed agents on the Gemini side (not the proxy's A2A agents of ``/v1/agents``).

    The proxy uses its own Gemini key only for admin callers; other keys must pass
    ``litellm_params_template={"api_key": ...}`` to ``create``.
    """

    __slots__ = ()

    async def create(self, **params: Unpack[GeminiAgentCreateParams]) -> GeminiAgent:
        """Create a named agent. ``POST /v1beta/agents``."""
        require("gemini.agents.create", params, "id")
        return await self._client._call(AGENT_CREATE, json=params)

    async def list(self) -> GeminiAgentList:
        """The agents of the Gemini project. ``GET /v1beta/agents``."""
        return await self._client._call(AGENT_LIST)

    async def retrieve(self, name: str) -> GeminiAgent:
        """One agent by name. ``GET /v1beta/agents/{name}``."""
        return await self._client._call(AGENT_RETRIEVE, path={"name": name})

    async def delete(self, name: str) -> dict[str, Any]:
        """Delete an agent. ``DELETE /v1beta/agents/{name}``."""
        return await self._client._call(AGENT_DELETE, path={"name": name})

    async def list_versions(self, name: str) -> GeminiAgentVersionList:
        """The versions of an agent. ``GET /v1beta/agents/{name}/versions``."""
        return await self._client._call(AGENT_VERSIONS, path={"name": name})


class Gemini(Resource):
    """Gemini-native generation and token counting, Interactions and managed agents."""

    __slots__ = ("__dict__",)

    interactions: group[GeminiInteractions] = group("gemini:GeminiInteractions")
    agents: group[GeminiAgents] = group("gemini:GeminiAgents")

    async def generate_content(
        self, model: str, **params: Unpack[GeminiGenerateContentParams]
    ) -> GenerateContentResponse:
        """Generate a reply. ``POST /models/{model}:generateContent``.

        ``model`` is a model name of the proxy (``fake-gpt``, ``gemini/gemini-2.0-flash``), not
        necessarily a Gemini one. Not retried once it may have reached the proxy.
        """
        path = _checked("gemini.generate_content", model, params)
        return await self._client._call(GENERATE, path=path, json=params)

    async def stream_generate_content(
        self, model: str, **params: Unpack[GeminiGenerateContentParams]
    ) -> Stream[GenerateContentResponse]:
        """Generate a reply as a ``Stream`` of partial ``GenerateContentResponse`` chunks.
        ``POST /models/{model}:streamGenerateContent?alt=sse``.

        Each chunk carries the new text (``chunk.text``); the last one the ``usage_metadata``.
        The proxy ends the stream at the end of the body (no ``[DONE]``).
        """
        path = _checked("gemini.stream_generate_content", model, params)
        return await self._client._stream(
            STREAM,
            GenerateContentResponse.model_validate_json,
            path=path,
            query={"alt": "sse"},
            json=params,
        )

    async def count_tokens(
        self, model: str, **params: Unpack[GeminiCountTokensParams]
    ) -> GeminiCountTokensResponse:
        """Count the tokens of a request without running it.
        ``POST /models/{model}:countTokens``."""
        path = _checked("gemini.count_tokens", model, params)
        return await self._client._call(COUNT_TOKENS, path=path, json=params)
