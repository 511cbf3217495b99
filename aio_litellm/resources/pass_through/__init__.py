"""Pass-through to every provider the proxy fronts: ``client.pass_through.<provider>``.

Each provider's catch-all route is declared once (``provider_routes``) and reached with raw verbs
(``get``/``post``/... , ``stream``, ``open``) that keep the client's key, retries, timeouts and
typed errors. The caller's path is checked before sending: it can never leave the provider's
prefix (see ``aio_litellm._urls.sub_path``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from typing_extensions import Unpack

from ..._endpoint import Endpoint
from ..._resource import Resource, group
from ..._websocket import WebSocketConnect, open_session

if TYPE_CHECKING:
    from .assemblyai import AssemblyAI
    from .azure import Azure
    from .bedrock import Bedrock
    from .cohere import Cohere
    from .cursor import Cursor
    from .langfuse import Langfuse
    from .milvus import Milvus
    from .mistral import Mistral
    from .vertex_ai import VertexAI
    from .vllm import Vllm

from ._provider import FullProvider, PassThroughOptions, Provider, provider_routes, raw_frame

__all__ = [
    "FullProvider",
    "PassThrough",
    "PassThroughOptions",
    "Provider",
    "provider_routes",
    "raw_frame",
]


def _routes(provider: str, prefix: str | None = None) -> dict[str, Endpoint[Any]]:
    return provider_routes(f"/{prefix or provider}/{{endpoint:path}}", f"pass_through.{provider}")


def _fixed(method: str, path: str, attr: str) -> Endpoint[Any]:
    return Endpoint(
        method, path, Any, f"pass_through.{attr}", retry_safe=method not in ("POST", "WEBSOCKET")
    )


ANTHROPIC = _routes("anthropic")
ASSEMBLYAI = _routes("assemblyai")
ASSEMBLYAI_EU = provider_routes("/eu.assemblyai/{endpoint:path}", "pass_through.assemblyai.eu")
AZURE = _routes("azure")
AZURE_AI = _routes("azure_ai")
AZURE_SPEECH = _routes("azure_speech")
BEDROCK = _routes("bedrock")
BESPOKE = _fixed("POST", "/bespoke/v1/systemone", "bespoke.systemone")
CODEX = provider_routes("/backend-api/codex/{endpoint}", "pass_through.codex", ("GET", "POST"))
COHERE = _routes("cohere")
COMPREHENDMEDICAL = _fixed("POST", "/comprehendmedical", "comprehendmedical.sdk")
COMPREHENDMEDICAL_OP = provider_routes(
    "/comprehendmedical/{operation}", "pass_through.comprehendmedical", ("POST",)
)
CURSOR = _routes("cursor")
CURSOR_CHAT = _fixed("POST", "/cursor/chat/completions", "cursor.chat_completions")
CURSOR_MODELS = _fixed("GET", "/cursor/models", "cursor.models")
DEEPGRAM_LISTEN = _fixed("WEBSOCKET", "/deepgram/listen", "deepgram.listen")
DEEPGRAM_SPEAK = _fixed("WEBSOCKET", "/deepgram/speak", "deepgram.speak")
EU_JEV = _fixed("POST", "/eu_jev/v1/systemone", "eu_jev.systemone")
FAL_AI = _routes("fal_ai")
GEMINI = _routes("gemini")
GIGACHAT = _routes("gigachat")
LANGFUSE = _routes("langfuse")
LAYA = _fixed("POST", "/laya/v1/systemone", "laya.systemone")
MILVUS = _routes("milvus")
MISTRAL = _routes("mistral")
NVIDIA_NIM = _routes("nvidia_nim")
OPENAI = _routes("openai")
OPENAI_CONNECT = _fixed("WEBSOCKET", "/openai/{endpoint:path}", "openai.connect")
OPENAI_PASSTHROUGH = provider_routes(
    "/openai_passthrough/{endpoint:path}", "pass_through.openai.passthrough"
)
OPENROUTER = _routes("openrouter")
TINYFISH = provider_routes("/tinyfish/{endpoint:path}", "pass_through.tinyfish", ("GET", "POST"))
TRANSCRIBE = _fixed("POST", "/transcribe", "transcribe.sdk")
TRANSCRIBE_OP = provider_routes("/transcribe/{operation}", "pass_through.transcribe", ("POST",))
TYPESAFE = _routes("typesafe")
VERTEX_AI = _routes("vertex_ai")
VERTEX_AI_DISCOVERY = provider_routes(
    "/vertex_ai/discovery/{endpoint:path}", "pass_through.vertex_ai.discovery"
)
VERTEX_AI_LIVE = _fixed("WEBSOCKET", "/vertex_ai/live", "vertex_ai.live")
VLLM = _routes("vllm")
WATSONX = _routes("watsonx")


class _Fixed(Provider):
    """A provider reached through fixed routes only (no catch-all)."""

    __slots__ = ()
    routes: ClassVar[Mapping[str, Endpoint[Any]]] = {}


class _Systemone(_Fixed):
    __slots__ = ()
    route: ClassVar[Endpoint[Any]]

    async def systemone(self, **options: Unpack[PassThroughOptions]) -> Any:
        """A decision request (``json=`` body). ``POST /<provider>/v1/systemone``."""
        return await self._send(self.route, None, None, options)


class _AwsOperations(Provider):
    """AWS JSON-protocol services: ``post(operation, json=...)`` puts the operation in the
    path; ``sdk(target, ...)`` sends it as the ``X-Amz-Target`` header, as AWS SDKs do."""

    __slots__ = ()
    root: ClassVar[Endpoint[Any]]
    target_prefix: ClassVar[str]

    async def sdk(self, operation: str, **options: Unpack[PassThroughOptions]) -> Any:
        """Call ``operation`` the AWS SDK way. ``POST /<service>`` with ``X-Amz-Target``."""
        if not isinstance(operation, str) or not operation.isidentifier():
            raise ValueError(f"operation must be an AWS operation name, got {operation!r}")
        headers = {
            "X-Amz-Target": f"{self.target_prefix}.{operation}",
            "Content-Type": "application/x-amz-json-1.1",
            **(options.get("headers") or {}),
        }
        return await self._send(self.root, None, None, {**options, "headers": headers})


class Anthropic(FullProvider):
    __slots__ = ()
    routes = ANTHROPIC


class AzureAI(FullProvider):
    __slots__ = ()
    routes = AZURE_AI


class AzureSpeech(FullProvider):
    __slots__ = ()
    routes = AZURE_SPEECH


class Bespoke(_Systemone):
    __slots__ = ()
    route = BESPOKE


class Codex(Provider):
    """ChatGPT Codex's backend API (one path segment: ``post("responses", json=...)``)."""

    __slots__ = ()
    routes = CODEX


