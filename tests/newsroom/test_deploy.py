"""Production settings come from the environment and pass Django's deploy checks."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "news.example",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_COOKIES": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    # Never connected to by `check`: several processes need a shared cache.
    "REDIS_URL": "redis://127.0.0.1:6379/14",
}


def check_deploy(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # The test run's own DJANGO_ALLOW_ASYNC_UNSAFE (for Playwright) is no production setting.
    inherited = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env = inherited | environment
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_under_production_settings() -> None:
    """With production variables set, `check --deploy` reports nothing."""
    result = check_deploy(PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_flags_the_development_key() -> None:
    """Forgetting SECRET_KEY in production is caught by the deploy checks."""
    result = check_deploy({k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"})
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_check_deploy_asks_for_a_shared_cache() -> None:
    """Without Redis, several processes would count throttles and lockouts
    apart: `check --deploy` says so, unless one process is all there is."""
    without = {k: v for k, v in PRODUCTION.items() if k != "REDIS_URL"}
    result = check_deploy({**without, "REDIS_URL": "", "CACHE_URL": ""})
    assert result.returncode != 0
    assert "newsroom.E001" in result.stderr + result.stdout
    alone = check_deploy({**without, "REDIS_URL": "", "SINGLE_PROCESS": "1"})
    assert alone.returncode == 0, alone.stderr


def test_every_setting_variable_is_documented() -> None:
    """Each environment variable settings.py reads is in README's and deploy.md's tables."""
    source = (ROOT / "newsroom" / "settings.py").read_text()
    read = set(
        re.findall(
            r'(?:env_bool|env_list|environ\.get|environ\[)\(?\s*"([A-Z][A-Z0-9_]+)"',
            source,
        )
    ) | {"DATABASE_URL"}  # read by dj-database-url
    assert {"SECRET_KEY", "REDIS_URL", "LOGIN_COOLOFF_MINUTES"} <= read
    for doc in ("README.md", "docs/deploy.md"):
        table = (ROOT / doc).read_text()
        rows = set(re.findall(r"^\| `([A-Z_]+)` \|", table, re.MULTILINE))
        assert read <= rows, f"{doc} lacks {sorted(read - rows)}"
