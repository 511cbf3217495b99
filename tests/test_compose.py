"""docker-compose.yml checked as `docker compose config` would, without Docker (none runs here)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return data


def env_of(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):
        return dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def test_services_and_images(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert set(services) == {"postgres", "redis", "fake-provider", "litellm"}
    assert services["litellm"]["image"] == "ghcr.io/berriai/litellm:main-stable"
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")


def test_every_service_has_a_healthcheck_and_litellm_waits(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for name, service in services.items():
        check = service.get("healthcheck", {})
        assert check.get("test"), f"{name} has no healthcheck"
        assert check["test"][0] in ("CMD", "CMD-SHELL")
    depends = services["litellm"]["depends_on"]
    assert depends == {
        "postgres": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
        "fake-provider": {"condition": "service_healthy"},
    }


def test_ports_are_loopback_and_match(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert services["litellm"]["ports"] == ["127.0.0.1:4000:4000"]
    assert "--port" in services["litellm"]["command"]
    port = services["litellm"]["command"][services["litellm"]["command"].index("--port") + 1]
    assert port == "4000"
    assert services["fake-provider"]["ports"] == ["127.0.0.1:18950:18950"]
    assert "--port 18950" in " ".join(services["fake-provider"]["command"])
    assert "4000/health" in " ".join(services["litellm"]["healthcheck"]["test"])
    assert services["redis"]["ports"] == ["127.0.0.1:6379:6379"]
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]


def test_litellm_env_points_at_the_other_services(compose: dict[str, Any]) -> None:
    services = compose["services"]
    env = env_of(services["litellm"])
    pg = env_of(services["postgres"])
    user, password, db = pg["POSTGRES_USER"], pg["POSTGRES_PASSWORD"], pg["POSTGRES_DB"]
    assert env["DATABASE_URL"] == f"postgresql://{user}:{password}@postgres:5432/{db}"
    assert env["FAKE_PROVIDER_API_BASE"] == "http://fake-provider:18950/v1"
    # The proxy's own rpm/tpm counters live in the compose Redis (LiteLLM reads REDIS_HOST/PORT).
    assert (env["REDIS_HOST"], env["REDIS_PORT"]) == ("redis", "6379")
    redis_port = services["redis"]["ports"][0].rsplit(":", 1)[1]
    assert redis_port == env["REDIS_PORT"]
    # The master key must come from the user, never a default baked into the file.
    assert re.fullmatch(r"\$\{LITELLM_MASTER_KEY:\?.+\}", env["LITELLM_MASTER_KEY"])


def test_mounted_files_exist_and_config_uses_the_env(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for service in services.values():
        for volume in service.get("volumes", []):
            source = volume.split(":", 1)[0]
            assert (ROOT / source).exists(), source
    mount = next(v for v in services["litellm"]["volumes"] if v.endswith(":/app/config.yaml:ro"))
    config = yaml.safe_load((ROOT / mount.split(":", 1)[0]).read_text())
    assert config["general_settings"]["master_key"] == "os.environ/LITELLM_MASTER_KEY"
    bases = {m["litellm_params"].get("api_base") for m in config["model_list"]}
    assert bases == {"os.environ/FAKE_PROVIDER_API_BASE"}
    assert "/e2e/fake_provider.py" in " ".join(services["fake-provider"]["command"])


def test_live_models_join_the_config_only_with_a_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from e2e.launcher import CONFIG, LIVE_MODELS, proxy_config

    for env_name, *_ in LIVE_MODELS:
        monkeypatch.delenv(env_name, raising=False)
    assert proxy_config(tmp_path) == CONFIG
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-test")
    config = yaml.safe_load(proxy_config(tmp_path).read_text())
    live = [m for m in config["model_list"] if m["model_name"].startswith("live-")]
    assert live == [
        {
            "model_name": "live-anthropic",
            "litellm_params": {
                "model": "anthropic/claude-3-5-haiku-latest",
                "api_key": "os.environ/ANTHROPIC_API_KEY",
            },
        }
    ]
    assert "sk-ant-test" not in proxy_config(tmp_path).read_text()  # the key stays in the env
