"""The scikit-learn side of benchmarks/sklearn/compare.sh: one job on the generator's CSV files, as a data scientist
would write it (load train and test, one-hot encode channel, fit, predict the probabilities, compute the metrics of
the class yes that ml:validate reports). See docs/performance.md.

usage: python jobs.py JOB train.csv test.csv [--loader pandas-pyarrow|pandas-c|loadtxt]
       python jobs.py --loaders train.csv      (times every loader on one file, prints one JSON line per loader)
       python jobs.py --check-areas FILE       (scikit-learn's ROC and PRC areas against Weka's, see WekaAreas.java)

JOB: NaiveBayes (GaussianNB), J48 (DecisionTreeClassifier), Logistic (StandardScaler + LogisticRegression lbfgs),
RandomForest (RandomForestClassifier, 50 trees, all cores). Prints one JSON line: the metrics, the phase timings in
seconds (import: the interpreter's imports of numpy, pandas and scikit-learn, after its own start-up; load: both
files; fit; predict: probabilities and metrics) and the peak RSS of this process and of its
children as the kernel counts them (getrusage).
"""
import time

STARTED = time.perf_counter()

import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402

import numpy as np  # noqa: E402

FEATURES = [f"f{i}" for i in range(1, 21)]
# in the order of the ARFF header's @attribute channel {web,pos,atm,phone}
CHANNELS = ["web", "pos", "atm", "phone"]
SEED = 1


def load_pandas(path, engine):
    import pandas as pd

    frame = pd.read_csv(path, engine=engine)
    x = np.empty((len(frame), len(FEATURES) + len(CHANNELS)), dtype=np.float64)
    x[:, : len(FEATURES)] = frame[FEATURES].to_numpy(dtype=np.float64)
    for j, name in enumerate(CHANNELS):
        x[:, len(FEATURES) + j] = (frame["channel"] == name).to_numpy(dtype=np.float64)
    y = (frame["fraud"] == "yes").to_numpy(dtype=np.int64)
    return x, y


def load_loadtxt(path):
    # numpy passes bytes or str to converters depending on its version
    text = lambda s: s.decode() if isinstance(s, bytes) else s
    index = {name: float(i) for i, name in enumerate(CHANNELS)}
    conv = {20: lambda s: index[text(s)], 21: lambda s: 1.0 if text(s) == "yes" else 0.0}
    a = np.loadtxt(path, delimiter=",", skiprows=1, converters=conv, dtype=np.float64)
    onehot = np.eye(len(CHANNELS))[a[:, 20].astype(np.int64)]
    return np.hstack([a[:, :20], onehot]), a[:, 21].astype(np.int64)


LOADERS = {
    "pandas-pyarrow": lambda path: load_pandas(path, "pyarrow"),
    "pandas-c": lambda path: load_pandas(path, "c"),
    "loadtxt": load_loadtxt,
}
# the fastest on the 1M rows' train.csv (800k rows; see docs/performance.md)
DEFAULT_LOADER = "pandas-c"


def model(job):
    if job == "NaiveBayes":
        from sklearn.naive_bayes import GaussianNB

        return GaussianNB()
    if job == "J48":
        from sklearn.tree import DecisionTreeClassifier

        return DecisionTreeClassifier(random_state=SEED)
    if job == "Logistic":
        # Weka's Logistic standardizes the attributes inside buildClassifier; the scaler does the same here. lbfgs to
        # convergence as Weka's runs (-M -1): max_iter is a cap that is never reached (n_iter is printed).
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler

        return make_pipeline(StandardScaler(), LogisticRegression(solver="lbfgs", max_iter=1000))
    if job == "RandomForest":
        from sklearn.ensemble import RandomForestClassifier

        return RandomForestClassifier(n_estimators=50, n_jobs=-1, random_state=SEED)
    raise SystemExit(f"unknown job {job}: NaiveBayes, J48, Logistic or RandomForest")


from sklearn.metrics import (accuracy_score, auc, average_precision_score, precision_recall_curve,  # noqa: E402
                             precision_score, recall_score, roc_auc_score)


