#!/usr/bin/env python3
"""Results of .ci/bench/spark-bench.sh.

spark-bench-report.py row RESULTS.csv key=value ...   appends one run (reads its Maven log, its peak-RSS file from
                                                      spark-bench-rss.py, its validation.json and its model file)
spark-bench-report.py table RESULTS.csv RESULTS.md    writes the side-by-side Markdown table (and prints nothing)
"""
import csv
import hashlib
import json
import os
import re
import sys

COLUMNS = [
    "rows", "engine", "run", "master", "partitions", "executor_memory", "driver_memory", "status",
    "wall_s", "train_s", "partition_fit_max_s", "partition_fit_sum_s", "cluster_start_s",
    "maven_mb", "driver_mb", "master_mb", "worker_max_mb", "executor_max_mb", "executors", "jvm_peak_sum_mb",
    "accuracy", "recall_yes", "precision_yes", "roc_auc", "pr_auc", "model_sha256", "log",
]
METRICS = ["accuracy", "recall_yes", "precision_yes", "roc_auc", "pr_auc"]
# the plugin's own line: "Trained <name> in 1.23 s; wrote ..."
TRAINED = re.compile(r"Trained .* in ([0-9.]+) s;")
# the driver's progress line for a partition's fit, e.g. "partition 0: 500 rows fitted in 0.3 s"
PARTITION_FIT = re.compile(r"partition (\d+)\b.*\bfitted in ([0-9.]+) s")


def mb(kb):
    return str(round(kb / 1024))


def from_log(path):
    train_s, fits = "", {}
    if os.path.isfile(path):
        with open(path, errors="replace") as f:
            for line in f:
                m = TRAINED.search(line)
                if m:
                    train_s = m.group(1)
                m = PARTITION_FIT.search(line)
                if m:
                    fits[int(m.group(1))] = float(m.group(2))
    if not fits:
        return train_s, "", ""
    return train_s, f"{max(fits.values()):.3f}", f"{sum(fits.values()):.3f}"


def from_rss(path):
    by_role = {}
    if os.path.isfile(path):
        with open(path) as f:
            for line in f:
                pid, role, kb, _main = line.rstrip("\n").split("\t")
                by_role.setdefault(role, []).append(int(kb))
    jvm_roles = ("maven", "driver", "master", "worker", "executor", "jvm")
    total = sum(sum(by_role.get(r, [])) for r in jvm_roles)
    pick = lambda r: mb(max(by_role[r])) if r in by_role else ""
    return {
        "maven_mb": pick("maven"), "driver_mb": pick("driver"), "master_mb": pick("master"),
        "worker_max_mb": pick("worker"), "executor_max_mb": pick("executor"),
        "executors": str(len(by_role.get("executor", []))), "jvm_peak_sum_mb": mb(total),
    }


def from_validation(path):
    if not os.path.isfile(path):
        return {k: "" for k in METRICS}
    with open(path) as f:
        d = json.load(f)
    m, yes = d.get("metrics", {}), d.get("perClass", {}).get("yes", {})
    value = lambda v: "" if v is None else repr(v)
    return {"accuracy": value(m.get("accuracy")), "recall_yes": value(yes.get("recall")),
            "precision_yes": value(yes.get("precision")), "roc_auc": value(m.get("rocAuc")),
            "pr_auc": value(m.get("prAuc"))}


def sha256(path):
    if not os.path.isfile(path):
        return ""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def row(results, pairs):
    given = dict(p.split("=", 1) for p in pairs)
    r = {k: given.get(k, "") for k in COLUMNS}
    r["train_s"], r["partition_fit_max_s"], r["partition_fit_sum_s"] = from_log(given["log"])
    r.update(from_rss(given["rss"]))
    r.update(from_validation(given["validation"]))
    r["model_sha256"] = sha256(given["model"]) if r["status"] == "ok" else ""
    new = not os.path.isfile(results) or os.path.getsize(results) == 0
    with open(results, "a", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS)
        if new:
            w.writeheader()
        w.writerow(r)


def six(v):
    try:
        return f"{float(v):.6f}"
    except ValueError:
        return v or "–"


def table(results, out):
    with open(results, newline="") as f:
        rows = list(csv.DictReader(f))
    local = {(r["rows"], r["run"]): r for r in rows if r["engine"] == "local" and r["status"] == "ok"}
    spark_local = {(r["rows"], r["run"]): r for r in rows if r["engine"] == "spark-local" and r["status"] == "ok"}
    lines = [
        "| rows | engine | status | wall s | train s | partition fit max / sum s | peak RSS MB: maven / driver / "
        "master / worker / executor (n) | sum of JVM peaks MB | accuracy | recall yes | precision yes | ROC area "
        "| PRC area | metrics = local | model = spark local[2] |",
        "|---:|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in rows:
        key = (r["rows"], r["run"])
        same_metrics = "–"
        if r["engine"] != "local" and key in local and r["status"] == "ok":
            same_metrics = "yes" if all(six(r[m]) == six(local[key][m]) for m in METRICS) else "no"
        same_model = "–"
        if r["engine"] == "spark-cluster" and key in spark_local and r["model_sha256"]:
            same_model = "yes" if r["model_sha256"] == spark_local[key]["model_sha256"] else "no"
        fits = f"{r['partition_fit_max_s']} / {r['partition_fit_sum_s']}" if r["partition_fit_max_s"] else "–"
        rss = " / ".join(v or "–" for v in (r["maven_mb"], r["driver_mb"], r["master_mb"], r["worker_max_mb"],
                                            r["executor_max_mb"]))
        if r["executors"] not in ("", "0"):
            rss += f" ({r['executors']})"
        engine = r["engine"] + (f", {r['partitions']} partitions" if r["partitions"] else "")
        lines.append("| " + " | ".join([
            f"{int(r['rows']):,}", engine, r["status"], r["wall_s"], r["train_s"] or "–", fits, rss,
            r["jvm_peak_sum_mb"], *(six(r[m]) for m in METRICS), same_metrics, same_model]) + " |")
    lines += [
        "",
        "wall s: mvn ml:train (+ ml:validate) from start to exit, JVM start-ups included (the cluster's start-up is "
        "not: a real cluster is running already; it is in results.csv as cluster_start_s). train s: the plugin's "
        "\"Trained ... in X s\". Peak RSS: each JVM's VmHWM, polled every 0.2 s; worker and executor: the largest of "
        "them. Partition fit: the driver's per-partition fit times; with one machine per partition the fits would "
        "take about the max instead of (sum / cores).",
    ]
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "row":
        row(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) == 4 and sys.argv[1] == "table":
        table(sys.argv[2], sys.argv[3])
    else:
        print(__doc__, file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
