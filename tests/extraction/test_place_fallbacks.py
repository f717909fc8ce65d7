"""Governorate fallbacks when the event's place is a region, the country, or unknown."""

from __future__ import annotations

import pytest

from tests.extraction.conftest import extract

CASES = [
    # A region around Damascus stays in Rif Dimashq even when written "of Damascus" (the city-only governorate).
    ("Rebels recaptured the Qaryat Zanuna area from Jaysh al-Islam in the eastern Ghouta of Damascus.", "Rif Dimashq"),
    # The country as the event's place is coarser than the governorate the sentence names.
    ("Regime forces shelled rebel positions in southern Syria, in Daraa province.", "Daraa"),
    # Regression guard: with no governorate named, the country stays the country.
    ("Regime forces shelled rebel positions in southern Syria.", None),
]


@pytest.mark.parametrize(("text", "admin1"), CASES)
def test_fallback_governorate(pipeline, text, admin1):
    events = extract(pipeline, text)
    assert events, text
    assert events[0].admin1 == admin1
    assert events[0].geo_precision == 3
