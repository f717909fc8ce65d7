"""Where the project keeps its local files.

One setting moves everything: the environment variable ``CONFLICT_MAP_DATA_DIR``
(default: ``data/`` at the top of the checkout).  The event store, the
gazetteer's local store (imported gazetteers and user-added places) and the
online geocoder's cache all live there.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR_ENV = "CONFLICT_MAP_DATA_DIR"


def data_dir() -> Path:
    """Return the data directory, creating it if needed."""
    path = Path(os.environ.get(DATA_DIR_ENV) or PROJECT_ROOT / "data").expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path
