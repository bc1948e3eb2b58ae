"""Shared fixtures: the stand-in engine for batch and CI tests."""

from __future__ import annotations

import pytest

import fakes


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the fake rule loader and engine in this process (run with --jobs 1 --timeout 0)."""
    monkeypatch.setattr("policycheck.rules.load_rulesets", fakes.load_rulesets)
    monkeypatch.setattr("policycheck.engine.check", fakes.check)
