#!/usr/bin/python3
"""Peer for the industry classifier benchmark: jieba (Debian python3-jieba 0.42) + scikit-learn (python3-sklearn 1.2)
TF-IDF + one-vs-rest linear models, on exactly the split the .NET benchmark wrote.

Usage: classifier_peer.py DIR
  DIR/train.tsv, DIR/test.tsv: id <TAB> inner (fit|val, train only) <TAB> labels (|-separated keys) <TAB> title
  DIR/timing.tsv (optional): the 10,000 resampled training rows, same columns, for the training-time figure.
Writes DIR/peer-<model>.tsv (id <TAB> predicted labels) for the .NET side to score with the same metric code, and prints
the chosen C, its own sklearn macro-F1 (a cross-check) and times.

Tuning mirrors the .NET side: C is chosen on the same inner split of the training part (rows marked fit/val), by the mean
of the SEI and city macro-F1 on 'val', then the model is refitted on the whole training part.
"""
import statistics
import sys
import time
import warnings

import jieba
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.multiclass import OneVsRestClassifier
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.svm import LinearSVC

warnings.filterwarnings("ignore", category=UserWarning)  # "Label not N is present in all training examples"
warnings.filterwarnings("ignore", category=ConvergenceWarning)
jieba.setLogLevel(60)
jieba.initialize()


def load(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        rid, inner, labels, title = line.rstrip("\n").split("\t", 3)
        rows.append((rid, inner, [x for x in labels.split("|") if x], title))
    return rows


def tokenize(text):
    return jieba.lcut(text)


def vectorizer():
    # The usual recipe: jieba words, sublinear TF-IDF, L2 norm; words in at least 2 training texts (as the .NET side).
    return TfidfVectorizer(tokenizer=tokenize, token_pattern=None, lowercase=True, sublinear_tf=True, min_df=2)


MODELS = {
    "logreg": lambda c: LogisticRegression(C=c, max_iter=2000, random_state=0),
    "linearsvc": lambda c: LinearSVC(C=c, random_state=0),  # seeded: liblinear shuffles
}
GRID = [0.1, 0.3, 1.0, 3.0, 10.0, 30.0]


def macro(y_true, y_pred, columns):
    keep = [i for i in columns if y_true[:, i].sum() > 0]
    return f1_score(y_true[:, keep], y_pred[:, keep], average="macro", zero_division=0) if keep else 0.0


def main():
    d = sys.argv[1]
    train = load(f"{d}/train.tsv")
    test = load(f"{d}/test.tsv")
    classes = [line.split("\t")[0] for line in open(f"{d}/classes.tsv", encoding="utf-8").read().splitlines() if line]
    mlb = MultiLabelBinarizer(classes=classes)
    mlb.fit([classes])
    sei = [i for i, c in enumerate(classes) if c.startswith("sei:")]
    city = [i for i, c in enumerate(classes) if c.startswith("city:")]

    fit = [r for r in train if r[1] == "fit"]
    val = [r for r in train if r[1] == "val"]
    vec = vectorizer()
    x_fit = vec.fit_transform([r[3] for r in fit])
    x_val = vec.transform([r[3] for r in val])
    y_fit = mlb.transform([r[2] for r in fit])
    y_val = mlb.transform([r[2] for r in val])

    for name, make in MODELS.items():
        best = None
        for c in GRID:
            p = OneVsRestClassifier(make(c)).fit(x_fit, y_fit).predict(x_val)
            score = (macro(y_val, p, sei) + macro(y_val, p, city)) / 2
            if best is None or score > best[1]:
                best = (c, score)
        c = best[0]

        t0 = time.perf_counter()
        vec_all = vectorizer()
        x_train = vec_all.fit_transform([r[3] for r in train])
        model = OneVsRestClassifier(make(c)).fit(x_train, mlb.transform([r[2] for r in train]))
        fit_seconds = time.perf_counter() - t0
        x_test = vec_all.transform([r[3] for r in test])
        y_test = mlb.transform([r[2] for r in test])
        pred = model.predict(x_test)
        with open(f"{d}/peer-{name}.tsv", "w", encoding="utf-8") as out:
            for r, row in zip(test, pred):
                out.write(r[0] + "\t" + "|".join(classes[i] for i in range(len(classes)) if row[i]) + "\n")

        t0 = time.perf_counter()
        for r in test:
            model.predict(vec_all.transform([r[3]]))
        per_text = (time.perf_counter() - t0) / len(test)

        timing = ""
        try:
            rows = load(f"{d}/timing.tsv")
            seconds = []
            for _ in range(3):
                t0 = time.perf_counter()
                v = vectorizer()
                OneVsRestClassifier(make(c)).fit(v.fit_transform([r[3] for r in rows]), mlb.transform([r[2] for r in rows]))
                seconds.append(time.perf_counter() - t0)
            timing = f"; training on {len(rows)} records: median {statistics.median(seconds):.2f} s of 3"
        except FileNotFoundError:
            pass

        print(f"peer {name}: C={c} (inner val score {best[1]:.4f}); sklearn macro-F1 sei {macro(y_test, pred, sei):.4f} city {macro(y_test, pred, city):.4f}; "
              f"fit on {len(train)} train rows {fit_seconds:.2f} s; one-by-one prediction {1 / per_text:.0f} texts/s{timing}")


if __name__ == "__main__":
    main()
