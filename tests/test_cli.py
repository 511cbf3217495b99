"""The aio-litellm command line: each job, its outcomes, and resuming after a kill."""

from __future__ import annotations

import asyncio
import base64
import csv
import hashlib
import os
import signal
import struct
import sys
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pytest
from aiohttp import web

from aio_litellm.cli import UsageError, build_parser, main, run

from .conftest import API_KEY, FakeProxy

DIM = 3


def vec(text: str) -> list[float]:
    n = float(text.rsplit(" ", 1)[-1])
    return [n, -n, n / 4]


def embeddings(delay: float = 0.0, fail_on: str | None = None) -> Any:
    async def handler(request: web.Request) -> web.StreamResponse:
        body = orjson.loads(await request.read())
        if delay:
            await asyncio.sleep(delay)
        if fail_on is not None and fail_on in body["input"]:
            return web.json_response({"error": {"message": "cannot", "code": "400"}}, status=400)
        data = [
            {"index": i, "embedding": base64.b64encode(struct.pack(f"<{DIM}f", *vec(t))).decode()}
            for i, t in enumerate(body["input"])
        ]
        return web.json_response({"data": data})

    return handler


class Keys:
    """Enough of the proxy's key table for create, info, delete, update and list."""

    def __init__(self, proxy: FakeProxy, delay: float = 0.0) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.creates = 0
        self.delay = delay
        proxy.on("POST", "/key/generate", self.generate)
        proxy.on("GET", "/key/info", self.info)
        proxy.on("POST", "/key/delete", self.delete)
        proxy.on("POST", "/key/update", self.update)
        proxy.on("GET", "/key/list", self.listing)

    async def generate(self, request: web.Request) -> web.StreamResponse:
        body = orjson.loads(await request.read())
        self.creates += 1
        token = hashlib.sha256(body["key"].encode()).hexdigest()
        if body.get("key_alias") and any(
            r.get("key_alias") == body["key_alias"] for r in self.rows.values()
        ):
            return web.json_response(
                {"error": {"message": "alias exists", "code": "400"}}, status=400
            )
        self.rows[token] = {**body, "token": token}
        await asyncio.sleep(self.delay)
        return web.json_response({**body, "token": token})

    async def info(self, request: web.Request) -> web.StreamResponse:
        row = self.rows.get(request.query["key"])
        if row is None:
            return web.json_response({"error": {"message": "no", "code": "404"}}, status=404)
        return web.json_response({"key": row["token"], "info": row})

    async def delete(self, request: web.Request) -> web.StreamResponse:
        keys = orjson.loads(await request.read())["keys"]
        for key in keys:
            self.rows.pop(hashlib.sha256(key.encode()).hexdigest(), None)
        return web.json_response({"deleted_keys": keys})

    async def update(self, request: web.Request) -> web.StreamResponse:
        body = orjson.loads(await request.read())
        if body["key"] not in self.rows:
            return web.json_response({"error": {"message": "no key", "code": "404"}}, status=404)
        self.rows[body["key"]].update(body)
        return web.json_response({"key": body["key"]})

    async def listing(self, request: web.Request) -> web.StreamResponse:
        page, size = int(request.query["page"]), int(request.query["size"])
        tokens = sorted(self.rows)
        return web.json_response(
            {
                "keys": tokens[(page - 1) * size : page * size],
                "total_pages": -(-len(tokens) // size),
            }
        )


def args(proxy: FakeProxy, *argv: str) -> Any:
    return build_parser().parse_args(["--base-url", proxy.url, "--api-key", API_KEY, *argv])


def write_texts(path: Path, n: int) -> list[str]:
    texts = [f"text {i}" for i in range(n)]
    if path.suffix == ".jsonl":
        path.write_bytes(
            b"".join(orjson.dumps({"text": t, "n": i}) + b"\n" for i, t in enumerate(texts))
        )
    elif path.suffix == ".csv":
        with path.open("w", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["id", "text"])
            writer.writerows(enumerate(texts))
    else:
        path.write_text("".join(t + "\n" for t in texts))
    return texts


def read_jsonl(path: Path) -> list[Any]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ".csv"])
async def test_embed_to_jsonl(suffix: str, proxy: FakeProxy, tmp_path: Path) -> None:
    proxy.on("POST", "/embeddings", embeddings())
    source = tmp_path / f"texts{suffix}"
    texts = write_texts(source, 250)
    out = tmp_path / "v.jsonl"
    field = [] if suffix == ".txt" else ["--field", "text"]
    code = await run(
        args(
            proxy,
            "embed",
            str(source),
            "--model",
            "m",
            "--out",
            str(out),
            "--batch-size",
            "32",
            "--quiet",
            *field,
        )
    )
    assert code == 0
    rows = read_jsonl(out)
    assert [r["index"] for r in rows] == list(range(250))
    assert [r["embedding"] for r in rows] == [vec(t) for t in texts]
    assert oct(out.stat().st_mode & 0o777) == "0o600"


