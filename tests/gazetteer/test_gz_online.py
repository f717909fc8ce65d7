"""Online fallback: off by default, fake geocoder in tests, cached, rate-limited, never outside Syria."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from geopy.exc import GeocoderUnavailable

from gazetteer import Gazetteer
from gazetteer.gazetteer import ONLINE_ENV, _bundled
from gazetteer.online import OnlineGeocoder
from gazetteer.store import store_path


class FakeGeocoder:
    """Stands in for geopy's Nominatim: records calls, answers from a dict."""

    def __init__(self, answers: dict[str, tuple[float, float]], *, fail: bool = False) -> None:
        self.answers, self.fail, self.calls = answers, fail, []

    def geocode(self, query: str, **kwargs: object) -> SimpleNamespace | None:
        self.calls.append((query, kwargs))
        if self.fail:
            raise GeocoderUnavailable("no network in tests")
        if query not in self.answers:
            return None
        lat, lon = self.answers[query]
        raw = {"osm_type": "node", "osm_id": 42, "type": "village", "address": {"state": "Aleppo Governorate"}}
        return SimpleNamespace(latitude=lat, longitude=lon, address=f"{query}, Syria", raw=raw)


def _gazetteer(tmp_path: Path, fake: FakeGeocoder) -> Gazetteer:
    online = OnlineGeocoder(cache=store_path(tmp_path), geocoder=fake, min_delay_seconds=0)
    return Gazetteer(_bundled(), store=store_path(tmp_path), online=online)


def test_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ONLINE_ENV, raising=False)
    res = Gazetteer.default().resolve("Qaryat Onlineiyah")
    assert not res.resolved and f"{ONLINE_ENV}=1" in res.reason


def test_setting_enables_it_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    made = []
    monkeypatch.setenv(ONLINE_ENV, "1")
    monkeypatch.setattr("geopy.geocoders.Nominatim", lambda **kw: made.append(kw) or FakeGeocoder({}))
    res = Gazetteer.default().resolve("Qaryat Onlineiyah")
    assert made and "user_agent" in made[0]
    assert not res.resolved


def test_fallback_resolves_and_restricts_to_syria(tmp_path: Path) -> None:
    fake = FakeGeocoder({"Qaryat Onlineiyah": (36.4, 37.1)})
    res = _gazetteer(tmp_path, fake).resolve("Qaryat Onlineiyah")
    assert (res.method, res.place.source, res.place.admin1, res.precision) == ("online", "nominatim", "Aleppo", 1)
    assert fake.calls[0][1]["country_codes"] == "sy"


def test_known_names_never_go_online(tmp_path: Path) -> None:
    fake = FakeGeocoder({})
    assert _gazetteer(tmp_path, fake).resolve("Duma").place.admin1 == "Rif Dimashq"
    assert fake.calls == []


def test_answers_are_cached_across_instances(tmp_path: Path) -> None:
    fake = FakeGeocoder({"Qaryat Onlineiyah": (36.4, 37.1)})
    _gazetteer(tmp_path, fake).resolve("Qaryat Onlineiyah")
    _gazetteer(tmp_path, fake).resolve("Qaryat Onlineiyah")
    _gazetteer(tmp_path, fake).resolve("Nowhere At All")
    _gazetteer(tmp_path, fake).resolve("Nowhere At All")  # "not found" is cached too
    assert [q for q, _ in fake.calls] == ["Qaryat Onlineiyah", "Nowhere At All"]


def test_answer_outside_syria_is_rejected(tmp_path: Path) -> None:
    fake = FakeGeocoder({"Duma Hall": (55.757, 37.614)})  # the Russian State Duma, Moscow
    assert not _gazetteer(tmp_path, fake).resolve("Duma Hall").resolved


def test_network_errors_are_not_cached(tmp_path: Path) -> None:
    failing = FakeGeocoder({}, fail=True)
    res = _gazetteer(tmp_path, failing).resolve("Qaryat Onlineiyah")
    assert not res.resolved and "online geocoder failed" in res.reason
    working = FakeGeocoder({"Qaryat Onlineiyah": (36.4, 37.1)})
    assert _gazetteer(tmp_path, working).resolve("Qaryat Onlineiyah").resolved


def test_a_past_network_error_is_not_quoted_for_later_names(tmp_path: Path) -> None:
    """Regression: last_error was never cleared, so every later unresolved name blamed the network."""
    fake = FakeGeocoder({}, fail=True)
    gz = _gazetteer(tmp_path, fake)
    assert "online geocoder failed" in gz.resolve("Qaryat Onlineiyah").reason
    fake.fail = False
    res = gz.resolve("Nowhere At All")  # asked online, really not found
    assert not res.resolved and "online geocoder failed" not in res.reason


def test_rate_limiter_spaces_requests(tmp_path: Path) -> None:
    fake = FakeGeocoder({})
    online = OnlineGeocoder(cache=tmp_path, geocoder=fake, min_delay_seconds=0.2)
    import time

    start = time.monotonic()
    online.geocode("First Name")
    online.geocode("Second Name")
    assert time.monotonic() - start >= 0.2
