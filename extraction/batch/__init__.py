"""Archive-scale extraction on Dask: many articles in, partitioned Parquet and a manifest out.

    python -m extraction.batch IN... --out DIR [--workers N | --scheduler ADDRESS] [--load]

``run_batch`` plans partitions (``plan``), extracts them on workers (``work``) and writes them
(``output``); ``tables`` converts events and articles to Arrow and back.  See the README section
"Archive extraction on a Dask cluster".
"""

from extraction.batch.output import read_errors, read_events
from extraction.batch.run import BatchSummary, run_batch

__all__ = ["BatchSummary", "read_errors", "read_events", "run_batch"]