async def test_embed_to_npy(
    proxy: FakeProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    proxy.on("POST", "/embeddings", embeddings())
    source = tmp_path / "texts.txt"
    texts = write_texts(source, 100)
    out = tmp_path / "v.npy"
    assert (
        await run(
            args(
                proxy, "embed", str(source), "--model", "m", "--out", str(out), "--batch-size", "7"
            )
        )
        == 0
    )
    array = np.load(out)
    assert array.dtype == np.float32 and array.shape == (100, DIM)
    np.testing.assert_array_equal(array, np.array([vec(t) for t in texts], dtype=np.float32))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["texts.txt", "v.npy"]
    assert "embed: 100 done, 0 failed" in capsys.readouterr().err
    # Complete: a rerun has nothing to do.
    calls = len(proxy.seen)
    assert await run(args(proxy, "embed", str(source), "--model", "m", "--out", str(out))) == 0
    assert len(proxy.seen) == calls


async def test_embed_failure_stops_at_a_prefix_and_resumes(
    proxy: FakeProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    proxy.on("POST", "/embeddings", embeddings(fail_on="text 57"))
    source = tmp_path / "texts.txt"
    texts = write_texts(source, 100)
    out = tmp_path / "v.jsonl"
    argv = [
        "embed",
        str(source),
        "--model",
        "m",
        "--out",
        str(out),
        "--batch-size",
        "10",
        "--quiet",
    ]
    assert await run(args(proxy, *argv)) == 1
    assert "texts 50..59 failed" in capsys.readouterr().err
    assert [r["index"] for r in read_jsonl(out)] == list(range(50))
    proxy.on("POST", "/embeddings", embeddings())  # the cause is fixed
    assert await run(args(proxy, *argv)) == 0
    assert [r["embedding"] for r in read_jsonl(out)] == [vec(t) for t in texts]
    assert "50 already done" in capsys.readouterr().err


async def test_resume_refuses_other_arguments(proxy: FakeProxy, tmp_path: Path) -> None:
    proxy.on("POST", "/embeddings", embeddings())
    source = tmp_path / "texts.txt"
    write_texts(source, 5)
    out = tmp_path / "v.jsonl"
    assert (
        await run(args(proxy, "embed", str(source), "--model", "m", "--out", str(out), "--quiet"))
        == 0
    )
    with pytest.raises(UsageError, match="other arguments"):
        await run(args(proxy, "embed", str(source), "--model", "other", "--out", str(out)))
    assert (
        await run(
            args(
                proxy,
                "embed",
                str(source),
                "--model",
                "other",
                "--out",
                str(out),
                "--restart",
                "--quiet",
            )
        )
        == 0
    )
    (tmp_path / "v.jsonl.meta.json").unlink()
    with pytest.raises(UsageError, match="without"):
        await run(args(proxy, "embed", str(source), "--model", "other", "--out", str(out)))


async def test_keys_create_delete_update_list(proxy: FakeProxy, tmp_path: Path) -> None:
    store = Keys(proxy)
    specs = tmp_path / "specs.csv"
    specs.write_text(
        "key_alias,max_budget\n" + "".join(f"a{i},{i}\n" for i in range(30)) + "a3,9\n"
    )
    out = tmp_path / "created.jsonl"
    assert (
        await run(args(proxy, "keys", "create", "--from", str(specs), "--out", str(out), "--quiet"))
        == 1
    )
    rows = read_jsonl(out)
    assert [r["index"] for r in rows] == list(range(31))
    assert all(r["ok"] for r in rows[:30]) and rows[30]["ok"] is False  # duplicate alias
    assert "alias exists" in rows[30]["error"]
    assert len(store.rows) == 30
    assert oct((tmp_path / "created.jsonl.plan.jsonl").stat().st_mode & 0o777) == "0o600"

    updates = tmp_path / "updates.jsonl"
    updates.write_bytes(
        b"".join(orjson.dumps({"key": r["token"], "max_budget": 99}) + b"\n" for r in rows[:3])
    )
    assert await run(args(proxy, "keys", "update", "--from", str(updates), "--quiet")) == 0
    assert store.rows[rows[0]["token"]]["max_budget"] == 99

    listed = tmp_path / "keys.jsonl"
    assert await run(args(proxy, "keys", "list", "--out", str(listed), "--size", "7")) == 0
    assert sorted(read_jsonl(listed)) == sorted(store.rows)

    assert await run(args(proxy, "keys", "delete", "--from", str(out), "--quiet")) == 1
    deleted = read_jsonl(tmp_path / "created.jsonl.deleted.jsonl")
    assert [d["ok"] for d in deleted] == [True] * 30 + [False]  # the failed create has no key
    assert not store.rows


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "--base-url",
                "http://127.0.0.1:9",
                "embed",
                str(tmp_path / "missing.txt"),
                "--model",
                "m",
                "--out",
                str(tmp_path / "o.jsonl"),
            ]
        )
    assert exit_info.value.code == 2
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["embed", "x.txt", "--model", "m", "--out", "o.jsonl", "--rate", "fast"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit):
        main(["keys"])
    assert build_parser().parse_args(
        ["embed", "x", "--model", "m", "--out", "o", "--rate", "50/2"]
    ).rate == (50.0, 2.0)


