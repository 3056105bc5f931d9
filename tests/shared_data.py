"""Locate ../shared (test and benchmark data that must never be copied into the repo)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    return Path(os.environ.get("FUNDWATCH_SHARED_DIR", REPO_ROOT.parent / "shared"))


def require_shared(*parts: str) -> Path:
    """The path under ../shared, or skip (fail under CI) when it is missing."""
    path = shared_dir().joinpath(*parts)
    if not path.exists():
        msg = f"{path} is missing: the shared evaluation data (../shared) is needed for this test"
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    return path
