"""The command line never answers bad input with a traceback: one line naming the file, line
and field (or the server's message), exit 2 for bad input and 1 for a failed job."""

from __future__ import annotations

import asyncio
import io
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson
import pytest
from aiohttp import web

from aio_litellm import cli
from aio_litellm._jobfiles import UsageError, _Shape, read_specs, read_texts
from aio_litellm.bulk import Progress, _ProgressBar
from aio_litellm.types.keys import KeyGenerateParams

from .conftest import API_KEY, FakeProxy, reply

DEAD = "http://127.0.0.1:9"  # nothing listens there: connection refused


async def call(
    capsys: pytest.CaptureFixture[str], base_url: str, *argv: str
) -> tuple[int, list[str]]:
    """``main()`` run as the console script runs it (in a thread, as the fake proxy serves
    on this loop): its exit status and its stderr lines, which never hold a traceback."""

    def main() -> int:
        try:
            return cli.main(["--base-url", base_url, "--api-key", API_KEY, *argv])
        except SystemExit as exc:
            return int(exc.code or 0)

    status = await asyncio.to_thread(main)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert API_KEY not in err
    return status, err.splitlines()


def embed_argv(source: Path, *more: str) -> list[str]:
    out = source.with_name("vectors.jsonl")
    return ["embed", str(source), "--model", "m", "--out", str(out), "--quiet", *more]


def embeddings_ok() -> Any:
    async def handler(request: web.Request) -> web.StreamResponse:
        body = orjson.loads(await request.read())
        data = [{"index": i, "embedding": [float(len(t))]} for i, t in enumerate(body["input"])]
        return web.json_response({"data": data})

    return handler


# -- embed -----------------------------------------------------------------------------------


