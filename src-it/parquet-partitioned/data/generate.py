"""Writes this IT's Parquet data with pyarrow from the credit-g CSV files of the unit tests.

Run once, from this folder, with pyarrow installed:
    python generate.py ../../../maven-plugin/src/test/resources/datasets
The training rows become a folder partitioned by month, as a dataset writer lays it out (three files, each with
every column); the test rows one file. Column types as pyarrow infers them from the CSV: integers int64, text string.
"""
import os
import sys

import pyarrow.csv as pacsv
import pyarrow.parquet as pq

source = sys.argv[1]
train = pacsv.read_csv(f"{source}/credit-g-train.csv")
bounds = [0, 300, 550, train.num_rows]
for month, (start, end) in enumerate(zip(bounds, bounds[1:]), start=1):
    os.makedirs(f"events/month=2024-0{month}", exist_ok=True)
    pq.write_table(train.slice(start, end - start), f"events/month=2024-0{month}/part-0.parquet", row_group_size=100)
pq.write_table(pacsv.read_csv(f"{source}/credit-g-test.csv"), "credit-g-test.parquet")
