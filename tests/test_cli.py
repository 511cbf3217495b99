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
import tracemalloc
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pytest
from aiohttp import web

from aio_litellm._jobfiles import JobFailed, KeyPlan, ResumableOutput, UsageError
from aio_litellm.cli import build_parser, main, run

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


def refused(message: str = "refused") -> web.Response:
    return web.json_response({"error": {"message": message, "code": "400"}}, status=400)


class Keys:
    """Enough of the proxy's key table for create, info, delete, update and list, answering
    as LiteLLM 1.110 does (see tests/test_bulk_admin.py's KeyStore), with failures to order:
    ``refuse`` (aliases whose create is refused), ``apply_then_refuse`` (aliases whose create
    is applied, then answered with an error), ``info_down`` (every read-back fails)."""

    def __init__(self, proxy: FakeProxy, delay: float = 0.0) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.archive: dict[str, dict[str, Any]] = {}
        self.creates = 0
        self.delay = delay
        self.refuse: set[str] = set()
        self.apply_then_refuse: set[str] = set()
        self.info_down = False
        proxy.on("POST", "/key/generate", self.generate)
        proxy.on("GET", "/key/info", self.info)
        proxy.on("POST", "/key/delete", self.delete)
        proxy.on("POST", "/key/update", self.update)
        proxy.on("GET", "/key/list", self.listing)

    async def generate(self, request: web.Request) -> web.StreamResponse:
        body = orjson.loads(await request.read())
        self.creates += 1
        token = hashlib.sha256(body["key"].encode()).hexdigest()
        alias = body.get("key_alias")
        if alias in self.refuse:
            return refused()
        if alias and any(r.get("key_alias") == alias for r in self.rows.values()):
            return refused("alias exists")
        self.rows.setdefault(token, {**body, "token": token})  # an existing key stays as it is
        await asyncio.sleep(self.delay)
        if alias in self.apply_then_refuse:
            return refused()
        return web.json_response({**body, "token": token})

    async def info(self, request: web.Request) -> web.StreamResponse:
        token = request.query["key"]
        if self.info_down:
            return web.json_response({"error": {"message": "down", "code": "503"}}, status=503)
        if token in self.rows:
            return web.json_response({"key": token, "info": self.rows[token]})
        if token in self.archive:
            row = {**self.archive[token], "status": "deleted", "deleted_at": "2025-01-01"}
            return web.json_response({"key": token, "info": row})
        return web.json_response({"error": {"message": "no", "code": "404"}}, status=404)

    def remove(self, token: str) -> None:
        self.archive[token] = self.rows.pop(token)

    async def delete(self, request: web.Request) -> web.StreamResponse:
        keys = orjson.loads(await request.read())["keys"]
        if any(k in self.refuse for k in keys):
            return web.json_response({"error": {"message": "no", "code": "403"}}, status=403)
        tokens = [
            hashlib.sha256(k.encode()).hexdigest() if k.startswith("sk-") else k for k in keys
        ]
        found = [t for t in tokens if t in self.rows]
        if not found:
            body = {"error": {"message": "{'error': 'No keys found'}", "code": "404"}}
            return web.json_response(body, status=404)
        for token in found:
            self.remove(token)
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


def write_specs(path: Path, *aliases: str) -> None:
    path.write_bytes(b"".join(orjson.dumps({"key_alias": a}) + b"\n" for a in aliases))


def create_argv(specs: Path, out: Path) -> list[str]:
    # No client retries: a failure the fake is told to answer stays a failure.
    return ["--max-retries", "0", "keys", "create", "--from", str(specs), "--out", str(out)]