async def test_embed_jsonl_objects_use_the_text_field_by_default(
    proxy: FakeProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    proxy.on("POST", "/embeddings", embeddings_ok())
    source = tmp_path / "docs.jsonl"
    source.write_bytes(b'{"id": 1, "text": "ab"}\n"abc"\n{"id": 3, "text": "a", "body": "xyzw"}\n')
    status, err = await call(capsys, proxy.url, *embed_argv(source))
    assert status == 0 and len(err) == 1 and err[0].startswith("embed: 3 done, 0 failed")
    sent = [t for c in proxy.calls("POST", "/embeddings") for t in orjson.loads(c.body)["input"]]
    assert sent == ["ab", "abc", "a"]
    rows = [orjson.loads(x) for x in (tmp_path / "vectors.jsonl").read_bytes().splitlines()]
    assert [r["embedding"] for r in rows] == [[2.0], [3.0], [1.0]]

    body = tmp_path / "body.jsonl"
    body.write_bytes(b'{"body": "xyzw"}\n')
    assert (await call(capsys, proxy.url, *embed_argv(body, "--field", "body", "--restart")))[
        0
    ] == 0
    assert orjson.loads(proxy.calls("POST", "/embeddings")[-1].body)["input"] == ["xyzw"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.jsonl", b'{"text": "a"}\n{"id": 2}\n', "a.jsonl:2: no field 'text' (--field names"),
        ("a.jsonl", b'{"text": "a"}\n\n{"text": 5}\n', "a.jsonl:3: field 'text' is a number, not"),
        ("a.jsonl", b'{"text": {"t": 1}}\n', "a.jsonl:1: field 'text' is an object, not a string"),
        ("a.jsonl", b'["a", "b"]\n', "a.jsonl:1: the line is an array, not a string"),
        ("a.jsonl", b'{"text": "a"}\n{"text": "b",\n', "a.jsonl:2: not JSON"),
        ("a.csv", b"id,body\n1,hello\n", "a.csv: no column 'text' (--field names another)"),
        ("a.csv", b"id,text\n1,a,extra\n", "a.csv:2: more cells than the header has columns"),
        ("a.txt", b"caf\xe9\n", "a.txt: not UTF-8 text"),
        ("a.jsonl", b"\xff\n", "a.jsonl: not UTF-8 text"),
    ],
)
async def test_embed_bad_input_is_one_line_before_any_request(
    proxy: FakeProxy,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    message: str,
) -> None:
    proxy.on("POST", "/embeddings", embeddings_ok())
    source = tmp_path / name
    source.write_bytes(content)
    status, err = await call(capsys, proxy.url, *embed_argv(source))
    assert status == 2
    assert len(err) == 1 and message in err[0], err
    assert err[0].startswith("aio-litellm: error: ")
    assert not proxy.calls()


async def test_embed_field_names_the_line_of_a_wrong_value(
    proxy: FakeProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "a.jsonl"
    source.write_bytes(b'{"body": "a"}\n{"body": null}\n')
    status, err = await call(capsys, proxy.url, *embed_argv(source, "--field", "body"))
    assert (status, err) == (
        2,
        [f"aio-litellm: error: {source}:2: field 'body' is null, not a string"],
    )
    missing = tmp_path / "missing.jsonl"
    status, err = await call(capsys, proxy.url, *embed_argv(missing))
    assert (status, err) == (2, [f"aio-litellm: error: no such file: {missing}"])


async def test_embed_refused_key_and_unreachable_proxy(
    proxy: FakeProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "a.txt"
    source.write_text("one\ntwo\n")
    proxy.on(
        "POST", "/embeddings", reply(401, {"error": {"message": "Invalid key", "code": "401"}})
    )
    status, err = await call(capsys, proxy.url, *embed_argv(source))
    assert status == 2 and len(err) == 1
    assert "refused the API key (401: Invalid key); check --api-key" in err[0]

    status, err = await call(capsys, DEAD, "--max-retries", "0", *embed_argv(source, "--restart"))
    assert status == 1 and len(err) == 1
    assert err[0].startswith(f"aio-litellm: cannot reach the proxy at {DEAD}: ")


# -- keys ------------------------------------------------------------------------------------


def key_store(proxy: FakeProxy) -> list[dict[str, Any]]:
    bodies: list[dict[str, Any]] = []

    async def generate(request: web.Request) -> web.StreamResponse:
        body = orjson.loads(await request.read())
        bodies.append(body)
        return web.json_response({"key": body["key"], "token": "t", **body})

    proxy.on("POST", "/key/generate", generate)
    return bodies


def create_argv(specs: Path) -> list[str]:
    out = specs.with_name("created.jsonl")
    return ["keys", "create", "--from", str(specs), "--out", str(out), "--quiet"]


async def test_keys_create_converts_csv_cells_before_sending(
    proxy: FakeProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bodies = key_store(proxy)
    specs = tmp_path / "specs.csv"
    specs.write_text(
        "key_alias,models,max_budget,tpm_limit,blocked,metadata,tags,key_type\n"
        'a,gpt-4o,1.5,100,yes,"{""team"": ""x""}",,llm_api\n'
        'b,gpt-4o; gpt-4o-mini,,,false,,"[""t1"", ""t2""]",\n'
        'c,"[""m""]",2,,,,,\n'
    )
    status, err = await call(capsys, proxy.url, *create_argv(specs))
    assert status == 0 and len(err) == 1 and err[0].startswith("keys create: 3 done, 0 failed")
    sent = sorted(({k: v for k, v in b.items() if k != "key"} for b in bodies), key=str)
    assert sent == [
        {
            "key_alias": "a",
            "models": ["gpt-4o"],
            "max_budget": 1.5,
            "tpm_limit": 100,
            "blocked": True,
            "metadata": {"team": "x"},
            "key_type": "llm_api",
        },
        {
            "key_alias": "b",
            "models": ["gpt-4o", "gpt-4o-mini"],
            "blocked": False,
            "tags": ["t1", "t2"],
        },
        {"key_alias": "c", "models": ["m"], "max_budget": 2.0},
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "s.csv",
            "key_alias,tpm_limit\na,10\nb,1.5\n",
            "s.csv:3: column 'tpm_limit': '1.5' is not a whole number",
        ),
        (
            "s.csv",
            "key_alias,max_budget\na,lots\n",
            "s.csv:2: column 'max_budget': 'lots' is not a number",
        ),
        (
            "s.csv",
            "key_alias,blocked\na,maybe\n",
            "s.csv:2: column 'blocked': 'maybe' is not true or false",
        ),
        (
            "s.csv",
            "key_alias,metadata\na,team=x\n",
            "s.csv:2: column 'metadata': 'team=x' is not a JSON object",
        ),
        (
            "s.csv",
            'key_alias,metadata\na,"{bad"\n',
            "s.csv:2: column 'metadata': '{bad' is not JSON",
        ),
        (
            "s.csv",
            'key_alias,models\na,"{""a"": 1}"\n',
            "s.csv:2: column 'models': expected a list",
        ),
        (
            "s.csv",
            "key_alias,key_type\na,admin\n",
            "s.csv:2: column 'key_type': 'admin' is not one of 'llm_api'",
        ),
        (
            "s.csv",
            "key_alias,max_budjet\na,1\n",
            "s.csv:2: unknown column 'max_budjet' (not a parameter of KeyGenerateParams)",
        ),
        (
            "s.jsonl",
            '{"key_alias": "a", "models": "gpt-4o"}\n',
            "s.jsonl:1: field 'models': expected a list (a JSON array or values separated "
            "by ';'), got a string",
        ),
        (
            "s.jsonl",
            '{"key_alias": "a", "tags": ["x", 1]}\n',
            "s.jsonl:1: field 'tags': item 1: expected a string, got a number",
        ),
        (
            "s.jsonl",
            '{"key_alias": "a", "max_budget": "10"}\n',
            "s.jsonl:1: field 'max_budget': expected a number, got a string",
        ),
        (
            "s.jsonl",
            '{"key_alias": "a", "blocked": 1}\n',
            "s.jsonl:1: field 'blocked': expected true or false, got a number",
        ),
        ("s.jsonl", '{"key_alias": "a"}\n[1]\n', "s.jsonl:2: an array, not an object"),
        ("s.jsonl", '{"key_alias": "a"\n', "s.jsonl:1: not JSON"),
        ("s.txt", "a\n", "s.txt: expected a .jsonl or .csv file of objects"),
    ],
)
async def test_keys_create_bad_spec_is_one_line_before_any_request(
    proxy: FakeProxy,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: str,
    message: str,
) -> None:
    key_store(proxy)
    specs = tmp_path / name
    specs.write_text(content)
    status, err = await call(capsys, proxy.url, *create_argv(specs))
    assert status == 2
    assert len(err) == 1 and message in err[0], err
    assert not proxy.calls() and not (tmp_path / "created.jsonl").exists()


async def test_keys_create_refused_key_stops_the_job(
    proxy: FakeProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    proxy.on("POST", "/key/generate", reply(401, {"error": {"message": "bad key", "code": "401"}}))
    specs = tmp_path / "s.jsonl"
    specs.write_text("".join(f'{{"key_alias": "k{i}"}}\n' for i in range(40)))
    status, err = await call(capsys, proxy.url, *create_argv(specs), "--concurrency", "2")
    assert status == 2 and len(err) == 1 and "refused the API key (401: bad key)" in err[0]
    assert len(proxy.calls()) < 40  # stopped, not one refusal per spec
    assert (tmp_path / "created.jsonl").read_bytes() == b""  # a prefix a rerun resumes from


async def test_keys_create_unreachable_proxy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = tmp_path / "s.csv"
    specs.write_text("key_alias\na\nb\n")
    status, err = await call(capsys, DEAD, "--max-retries", "0", *create_argv(specs))
    assert status == 1 and len(err) == 1
    assert err[0].startswith(f"aio-litellm: cannot reach the proxy at {DEAD}: ")
    assert "check --base-url or LITELLM_BASE_URL" in err[0]


async def test_keys_create_failed_items_exit_1_with_the_server_message(
    proxy: FakeProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message = {"error": {"message": "Input should be a valid list", "code": "422"}}
    proxy.on("POST", "/key/generate", reply(422, message))
    specs = tmp_path / "s.csv"
    specs.write_text("key_alias\na\n")
    status, err = await call(capsys, proxy.url, *create_argv(specs))
    assert status == 1
    assert err[0].startswith(
        "keys create: item 0 failed: UnprocessableEntityError: Error code: 422"
    )
    assert "Input should be a valid list" in err[0]
    assert err[1].startswith("keys create: 1 done, 1 failed")


async def test_keys_update_and_delete_check_every_line_first(
    proxy: FakeProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    updates = tmp_path / "u.csv"
    updates.write_text("key,max_budget,models\nsk-1,5,a;b\n,3,\n")
    status, err = await call(capsys, proxy.url, "keys", "update", "--from", str(updates))
    assert (status, err) == (2, [f"aio-litellm: error: {updates}:3: no column 'key'"])
    assert not proxy.calls()

    seen: list[Any] = []

    async def update(request: web.Request) -> web.StreamResponse:
        seen.append(orjson.loads(await request.read()))
        return web.json_response({"key": "sk-1"})

    proxy.on("POST", "/key/update", update)
    updates.write_text("key,max_budget,models\nsk-1,5,a;b\n")
    status, err = await call(capsys, proxy.url, "keys", "update", "--from", str(updates), "--quiet")
    assert status == 0
    assert seen == [{"key": "sk-1", "max_budget": 5.0, "models": ["a", "b"]}]

    doomed = tmp_path / "d.jsonl"
    doomed.write_text('"sk-1"\n{"token": "abc"}\n{"ok": false, "error": "x"}\n42\n')
    status, err = await call(capsys, proxy.url, "keys", "delete", "--from", str(doomed))
    assert status == 2
    assert err == [
        f"aio-litellm: error: {doomed}:4: expected a key, or an object with 'key' or 'token'; "
        "got a number"
    ]
    assert len(proxy.calls()) == 1  # only the update above


async def test_keys_list_errors(
    proxy: FakeProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "keys.jsonl"
    proxy.on("GET", "/key/list", reply(500, {"error": {"message": "db\n  is down", "code": "500"}}))
    status, err = await call(
        capsys, proxy.url, "--max-retries", "0", "keys", "list", "--out", str(out)
    )
    assert status == 1
    assert err == ["aio-litellm: GET /key/list: the proxy answered 500: db is down"]
    proxy.on("GET", "/key/list", reply(401, {"error": {"message": "no", "code": "401"}}))
    status, err = await call(capsys, proxy.url, "keys", "list", "--out", str(out))
    assert status == 2 and "refused the API key" in err[0]
    nowhere = tmp_path / "no" / "such" / "dir.jsonl"
    proxy.on("GET", "/key/list", reply(200, {"keys": [], "total_pages": 1}))
    status, err = await call(capsys, proxy.url, "keys", "list", "--out", str(nowhere))
    assert status == 2 and len(err) == 1
    assert err[0].endswith(f"no such directory: {nowhere.parent} (for {nowhere}.tmp)")


# -- spend, health, routes -------------------------------------------------------------------


async def test_spend_export_and_health_errors(
    proxy: FakeProxy, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "s.csv")
    status, err = await call(
        capsys, proxy.url, "spend", "export", "--from", "June 1", "--to", "2025-06-02", "--out", out
    )
    assert (status, err) == (
        2,
        ["aio-litellm: error: --from must be a day, YYYY-MM-DD, not 'June 1'"],
    )
    days = ["spend", "export", "--from", "2025-06-01", "--to", "2025-06-20", "--out", out]
    status, err = await call(
        capsys, DEAD, "--max-retries", "0", *days, "--concurrency", "1", "--quiet"
    )
    assert status == 1 and len(err) == 1 and "cannot reach the proxy at" in err[0]
    status, err = await call(capsys, DEAD, "--max-retries", "0", "health")
    assert status == 1 and len(err) == 1 and "cannot reach the proxy at" in err[0]
    proxy.on("GET", "/health", reply(401, {"error": {"message": "nope", "code": "401"}}))
    status, err = await call(capsys, proxy.url, "health")
    assert status == 2 and len(err) == 1 and "refused the API key (401: nope)" in err[0]


def test_failure_lines() -> None:
    from aio_litellm._exceptions import APIConnectionError, APIError, ClientClosedError

    assert cli.failure(ValueError("model must be a string")) == (2, "model must be a string")
    gone = APIConnectionError("refused", url="https://u:secret@proxy.example:8443/v1/x?key=s")
    assert cli.failure(gone) == (
        1,
        "cannot reach the proxy at https://proxy.example:8443: refused "
        "(check --base-url or LITELLM_BASE_URL)",
    )
    assert cli.failure(APIError("weird\nanswer")) == (1, "weird answer")
    assert cli.failure(ClientClosedError("closed")) == (1, "ClientClosedError: closed")
    assert cli.failure(RuntimeError("x" * 1000))[1].endswith("…")
    assert cli.failure(cli.JobFailed("could not check")) == (1, "could not check")
    assert cli.failure(PermissionError(13, "Permission denied", "/out")) == (
        2,
        "/out: Permission denied",
    )


def test_keyboard_interrupt_keeps_its_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async def interrupted(args: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "run", interrupted)
    assert cli.main(["keys", "list", "--out", "x"]) == 130
    assert capsys.readouterr().err == "interrupted: run the same command again to resume\n"
    assert cli.main(["health"]) == 130
    assert capsys.readouterr().err == "interrupted\n"

    async def broken(args: Any) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "run", broken)
    monkeypatch.setenv("AIO_LITELLM_TRACEBACK", "1")
    with pytest.raises(RuntimeError, match="a bug"):
        cli.main(["health"])


async def test_as_a_process_no_traceback(tmp_path: Path) -> None:
    source = tmp_path / "docs.jsonl"
    source.write_bytes(b'{"id": 1, "text": "a"}\n{"id": 2, "text": 7}\n')
    env = {**os.environ, "LITELLM_BASE_URL": DEAD, "LITELLM_API_KEY": API_KEY}
    env.pop("AIO_LITELLM_TRACEBACK", None)
    for argv in (
        embed_argv(source),
        ["--max-retries", "0", "keys", "list", "--out", str(tmp_path / "k.jsonl")],
    ):
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "aio_litellm", *argv, env=env, stderr=asyncio.subprocess.PIPE
        )
        _, err = await proc.communicate()
        assert b"Traceback" not in err and err.count(b"\n") == 1, err
        assert proc.returncode == (2 if argv[0] == "embed" else 1)


# -- conversion ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("annotation", "cell", "value"),
    [
        (int | None, " 7 ", 7),
        (float, "1e3", 1000.0),
        (bool | None, "No", False),
        (bool, "1", True),
        (list[str] | None, "a; b;;c ", ["a", "b", "c"]),
        (list[str], '["a;b"]', ["a;b"]),
        (dict[str, Any] | None, '{"a": [1]}', {"a": [1]}),
        (str | None, " spaced ", " spaced "),
        (Any, "[1]", "[1]"),
        (int | str, "x", "x"),
        (list[dict[str, Any]], '[{"a": 1}]', [{"a": 1}]),
        (Mapping[str, int] | None, '{"a": 1}', {"a": 1}),
    ],
)
def test_cells_convert_to_the_annotation(annotation: Any, cell: str, value: Any) -> None:
    assert _Shape.of(annotation).convert(cell) == value


@pytest.mark.parametrize(
    ("annotation", "cell", "message"),
    [
        (float, "nan", "'nan' is not a number"),
        (int, "", "'' is not a whole number"),
        (list[dict[str, Any]], "a;b", "'a;b' is not a list"),
        (dict[str, Any], "[1]", "expected a JSON object, got an array"),
    ],
)
def test_cells_that_do_not_convert(annotation: Any, cell: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _Shape.of(annotation).convert(cell)


def test_json_values_are_checked() -> None:
    assert _Shape.of(int | None).check(None) is None
    assert _Shape.of(float).check(3) == 3
    assert _Shape.of(Any).check({"x": 1}) == {"x": 1}
    with pytest.raises(ValueError, match="expected a whole number, got a number"):
        _Shape.of(int).check(1.5)
    with pytest.raises(ValueError, match="expected a string, got null"):
        _Shape.of(str).check(None)


def test_readers_stream_and_name_the_line(tmp_path: Path) -> None:
    specs = tmp_path / "s.csv"
    specs.write_text("key_alias,max_budget\na,1\nb,2\nc,oops\n")
    rows = read_specs(specs, KeyGenerateParams)
    assert next(rows) == {"key_alias": "a", "max_budget": 1.0}  # streamed, row by row
    assert next(rows) == {"key_alias": "b", "max_budget": 2.0}
    with pytest.raises(UsageError, match=r"s.csv:4: column 'max_budget'"):
        next(rows)
    texts = tmp_path / "t.txt"
    texts.write_text("a\n\nb\n")
    assert list(read_texts(texts, None)) == ["a", "b"]
    csv_texts = tmp_path / "t.csv"
    csv_texts.write_text("text,n\nhello,1\n,2\n")
    assert list(read_texts(csv_texts, None)) == ["hello", ""]


# -- progress --------------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def snapshot(done: int, total: int | None, elapsed: float) -> Progress:
    return Progress(done, done, 0, total, 2, 4, elapsed)


def test_progress_bar_on_a_terminal_and_plain_lines_elsewhere() -> None:
    screen = Terminal()
    bar = _ProgressBar(screen, "keys")
    bar.update(snapshot(25, 100, 5.0))
    bar.update(snapshot(50, 100, 10.0))  # within 0.2 s: kept for close()
    bar.close()
    drawn = screen.getvalue()
    assert drawn.startswith("\r[######..................] 25/100 keys, 5/s, 0 failed")
    assert "0:05, ~0:15 left\x1b[K" in drawn
    assert drawn.endswith(
        "50/100 keys, 5/s, 0 failed, 2 in flight (limit 4), 0:10, ~0:10 left\x1b[K\n"
    )

    log = io.StringIO()
    plain = _ProgressBar(log, "texts", plain_every=3600)
    for done in range(1, 5):
        plain.update(snapshot(done, None, 4000.0 * done))
    plain.close()
    lines = log.getvalue().splitlines()
    assert lines == [
        "1 texts, 0/s, 0 failed, 2 in flight (limit 4), 1:06:40",
        "4 texts, 0/s, 0 failed, 2 in flight (limit 4), 4:26:40",
    ]
