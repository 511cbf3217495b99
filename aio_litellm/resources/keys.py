"""``client.keys``: virtual keys (``/key/*``)."""

from __future__ import annotations

import builtins
import hashlib
import secrets
from collections.abc import AsyncIterable, Iterable, Mapping, Sequence
from typing import Any

from typing_extensions import Unpack

from .._bulk_admin import CreateConflict, by_id, create_verified, verify
from .._endpoint import Endpoint
from .._exceptions import APIStatusError, LiteLLMError, NotFoundError
from .._logging import mask_key
from .._pagination import AsyncPager, PageNumberStyle
from .._resource import Resource
from ..bulk import BulkResult, BulkRunner, Outcome
from ..types.keys import (
    BulkUpdateKeyResponse,
    GenerateKeyResponse,
    KeyAliasesResponse,
    KeyBulkUpdateItem,
    KeyDeleteResponse,
    KeyGenerateParams,
    KeyHealthResponse,
    KeyInfoManyResponse,
    KeyInfoResponse,
    KeyListParams,
    KeyListResponse,
    KeyRegenerateParams,
    KeyUpdateParams,
    KeyUpdateResponse,
    TeamKeyUpdateFields,
    VerificationToken,
)

__all__ = ["CreateConflict", "KeyNotDeleted", "Keys", "hash_key", "new_key"]

KeyBulkUpdateSpec = Mapping[str, Any]

# Creates are not retry-safe: a create that timed out may have been applied. Choose the key
# yourself (``key="sk-..."``) to make a retry detectable as "already exists".
GENERATE = Endpoint("POST", "/key/generate", GenerateKeyResponse, "keys.create", retry_safe=False)
SERVICE_ACCOUNT = Endpoint(
    "POST",
    "/key/service-account/generate",
    GenerateKeyResponse,
    "keys.generate_service_account",
    retry_safe=False,
)
REGENERATE = Endpoint(
    "POST", "/key/regenerate", GenerateKeyResponse, "keys.regenerate", retry_safe=False
)
INFO = Endpoint("GET", "/key/info", KeyInfoResponse, "keys.info")
INFO_MANY = Endpoint("POST", "/v2/key/info", KeyInfoManyResponse, "keys.info_many")
LIST = Endpoint("GET", "/key/list", KeyListResponse, "keys.list")
ALIASES = Endpoint("GET", "/key/aliases", KeyAliasesResponse, "keys.aliases")
# Updates, deletes and (un)blocks set a state: sending one twice gives the same state.
UPDATE = Endpoint("POST", "/key/update", KeyUpdateResponse, "keys.update")
DELETE = Endpoint("POST", "/key/delete", KeyDeleteResponse, "keys.delete")
BLOCK = Endpoint("POST", "/key/block", VerificationToken, "keys.block")
UNBLOCK = Endpoint("POST", "/key/unblock", VerificationToken, "keys.unblock")
HEALTH = Endpoint("POST", "/key/health", KeyHealthResponse, "keys.health")
BULK_UPDATE = Endpoint("POST", "/key/bulk_update", BulkUpdateKeyResponse, "keys.bulk_update")
TEAM_BULK_UPDATE = Endpoint(
    "POST", "/team/key/bulk_update", BulkUpdateKeyResponse, "keys.team_bulk_update"
)
RESET_SPEND = Endpoint("POST", "/key/{key:path}/reset_spend", dict[str, Any], "keys.reset_spend")

# Not compared when a create meets an existing key: the secret (the stored key has its hash) and
# what use changes.
_NOT_COMPARED = frozenset({"key", "spend"})

_PAGES = PageNumberStyle(items="keys")
_ALIAS_PAGES = PageNumberStyle(items="aliases")


