"""A build replaces the published folder only when it succeeds.

MkDocs empties its output folder first and writes page after page, so a failure half-way (a
page that cannot render, a strict-mode warning, one language failing after another was
written) would leave a broken or empty site. The hooks therefore point the build at a staging
folder next to the real one and, only when the whole build (every language, strict checks
included) succeeded, swap it in with two renames on the same file system; a failed build's
staging folder is removed and the previous site is left exactly as it was. No MkDocs imports.
"""

from __future__ import annotations

import shutil
from pathlib import Path


def staging_for(target: Path) -> Path:
    """An empty folder beside ``target`` (same file system, so the swap is a rename)."""
    staging = target.parent / f".{target.name}.building"
    shutil.rmtree(staging, ignore_errors=True)  # left over from a build that was killed
    staging.mkdir(parents=True)
    return staging


def publish(staging: Path, target: Path) -> None:
    """Put the finished build at ``target``; the previous site is removed only after that."""
    old = target.parent / f".{target.name}.previous"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
