#!/usr/bin/env python3
"""Draws the Spark benchmark's results.csv as an SVG: for each row count, one bar per engine for the wall time and one
for the sum of the JVMs' peak RSS, side by side. Only the standard library; the newest ok run of each (rows, engine).

    python3 .ci/bench/spark-bench-chart.py benchmarks/target/spark-bench/results.csv docs/spark-performance.svg
"""
import csv
import sys
from html import escape

ENGINES = [("local", "engine local", "#4e79a7"),
           ("spark-local", "spark local[2]", "#f28e2b"),
           ("spark-cluster", "spark standalone, 2 workers", "#59a14f")]


def newest_runs(path):
    runs = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if row["status"] == "ok":
                runs[(int(row["rows"]), row["engine"])] = row
    return runs


def panel(runs, sizes, x0, title, value, unit, width=470):
    rows = []
    for size in sizes:
        for key, label, colour in ENGINES:
            run = runs.get((size, key))
            # a peak of 0 is a run whose memory was not captured, not a run that took none
            measured = value(run) if run else None
            rows.append((size, label, colour, measured if measured else None))
    top = max([v for *_, v in rows if v is not None] or [1])
    out = [f'<text x="{x0}" y="20" font-weight="bold">{escape(title)}</text>']
    y = 40
    for size in sizes:
        out.append(f'<text x="{x0}" y="{y + 12}" font-size="12">{size:,} rows</text>')
        y += 18
        for s, label, colour, v in [r for r in rows if r[0] == size]:
            if v is None:
                out.append(f'<text x="{x0 + 190}" y="{y + 11}" font-size="11">not measured</text>')
            else:
                w = max(1, int((width - 260) * v / top))
                out.append(f'<rect x="{x0 + 190}" y="{y}" width="{w}" height="14" fill="{colour}"/>')
                out.append(f'<text x="{x0 + 195 + w}" y="{y + 11}" font-size="11">{v:,.0f} {unit}</text>')
            out.append(f'<text x="{x0 + 185}" y="{y + 11}" font-size="11" text-anchor="end">{escape(label)}</text>')
            y += 18
        y += 8
    return out, y


def main(source, target):
    runs = newest_runs(source)
    sizes = sorted({size for size, _ in runs})
    left, h1 = panel(runs, sizes, 10, "Wall time of mvn ml:train ml:validate (s)", lambda r: float(r["wall_s"]), "s")
    right, h2 = panel(runs, sizes, 500, "Sum of the JVMs' peak RSS (MB)", lambda r: float(r["jvm_peak_sum_mb"]), "MB")
    height = max(h1, h2) + 10
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="980" height="{height}" font-family="sans-serif">',
           '<rect width="100%" height="100%" fill="white"/>', *left, *right, '</svg>']
    with open(target, "w") as f:
        f.write("\n".join(svg) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: spark-bench-chart.py results.csv chart.svg")
    main(sys.argv[1], sys.argv[2])
