"""Display settings read from the environment (kept apart so tests can rely on the defaults)."""

from __future__ import annotations

import os
import socket
from functools import lru_cache

TILES_ENV = "CONFLICT_MAP_TILES"  # "1" enables the online tile basemap when it is reachable
TILE_HOST = "basemaps.cartocdn.com"


@lru_cache(maxsize=1)
def _reachable(host: str) -> bool:
    try:
        socket.create_connection((host, 443), timeout=1.5).close()
    except OSError:
        return False
    return True


def tiles_default() -> bool:
    """Whether the map's online-tiles switch starts on (CONFLICT_MAP_TILES=1); nothing is fetched to know."""
    return os.environ.get(TILES_ENV) == "1"


def tiles_reachable() -> bool:
    """Whether the tile server answers (asked only once the user has switched tiles on)."""
    return _reachable(TILE_HOST)


def tiles_enabled() -> bool:
    """Online tiles only when asked for and reachable; the offline outlines are always drawn."""
    return tiles_default() and tiles_reachable()
