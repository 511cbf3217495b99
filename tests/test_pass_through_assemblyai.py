"""client.pass_through.assemblyai (and .eu)'s typed methods: the wire route below /assemblyai/
or /eu.assemblyai/, the body, typed results, the transcript pager, bad input refused before
I/O."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from aio_litellm import LiteLLMClient
from aio_litellm._endpoint import REGISTRY
from aio_litellm.resources.pass_through.assemblyai import AssemblyAI, AssemblyAIEu
from aio_litellm.types.pass_through.assemblyai import (
    LemurQuestionAnswerResponse,
    LemurStringResponse,
    RealtimeTemporaryToken,
    Transcript,
    TranscriptList,
    TranscriptListItem,
    UploadedFile,
)

from .conftest import FakeProxy, reply

TRANSCRIPT = {
    "id": "tr_1",
    "status": "completed",
    "audio_url": "https://cdn/a.mp3",
    "text": "Hello world",
    "words": [{"text": "Hello", "start": 0, "end": 400, "confidence": 0.99}],
    "audio_duration": 1.5,
    "new_field": True,
}
LEMUR = {"request_id": "lr_1", "response": "Done", "usage": {"input_tokens": 5}}


async def test_transcript_create_get_delete(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", "/assemblyai/v2/transcript", reply(body={"id": "tr_1", "status": "queued"}))
    proxy.on("GET", "/assemblyai/v2/transcript/tr_1", reply(body=TRANSCRIPT))
    proxy.on("DELETE", "/assemblyai/v2/transcript/tr_1", reply(body={**TRANSCRIPT, "text": ""}))
    transcripts = client.pass_through.assemblyai.transcript
    queued = await transcripts.create(audio_url="https://cdn/a.mp3", speaker_labels=True)
    assert isinstance(queued, Transcript) and queued.status == "queued"
    assert proxy.calls()[0].json() == {"audio_url": "https://cdn/a.mp3", "speaker_labels": True}
    got = await transcripts.get("tr_1")
    assert got.text == "Hello world" and got.words is not None and got.words[0].end == 400
    assert got.model_extra == {"new_field": True}
    assert (await transcripts.delete("tr_1")).text == ""


async def test_eu_host_has_the_same_methods(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("GET", "/eu.assemblyai/v2/transcript/tr_1", reply(body=TRANSCRIPT))
    proxy.on("POST", "/eu.assemblyai/lemur/v3/generate/task", reply(body=LEMUR))
    eu = client.pass_through.assemblyai.eu
    assert isinstance(eu, AssemblyAIEu)
    assert (await eu.transcript.get("tr_1")).id == "tr_1"
    assert (await eu.lemur.task(prompt="p", input_text="t")).response == "Done"
    assert [c.path for c in proxy.calls()] == [
        "/eu.assemblyai/v2/transcript/tr_1",
        "/eu.assemblyai/lemur/v3/generate/task",
    ]


async def test_transcript_list_walks_back(client: LiteLLMClient, proxy: FakeProxy) -> None:
    def page(ids: list[str], prev: str | None) -> dict[str, Any]:
        return {
            "page_details": {"limit": 2, "result_count": len(ids), "prev_url": prev},
            "transcripts": [{"id": i, "status": "completed"} for i in ids],
        }

    proxy.on(
        "GET",
        "/assemblyai/v2/transcript",
        reply(body=page(["c", "b"], "https://api/v2/transcript?before_id=b")),
        reply(body=page(["a"], None)),
    )
    pager = client.pass_through.assemblyai.transcript.list(limit=2, status="completed")
    items = [t async for t in pager]
    assert [t.id for t in items] == ["c", "b", "a"]
    assert all(isinstance(t, TranscriptListItem) for t in items)
    assert [c.query for c in proxy.calls()] == [
        {"limit": "2", "status": "completed"},
        {"limit": "2", "status": "completed", "before_id": "b"},
    ]
    first = await client.pass_through.assemblyai.transcript.list()
    assert isinstance(first, TranscriptList) and first.page_details.prev_url is None


async def test_transcript_list_empty_page_ends(client: LiteLLMClient, proxy: FakeProxy) -> None:
    body = {"page_details": {"prev_url": "https://x"}, "transcripts": []}
    proxy.on("GET", "/assemblyai/v2/transcript", reply(body=body))
    assert [t async for t in client.pass_through.assemblyai.transcript.list()] == []
    assert len(proxy.calls()) == 1


async def test_subtitles(client: LiteLLMClient, proxy: FakeProxy) -> None:
    srt = "1\n00:00:00,000 --> 00:00:01,000\nHello\n"
    proxy.on("GET", "/assemblyai/v2/transcript/tr_1/srt", reply(body=srt))
    got = await client.pass_through.assemblyai.transcript.subtitles(
        "tr_1", "srt", chars_per_caption=32
    )
    assert got == srt
    assert proxy.calls()[0].query == {"chars_per_caption": "32"}


async def test_upload_sends_raw_bytes(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", "/assemblyai/v2/upload", reply(body={"upload_url": "https://cdn/up/1"}))
    got = await client.pass_through.assemblyai.upload(bytearray(b"ID3audio"))
    assert isinstance(got, UploadedFile) and got.upload_url == "https://cdn/up/1"
    (call,) = proxy.calls()
    assert call.body == b"ID3audio"
    assert call.content_type == "application/octet-stream"


async def test_lemur(client: LiteLLMClient, proxy: FakeProxy) -> None:
    base = "/assemblyai/lemur/v3"
    qa = {"request_id": "lr_2", "response": [{"question": "Who?", "answer": "Me"}]}
    proxy.on("POST", f"{base}/generate/task", reply(body=LEMUR))
    proxy.on("POST", f"{base}/generate/summary", reply(body=LEMUR))
    proxy.on("POST", f"{base}/generate/action-items", reply(body=LEMUR))
    proxy.on("POST", f"{base}/generate/question-answer", reply(body=qa))
    proxy.on("GET", f"{base}/lr_1", reply(body=LEMUR))
    proxy.on("DELETE", f"{base}/lr_1", reply(body={"request_id": "x", "deleted": True}))
    lemur = client.pass_through.assemblyai.lemur
    task = await lemur.task(prompt="Sum up", transcript_ids=["tr_1"], final_model="default")
    assert isinstance(task, LemurStringResponse) and task.usage is not None
    assert task.usage.input_tokens == 5
    await lemur.summary(transcript_ids=["tr_1"], answer_format="bullets")
    await lemur.action_items(input_text="notes")
    answers = await lemur.question_answer([{"question": "Who?"}], transcript_ids=["tr_1"])
    assert isinstance(answers, LemurQuestionAnswerResponse)
    assert answers.response[0].answer == "Me"
    assert (await lemur.get("lr_1"))["response"] == "Done"
    assert (await lemur.purge("lr_1"))["deleted"] is True
    bodies = [c.json() for c in proxy.calls("POST")]
    assert bodies[0] == {"prompt": "Sum up", "transcript_ids": ["tr_1"], "final_model": "default"}
    assert bodies[1] == {"transcript_ids": ["tr_1"], "answer_format": "bullets"}
    assert bodies[3] == {"transcript_ids": ["tr_1"], "questions": [{"question": "Who?"}]}


async def test_realtime_token(client: LiteLLMClient, proxy: FakeProxy) -> None:
    proxy.on("POST", "/assemblyai/v2/realtime/token", reply(body={"token": "tmp-123"}))
    got = await client.pass_through.assemblyai.realtime.token(600)
    assert isinstance(got, RealtimeTemporaryToken) and got.token == "tmp-123"
    assert proxy.calls()[0].json() == {"expires_in": 600}


@pytest.mark.parametrize(
    "call",
    [
        lambda a: a.transcript.create(),
        lambda a: a.transcript.get(""),
        lambda a: a.transcript.delete(None),
        lambda a: a.transcript.subtitles("tr", "txt"),
        lambda a: a.transcript.subtitles("", "srt"),
        lambda a: a.upload("text"),
        lambda a: a.upload(b""),
        lambda a: a.lemur.task(prompt="p"),
        lambda a: a.lemur.task(input_text="t"),
        lambda a: a.lemur.summary(),
        lambda a: a.lemur.question_answer([], transcript_ids=["t"]),
        lambda a: a.lemur.question_answer("Who?", transcript_ids=["t"]),
        lambda a: a.lemur.get(""),
        lambda a: a.lemur.purge(""),
        lambda a: a.realtime.token(10),
        lambda a: a.realtime.token(True),
        lambda a: a.eu.realtime.token(400000),
    ],
)
async def test_bad_input_refused_before_io(
    client: LiteLLMClient, proxy: FakeProxy, call: Any
) -> None:
    with pytest.raises((TypeError, ValueError)):
        await call(client.pass_through.assemblyai)
    assert proxy.calls() == []


def test_every_assemblyai_row_is_declared() -> None:
    inventory = Path(__file__).parent / "data" / "litellm-endpoints.tsv"
    with inventory.open() as f:
        rows = {
            (r["method"], r["path"])
            for r in csv.DictReader(f, delimiter="\t")
            if r["group"] == "passThrough.assemblyai"
        }
    assert len(rows) == 10
    declared = {
        (ep.method, ep.path) for ep in REGISTRY if ep.attr.startswith("pass_through.assemblyai.")
    }
    assert rows == declared
    routes = {*AssemblyAI.routes.values(), *AssemblyAIEu.routes.values()}
    assert {(ep.method, ep.path) for ep in routes} == rows