class ComprehendMedical(_AwsOperations):
    __slots__ = ()
    routes = COMPREHENDMEDICAL_OP
    root = COMPREHENDMEDICAL
    target_prefix = "ComprehendMedical_20181030"


class Deepgram(_Fixed):
    """Deepgram's streaming speech APIs, over WebSockets."""

    __slots__ = ()

    def listen(self, **query: Any) -> WebSocketConnect[Any, Any]:
        """Live transcription: send audio frames, receive JSON results.
        ``WEBSOCKET /deepgram/listen`` (query: Deepgram's options, e.g. ``model``)."""
        return open_session(self._client, DEEPGRAM_LISTEN, raw_frame, query=query or None)

    def speak(self, **query: Any) -> WebSocketConnect[Any, Any]:
        """Live text to speech: send text messages, receive audio frames.
        ``WEBSOCKET /deepgram/speak``."""
        return open_session(self._client, DEEPGRAM_SPEAK, raw_frame, query=query or None)


class EuJev(_Systemone):
    __slots__ = ()
    route = EU_JEV


class FalAI(FullProvider):
    __slots__ = ()
    routes = FAL_AI


class Gemini(FullProvider):
    """Google AI Studio. The proxy reads its key from ``x-goog-api-key`` on these routes."""

    __slots__ = ()
    routes = GEMINI

    def _auth_headers(self) -> Mapping[str, str] | None:
        key = self._client.api_key
        return {"x-goog-api-key": key} if key else None


