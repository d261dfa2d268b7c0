"""numpy + scikit-learn equivalent of NaiveBayes on the benchmark CSV files (see docs/performance.md).

usage: python3 sklearn_nb.py train.csv test.csv   -> prints "precision=<p> recall=<r>" for the class yes
"""
import sys

import numpy as np
from sklearn.naive_bayes import GaussianNB

CHANNELS = {"web": 0, "pos": 1, "atm": 2, "phone": 3}


def load(path):
    # numpy passes bytes or str to converters depending on its version
    text = lambda s: s.decode() if isinstance(s, bytes) else s
    conv = {20: lambda s: CHANNELS[text(s)], 21: lambda s: 1.0 if text(s) == "yes" else 0.0}
    a = np.loadtxt(path, delimiter=",", skiprows=1, converters=conv, dtype=np.float64)
    onehot = np.eye(len(CHANNELS))[a[:, 20].astype(np.int64)]
    return np.hstack([a[:, :20], onehot]), a[:, 21].astype(np.int64)


x_train, y_train = load(sys.argv[1])
x_test, y_test = load(sys.argv[2])
pred = GaussianNB().fit(x_train, y_train).predict(x_test)
tp = int(np.sum((pred == 1) & (y_test == 1)))
fp = int(np.sum((pred == 1) & (y_test == 0)))
fn = int(np.sum((pred == 0) & (y_test == 1)))
precision = tp / (tp + fp) if tp + fp else float("nan")
recall = tp / (tp + fn) if tp + fn else float("nan")
print(f"precision={precision:.6f} recall={recall:.6f}")
