"""``python -m extraction.batch``: see extraction.batch.cli."""

import sys

from extraction.batch.cli import main

# The guard matters: Dask's worker processes are started with multiprocessing's "spawn", which imports
# the main module again (as __mp_main__) in every worker.
if __name__ == "__main__":
    sys.exit(main())