def metrics(y, p_yes):
    """The figures ml:validate reports for the class yes. roc_auc_score and average_precision_score are Weka 3.8.7's
    ROC and PRC area (ThresholdCurve's getROCArea and getPRCArea): the same trapezoids with ties counted half, and the
    same step sum of precision times the fall in recall from point to point (not trapezoids), as `jobs.py
    --check-areas` shows against Weka itself. The trapezoids under the precision-recall curve are there to show the
    difference only."""
    # the predicted class is the likelier one, as in Weka (a tie goes to the first class, no)
    predicted = (p_yes > 0.5).astype(np.int64)
    precision_curve, recall_curve, _ = precision_recall_curve(y, p_yes)
    return {
        "recall": float(recall_score(y, predicted, zero_division=0)),
        "precision": float(precision_score(y, predicted, zero_division=0)),
        "rocAuc": float(roc_auc_score(y, p_yes)),
        "averagePrecision": float(average_precision_score(y, p_yes)),
        "prAucTrapezoid": float(auc(recall_curve, precision_curve)),
        "accuracy": float(accuracy_score(y, predicted)),
    }


def check_areas(path):
    """Compares scikit-learn's areas with Weka's on the lines benchmarks/sklearn/WekaAreas.java prints (Weka's ROC
    area, Weka's PRC area, then the labels and probabilities it scored); exits 1 on a difference beyond 1e-12."""
    worst = 0.0
    for line in open(path):
        roc, prc, rows = line.split(" ", 2)
        pairs = [pair.split(",") for pair in rows.split()]
        y = np.array([int(label) for label, _ in pairs])
        p = np.array([float(prob) for _, prob in pairs])
        ours = roc_auc_score(y, p), average_precision_score(y, p)
        print(json.dumps({"rows": len(y), "distinct": len(set(p)), "weka": [float(roc), float(prc)],
                          "sklearn": [float(v) for v in ours]}))
        worst = max(worst, abs(ours[0] - float(roc)), abs(ours[1] - float(prc)))
    print(f"largest difference {worst:.3g}")
    if worst > 1e-12:
        raise SystemExit(1)


def peak_rss_mb():
    return {
        "self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def run_job(job, train, test, loader):
    estimator = model(job)
    load = LOADERS[loader]
    if loader.startswith("pandas"):
        import pandas  # noqa: F401
    t0 = time.perf_counter()
    x_train, y_train = load(train)
    x_test, y_test = load(test)
    t1 = time.perf_counter()
    fitted = estimator.fit(x_train, y_train)
    t2 = time.perf_counter()
    p_yes = fitted.predict_proba(x_test)[:, list(fitted.classes_).index(1)]
    result = metrics(y_test, p_yes)
    t3 = time.perf_counter()
    extra = {}
    if job == "Logistic":
        extra["n_iter"] = int(fitted[-1].n_iter_[0])
    print(json.dumps({
        "job": job, "loader": loader, "train_rows": len(y_train), "test_rows": len(y_test),
        "metrics": result,
        "seconds": {"import": round(t0 - STARTED, 3), "load": round(t1 - t0, 3), "fit": round(t2 - t1, 3), "predict": round(t3 - t2, 3)},
        "peak_rss_mb": peak_rss_mb(), **extra,
    }))


def time_loaders(path):
    for name, load in LOADERS.items():
        try:
            t0 = time.perf_counter()
            x, y = load(path)
            seconds = time.perf_counter() - t0
        except ImportError as e:
            print(json.dumps({"loader": name, "unavailable": str(e)}))
            continue
        print(json.dumps({"loader": name, "rows": len(y), "seconds": round(seconds, 3),
                          "checksum": float(x.sum()), "yes": int(y.sum())}), flush=True)


def main(argv):
    if len(argv) == 2 and argv[0] == "--loaders":
        time_loaders(argv[1])
        return
    if len(argv) == 2 and argv[0] == "--check-areas":
        check_areas(argv[1])
        return
    loader = DEFAULT_LOADER
    if len(argv) == 5 and argv[3] == "--loader" and argv[4] in LOADERS:
        loader = argv[4]
    elif len(argv) != 3:
        raise SystemExit(__doc__)
    run_job(argv[0], argv[1], argv[2], loader)


if __name__ == "__main__":
    main(sys.argv[1:])
