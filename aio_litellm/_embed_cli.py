"""``aio-litellm embed``: every text of a file embedded, vectors written in input order,
resumable after any interruption."""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._jobfiles import (
    EXIT_FAILED,
    EXIT_OK,
    ResumableOutput,
    file_digest,
    finish_npy,
    jsonl,
    one_line,
    partial_dim,
    read_texts,
    stop_on_refusal,
    summary,
)

if TYPE_CHECKING:
    from ._client import LiteLLMClient

__all__ = ["run"]


async def run(args: argparse.Namespace, client: LiteLLMClient) -> int:
    out_path = Path(args.out)
    for _ in read_texts(Path(args.input), args.field):  # bad input fails here, before I/O
        pass
    npy = out_path.suffix.lower() == ".npy"
    job = {
        "input": str(Path(args.input).resolve()),
        # Bound to the content too: an edited input would misalign a resumed output.
        "input_sha256": file_digest(Path(args.input)),
        "model": args.model,
        "field": args.field,
        "dimensions": args.dimensions,
        "format": "npy" if npy else "jsonl",
    }
    store = out_path.with_name(out_path.name + ".partial") if npy else out_path
    if npy and out_path.exists() and not args.restart:
        print(f"{out_path} is complete; nothing to do (--restart to redo)", file=sys.stderr)
        return EXIT_OK
    dim = partial_dim(store) if npy and not args.restart else None
    output = ResumableOutput(store, job, restart=args.restart, record_size=dim * 4 if dim else None)
    texts = itertools.islice(read_texts(Path(args.input), args.field), output.done, None)
    params: dict[str, Any] = {"dimensions": args.dimensions} if args.dimensions else {}
    started, written, tokens, failure = time.monotonic(), 0, 0, None
    try:
        async for batch in client.embeddings.batch_iter(
            texts,
            model=args.model,
            batch_size=args.batch_size,
            max_batch_tokens=args.max_batch_tokens,
            concurrency=args.concurrency,
            rate=args.rate,
            as_numpy=npy,
            progress=not args.quiet,
            exact_tokens=args.exact_tokens,
            **params,
        ):
            if not batch.ok:
                failure = batch
                break  # the output stays a complete prefix; a rerun resumes from this batch
            if npy:
                import numpy as np

                rows = np.ascontiguousarray(batch.vectors, dtype="<f4")
                if dim is None:
                    dim = int(rows.shape[1])
                    output.record_size = dim * 4
                    output._write_meta({"args": job, "dim": dim})
                output.write(rows.tobytes())
            else:
                first = output.done + batch.start
                output.write(
                    b"".join(
                        jsonl({"index": first + i, "embedding": vector})
                        for i, vector in enumerate(batch.vectors)
                    )
                )
            written += len(batch.texts)
            tokens += batch.tokens
    finally:
        output.close()
    if failure is not None:
        stop_on_refusal(failure.error)  # then the command's one line says why
    if failure is not None:
        start = output.done + failure.start
        print(
            one_line(
                f"embed: texts {start}..{start + len(failure.texts) - 1} failed: "
                f"{failure.error}; run the same command again to resume from there"
            ),
            file=sys.stderr,
        )
    elif npy:
        finish_npy(store, out_path, dim or 0)
        output.meta_path.unlink(missing_ok=True)
    counted = "exact" if args.exact_tokens else "estimated"
    extra = f", {tokens:,} tokens ({counted}), texts -> {out_path}"
    summary("embed", written, 1 if failure else 0, output.done, started, extra)
    return EXIT_FAILED if failure else EXIT_OK
