#!/usr/bin/env python3
"""Deterministic train/test split of credit-g.arff (ARFF and CSV copies).

Usage (from any directory; standard library only):

    python3 make-splits.py [SOURCE_ARFF [OUTPUT_DIR]]

Defaults: SOURCE_ARFF = credit-g.arff next to this script, OUTPUT_DIR = the
directory of this script.

Rule: the data rows of SOURCE_ARFF are numbered from 1 in file order; a row
whose number is divisible by 5 goes to the test set, every other row to the
training set (1000 rows -> 800 train / 200 test). Both ARFF files keep the
source header (comments, @relation, @attribute lines and @data) byte for byte.
The CSV files hold the same rows in the same order with a header row of the
attribute names; ARFF quoting is removed ('no checking' -> no checking) and
values are quoted RFC 4180 style only when they contain a comma, a double
quote or a line break. Missing values ('?') are written as '?', which Weka's
CSVLoader reads as missing. All output uses LF line endings.
"""

import csv
import os
import sys

TEST_EVERY = 5
STEM = "credit-g"


def parse_arff_row(line):
    """Split one dense ARFF data row into unquoted values."""
    values = []
    i, n = 0, len(line)
    while i <= n:
        while i < n and line[i] in " \t":
            i += 1
        if i < n and line[i] in "'\"":
            quote = line[i]
            i += 1
            buf = []
            while i < n and line[i] != quote:
                if line[i] == "\\" and i + 1 < n:
                    i += 1
                    buf.append({"n": "\n", "r": "\r", "t": "\t"}.get(line[i], line[i]))
                else:
                    buf.append(line[i])
                i += 1
            if i >= n:
                raise ValueError("unterminated quote in row: " + line)
            i += 1  # closing quote
            value = "".join(buf)
            while i < n and line[i] in " \t":
                i += 1
        else:
            start = i
            while i < n and line[i] != ",":
                i += 1
            value = line[start:i].strip()
        values.append(value)
        if i < n and line[i] != ",":
            raise ValueError("unexpected character after value in row: " + line)
        i += 1  # skip the comma (or step past the end)
    return values


def attribute_name(line):
    """Name of an '@attribute name type' line (name may be quoted)."""
    rest = line.strip()[len("@attribute"):].strip()
    if rest[0] in "'\"":
        return parse_arff_row(rest[: rest.index(rest[0], 1) + 1])[0]
    return rest.split(None, 1)[0]


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    source = argv[1] if len(argv) > 1 else os.path.join(here, STEM + ".arff")
    out_dir = argv[2] if len(argv) > 2 else here

    with open(source, "r", encoding="utf-8", newline="") as fh:
        lines = fh.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if any(line.endswith("\r") for line in lines):
        raise SystemExit("source has CR line endings; convert it to LF first")

    data_at = next(k for k, line in enumerate(lines) if line.strip().lower() == "@data")
    header = lines[: data_at + 1]
    names = [attribute_name(l) for l in header if l.strip().lower().startswith("@attribute")]
    rows = [l for l in lines[data_at + 1:] if l.strip() and not l.lstrip().startswith("%")]

    train, test = [], []
    for number, row in enumerate(rows, start=1):
        (test if number % TEST_EVERY == 0 else train).append(row)

    for part, part_rows in (("train", train), ("test", test)):
        arff = os.path.join(out_dir, "%s-%s.arff" % (STEM, part))
        with open(arff, "w", encoding="utf-8", newline="") as fh:
            fh.write("\n".join(header + part_rows) + "\n")
        path = os.path.join(out_dir, "%s-%s.csv" % (STEM, part))
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
            writer.writerow(names)
            for row in part_rows:
                values = parse_arff_row(row)
                if len(values) != len(names):
                    raise SystemExit("row has %d values, expected %d: %s" % (len(values), len(names), row))
                writer.writerow(values)
        print("%s: %d rows" % (part, len(part_rows)))


if __name__ == "__main__":
    main(sys.argv)
