"""``LiteLLMClient``: options, lifecycle, raw access and the resource tree.

The request pipeline lives in ``_pipeline``; each resource group is a module of
``aio_litellm.resources``, imported on first access (see ``_resource.group``), so importing
the package and constructing a client cost the same however many groups there are.
"""

from __future__ import annotations

import asyncio
import os
import ssl
import time
import warnings
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, overload

import aiohttp
from typing_extensions import Unpack

from . import _jsonutil
from ._logging import mask_key, setup_logging
from ._pipeline import NOT_GIVEN, Pipeline, RequestOptions
from ._pool import Limiter, Pool
from ._resource import group
from ._response import APIResponse
from ._results import decoder
from ._retry import RetryPolicy, Sleep, resolve_policy
from ._streaming import Stream
from ._transport import Timeout

if TYPE_CHECKING:
    from .resources.a2a import A2a
    from .resources.access_groups import AccessGroups
    from .resources.agents import Agents
    from .resources.alerting import Alerting
    from .resources.anthropic import Anthropic
    from .resources.assistants import Assistants
    from .resources.audit import Audit
    from .resources.batches import Batches
    from .resources.budgets import Budgets
    from .resources.cache import Cache
    from .resources.callbacks import Callbacks
    from .resources.chat import Chat
    from .resources.claude_code import ClaudeCode
    from .resources.completions import Completions
    from .resources.compliance import Compliance
    from .resources.config import Config
    from .resources.containers import Containers
    from .resources.cost import Cost
    from .resources.credentials import Credentials
    from .resources.customers import Customers
    from .resources.decisions import Decisions
    from .resources.embeddings import Embeddings
    from .resources.evals import Evals
    from .resources.fallbacks import Fallbacks
    from .resources.files import Files
    from .resources.fine_tuning import FineTuning
    from .resources.gemini import Gemini
    from .resources.guardrails import Guardrails
    from .resources.health import Health
    from .resources.jwt import Jwt
    from .resources.keys import Keys
    from .resources.mcp import Mcp
    from .resources.media import Audio, Images, Moderations, Rerank
    from .resources.memory import Memory
    from .resources.models import Models
    from .resources.ocr import Ocr
    from .resources.organizations import Organizations
    from .resources.other import Other
    from .resources.pass_through import PassThrough
    from .resources.pass_through_config import PassThroughConfig
    from .resources.policies import Policies
    from .resources.projects import Projects
    from .resources.prompts import Prompts
    from .resources.public import Public
    from .resources.rag import Rag
    from .resources.realtime import Realtime
    from .resources.responses import Responses
    from .resources.router_settings import RouterSettings
    from .resources.scim import Scim
    from .resources.search import Search
    from .resources.skill_hub import SkillHub
    from .resources.spend import Spend
    from .resources.tags import Tags
    from .resources.teams import Teams
    from .resources.tools import Tools
    from .resources.traces import Traces
    from .resources.users import Users
    from .resources.utils import Utils
    from .resources.vector_stores import VectorStores
    from .resources.videos import Videos
    from .resources.workflows import Workflows

__all__ = ["DEFAULT_TIMEOUT", "NOT_GIVEN", "LiteLLMClient", "RequestOptions"]

T = TypeVar("T")

DEFAULT_TIMEOUT = Timeout()

setup_logging()