async def test_keys_create_output_is_bound_to_its_input(proxy: FakeProxy, tmp_path: Path) -> None:
    store = Keys(proxy)
    specs, out = tmp_path / "specs.jsonl", tmp_path / "created.jsonl"
    write_specs(specs, "a0", "a1", "a2")
    assert await run(args(proxy, *create_argv(specs, out), "--quiet")) == 0
    first = read_jsonl(out)
    # Other specs written to the same file, or another file, for the same output: refused
    # before any request, not answered with the first job's secrets.
    write_specs(specs, "b0", "b1", "b2")
    other = tmp_path / "other.jsonl"
    write_specs(other, "c0")
    requests = len(proxy.seen)
    with pytest.raises(UsageError, match="secrets chosen for another input"):
        await run(args(proxy, *create_argv(specs, out)))
    with pytest.raises(UsageError, match="another input"):
        await run(args(proxy, *create_argv(other, out)))
    assert len(proxy.seen) == requests and read_jsonl(out) == first
    # --restart: a new plan for the new input; the first job's keys stay as they are.
    meta = tmp_path / "created.jsonl.meta.json"
    first_files = out.read_bytes(), meta.read_bytes()
    assert await run(args(proxy, *create_argv(specs, out), "--restart", "--quiet")) == 0
    rows = read_jsonl(out)
    assert [r["key_alias"] for r in rows] == ["b0", "b1", "b2"] and all(r["ok"] for r in rows)
    assert not {r["key"] for r in rows} & {r["key"] for r in first}
    assert len(store.rows) == 6
    # Killed after the new plan was written but before the old output was removed: the old
    # output is not resumed with the new plan.
    out.write_bytes(first_files[0])
    meta.write_bytes(first_files[1])
    with pytest.raises(UsageError, match="written from another input"):
        await run(args(proxy, *create_argv(specs, out)))
    # The output alone, without its plan, is not resumed either.
    (tmp_path / "created.jsonl.plan.jsonl").unlink()
    with pytest.raises(UsageError, match="exists without its"):
        await run(args(proxy, *create_argv(specs, out)))


async def test_keys_create_rerun_retries_failures_with_their_secrets(
    proxy: FakeProxy, tmp_path: Path
) -> None:
    store = Keys(proxy)
    specs, out = tmp_path / "specs.jsonl", tmp_path / "created.jsonl"
    write_specs(specs, "k0", "k1", "k2", "k3")
    store.refuse = {"k1"}
    # k2 is created, but its answer is an error and reading it back fails: the job cannot
    # know, and records a failure.
    store.apply_then_refuse = {"k2"}
    store.info_down = True
    assert await run(args(proxy, *create_argv(specs, out), "--quiet")) == 1
    before = out.read_bytes().splitlines()
    assert [orjson.loads(line)["ok"] for line in before] == [True, False, False, True]
    assert len(store.rows) == 3
    store.refuse = store.apply_then_refuse = set()
    store.info_down = False
    creates = store.creates
    assert await run(args(proxy, *create_argv(specs, out), "--quiet")) == 0
    after = out.read_bytes().splitlines()
    rows = [orjson.loads(line) for line in after]
    assert [r["index"] for r in rows] == [0, 1, 2, 3] and all(r["ok"] for r in rows)
    assert after[0] == before[0] and after[3] == before[3]  # the successes are kept as they were
    with KeyPlan(tmp_path / "created.jsonl.plan.jsonl") as plan:
        assert [r["key"] for r in rows] == [plan[i] for i in range(4)]  # the saved secrets
    assert store.creates == creates + 2 and len(store.rows) == 4  # k2 found, not made twice
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    requests = len(proxy.seen)
    assert await run(args(proxy, *create_argv(specs, out), "--quiet")) == 0
    assert len(proxy.seen) == requests  # all done: nothing to retry


