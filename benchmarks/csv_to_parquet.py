"""Writes the benchmark's CSV files as Parquet with pyarrow, for benchmarks/run.sh --format parquet.

    python csv_to_parquet.py <in.csv> <out.parquet> [codec] [rows per row group]

pyarrow is the writer most .parquet files come from; its defaults are kept (SNAPPY, row groups of 1,048,576 rows)
unless given. The columns are typed explicitly so that no inference of pyarrow's can differ from the
plugin's CSV typing: f1 ... f20 DOUBLE, channel and fraud STRING. The file is written to a temporary name and moved,
so an interrupted run leaves no half-written file that the next run would reuse.
"""
import os
import sys

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

source, target = sys.argv[1], sys.argv[2]
codec = sys.argv[3] if len(sys.argv) > 3 else "snappy"
group_rows = int(sys.argv[4]) if len(sys.argv) > 4 else 1_048_576
types = {f"f{i}": pa.float64() for i in range(1, 21)}
types.update({"channel": pa.string(), "fraud": pa.string()})
reader = pacsv.open_csv(source, convert_options=pacsv.ConvertOptions(column_types=types))
partial = target + ".tmp"
with pq.ParquetWriter(partial, reader.schema, compression=codec) as writer:
    # one row group at a time, so that converting a large file holds one row group in memory, not the file; each
    # write makes row groups of its own, so the CSV reader's small batches are gathered first
    pending, rows = [], 0
    for batch in reader:
        pending.append(batch)
        rows += batch.num_rows
        if rows >= group_rows:
            table = pa.Table.from_batches(pending)
            writer.write_table(table.slice(0, group_rows), row_group_size=group_rows)
            rest = table.slice(group_rows)
            pending, rows = rest.to_batches(), rest.num_rows
    if rows:
        writer.write_table(pa.Table.from_batches(pending, schema=reader.schema), row_group_size=group_rows)
os.replace(partial, target)
