"""Start (and stop) a real LiteLLM proxy for the end-to-end suite and the demo.

The proxy is chosen in this order:

1. ``LITELLM_BASE_URL`` (+ ``LITELLM_MASTER_KEY``) set: that proxy is used as it is (a Docker
   stack from docker-compose.yml, a staging deployment). Nothing is started or stopped.
2. ``../shared/litellm-db/start.sh`` exists (``AIO_LITELLM_DB_STACK`` to point elsewhere): the
   proxy with its Postgres database, started with this project's config and fake provider.
3. Otherwise the pinned proxy from ``e2e/requirements-proxy.txt`` in a virtualenv of its own
   (``AIO_LITELLM_PROXY_VENV``, default ``.e2e/proxy-venv``), without a database.

Every start uses a fresh random master key. ``python e2e/launcher.py`` starts a stack, prints
its address and key, and stops it on Enter or Ctrl-C.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CONFIG = HERE / "litellm-config.yaml"
REQUIREMENTS = HERE / "requirements-proxy.txt"
# Live models added to the proxy's config when their provider key is in the environment
# (see .env.template): (env var, model name in the proxy, litellm model, kind).
LIVE_MODELS = [
    ("OPENAI_API_KEY", "live-openai", "openai/gpt-4o-mini", "chat"),
    ("OPENAI_API_KEY", "live-openai-embed", "openai/text-embedding-3-small", "embedding"),
    ("ANTHROPIC_API_KEY", "live-anthropic", "anthropic/claude-3-5-haiku-latest", "chat"),
    ("GEMINI_API_KEY", "live-gemini", "gemini/gemini-2.0-flash", "chat"),
    ("MISTRAL_API_KEY", "live-mistral", "mistral/mistral-small-latest", "chat"),
    ("GROQ_API_KEY", "live-groq", "groq/llama-3.1-8b-instant", "chat"),
]
DEFAULT_DB_STACK = ROOT.parent / "shared" / "litellm-db" / "start.sh"


@dataclass
class Stack:
    """A running proxy: where it is, its master key, and how it was started."""

    base_url: str
    master_key: str
    mode: str  # "external" | "db" | "venv"
    provider_url: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    _stops: list[tuple[str, subprocess.Popen[bytes] | list[str]]] = field(default_factory=list)
    _workdir: Path | None = None
    _restart: Callable[[float], None] | None = None

    @property
    def can_restart(self) -> bool:
        return self._restart is not None

    def restart_proxy(self, down_for: float = 1.0) -> float:
        """Kill the proxy (SIGKILL, no clean shutdown), keep it down ``down_for`` seconds, start
        it again with the same config and master key; returns the seconds it was unreachable."""
        if self._restart is None:
            raise RuntimeError(f"a {self.mode} proxy cannot be restarted from here")
        started = time.monotonic()
        self._restart(down_for)
        wait_until(self.base_url + "/health/liveliness", timeout=300)
        return time.monotonic() - started

    def stop(self) -> None:
        """Stop everything this stack started (idempotent; never raises)."""
        while self._stops:
            _, handle = self._stops.pop()
            with contextlib.suppress(Exception):
                if isinstance(handle, list):
                    subprocess.run(handle, capture_output=True, timeout=120, check=False)
                else:
                    _terminate(handle)
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None


def _terminate(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 2.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def wait_until(url: str, *, timeout: float, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before {url} answered")
        with contextlib.suppress(OSError):
            status, _ = _get(url, timeout=1.0)
            if status == 200:
                return
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer 200 within {timeout:.0f} s")


def start_provider(workdir: Path, stack: Stack) -> str:
    port = free_port()
    with (workdir / "provider.log").open("wb") as log:  # the child keeps its own descriptor
        proc = subprocess.Popen(
            [sys.executable, str(HERE / "fake_provider.py"), "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    stack._stops.append(("provider", proc))
    url = f"http://127.0.0.1:{port}"
    wait_until(url + "/_stats", timeout=30, proc=proc)
    return url


def live_models() -> list[tuple[str, str, str, str]]:
    """The live models whose provider key is set."""
    return [m for m in LIVE_MODELS if os.environ.get(m[0])]


def proxy_config(workdir: Path) -> Path:
    """The suite's config, plus a live model for each provider key that is set."""
    live = live_models()
    if not live:
        return CONFIG
    import yaml  # a dev dependency; only needed when live providers are configured

    config = yaml.safe_load(CONFIG.read_text())
    for env_name, name, model, kind in live:
        entry = {
            "model_name": name,
            "litellm_params": {"model": model, "api_key": f"os.environ/{env_name}"},
        }
        if kind == "embedding":
            entry["model_info"] = {"mode": "embedding"}
        config["model_list"].append(entry)
    path = workdir / "config-live.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


