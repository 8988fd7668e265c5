"""The apps depend one way: the surfaces (reader pages, API, desk) on the domain,
claims on articles, all on the foundations; no surface imports another; no
cycles; and the desk's admin stays in modules of a readable size.

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
PACKAGES = [
    "articles",
    "claims",
    "detection",
    "notifications",
    "partners",
    "newsroom",
    "reader",
    "api",
    "desk",
]


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
    """Models importing the services, which import the models, is a cycle."""
    add_import(tree / "claims" / "models.py", "import claims.services  # noqa")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "no import cycle between the apps' modules BROKEN" in result.stdout


def test_a_surface_importing_another_is_refused(tree: Path) -> None:
    """The API may not build on the reader pages: each surface stands on the domain."""
    add_import(tree / "api" / "claims.py", "import reader.structured_data  # noqa")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "no surface imports another" in result.stdout
    assert "api.claims -> reader.structured_data" in result.stdout


def test_the_domain_importing_a_surface_is_refused(tree: Path) -> None:
    """A claims service may not reach up into the desk."""
    add_import(
        tree / "claims" / "services" / "reviews.py", "import desk.admin.queue  # noqa"
    )
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "the domain apps import no surface BROKEN" in result.stdout


ADMIN_MODULE_LINES = 400


def test_no_admin_module_outgrows_a_readable_size() -> None:
    """The desk's admin stays a package of modules a reader can hold in mind."""
    admin_package = ROOT / "desk" / "admin"
    sizes = {
        path.name: len(path.read_text().splitlines())
        for path in admin_package.glob("*.py")
    }
    assert sizes, "desk/admin has no modules"
    too_long = {
        name: lines for name, lines in sizes.items() if lines > ADMIN_MODULE_LINES
    }
    assert not too_long, f"over {ADMIN_MODULE_LINES} lines: {too_long}"
