#!/usr/bin/env python3
"""Inserts newly labelled transactions into data/labels.db, as the labelling tool does when analysts label more.

    python3 scripts/label.py --rows 200 [--db data/labels.db] [--seed N]

The new rows get the next ids and `labelled_at` values after the newest label in the table, so the next build's
extraction (a watermark on labelled_at, ties ordered by id) picks up exactly these rows. The seed defaults to the
highest id so far: the same sequence of calls on the same database inserts the same rows.
"""

import argparse
import os
import random
import sqlite3
import sys

# no __pycache__ beside the scripts: the example's folder stays as committed
sys.dont_write_bytecode = True
from fraudgen import insert, shown

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, required=True, help="how many labelled transactions to insert")
    parser.add_argument("--db", default=os.path.join(HERE, "..", "data", "labels.db"))
    parser.add_argument("--seed", type=int, help="default: the highest id in the table")
    args = parser.parse_args()
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    if not os.path.isfile(args.db):
        parser.error("%s does not exist; create it with scripts/create_db.py" % args.db)
    connection = sqlite3.connect(args.db)
    try:
        last_id, last_ms = connection.execute(
            "SELECT MAX(id), MAX(labelled_at) FROM labelled_transactions").fetchone()
        seed = last_id if args.seed is None else args.seed
        counts = insert(connection, random.Random(seed), last_id + 1, last_ms, args.rows)
        total = connection.execute("SELECT COUNT(*) FROM labelled_transactions").fetchone()[0]
    finally:
        connection.close()
    print("%s: inserted %d labelled transactions (%s), ids %d to %d; %d in the table" % (
        shown(args.db), args.rows, ", ".join("%s %d" % kv for kv in sorted(counts.items())),
        last_id + 1, last_id + args.rows, total))


if __name__ == "__main__":
    sys.exit(main())
