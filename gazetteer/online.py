"""Online fallback: geopy's Nominatim restricted to Syria, rate-limited, with a persistent cache.

Off by default (``Gazetteer.default(online=True)`` or ``CONFLICT_MAP_ONLINE_GEOCODER=1``).
Public Nominatim allows one request per second in total, so every answer, also
"not found", is cached in ``geocoder_cache.sqlite`` under the data directory and
the same name is never asked twice.  Network errors are not cached.  Tests pass
a fake geocoder object (anything with ``geocode(query, **kwargs)``).
"""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import closing
from pathlib import Path
from typing import Any

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter

from gazetteer.admin import canonical_admin1
from gazetteer.normalise import normalise_name
from gazetteer.records import SYRIA_BBOX, Place

CACHE_NAME = "geocoder_cache.sqlite"
USER_AGENT = "conflict-map-gazetteer/0.1 (offline-first; cached fallback)"


class OnlineGeocoder:
    """Look names up online at most once each, at most one request per ``min_delay_seconds``."""

    def __init__(self, *, cache: Path, geocoder: Any | None = None, min_delay_seconds: float = 1.0) -> None:
        if geocoder is None:
            from geopy.geocoders import Nominatim

            geocoder = Nominatim(user_agent=USER_AGENT, timeout=10)
        # No retries: a failed request is simply not cached and tried again next time.
        self._geocode = RateLimiter(
            geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=0, swallow_exceptions=False
        )
        # ``cache`` may be the store file or the data directory: the cache lives next to the store.
        directory = cache if cache.is_dir() or not cache.suffix else cache.parent
        self.cache_path = directory / CACHE_NAME
        self.last_error: str = ""
        self.requests = 0

    def _cache(self) -> sqlite3.Connection:
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.cache_path, timeout=30)
        conn.execute("CREATE TABLE IF NOT EXISTS answers (query TEXT PRIMARY KEY, result TEXT, at REAL NOT NULL)")
        return conn

    def geocode(self, name: str) -> Place | None:
        """A place for the name from the cache or the online service; None when not found or offline."""
        key = normalise_name(name) or name.casefold()
        self.last_error = ""  # it speaks of this lookup only (unresolved answers quote it)
        with closing(self._cache()) as conn:
            row = conn.execute("SELECT result FROM answers WHERE query = ?", (key,)).fetchone()
        if row is not None:
            return _from_json(row[0])
        try:
            self.requests += 1
            location = self._geocode(name, country_codes="sy", exactly_one=True, language="en", addressdetails=True)
        except GeopyError as err:
            self.last_error = f"online geocoder failed: {err}"
            return None  # not cached: try again next time
        place = _to_place(name, location)
        with closing(self._cache()) as conn, conn:
            conn.execute(
                "INSERT OR REPLACE INTO answers VALUES (?,?,?)",
                (key, json.dumps(_to_json(place)) if place else None, time.time()),
            )
        return place


def _to_place(name: str, location: Any) -> Place | None:
    if location is None:
        return None
    lat, lon = float(location.latitude), float(location.longitude)
    south, north, west, east = SYRIA_BBOX
    if not (south <= lat <= north and west <= lon <= east):
        return None  # Nominatim's answer is outside Syria: not the place meant
    raw = getattr(location, "raw", {}) or {}
    address = raw.get("address", {}) if isinstance(raw, dict) else {}
    admin1 = canonical_admin1(address.get("state", "")) if address.get("state") else None
    osm_id = f"{raw.get('osm_type', '')}:{raw.get('osm_id', '')}" if raw.get("osm_id") else normalise_name(name)
    return Place(
        name=name, latitude=lat, longitude=lon, admin1=admin1, admin2=address.get("county") or address.get("state_district"),
        feature=str(raw.get("type") or "populated place"), source="nominatim", source_id=osm_id,
        note=f"online: {getattr(location, 'address', '')} (OpenStreetMap contributors, ODbL)",
    )


def _to_json(place: Place) -> dict[str, Any]:
    return {
        "name": place.name, "latitude": place.latitude, "longitude": place.longitude, "admin1": place.admin1,
        "admin2": place.admin2, "feature": place.feature, "source_id": place.source_id, "note": place.note,
    }


def _from_json(text: str | None) -> Place | None:
    if text is None:
        return None
    data = json.loads(text)
    return Place(source="nominatim", **data)
