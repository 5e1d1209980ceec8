"""Analysis tests are pure Python: no Django settings, no database."""

import sys
from pathlib import Path

import pytest

from articles.analysis import AuthorityIndex

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(autouse=True)
def _fast_and_isolated():
    """Overrides the project-wide autouse fixture, which needs Django settings."""
    yield


@pytest.fixture(scope="session")
def index() -> AuthorityIndex:
    """A fresh newsroom's matcher: the gazetteer only (modules with an authority file define their own)."""
    return AuthorityIndex.build([])