class GigaChat(FullProvider):
    __slots__ = ()
    routes = GIGACHAT


class Laya(_Systemone):
    __slots__ = ()
    route = LAYA


class NvidiaNim(FullProvider):
    __slots__ = ()
    routes = NVIDIA_NIM


class OpenAIPassthrough(FullProvider):
    """``/openai_passthrough/*``: the same upstream without the proxy's OpenAI handling."""

    __slots__ = ()
    routes = OPENAI_PASSTHROUGH


class OpenAI(FullProvider):
    """Raw OpenAI routes (the typed ones are ``client.chat``, ``client.files`` ...)."""

    routes = OPENAI
    passthrough: group[OpenAIPassthrough] = group("pass_through:OpenAIPassthrough")

    def connect(self, path: str, **query: Any) -> WebSocketConnect[Any, Any]:
        """A WebSocket to an OpenAI route (e.g. ``v1/realtime``). ``WEBSOCKET /openai/<path>``."""
        request = self._prepare(OPENAI_CONNECT, path, {})
        return open_session(
            self._client,
            OPENAI_CONNECT,
            raw_frame,
            path=request["path_params"],
            query=query or None,
        )


class OpenRouter(FullProvider):
    __slots__ = ()
    routes = OPENROUTER


class TinyFish(Provider):
    __slots__ = ()
    routes = TINYFISH


class Transcribe(_AwsOperations):
    """Amazon Transcribe."""

    __slots__ = ()
    routes = TRANSCRIBE_OP
    root = TRANSCRIBE
    target_prefix = "Transcribe"


class Typesafe(FullProvider):
    __slots__ = ()
    routes = TYPESAFE


class Watsonx(FullProvider):
    __slots__ = ()
    routes = WATSONX


class PassThrough(Resource):
    """``client.pass_through.<provider>``: one attribute per provider route group."""

    anthropic: group[Anthropic] = group("pass_through:Anthropic")
    assemblyai: group[AssemblyAI] = group("pass_through.assemblyai:AssemblyAI")
    azure: group[Azure] = group("pass_through.azure:Azure")
    azure_ai: group[AzureAI] = group("pass_through:AzureAI")
    azure_speech: group[AzureSpeech] = group("pass_through:AzureSpeech")
    bedrock: group[Bedrock] = group("pass_through.bedrock:Bedrock")
    bespoke: group[Bespoke] = group("pass_through:Bespoke")
    codex: group[Codex] = group("pass_through:Codex")
    cohere: group[Cohere] = group("pass_through.cohere:Cohere")
    comprehendmedical: group[ComprehendMedical] = group("pass_through:ComprehendMedical")
    cursor: group[Cursor] = group("pass_through.cursor:Cursor")
    deepgram: group[Deepgram] = group("pass_through:Deepgram")
    eu_jev: group[EuJev] = group("pass_through:EuJev")
    fal_ai: group[FalAI] = group("pass_through:FalAI")
    gemini: group[Gemini] = group("pass_through:Gemini")
    gigachat: group[GigaChat] = group("pass_through:GigaChat")
    langfuse: group[Langfuse] = group("pass_through.langfuse:Langfuse")
    laya: group[Laya] = group("pass_through:Laya")
    milvus: group[Milvus] = group("pass_through.milvus:Milvus")
    mistral: group[Mistral] = group("pass_through.mistral:Mistral")
    nvidia_nim: group[NvidiaNim] = group("pass_through:NvidiaNim")
    openai: group[OpenAI] = group("pass_through:OpenAI")
    openrouter: group[OpenRouter] = group("pass_through:OpenRouter")
    tinyfish: group[TinyFish] = group("pass_through:TinyFish")
    transcribe: group[Transcribe] = group("pass_through:Transcribe")
    typesafe: group[Typesafe] = group("pass_through:Typesafe")
    vertex_ai: group[VertexAI] = group("pass_through.vertex_ai:VertexAI")
    vllm: group[Vllm] = group("pass_through.vllm:Vllm")
    watsonx: group[Watsonx] = group("pass_through:Watsonx")