PASS_THROUGH_ENV = {
    "ANTHROPIC_API_BASE": "{up}/anthropic",
    "ANTHROPIC_API_KEY": "fake",
    "GEMINI_API_BASE": "{up}/gemini",
    "GEMINI_API_KEY": "fake",
    "COHERE_API_BASE": "{up}/cohere",
    "COHERE_API_KEY": "fake",
    "MISTRAL_API_BASE": "{up}/mistral",
    "MISTRAL_API_KEY": "fake",
    "VLLM_API_BASE": "{up}/vllm",
    "AZURE_API_BASE": "{up}/azure",
    "AZURE_API_KEY": "fake",
    "AZURE_API_VERSION": "2024-10-21",
    "OPENROUTER_API_BASE": "{up}/openrouter",
    "OPENROUTER_API_KEY": "fake",
    "OPENAI_API_BASE": "{up}/openai",
    "OPENAI_API_KEY": "fake",
    "CURSOR_API_BASE": "{up}/cursor",
    "CURSOR_API_KEY": "fake",
    "LANGFUSE_HOST": "{up}/langfuse",
    "LANGFUSE_PUBLIC_KEY": "pk-lf-fake",
    "LANGFUSE_SECRET_KEY": "sk-lf-fake",
    "AWS_ACCESS_KEY_ID": "AKIAFAKE",
    "AWS_SECRET_ACCESS_KEY": "fake",
    "AWS_REGION_NAME": "us-east-1",
}


def proxy_env(stack: Stack) -> dict[str, str]:
    """The proxy's environment: where the fake provider is, and this run's master key."""
    env = {**os.environ, "LITELLM_MASTER_KEY": stack.master_key}
    env["FAKE_PROVIDER_API_BASE"] = f"{stack.provider_url}/v1"
    # Models added with /model/new are kept in the database (as docker-compose.yml does), so
    # the model-management routes work.
    env.setdefault("STORE_MODEL_IN_DB", "True")
    # Pass-through providers reach the fake under /up/<provider> (e2e/fake_routes/); the keys
    # are placeholders the fake ignores.
    up = f"{stack.provider_url}/up"
    for name, value in PASS_THROUGH_ENV.items():
        env.setdefault(name, value.format(up=up))
    for name in ("LITELLM_BASE_URL", "LITELLM_API_KEY"):
        env.pop(name, None)
    return env


def _new_stack(mode: str, master_key: str) -> tuple[Stack, Path]:
    workdir = Path(tempfile.mkdtemp(prefix="aio-litellm-e2e-"))
    stack = Stack(base_url="", master_key=master_key, mode=mode, _workdir=workdir)
    return stack, workdir


def start_db_stack(start_sh: Path) -> Stack:
    master_key = "sk-" + secrets.token_hex(16)
    stack, workdir = _new_stack("db", master_key)
    try:
        t0 = time.monotonic()
        stack.provider_url = start_provider(workdir, stack)
        env = {**proxy_env(stack), "LITELLM_CONFIG": str(proxy_config(workdir))}
        # start.sh's default Postgres port (55432) lies in Linux's ephemeral range (32768-60999),
        # where a client connection of the tests before can hold it; use one below that range.
        env.setdefault("PG_PORT", "15432")
        stop_sh = start_sh.with_name("stop.sh")
        stack._stops.append(("db stack", ["bash", str(stop_sh)]))
        t1 = time.monotonic()
        out = subprocess.run(
            ["bash", str(start_sh)], env=env, capture_output=True, text=True, timeout=900
        )
        if out.returncode != 0:  # one more try: a port still held, a slow Postgres shutdown
            time.sleep(3)
            out = subprocess.run(
                ["bash", str(start_sh)], env=env, capture_output=True, text=True, timeout=900
            )
        if out.returncode != 0:
            raise RuntimeError(
                f"{start_sh} failed ({out.returncode}):\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
            )
        stack.timings["db stack start.sh"] = time.monotonic() - t1
        for line in out.stdout.splitlines():
            if line.startswith("LITELLM_BASE_URL="):
                stack.base_url = line.split("=", 1)[1].strip()
        if not stack.base_url:
            raise RuntimeError(f"{start_sh} printed no LITELLM_BASE_URL:\n{out.stdout[-2000:]}")
        wait_until(stack.base_url + "/health/liveliness", timeout=60)
        stack_dir = Path(env.get("DBSHIM_DIR", "/tmp/dbshim/stack"))

        def restart(down_for: float) -> None:
            with contextlib.suppress(OSError, ValueError):
                os.kill(int((stack_dir / "proxy.pid").read_text()), signal.SIGKILL)
            time.sleep(down_for)
            subprocess.run(
                ["bash", str(start_sh)], env=env, capture_output=True, timeout=900, check=True
            )

        if add_proxy_extras(stack_dir / "venv"):  # installed now: the running proxy lacks them
            restart(0)
            wait_until(stack.base_url + "/health/liveliness", timeout=60)
        stack.timings["total"] = time.monotonic() - t0
        stack._restart = restart
        return stack
    except BaseException:
        stack.stop()
        raise