async def test_keys_create_restart_does_not_duplicate_or_revive(
    proxy: FakeProxy, tmp_path: Path
) -> None:
    store = Keys(proxy)
    specs, out = tmp_path / "specs.jsonl", tmp_path / "created.jsonl"
    write_specs(specs, "k0", "k1", "k2", "k3", "k4")
    store.refuse = {"k4"}
    assert await run(args(proxy, *create_argv(specs, out), "--quiet")) == 1
    first = read_jsonl(out)
    store.remove(first[0]["token"])  # deleted since, e.g. by `keys delete`
    plan_path = tmp_path / "created.jsonl.plan.jsonl"
    with KeyPlan(plan_path) as plan:
        planned = [plan[i] for i in range(5)]
    store.info_down = True
    plan_before = plan_path.read_bytes()
    with pytest.raises(JobFailed, match="could not check whether the key of spec 0 exists"):
        await run(args(proxy, *create_argv(specs, out), "--restart", "--quiet"))
    assert plan_path.read_bytes() == plan_before and read_jsonl(out) == first
    store.info_down = False
    store.refuse = set()
    assert await run(args(proxy, *create_argv(specs, out), "--restart", "--quiet")) == 0
    rows = read_jsonl(out)
    assert all(r["ok"] for r in rows) and len(store.rows) == 5  # 5 specs, 5 keys
    assert [r["key"] for r in rows[1:4]] == planned[1:4]  # found again, not made twice
    assert rows[0]["key"] != planned[0]  # the deleted key is not brought back
    assert first[0]["token"] not in store.rows
    assert rows[4]["key"] != planned[4]  # never created: a new secret is as good


async def test_keys_create_odd_inputs(proxy: FakeProxy, tmp_path: Path) -> None:
    store = Keys(proxy)
    specs, out = tmp_path / "specs.jsonl", tmp_path / "created.jsonl"
    specs.write_bytes(b'{"key_alias": "a"}\n"not a spec"\n')
    with pytest.raises(UsageError, match=r"specs.jsonl:2: a string, not an object"):
        await run(args(proxy, *create_argv(specs, out), "--quiet"))
    assert not out.exists() and not proxy.calls()  # refused before anything was sent
    specs.write_bytes(b'{"key_alias": "a"}\n{"key_alias": "b"}\n')
    store.refuse = {"b"}
    # A plan of an older version (a bare list of secrets), or a damaged one, is bound to no
    # input: refused, and replaced by --restart.
    plan = tmp_path / "created.jsonl.plan.jsonl"
    for older in (b'"sk-0123456789012345678901"\n', b"{not json\n", b'{"count": 2}\n'):
        plan.write_bytes(older)
        with pytest.raises(UsageError, match="another input"):
            await run(args(proxy, *create_argv(specs, out)))
    assert await run(args(proxy, *create_argv(specs, out), "--restart", "--quiet")) == 1
    assert KeyPlan(plan).count == 2


async def test_keys_delete_and_update_rerun_retry_failures(
    proxy: FakeProxy, tmp_path: Path
) -> None:
    store = Keys(proxy)
    specs, created = tmp_path / "specs.jsonl", tmp_path / "created.jsonl"
    write_specs(specs, "k0", "k1", "k2")
    assert await run(args(proxy, *create_argv(specs, created), "--quiet")) == 0
    keys = [r["key"] for r in read_jsonl(created)]
    store.remove(hashlib.sha256(keys[0].encode()).hexdigest())  # gone already
    listing = tmp_path / "doomed.txt"
    listing.write_text("".join(k + "\n" for k in [*keys, "refused-key"]))
    store.refuse = {"refused-key"}
    delete = ["--max-retries", "0", "keys", "delete", "--from", str(listing), "--quiet"]
    assert await run(args(proxy, *delete)) == 1
    rows = read_jsonl(tmp_path / "doomed.txt.deleted.jsonl")
    assert [r["ok"] for r in rows] == [True, True, True, False]
    assert rows[0]["already_gone"] is True and "already_gone" not in rows[1]
    store.refuse = set()
    store.rows["refused-key"] = {"token": "refused-key"}
    assert await run(args(proxy, *delete)) == 0
    rows = read_jsonl(tmp_path / "doomed.txt.deleted.jsonl")
    assert [r["index"] for r in rows] == [0, 1, 2, 3] and all(r["ok"] for r in rows)
    assert not store.rows

    changes = tmp_path / "changes.jsonl"
    changes.write_bytes(orjson.dumps({"key": "h1", "max_budget": 2}) + b"\n")
    update = ["--max-retries", "0", "keys", "update", "--from", str(changes), "--quiet"]
    assert await run(args(proxy, *update)) == 1  # no such key yet
    store.rows["h1"] = {"token": "h1"}
    assert await run(args(proxy, *update)) == 0
    assert store.rows["h1"]["max_budget"] == 2


