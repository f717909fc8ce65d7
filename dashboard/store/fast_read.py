"""Child process that reads the events table into Arrow with ADBC's SQLite driver and streams it out.

Why a separate process: the ADBC driver carries its own copy of SQLite, and two
SQLite libraries in one process break each other's POSIX locks on the same file
(https://www.sqlite.org/howtocorrupt.html, section 2.2.1).  Here that showed as
a crash (SIGBUS on the WAL index) when one thread read through ADBC while
another wrote through ``sqlite3``.  Across processes SQLite's locks work, so
the fast reader runs in a child and sends Arrow IPC batches over a pipe.

    python -m dashboard.store.fast_read STORE_PATH SQL ENCODED_COLUMNS_JSON  > arrow-ipc-stream

Only pyarrow and the ADBC driver manager's low-level API are imported (its DB-API
module imports pandas too, a quarter of a second more at each start).  Columns
named in ENCODED_COLUMNS_JSON are dictionary-encoded per batch, so repeated
strings cross the pipe once per batch.
"""

from __future__ import annotations

import contextlib
import json
import sys
import urllib.parse
from pathlib import Path

BATCH_ROWS = 65_536


def stream(path: str, sql: str, encoded: list[str], out) -> int:  # noqa: ANN001 - a binary file
    """Run ``sql`` read-only on the store at ``path`` and write the result to ``out``; return the row count."""
    import adbc_driver_manager
    import adbc_driver_sqlite
    import pyarrow as pa
    import pyarrow.compute as pc

    uri = "file:" + urllib.parse.quote(str(Path(path).resolve())) + "?mode=ro"
    rows = 0
    writer = None
    with contextlib.ExitStack() as stack:
        database = adbc_driver_sqlite.connect(uri)
        stack.callback(database.close)
        conn = adbc_driver_manager.AdbcConnection(database)
        stack.callback(conn.close)
        statement = adbc_driver_manager.AdbcStatement(conn)
        stack.callback(statement.close)
        statement.set_options(**{"adbc.sqlite.query.batch_rows": str(BATCH_ROWS)})
        statement.set_sql_query(sql)
        handle, _ = statement.execute_query()
        reader = pa.RecordBatchReader._import_from_c(handle.address)
        stack.callback(reader.close)
        for batch in reader:
            arrays = [pc.dictionary_encode(batch.column(i)) if name in encoded else batch.column(i)
                      for i, name in enumerate(batch.schema.names)]
            converted = pa.RecordBatch.from_arrays(arrays, names=batch.schema.names)
            if writer is None:
                writer = pa.ipc.new_stream(out, converted.schema)
            writer.write_batch(converted)
            rows += batch.num_rows
        if writer is None:  # no rows: still send the schema, so the reader sees a valid stream
            schema = pa.schema([
                pa.field(f.name, pa.dictionary(pa.int32(), f.type) if f.name in encoded else f.type)
                for f in reader.schema
            ])
            writer = pa.ipc.new_stream(out, schema)
    writer.close()
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    path, sql, encoded = argv
    if not sql.lstrip().upper().startswith("SELECT "):  # read-only by construction, checked anyway
        print("only SELECT statements are run", file=sys.stderr)
        return 2
    stream(path, sql, json.loads(encoded), sys.stdout.buffer)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