class LiteLLMClient(Pipeline):
    """An asyncio client for the LiteLLM proxy.

    >>> async with LiteLLMClient(base_url="http://127.0.0.1:4000", api_key="sk-...") as client:
    ...     reply = await client.chat.completions.create(model="gpt-4o", messages=[...])

    ``base_url``/``api_key`` default to ``LITELLM_BASE_URL``/``LITELLM_API_KEY``.
    ``timeout``: seconds for a whole attempt (queueing for a slot included; a stream's idle
    bound too), or a ``Timeout`` (see there). ``max_connections``: the pool size;
    ``max_in_flight``: requests sent at once (default: the pool size), the rest queue for a
    slot. ``rate_limit=(n, seconds)``: at most n attempts sent per period, counted when they
    hold a slot (or pass any ``limiter`` with ``async acquire()``). ``session``: an aiohttp
    session of yours, which the client uses but never closes (it turns off aiohttp's hidden
    resend of idempotent requests on it, so every attempt is one the client counts).
    ``verify_ssl``: certificate checks (on unless False, or your ``ssl.SSLContext``).
    ``max_response_size``: the largest body accepted, counted decoded (after gzip), and the
    most a stream may carry in all (256 MiB by default; None for no limit);
    ``max_event_size``: the largest single stream event (16 MiB). ``aclose()`` ends calls and
    streams still in flight with ``ClientClosedError``. ``sleep``/``clock`` are injectable for
    tests.
    """

    def __init__(
        self,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float | Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        default_headers: Mapping[str, str] | None = None,
        max_connections: int = 512,
        max_in_flight: int | None = None,
        rate_limit: tuple[float, float] | None = None,
        limiter: Limiter | None = None,
        session: aiohttp.ClientSession | None = None,
        keepalive_timeout: float = 4.0,
        verify_ssl: bool | ssl.SSLContext = True,
        max_response_size: int | None = 256 * 1024 * 1024,
        max_event_size: int | None = 16 * 1024 * 1024,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_connections < 1:
            raise ValueError("max_connections must be >= 1")
        if max_in_flight is not None and max_in_flight < 1:
            raise ValueError("max_in_flight must be >= 1")
        if max_response_size is not None and max_response_size < 1:
            raise ValueError("max_response_size must be >= 1 or None")
        if max_event_size is not None and max_event_size < 1:
            raise ValueError("max_event_size must be >= 1 or None")
        if rate_limit is not None and limiter is not None:
            raise ValueError("pass rate_limit or limiter, not both")
        if rate_limit is not None:
            from aiolimiter import AsyncLimiter

            count, period = rate_limit
            if count <= 0 or period <= 0:
                raise ValueError("rate_limit must be (requests > 0, seconds > 0)")
            limiter = AsyncLimiter(count, period)
        if max_in_flight is None:
            limit = session.connector.limit if session is not None and session.connector else 0
            max_in_flight = limit or max_connections
        pool = Pool(
            session=session,
            max_connections=max_connections,
            max_in_flight=max_in_flight,
            limiter=limiter,
            keepalive_timeout=keepalive_timeout,
            verify_ssl=verify_ssl,
            max_body=max_response_size,
            max_event=max_event_size,
            connect_timeout=timeout.connect
            if isinstance(timeout, Timeout)
            else (None if timeout is None else DEFAULT_TIMEOUT.connect),
        )
        self._setup(
            pool=pool,
            owner=True,
            base_url=base_url if base_url is not None else os.environ.get("LITELLM_BASE_URL"),
            api_key=api_key if api_key is not None else os.environ.get("LITELLM_API_KEY"),
            timeout=timeout,
            retry=resolve_policy(retry, max_retries),
            default_headers=dict(default_headers or {}),
            sleep=sleep,
            clock=clock,
        )

    # -- lifecycle ---------------------------------------------------------------------------

    async def __aenter__(self) -> LiteLLMClient:
        self._check_open()
        self._pool.get_session()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the client. The client that created the pool also closes the pool (and the
        session, unless it was passed in); a ``with_options`` copy only closes itself."""
        self._closed = True
        if self._owner:
            await self._pool.aclose()

    @property
    def is_closed(self) -> bool:
        return self._closed or self._pool.closed

    def __del__(self) -> None:
        pool = getattr(self, "_pool", None)
        if (
            getattr(self, "_owner", False)
            and pool is not None
            and pool.owns_session
            and pool.session is not None
            and not pool.closed
        ):
            warnings.warn(
                f"unclosed {self!r}: use 'async with LiteLLMClient(...)' "
                "or 'await client.aclose()'",
                ResourceWarning,
                stacklevel=1,
                source=self,
            )

    def __repr__(self) -> str:
        return f"LiteLLMClient(base_url={self.base_url!r}, api_key={mask_key(self.api_key)})"

    def with_options(
        self,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float | Timeout | Any | None = NOT_GIVEN,
        max_retries: int | None = None,
        retry: RetryPolicy | None = None,
        default_headers: Mapping[str, str] | None = None,
    ) -> LiteLLMClient:
        """A copy with some options changed that shares this client's pool, concurrency slots
        and rate limiter. ``default_headers`` are merged into the current ones."""
        self._check_open()
        if retry is None:
            retry = self.retry
        if max_retries is not None:
            retry = RetryPolicy(
                max_retries=max_retries,
                initial_backoff=retry.initial_backoff,
                max_backoff=retry.max_backoff,
                max_retry_after=retry.max_retry_after,
            )
        clone = object.__new__(LiteLLMClient)
        clone._setup(
            pool=self._pool,
            owner=False,
            base_url=base_url if base_url is not None else self.base_url,
            api_key=api_key if api_key is not None else self.api_key,
            timeout=self.timeout if timeout is NOT_GIVEN else timeout,
            retry=retry,
            default_headers={**self.default_headers, **(default_headers or {})},
            sleep=self._sleep,
            clock=self._clock,
        )
        return clone

    # -- the resource tree: one line a group, imported on first access -----------------------

    chat: group[Chat] = group("chat:Chat")
    completions: group[Completions] = group("completions:Completions")
    embeddings: group[Embeddings] = group("embeddings:Embeddings")
    models: group[Models] = group("models:Models")
    health: group[Health] = group("health:Health")
    keys: group[Keys] = group("keys:Keys")
    moderations: group[Moderations] = group("media:Moderations")
    images: group[Images] = group("media:Images")
    audio: group[Audio] = group("media:Audio")
    rerank: group[Rerank] = group("media:Rerank")
    users: group[Users] = group("users:Users")
    teams: group[Teams] = group("teams:Teams")
    responses: group[Responses] = group("responses:Responses")
    files: group[Files] = group("files:Files")
    batches: group[Batches] = group("batches:Batches")
    fine_tuning: group[FineTuning] = group("fine_tuning:FineTuning")
    assistants: group[Assistants] = group("assistants:Assistants")
    vector_stores: group[VectorStores] = group("vector_stores:VectorStores")
    containers: group[Containers] = group("containers:Containers")
    evals: group[Evals] = group("evals:Evals")
    videos: group[Videos] = group("videos:Videos")
    ocr: group[Ocr] = group("ocr:Ocr")
    search: group[Search] = group("search:Search")
    rag: group[Rag] = group("rag:Rag")
    realtime: group[Realtime] = group("realtime:Realtime")
    organizations: group[Organizations] = group("organizations:Organizations")
    customers: group[Customers] = group("customers:Customers")
    budgets: group[Budgets] = group("budgets:Budgets")
    tags: group[Tags] = group("tags:Tags")
    spend: group[Spend] = group("spend:Spend")
    cost: group[Cost] = group("cost:Cost")
    credentials: group[Credentials] = group("credentials:Credentials")
    access_groups: group[AccessGroups] = group("access_groups:AccessGroups")
    projects: group[Projects] = group("projects:Projects")
    jwt: group[Jwt] = group("jwt:Jwt")
    scim: group[Scim] = group("scim:Scim")
    audit: group[Audit] = group("audit:Audit")
    compliance: group[Compliance] = group("compliance:Compliance")
    anthropic: group[Anthropic] = group("anthropic:Anthropic")
    gemini: group[Gemini] = group("gemini:Gemini")
    agents: group[Agents] = group("agents:Agents")
    pass_through_config: group[PassThroughConfig] = group("pass_through_config:PassThroughConfig")
    a2a: group[A2a] = group("a2a:A2a")
    alerting: group[Alerting] = group("alerting:Alerting")
    cache: group[Cache] = group("cache:Cache")
    callbacks: group[Callbacks] = group("callbacks:Callbacks")
    claude_code: group[ClaudeCode] = group("claude_code:ClaudeCode")
    config: group[Config] = group("config:Config")
    decisions: group[Decisions] = group("decisions:Decisions")
    fallbacks: group[Fallbacks] = group("fallbacks:Fallbacks")
    guardrails: group[Guardrails] = group("guardrails:Guardrails")
    mcp: group[Mcp] = group("mcp:Mcp")
    memory: group[Memory] = group("memory:Memory")
    other: group[Other] = group("other:Other")
    pass_through: group[PassThrough] = group("pass_through:PassThrough")
    policies: group[Policies] = group("policies:Policies")
    prompts: group[Prompts] = group("prompts:Prompts")
    public: group[Public] = group("public:Public")
    router_settings: group[RouterSettings] = group("router_settings:RouterSettings")
    skill_hub: group[SkillHub] = group("skill_hub:SkillHub")
    tools: group[Tools] = group("tools:Tools")
    traces: group[Traces] = group("traces:Traces")
    utils: group[Utils] = group("utils:Utils")
    workflows: group[Workflows] = group("workflows:Workflows")

    # -- raw access --------------------------------------------------------------------------

    @overload
    async def request(
        self, method: str, path: str, *, cast_to: type[T], **options: Unpack[RequestOptions]
    ) -> T: ...

    @overload
    async def request(self, method: str, path: str, **options: Unpack[RequestOptions]) -> Any: ...

    async def request(
        self, method: str, path: str, *, cast_to: Any = None, **options: Unpack[RequestOptions]
    ) -> Any:
        """Call any route: ``await client.request("GET", "/team/info", params={"team_id": t})``.

        ``path`` may hold ``{name}`` placeholders filled (escaped) from ``path_params``. The
        result is parsed JSON, or ``cast_to``: a pydantic model, ``bytes`` or ``str``. POST and
        PATCH are not retried after they may have reached the server unless ``retry_safe=True``.
        """
        reply, info = await self._send(self._build_options(method, path, options, stream=False))
        return self._parse(decoder(cast_to), reply.content, info)

    async def request_raw(
        self, method: str, path: str, **options: Unpack[RequestOptions]
    ) -> APIResponse:
        """Like ``request`` but returns the ``APIResponse`` (status, headers, ``content``,
        ``json()``, elapsed, retries). Error statuses still raise their typed errors."""
        req = self._build_options(method, path, options, stream=False)
        return (await self._send(req, keep_content=True))[1]

    async def request_stream(
        self, method: str, path: str, **options: Unpack[RequestOptions]
    ) -> Stream[Any]:
        """Open a server-sent-events route; each event's data is yielded parsed as JSON."""
        req = self._build_options(method, path, options, stream=True)
        return await self._open_stream(req, _jsonutil.loads)
