"""The apps depend one way: claims on articles, both on the foundations; no cycles;
and the claims admin stays in modules of a readable size.

The contracts live in pyproject.toml and are checked by import-linter. Each
test runs it on a copy of the code, so a forbidden import can be tried
without touching the real tree.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["articles", "claims", "newsroom", "desk", "partners"]


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(Path(sys.executable).with_name("lint-imports")),
            "--no-cache",
            "--config",
            str(tree / "pyproject.toml"),
        ],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the packages and the contracts."""
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "templates", "static"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def add_import(module: Path, line: str) -> None:
    module.write_text(f"{line}\n{module.read_text()}")


def test_the_code_keeps_every_contract(tree: Path) -> None:
    """As it stands, every contract holds."""
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_articles_importing_claims_is_refused(tree: Path) -> None:
    """An import of claims in articles breaks the build, naming the import."""
    add_import(tree / "articles" / "models.py", "import claims.models  # noqa")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "articles imports nothing from claims BROKEN" in result.stdout
    assert "articles.models -> claims.models" in result.stdout


def test_a_foundation_importing_an_app_is_refused(tree: Path) -> None:
    """The API base may not import an app: it would sit above the apps."""
    add_import(tree / "newsroom" / "apibase.py", "import claims.services  # noqa")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "the foundations import no app BROKEN" in result.stdout


def test_a_cycle_inside_an_app_is_refused(tree: Path) -> None:
    """Models importing the admin, which imports the models, is a cycle."""
    add_import(tree / "claims" / "models.py", "import claims.admin.queue  # noqa")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "no import cycle between the apps' modules BROKEN" in result.stdout


ADMIN_MODULE_LINES = 300


def test_no_claims_admin_module_outgrows_a_readable_size() -> None:
    """The claims admin stays a package of modules a reader can hold in mind."""
    admin_package = ROOT / "claims" / "admin"
    sizes = {
        path.name: len(path.read_text().splitlines())
        for path in admin_package.glob("*.py")
    }
    assert sizes, "claims/admin has no modules"
    too_long = {
        name: lines for name, lines in sizes.items() if lines > ADMIN_MODULE_LINES
    }
    assert not too_long, f"over {ADMIN_MODULE_LINES} lines: {too_long}"
