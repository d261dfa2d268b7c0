#!/usr/bin/env python3
"""Creates the example's SQLite database data/labels.db from scratch: the table labelled_transactions with 3,000
labelled transactions, the same rows on every run (seed 15).

    python3 scripts/create_db.py [--db data/labels.db] [--rows 3000] [--seed 15]

The rows are the same on every run and every machine; the file's bytes may differ between SQLite versions (its header
records the library's version), so the extracted snapshot part, not the .db file, is what to compare.
"""

import argparse
import os
import random
import sqlite3
import sys

# no __pycache__ beside the scripts: the example's folder stays as committed
sys.dont_write_bytecode = True
from fraudgen import FIRST_LABEL_MS, SCHEMA, insert, shown

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.path.join(HERE, "..", "data", "labels.db"))
    parser.add_argument("--rows", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    # built beside the target and moved over it, so an interrupted run never leaves half a database
    temp = args.db + ".tmp"
    if os.path.exists(temp):
        os.remove(temp)
    connection = sqlite3.connect(temp)
    try:
        connection.execute(SCHEMA)
        # the first batch is labelled a little after FIRST_LABEL_MS
        counts = insert(connection, random.Random(args.seed), 1, FIRST_LABEL_MS - 60_000, args.rows)
    finally:
        connection.close()
    os.replace(temp, args.db)
    print("%s: %d labelled transactions (%s)" % (
        shown(args.db), args.rows, ", ".join("%s %d" % kv for kv in sorted(counts.items()))))


if __name__ == "__main__":
    sys.exit(main())
