"""Deterministic card transactions with a fraud label, as a labelling tool would store them (used by create_db.py
and label.py; Python standard library only).

Each row is one transaction an analyst has labelled: `fraud` (about 5 % of rows) or `legit`. The label is drawn from
a logistic model of the features, so a classifier can learn it but not perfectly. `labelled_at` is milliseconds since
the epoch (UTC) in a column declared TIMESTAMP: SQLite has no timestamp type, and the SQLite JDBC driver reads such a
column as a SQL TIMESTAMP. Analysts save several labels at once, so a few rows share one `labelled_at`; `id` orders
them (the tie-breaker).
"""

import math
import os
import random

SCHEMA = """
CREATE TABLE labelled_transactions (
    id INTEGER PRIMARY KEY,
    labelled_at TIMESTAMP NOT NULL,
    labelled_by TEXT NOT NULL,
    amount REAL NOT NULL,
    merchant_category TEXT NOT NULL,
    channel TEXT NOT NULL,
    hour_of_day INTEGER NOT NULL,
    account_age_days INTEGER NOT NULL,
    distance_km REAL,
    foreign_card TEXT NOT NULL,
    label TEXT NOT NULL
)
"""
COLUMNS = ("id", "labelled_at", "labelled_by", "amount", "merchant_category", "channel", "hour_of_day",
           "account_age_days", "distance_km", "foreign_card", "label")

# category: (weight among transactions, effect on the fraud logit)
CATEGORIES = {
    "grocery": (30, -1.0),
    "fuel": (12, -0.3),
    "restaurants": (15, -0.6),
    "clothing": (10, 0.2),
    "electronics": (8, 1.0),
    "travel": (7, 0.6),
    "digital_goods": (8, 1.3),
    "jewellery": (2, 1.5),
}
CHANNELS = {"chip": (45, -0.8), "contactless": (30, -0.5), "online": (20, 0.9), "phone": (5, 1.2)}
ANALYSTS = tuple("analyst-%02d" % i for i in range(1, 7))
INTERCEPT = -4.4
# how strongly the features decide the label (1: a weak signal, ROC AUC about 0.8)
SIGNAL = 2.0
# 2026-03-02T08:00:00Z, the first label of the committed database
FIRST_LABEL_MS = 1772438400000


def transaction(rnd):
    """One transaction's features and its label, drawn from rnd (a random.Random)."""
    category = rnd.choices(list(CATEGORIES), weights=[w for w, _ in CATEGORIES.values()])[0]
    channel = rnd.choices(list(CHANNELS), weights=[w for w, _ in CHANNELS.values()])[0]
    amount = round(rnd.lognormvariate(3.4, 1.0), 2)
    hour = min(23, int(rnd.triangular(0, 24, 14)))
    account_age = int(rnd.expovariate(1 / 900))
    distance = round(rnd.lognormvariate(1.5, 1.3), 1)
    foreign = rnd.random() < 0.08
    logit = INTERCEPT + SIGNAL * (CATEGORIES[category][1] + CHANNELS[channel][1]
                                  + 0.55 * (math.log(amount + 1) - 3.4)
                                  + (1.1 if hour < 6 else 0.0)
                                  - 0.9 * min(account_age, 3000) / 1000
                                  + 0.35 * (math.log(distance + 1) - 1.5)
                                  + (1.2 if foreign else 0.0))
    fraud = rnd.random() < 1 / (1 + math.exp(-logit))
    # the location is unknown for a few transactions (SQL NULL, a missing value to the model)
    distance_value = None if rnd.random() < 0.03 else distance
    return {
        "amount": amount,
        "merchant_category": category,
        "channel": channel,
        "hour_of_day": hour,
        "account_age_days": account_age,
        "distance_km": distance_value,
        "foreign_card": "yes" if foreign else "no",
        "label": "fraud" if fraud else "legit",
    }


def insert(connection, rnd, first_id, after_ms, rows):
    """Inserts rows labelled after after_ms, with ids from first_id, in one transaction; returns the label counts."""
    counts = {}
    labelled_at = after_ms
    batch_left = 0
    values = []
    for i in range(rows):
        if batch_left == 0:
            # an analyst saves a batch of 1 to 3 labels at one instant, a few minutes after the previous batch
            labelled_at += rnd.randint(30, 900) * 1000
            batch_left = rnd.choice((1, 1, 1, 2, 3))
            analyst = rnd.choice(ANALYSTS)
        batch_left -= 1
        row = transaction(rnd)
        counts[row["label"]] = counts.get(row["label"], 0) + 1
        values.append((first_id + i, labelled_at, analyst) + tuple(row[c] for c in COLUMNS[3:]))
    with connection:
        connection.executemany(
            "INSERT INTO labelled_transactions (%s) VALUES (%s)" % (", ".join(COLUMNS), ", ".join("?" * len(COLUMNS))),
            values)
    return counts


def shown(path):
    """path relative to the working directory when it is below it, else absolute: what a log line should show."""
    relative = os.path.relpath(path)
    return os.path.abspath(path) if relative.startswith("..") else relative