# What the e2e suite needs in the proxy's environment beyond start.sh's pins: LiteLLM invokes
# A2A agents only with a2a-sdk (its ``extra-proxy`` extra). Pinned in requirements-proxy.txt too.
PROXY_EXTRAS = ("a2a-sdk==1.3.0",)


def add_proxy_extras(venv: Path) -> bool:
    """Install ``PROXY_EXTRAS`` into the DB stack's proxy venv if missing; True if it did."""
    python = venv / "bin" / "python"
    check = "import importlib.metadata as m; m.version('a2a-sdk')"
    if not python.exists():
        return False
    if subprocess.run([str(python), "-c", check], stderr=subprocess.DEVNULL).returncode == 0:
        return False
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", *PROXY_EXTRAS],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:  # pip's own warnings are noise; its errors are not
        raise RuntimeError(f"pip install {' '.join(PROXY_EXTRAS)} failed:\n{done.stderr[-2000:]}")
    return True


def ensure_proxy_venv(venv: Path) -> Path:
    """The pinned proxy in its own virtualenv (it pins aiohttp/pydantic/orjson versions that must
    not decide the client's). Returns the ``litellm`` executable."""
    exe = venv / "bin" / "litellm"
    stamp = venv / ".requirements"
    wanted = REQUIREMENTS.read_text()
    if exe.exists() and stamp.exists() and stamp.read_text() == wanted:
        return exe
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "-r", str(REQUIREMENTS)], check=True
    )
    stamp.write_text(wanted)
    return exe


def start_venv_stack(venv: Path) -> Stack:
    master_key = "sk-" + secrets.token_hex(16)
    stack, workdir = _new_stack("venv", master_key)
    try:
        t0 = time.monotonic()
        exe = ensure_proxy_venv(venv)
        stack.timings["proxy install"] = time.monotonic() - t0
        stack.provider_url = start_provider(workdir, stack)
        port = free_port()
        env = {
            **proxy_env(stack),
            "LITELLM_LOCAL_MODEL_COST_MAP": "True",
            "LITELLM_TELEMETRY": "False",
        }
        env.pop("DATABASE_URL", None)
        t1 = time.monotonic()
        with (workdir / "proxy.log").open("wb") as log:
            proc = subprocess.Popen(
                [
                    str(exe),
                    "--config",
                    str(proxy_config(workdir)),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                ],
                env=env,
                cwd=workdir,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        stack._stops.append(("proxy", proc))
        stack.base_url = f"http://127.0.0.1:{port}"
        try:
            wait_until(stack.base_url + "/health/liveliness", timeout=180, proc=proc)
        except (RuntimeError, TimeoutError) as exc:
            tail = (workdir / "proxy.log").read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{exc}\nproxy log:\n{tail}") from exc
        stack.timings["proxy start"] = time.monotonic() - t1
        stack.timings["total"] = time.monotonic() - t0
        return stack
    except BaseException:
        stack.stop()
        raise


def start_stack() -> Stack:
    """Start (or find) a proxy as the module docstring says."""
    base_url = os.environ.get("LITELLM_BASE_URL")
    if base_url:
        key = os.environ.get("LITELLM_MASTER_KEY") or os.environ.get("LITELLM_API_KEY") or ""
        return Stack(
            base_url=base_url.rstrip("/"),
            master_key=key,
            mode="external",
            provider_url=os.environ.get("FAKE_PROVIDER_URL"),
        )
    start_sh = Path(os.environ.get("AIO_LITELLM_DB_STACK", DEFAULT_DB_STACK))
    if start_sh.exists():
        return start_db_stack(start_sh)
    venv = Path(os.environ.get("AIO_LITELLM_PROXY_VENV", ROOT / ".e2e" / "proxy-venv"))
    return start_venv_stack(venv)


@contextlib.contextmanager
def running_stack() -> Iterator[Stack]:
    stack = start_stack()
    try:
        yield stack
    finally:
        stack.stop()


def main() -> None:
    with running_stack() as stack:
        print(f"LITELLM_BASE_URL={stack.base_url}")
        print(f"LITELLM_MASTER_KEY={stack.master_key}")
        print(f"mode={stack.mode} provider={stack.provider_url} timings={stack.timings}")
        with contextlib.suppress(KeyboardInterrupt, EOFError):
            input("running; press Enter to stop\n")


if __name__ == "__main__":
    main()