def test_resume_reads_the_output_in_blocks(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    ResumableOutput(path, {"job": 1}, restart=False).close()
    line = orjson.dumps({"index": 0, "ok": True, "key_alias": "a" * 1000}) + b"\n"
    block = line * (1_000_000 // len(line))
    with path.open("ab") as f:
        for _ in range(50):
            f.write(block)
        f.write(b'{"index": 0, "ok": fa')  # torn by a kill
    lines = 50 * (len(block) // len(line))
    tracemalloc.start()
    try:
        output = ResumableOutput(path, {"job": 1}, restart=False)
        assert not any(output.failed())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    output.close()
    assert output.done == lines and path.stat().st_size == lines * len(line)
    assert peak < 8 * 2**20, f"resuming a 50 MB output took {peak / 2**20:.1f} MiB"


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


@pytest.mark.parametrize("during", ["retries", "the rest"])
async def test_keys_create_rerun_killed_has_every_spec_once(
    during: str, proxy: FakeProxy, tmp_path: Path
) -> None:
    store = Keys(proxy, delay=0.01)
    specs, out = tmp_path / "specs.jsonl", tmp_path / "created.jsonl"
    write_specs(specs, *(f"k{i}" for i in range(300)))
    argv = [*create_argv(specs, out), "--concurrency", "4"]
    store.refuse = {f"k{i}" for i in range(200)}
    # The first run stops after 250 outcomes: the first 200 failed, the rest is still to do.
    await kill_when(await start_cli(proxy, *argv), out, 250)
    failed = out.read_bytes().splitlines()[:200]
    assert all(orjson.loads(line)["ok"] is False for line in failed)
    store.refuse = set()
    # The rerun retries the 200 into a copy that replaces the output once complete.
    if during == "retries":
        await kill_when(await start_cli(proxy, *argv), Path(f"{out}.tmp"), 100)
        assert out.read_bytes().splitlines()[:200] == failed  # untouched until complete
    else:
        await kill_when(await start_cli(proxy, *argv), out, 280)
    proc = await start_cli(proxy, *argv)
    _, err = await proc.communicate()
    assert proc.returncode == 0, err.decode()
    rows = read_jsonl(out)
    assert [r["index"] for r in rows] == list(range(300)) and all(r["ok"] for r in rows)
    assert [r["key_alias"] for r in rows] == [f"k{i}" for i in range(300)]
    assert len(store.rows) == 300 and {r["token"] for r in rows} == set(store.rows)


async def test_embed_with_exact_tokens(
    proxy: FakeProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    counted: list[str] = []

    async def count(request: web.Request) -> web.StreamResponse:
        prompt = (await request.json())["prompt"]
        counted.append(prompt)
        return web.json_response({"total_tokens": 2})

    proxy.on("POST", "/embeddings", embeddings())
    proxy.on("POST", "/utils/token_counter", count)
    source = tmp_path / "texts.txt"
    texts = write_texts(source, 10)
    out = tmp_path / "v.jsonl"
    argv = ["embed", str(source), "--model", "m", "--out", str(out), "--max-batch-tokens", "6"]
    assert await run(args(proxy, *argv, "--exact-tokens", "--quiet")) == 0
    assert sorted(counted) == sorted(texts)  # each text counted once
    sizes = [len(s.json()["input"]) for s in proxy.calls("POST", "/embeddings")]
    assert sizes == [3, 3, 3, 1]  # 2 tokens a text, 6 a request
    assert "20 tokens (exact)" in capsys.readouterr().err
