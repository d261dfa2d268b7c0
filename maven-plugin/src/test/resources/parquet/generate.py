"""Writes the Parquet fixtures of ParquetInteropTest with pyarrow, the writer most .parquet files come from.

Run once, from this folder, with pyarrow installed (e.g. in a virtual environment):
    python generate.py
The files are committed; the test checks the values read against those written here.
"""
import datetime
import decimal

import pyarrow as pa
import pyarrow.parquet as pq

UTC = datetime.timezone.utc

table = pa.table({
    "age": pa.array([34, 51, None, 28, 45, 39, 62, 23, 30, 57, 41, 36], pa.int32()),
    "income": pa.array([52000, 87000, 61000, None, 73000, 45000, 99000, 31000, 58000, 91000, 66000, 49000], pa.int64()),
    "score": pa.array([0.5, 1.25, 2.0, 0.75, None, 1.5, 3.0, 0.25, 1.0, 2.5, 1.75, 0.5], pa.float32()),
    "ratio": pa.array([0.1, 0.2, 0.3, 0.4, 0.5, None, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2], pa.float64()),
    "amount": pa.array([decimal.Decimal(v) if v else None for v in
                        ["1200.50", "-35.25", "0.00", "999.99", "12.30", "450.00", None, "7.77", "88.80",
                         "1000.01", "3.14", "2.72"]], pa.decimal128(10, 2)),
    "member": pa.array([True, False, True, None, False, True, True, False, True, False, True, False]),
    "city": pa.array(["Zürich", "São Paulo", "東京", "Zürich", None, "São Paulo", "東京", "Zürich",
                      "São Paulo", "東京", "Zürich", "São Paulo"]),
    "opened": pa.array([datetime.date(2024, 1, 5), datetime.date(1969, 12, 31), None] + [datetime.date(2023, 6, d)
                                                                                        for d in range(1, 10)]),
    "seen": pa.array([datetime.datetime(2024, 1, 5, 12, 30, 15, 250000, tzinfo=UTC), None]
                     + [datetime.datetime(2000, 1, 1, h, tzinfo=UTC) for h in range(10)], pa.timestamp("us", tz="UTC")),
    "approved": pa.array(["yes", "no", "yes", "no", "yes", "yes", "no", "no", "yes", "no", "yes", None]),
})

# snappy is pyarrow's default; five rows per row group make three row groups
pq.write_table(table, "pyarrow-types.parquet", row_group_size=5)
for codec in ["zstd", "gzip", "lz4", "brotli"]:
    pq.write_table(table, f"pyarrow-types-{codec}.parquet", row_group_size=5, compression=codec)

nested = pa.table({
    "id": pa.array([1, 2], pa.int64()),
    "tags": pa.array([["a", "b"], ["c"]], pa.list_(pa.string())),
    "label": pa.array(["x", "y"]),
})
pq.write_table(nested, "pyarrow-nested.parquet")
