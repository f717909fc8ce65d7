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


def tiles_enabled() -> bool:
    """Online tiles only when asked for and reachable; the offline outlines are always drawn."""
    return os.environ.get(TILES_ENV) == "1" and _reachable(TILE_HOST)
