"""The release a cached rendering belongs to: a digest of the deployed code.

Pages, fragments and API answers are built by templates and by Python, so
the digest covers both: every file of the project's packages (sources,
templates, static files), not tests or documents. A deploy that changes any
of them makes every key new; one that changes none keeps the cache.
"""

import hashlib
from pathlib import Path

SKIPPED = {"tests", "docs", "bench", "corpus", "staticfiles", "node_modules"}


def _package_files(root: Path) -> list[Path]:
    files: list[Path] = []
    for package in sorted(root.iterdir()):
        if (
            package.name.startswith(".")
            or package.name in SKIPPED
            or not (package / "__init__.py").is_file()
        ):
            continue
        files.extend(
            path
            for path in package.rglob("*")
            if path.is_file()
            and "__pycache__" not in path.parts
            and not any(part.startswith(".") for part in path.parts)
        )
    return sorted(files)


def code_digest(root: Path) -> str:
    """A short digest of every file in the packages under ``root``."""
    digest = hashlib.blake2b(digest_size=8)
    for path in _package_files(root):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()
