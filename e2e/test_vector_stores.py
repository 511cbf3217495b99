"""Vector stores through the real proxy: a store made on a model's deployment, registered with
the proxy so id-only routes reach it, its files, search and content; indexes.

Routes without a store id or a body (``GET /vector_stores``) take the upstream from the
proxy's environment (``OPENAI_API_BASE``, else api.openai.com), which this stack leaves unset:
they are covered by the unit tests only.
"""

from __future__ import annotations

import uuid

import pytest

from aio_litellm import AuthenticationError, BadRequestError, LiteLLMClient, NotFoundError

from .launcher import Stack

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("db")]


@pytest.fixture
def provider_base(stack: Stack) -> str:
    if not stack.provider_url:
        pytest.skip("the fake provider's address is unknown (set FAKE_PROVIDER_URL)")
    return stack.provider_url + "/v1"


async def test_vector_store_lifecycle(admin: LiteLLMClient, provider_base: str) -> None:
    run = uuid.uuid4().hex[:8]
    vs = admin.vector_stores
    store = await vs.create(name=f"e2e-{run}", metadata={"run": run}, model="fake-gpt")
    assert store.id.startswith("vs_") and store.name == f"e2e-{run}"
    assert store.metadata == {"run": run} and store.status == "completed"

    # Registered with the proxy, the store's credentials serve the routes that carry only its id.
    registered = await vs.managed.create(
        vector_store_id=store.id,
        custom_llm_provider="openai",
        vector_store_name=f"e2e-{run}",
        litellm_params={"api_base": provider_base, "api_key": "fake"},
    )
    assert registered.status == "success" and registered.vector_store is not None
    params = registered.vector_store.litellm_params or {}
    assert params["api_base"] == provider_base and params["api_key"] != "fake"  # redacted
    try:
        info = await vs.managed.info(store.id)
        assert info.vector_store.vector_store_name == f"e2e-{run}"
        listed = [row.vector_store_id async for row in vs.managed.list(page_size=1)]
        assert store.id in listed
        changed = await vs.managed.update(store.id, vector_store_description="described")
        assert changed.vector_store is not None
        assert changed.vector_store.vector_store_description == "described"

        assert (await vs.retrieve(store.id)).name == f"e2e-{run}"
        assert (await vs.update(store.id, name=f"renamed-{run}")).name == f"renamed-{run}"

        first = await vs.files.create(store.id, file_id=f"file-a{run}", attributes={"lang": "en"})
        assert (first.id, first.vector_store_id, first.status) == (
            f"file-a{run}",
            store.id,
            "completed",
        )
        assert first.attributes == {"lang": "en"}
        await vs.files.create(store.id, file_id=f"file-b{run}")
        walked = [f.id async for f in vs.files.list(store.id, limit=1, order="asc")]
        assert walked == [f"file-a{run}", f"file-b{run}"]  # two pages, cursor followed
        counts = (await vs.retrieve(store.id)).file_counts
        assert counts is not None and (counts.total, counts.completed) == (2, 2)

        updated = await vs.files.update(store.id, f"file-a{run}", attributes={"lang": "fr"})
        assert updated.attributes == {"lang": "fr"}
        assert (await vs.files.retrieve(store.id, f"file-a{run}")).attributes == {"lang": "fr"}
        content = await vs.files.content(store.id, f"file-a{run}")
        assert content.text == f"text of file-a{run}"

        found = await vs.search(store.id, query=f"text of file-b{run}", max_num_results=5)
        assert found.data[0].file_id == f"file-b{run}" and found.data[0].score == 1.0
        assert found.data[0].content[0].text == f"text of file-b{run}"

        gone = await vs.files.delete(store.id, f"file-a{run}")
        assert gone.deleted and gone.id == f"file-a{run}"
        assert [f.id async for f in vs.files.list(store.id)] == [f"file-b{run}"]
        deleted = await vs.delete(store.id)
        assert deleted.deleted and deleted.id == store.id
        with pytest.raises(NotFoundError):
            await vs.retrieve(store.id)
    finally:
        removed = await vs.managed.delete(store.id)
    assert removed.status == "success"
    with pytest.raises(NotFoundError):
        await vs.managed.info(store.id)


async def test_indexes(admin: LiteLLMClient, stack: Stack) -> None:
    name = f"e2e-index-{uuid.uuid4().hex[:8]}"
    made = await admin.vector_stores.indexes.create(
        index_name=name,
        litellm_params={"vector_store_index": "real-index", "vector_store_name": "store"},
        index_info={"owner": "e2e"},
    )
    assert made.index_name == name and made.id
    assert made.litellm_params == {"vector_store_index": "real-index", "vector_store_name": "store"}
    listed = await admin.vector_stores.indexes.list()
    assert name in [i.index_name for i in listed.data]
    with pytest.raises(BadRequestError, match="already exists"):
        await admin.vector_stores.indexes.create(
            index_name=name,
            litellm_params={"vector_store_index": "other", "vector_store_name": "store"},
        )
    # Indexes are for proxy admins only.
    key = (await admin.keys.create()).key
    async with LiteLLMClient(base_url=stack.base_url, api_key=key) as as_key:
        with pytest.raises(AuthenticationError):
            await as_key.vector_stores.indexes.list()
    await admin.keys.delete([key])
