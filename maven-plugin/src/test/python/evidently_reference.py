#!/usr/bin/env python3
"""Reference drift figures from Evidently itself, for DriftAnalysisEvidentlyTest.

Runs Evidently's data-drift table (the legacy metric its presets call; evidently==0.7.23) on splits of the data sets in
maven-plugin/src/test/resources/datasets and writes, per data set, split and test option, every column's test, score
and drifted flag, and the data-set verdict. The Java test repeats the same splits on the same files and asserts
DriftAnalysis gives the same figures, so CI needs no Python: run this only to refresh the recorded file.

    python3 -m venv /tmp/evenv && /tmp/evenv/bin/pip install evidently==0.7.23
    /tmp/evenv/bin/python maven-plugin/src/test/python/evidently_reference.py \
        > maven-plugin/src/test/resources/io/github/mlmaven/monitoring/drift/evidently-reference.json

Splits (all reproducible from the file alone):
  even-odd        reference = rows 0, 2, 4, ...; current = rows 1, 3, 5, ... (no drift by construction)
  sorted-halves   rows stably sorted by one numeric attribute (missing last); reference = the first floor(n/2),
                  current = the rest (drift by construction)
  many-current    reference = the even-odd reference rows; current = every row repeated until there are more than
                  10,000 (SciPy's asymptotic Kolmogorov-Smirnov p-value)
  doubled         reference = every row twice (more than 1,000 rows: Evidently's distance tests); current = the
                  sorted-halves current rows
The class attribute (the last one) is left out, as DriftAnalysis leaves it out of the data-set verdict.
Numeric attributes are float64 columns (Weka reads every numeric value as a double).
"""
import json
import sys
import warnings

import evidently
import numpy as np
import pandas as pd
from evidently.legacy.metrics import DataDriftTable
from evidently.legacy.pipeline.column_mapping import ColumnMapping
from evidently.legacy.report import Report
from scipy.io import arff

warnings.filterwarnings("ignore")

DATASETS = "maven-plugin/src/test/resources/datasets/"
# data set -> the numeric attribute the drifting split sorts by
CASES = {
    "credit-g.arff": "age",
    "diabetes.arff": "plas",
    "iris.arff": "petallength",
    "cpu.arff": "MMAX",
    "unbalanced.arff": "WBN_GC_L_0.25",
    "weather.nominal.arff": None,
}
# the test options: None = Evidently's default selection; otherwise the test for every column it applies to
METHODS = [None, "psi", "jensenshannon", "wasserstein", "ks", "chisquare", "z"]
NUMERIC_ONLY = {"wasserstein", "ks"}
CATEGORICAL_ONLY = {"chisquare", "z"}
# Evidently reports a test by its display name; DriftAnalysis by the name its options take
TEST_NAMES = {
    "K-S p_value": "ks",
    "chi-square p_value": "chisquare",
    "Z-test p_value": "z",
    "Wasserstein distance (normed)": "wasserstein",
    "Jensen-Shannon distance": "jensenshannon",
    "PSI": "psi",
}


def load(name):
    data, meta = arff.loadarff(DATASETS + name)
    frame = pd.DataFrame(data)
    numeric, categorical = [], []
    for column, kind in zip(meta.names()[:-1], meta.types()[:-1]):
        if kind == "numeric":
            frame[column] = frame[column].astype("float64")
            numeric.append(column)
        else:
            frame[column] = frame[column].map(lambda v: None if v == b"?" else v.decode("utf-8")).astype(object)
            categorical.append(column)
    return frame[meta.names()[:-1]], numeric, categorical


def run(reference, current, numeric, categorical, method):
    options = {}
    if method is not None:
        if method not in CATEGORICAL_ONLY:
            options["num_stattest"] = method
        if method not in NUMERIC_ONLY:
            options["cat_stattest"] = method
    report = Report(metrics=[DataDriftTable(**options)])
    mapping = ColumnMapping(
        target=None, prediction=None, numerical_features=numeric, categorical_features=categorical
    )
    report.run(reference_data=reference, current_data=current, column_mapping=mapping)
    result = report.as_dict()["metrics"][0]["result"]
    columns = {}
    for column, drift in result["drift_by_columns"].items():
        columns[column] = {
            "test": TEST_NAMES[drift["stattest_name"]],
            "score": float(drift["drift_score"]),
            "threshold": float(drift["stattest_threshold"]),
            "drifted": bool(drift["drift_detected"]),
        }
    return {
        "datasetDrift": bool(result["dataset_drift"]),
        "driftedColumns": int(result["number_of_drifted_columns"]),
        "columns": columns,
    }


def main():
    cases = []
    for name, sort_by in CASES.items():
        frame, numeric, categorical = load(name)
        n = len(frame)
        splits = {"even-odd": (frame.iloc[0::2], frame.iloc[1::2])}
        if sort_by is not None:
            ordered = frame.sort_values(sort_by, kind="stable", na_position="last")
            lower, upper = ordered.iloc[: n // 2], ordered.iloc[n // 2 :]
            splits["sorted-halves"] = (lower, upper)
            splits["doubled"] = (pd.concat([frame, frame]), upper)
            splits["many-current"] = (frame.iloc[0::2], pd.concat([frame] * (10_000 // n + 1)))
        for split, (reference, current) in splits.items():
            for method in METHODS:
                if method in NUMERIC_ONLY and not numeric or method in CATEGORICAL_ONLY and not categorical:
                    continue
                if split != "sorted-halves" and method is not None:
                    continue
                figures = run(reference.reset_index(drop=True), current.reset_index(drop=True),
                              numeric, categorical, method)
                cases.append({"dataset": name, "split": split, "sortBy": sort_by, "method": method, **figures})
    json.dump({"evidently": evidently.__version__, "cases": cases}, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