def test_routes_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["routes"]) == 0
    assert "POST\t/key/generate\tclient.keys.create" in capsys.readouterr().out


# -- killed mid-run, then resumed ----------------------------------------------------------


async def start_cli(proxy: FakeProxy, *argv: str) -> asyncio.subprocess.Process:
    env = {**os.environ, "LITELLM_BASE_URL": proxy.url, "LITELLM_API_KEY": API_KEY}
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "aio_litellm",
        *argv,
        "--quiet",
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )


def records(path: Path, record_size: int | None = None) -> int:
    """Complete records written so far: lines, or fixed-size rows."""
    if not path.exists():
        return 0
    if record_size:
        return path.stat().st_size // record_size
    return path.read_bytes().count(b"\n")


async def kill_when(
    proc: asyncio.subprocess.Process, path: Path, count: int, record_size: int | None = None
) -> None:
    """SIGKILL the job once ``count`` records are out: no chance to clean up."""
    while records(path, record_size) < count:
        assert proc.returncode is None, "the job finished before it could be killed"
        await asyncio.sleep(0.001)
    proc.send_signal(signal.SIGKILL)
    await proc.wait()


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9])
@pytest.mark.parametrize("suffix", [".jsonl", ".npy"])
async def test_embed_killed_and_resumed_has_every_text_once(
    fraction: float, suffix: str, proxy: FakeProxy, tmp_path: Path
) -> None:
    proxy.on("POST", "/embeddings", embeddings(delay=0.01))
    source = tmp_path / "texts.txt"
    texts = write_texts(source, 600)
    out = tmp_path / f"v{suffix}"
    argv = [
        "embed",
        str(source),
        "--model",
        "m",
        "--out",
        str(out),
        "--batch-size",
        "10",
        "--concurrency",
        "4",
    ]
    store = out if suffix == ".jsonl" else tmp_path / "v.npy.partial"
    row_bytes = None if suffix == ".jsonl" else 4 * DIM
    await kill_when(await start_cli(proxy, *argv), store, int(600 * fraction), row_bytes)
    assert not (tmp_path / "v.npy").exists() or suffix == ".jsonl"
    proc = await start_cli(proxy, *argv)
    _, err = await proc.communicate()
    assert proc.returncode == 0, err.decode()
    expected = [vec(t) for t in texts]
    if suffix == ".jsonl":
        rows = read_jsonl(out)
        assert [r["index"] for r in rows] == list(range(600))
        assert [r["embedding"] for r in rows] == expected
    else:
        np.testing.assert_array_equal(np.load(out), np.array(expected, dtype=np.float32))
    assert b"already done" in err


@pytest.mark.parametrize("fraction", [0.2, 0.6])
async def test_keys_create_killed_and_resumed_creates_each_key_once(
    fraction: float, proxy: FakeProxy, tmp_path: Path
) -> None:
    store = Keys(proxy, delay=0.01)
    specs = tmp_path / "specs.jsonl"
    specs.write_bytes(b"".join(orjson.dumps({"key_alias": f"k{i}"}) + b"\n" for i in range(200)))
    out = tmp_path / "created.jsonl"
    argv = ["keys", "create", "--from", str(specs), "--out", str(out), "--concurrency", "8"]
    await kill_when(await start_cli(proxy, *argv), out, int(200 * fraction))
    created_before = len(store.rows)
    proc = await start_cli(proxy, *argv)
    _, err = await proc.communicate()
    assert proc.returncode == 0, err.decode()
    rows = read_jsonl(out)
    assert [r["index"] for r in rows] == list(range(200))
    assert all(r["ok"] for r in rows)
    assert len(store.rows) == 200  # nothing created twice, though some creates were cut off
    assert {r["token"] for r in rows} == set(store.rows)
    assert created_before >= 200 * fraction