class Keys(Resource):
    """Virtual keys: create, inspect, list, change, block and delete them."""

    __slots__ = ()

    async def create(self, **params: Unpack[KeyGenerateParams]) -> GenerateKeyResponse:
        """Create a virtual key. ``POST /key/generate``.

        Not retried once it may have reached the proxy (timeouts, dropped connections, 5xx):
        a create that timed out may have been applied.
        """
        return await self._client._call(GENERATE, json=params)

    async def generate_service_account(
        self, **params: Unpack[KeyGenerateParams]
    ) -> GenerateKeyResponse:
        """Create a key owned by a team rather than a user (``team_id`` required).
        ``POST /key/service-account/generate``."""
        if not params.get("team_id"):
            raise TypeError("generate_service_account() requires team_id")
        return await self._client._call(SERVICE_ACCOUNT, json=params)

    async def regenerate(
        self, key: str, **params: Unpack[KeyRegenerateParams]
    ) -> GenerateKeyResponse:
        """Issue a new secret for ``key`` (optionally changing its settings); the old one stops
        working after ``grace_period``. ``POST /key/regenerate`` (enterprise licence)."""
        return await self._client._call(REGENERATE, json={**params, "key": key})

    async def info(self, key: str | None = None) -> KeyInfoResponse:
        """Settings and spend of ``key`` (default: the calling key). ``GET /key/info``.

        Pass the key's sha256 hash (``token``) rather than the secret to keep it out of URLs.
        """
        return await self._client._call(INFO, query={"key": key})

    async def info_many(self, keys: Sequence[str]) -> KeyInfoManyResponse:
        """Info for several keys in one request. ``POST /v2/key/info``."""
        return await self._client._call(INFO_MANY, json={"keys": _strings("keys", keys)})

    def list(
        self, **params: Unpack[KeyListParams]
    ) -> AsyncPager[KeyListResponse, str | dict[str, Any]]:
        """Keys visible to the caller, page by page. ``GET /key/list``.

        ``await client.keys.list(size=100)`` is one page; ``async for k in client.keys.list()``
        walks them all (hashes, or objects with ``return_full_object=True``).
        """
        return AsyncPager(self._list_page, dict(params), _PAGES)

    async def _list_page(self, query: dict[str, Any]) -> KeyListResponse:
        return await self._client._call(LIST, query=query)

    def aliases(
        self, *, search: str | None = None, team_id: str | None = None, size: int | None = None
    ) -> AsyncPager[KeyAliasesResponse, Any]:
        """Key aliases, page by page. ``GET /key/aliases``."""
        query = {"search": search, "team_id": team_id, "size": size}
        return AsyncPager(self._alias_page, query, _ALIAS_PAGES)

    async def _alias_page(self, query: dict[str, Any]) -> KeyAliasesResponse:
        return await self._client._call(ALIASES, query=query)

    async def update(self, key: str, **params: Unpack[KeyUpdateParams]) -> KeyUpdateResponse:
        """Change a key's settings. ``POST /key/update``."""
        return await self._client._call(UPDATE, json={**params, "key": key})

    async def delete(
        self, keys: Sequence[str] | None = None, *, key_aliases: Sequence[str] | None = None
    ) -> KeyDeleteResponse:
        """Delete keys by secret/hash or by alias. ``POST /key/delete``."""
        if not keys and not key_aliases:
            raise TypeError("delete() needs keys or key_aliases")
        body: dict[str, Any] = {}
        if keys:
            body["keys"] = _strings("keys", keys)
        if key_aliases:
            body["key_aliases"] = _strings("key_aliases", key_aliases)
        return await self._client._call(DELETE, json=body)

    async def block(self, key: str) -> VerificationToken:
        """Stop a key from making requests. ``POST /key/block``."""
        return await self._client._call(BLOCK, json={"key": key})

    async def unblock(self, key: str) -> VerificationToken:
        """Let a blocked key make requests again. ``POST /key/unblock``."""
        return await self._client._call(UNBLOCK, json={"key": key})

    async def health(self) -> KeyHealthResponse:
        """Check the calling key's logging callbacks. ``POST /key/health``."""
        return await self._client._call(HEALTH)

    async def bulk_update(self, keys: Sequence[KeyBulkUpdateItem]) -> BulkUpdateKeyResponse:
        """Change budget, team or tags of many keys in one request. ``POST /key/bulk_update``."""
        return await self._client._call(BULK_UPDATE, json={"keys": builtins.list(keys)})

    async def team_bulk_update(
        self,
        team_id: str,
        update_fields: TeamKeyUpdateFields,
        *,
        key_ids: Sequence[str] | None = None,
        all_keys_in_team: bool = False,
    ) -> BulkUpdateKeyResponse:
        """Apply one update to many keys of a team. ``POST /team/key/bulk_update``."""
        if not key_ids and not all_keys_in_team:
            raise TypeError("team_bulk_update() needs key_ids or all_keys_in_team=True")
        body: dict[str, Any] = {
            "team_id": team_id,
            "update_fields": update_fields,
            "all_keys_in_team": all_keys_in_team,
        }
        if key_ids:
            body["key_ids"] = _strings("key_ids", key_ids)
        return await self._client._call(TEAM_BULK_UPDATE, json=body)

    async def reset_spend(self, key: str, *, reset_to: float) -> dict[str, Any]:
        """Set a key's recorded spend (to 0 or any lower value). ``POST /key/{key}/reset_spend``."""
        return await self._client._call(RESET_SPEND, path={"key": key}, json={"reset_to": reset_to})

    # -- bulk ---------------------------------------------------------------------------------

    async def create_many(
        self,
        specs: Iterable[KeyGenerateParams] | AsyncIterable[KeyGenerateParams],
        *,
        concurrency: int = 16,
        rate: tuple[float, float] | None = None,
        max_errors: int | None = None,
        progress: bool = False,
        runner: BulkRunner | None = None,
    ) -> BulkResult[KeyGenerateParams, GenerateKeyResponse]:
        """Create many keys, one outcome per spec in input order (the proxy has no bulk create).

        Retry-safe: a spec without ``key`` gets a random one chosen here, so a create that timed
        out or lost its connection is sent again with the same secret, and an "already exists"
        is checked by reading the key back (by its hash). A key that exists with other values
        than the spec's ends as ``CreateConflict``. The created secrets are in the outcomes'
        values (``.key``) and nowhere else: they are never logged.
        """
        runner = runner or BulkRunner(
            concurrency=concurrency,
            rate=rate,
            max_errors=max_errors,
            progress=progress,
            progress_label="keys",
        )
        return await runner.run(lambda spec: self.create_safely(**spec), specs)

    async def create_safely(
        self, *, new_secret: bool = False, **spec: Unpack[KeyGenerateParams]
    ) -> GenerateKeyResponse:
        """``create`` made safe to repeat: the secret is chosen here when the spec has none.

        A key that already has the secret is success only if it has the spec's values (read
        back by hash: team, user, alias, models, budgets, metadata as a subset...); otherwise
        ``CreateConflict`` names the fields that differ. The proxy answers a create with an
        existing secret with 200 and leaves that key as it is, so a spec that brings its own
        ``key`` is always read back after the create, unless ``new_secret`` says the key was
        chosen for this create and never sent before.
        """
        params: KeyGenerateParams = {**spec}
        chosen = params.get("key")
        secret = chosen or new_key()
        params["key"] = secret
        token = hash_key(secret)

        async def find() -> GenerateKeyResponse | None:
            try:
                found = await self.info(token)
            except NotFoundError:
                return None
            if found.info.get("deleted_at") or found.info.get("status") == "deleted":
                return None  # deleted since: not the key asked for
            verify(f"key {mask_key(secret)}", spec, found.info, _NOT_COMPARED)
            return GenerateKeyResponse.model_validate({**found.info, "key": secret, "token": token})

        return await create_verified(
            lambda: self.create(**params),
            find,
            check_success=bool(chosen) and not new_secret,
            sleep=self._client._sleep,
        )

    async def delete_safely(self, key: str) -> bool:
        """Delete one key (secret or hash), safe to repeat: True when this call deleted it,
        False when it was already gone.

        "Already gone" is the proxy's precise answer to a delete of keys none of which exist
        (404, "No keys found"): met when an earlier attempt was applied and its answer lost,
        or when the key was deleted before (or never existed: the proxy cannot tell these
        apart, and the key is not there either way). Raises ``KeyNotDeleted`` if the proxy
        answered without listing the key, and the ``APIError`` of any other failure.
        """
        try:
            deleted = (await self.delete([key])).deleted_keys
        except APIStatusError as exc:
            if _already_gone(exc):
                return False
            raise
        if key not in deleted:
            raise KeyNotDeleted(key)
        return True

    async def delete_many(
        self,
        keys: Iterable[str],
        *,
        batch_size: int = 100,
        concurrency: int = 4,
        progress: bool = False,
    ) -> BulkResult[str, str]:
        """Delete many keys (secrets or hashes), ``batch_size`` per request, one outcome per key.

        When a batch fails as a whole, its keys are retried one by one so one bad key cannot
        fail the others. A key that is already gone (see ``delete_safely``) counts as deleted,
        so a delete whose answer was lost, or a rerun, reports success. A key the proxy did
        not report deleted ends as ``KeyNotDeleted``.
        """
        keys = _strings("keys", keys)
        batches = [keys[i : i + batch_size] for i in range(0, len(keys), batch_size)]
        runner = BulkRunner(concurrency=concurrency, progress=progress, progress_label="batches")
        per_key: BulkResult[str, str] = BulkResult()
        async for outcome in runner.stream(self._delete_batch, batches):
            errors = outcome.value if outcome.ok else [outcome.error] * len(outcome.item)
            for key, error in zip(outcome.item, errors or (), strict=True):
                per_key.outcomes.append(
                    Outcome(len(per_key.outcomes), key, None if error else key, error)
                )
        per_key.elapsed = runner.result.elapsed
        per_key.throttled = runner.result.throttled
        return per_key

    async def _delete_batch(self, batch: builtins.list[str]) -> builtins.list[BaseException | None]:
        try:
            deleted = set((await self.delete(batch)).deleted_keys)
        except APIStatusError as exc:
            if _already_gone(exc):
                return [None] * len(batch)  # none of them exists (any more)
            if len(batch) == 1:
                raise
            return [await self._delete_one(key) for key in batch]
        return [None if key in deleted else KeyNotDeleted(key) for key in batch]

    async def _delete_one(self, key: str) -> BaseException | None:
        try:
            await self.delete_safely(key)
        except LiteLLMError as exc:
            return exc
        return None

    async def update_many(
        self,
        updates: Iterable[KeyBulkUpdateSpec] | AsyncIterable[KeyBulkUpdateSpec],
        *,
        concurrency: int = 16,
        progress: bool = False,
    ) -> BulkResult[KeyBulkUpdateSpec, KeyUpdateResponse]:
        """Apply a change to each key (``{"key": ..., <fields>}``), one outcome per update."""

        runner = BulkRunner(concurrency=concurrency, progress=progress, progress_label="keys")
        return await runner.run(by_id("key", self.update), updates)

    async def block_many(
        self, keys: Iterable[str], *, blocked: bool = True, concurrency: int = 16
    ) -> BulkResult[str, VerificationToken]:
        """Block (or with ``blocked=False`` unblock) many keys, one outcome per key."""
        action = self.block if blocked else self.unblock
        return await BulkRunner(concurrency=concurrency).run(action, keys)


class KeyNotDeleted(LiteLLMError):
    """The proxy answered a delete without listing this key as deleted."""

    def __init__(self, key: str) -> None:
        super().__init__(f"not deleted: {mask_key(key)}")


def _already_gone(exc: APIStatusError) -> bool:
    # LiteLLM 1.110 answers a delete of keys none of which exists with 404 and the message
    # "{'error': 'No keys found'}"; any other 404 (a proxy without the route...) is a failure.
    return exc.status_code == 404 and "No keys found" in exc.message


def new_key() -> str:
    """A fresh virtual key secret in LiteLLM's format (``sk-`` + 22 url-safe characters)."""
    return "sk-" + secrets.token_urlsafe(16)


def hash_key(secret: str) -> str:
    """The hash the proxy stores and lists for a key (its ``token``)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def _strings(name: str, values: Iterable[str]) -> builtins.list[str]:
    # A bare string is a Sequence[str] too; sending its characters as keys would be a bad day.
    if isinstance(values, str):
        raise TypeError(f"{name} must be a list of strings, not a str")
    return builtins.list(values)
