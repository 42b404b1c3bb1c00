#!/usr/bin/python3
"""Peer benchmark for technology clusters: jieba (Debian python3-jieba 0.42) + scikit-learn (Debian python3-sklearn 1.2)
TF-IDF + KMeans on the same titles, with the same stop list, generic words and ks as ours; scores NMI/ARI against the
first IPC subclass, and re-scores our assignments with scikit-learn's metrics as a cross-check of the C# figures.

Usage: cluster_peer.py titles.tsv stopwords.txt generic.txt K1,K2,... SEED1,SEED2,... [ours.tsv]
  titles.tsv: number <TAB> first IPC subclass <TAB> title
  stopwords.txt, generic.txt: one word a line; the peer runs once with the stop words alone and once with both
  ours.tsv:   variant <TAB> k <TAB> seed <TAB> number <TAB> cluster (0 = not clustered)
"""
import collections
import statistics
import sys
import time
import warnings

import jieba
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

warnings.filterwarnings("ignore")
jieba.setLogLevel(60)

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
numbers = [r[0] for r in rows]
truth = [r[1] for r in rows]
titles = [r[2] for r in rows]
stop = set(w.strip() for w in open(sys.argv[2], encoding="utf-8") if w.strip())
generic = set(w.strip() for w in open(sys.argv[3], encoding="utf-8") if w.strip())
ks = [int(k) for k in sys.argv[4].split(",")]
seeds = [int(s) for s in sys.argv[5].split(",")]

t0 = time.perf_counter()
# As our FeatureTokenizer: no single characters, no tokens without a letter.
segmented = [[w for w in jieba.lcut(t) if len(w) >= 2 and any(c.isalpha() for c in w)] for t in titles]
print(f"jieba segmentation of {len(titles)} titles: {time.perf_counter() - t0:.1f} s")


def row(name, scores):
    nmi = [s[0] for s in scores]
    ari = [s[1] for s in scores]
    sd = lambda v: statistics.stdev(v) if len(v) > 1 else 0.0
    secs = statistics.mean(s[2] for s in scores)
    return f"{name:<48} NMI {statistics.mean(nmi):.4f} ± {sd(nmi):.4f}  ARI {statistics.mean(ari):.4f} ± {sd(ari):.4f}  ({len(scores)} seeds, {secs:.2f} s each)"


for words, removed in (("our stop words", stop), ("our stop and generic words", stop | generic)):
    docs = [[w for w in d if w not in removed] for d in segmented]
    vectorizer = TfidfVectorizer(analyzer=lambda d: d, min_df=2, max_df=0.5, sublinear_tf=True, max_features=20000)
    X = vectorizer.fit_transform(docs)
    empty = int((X.getnnz(axis=1) == 0).sum())
    print(f"removing {words}: vocabulary {X.shape[1]}; {empty} titles without features")
    for k in ks:
        for n_init in (1, 10):
            scores = []
            for seed in seeds:
                t0 = time.perf_counter()
                labels = KMeans(n_clusters=k, n_init=n_init, random_state=seed, max_iter=100).fit(X).labels_
                scores.append((normalized_mutual_info_score(truth, labels), adjusted_rand_score(truth, labels), time.perf_counter() - t0))
            print(row(f"jieba + sklearn KMeans(n_init={n_init}), k = {k}", scores))

if len(sys.argv) > 6:
    runs = collections.defaultdict(dict)
    for line in open(sys.argv[6], encoding="utf-8"):
        variant, k, seed, number, cluster = line.rstrip("\n").split("\t")
        runs[(variant, int(k), int(seed))][number] = cluster
    by_variant = collections.defaultdict(list)
    for (variant, k, seed), labels in sorted(runs.items()):
        predicted = [labels.get(n, "0") for n in numbers]
        by_variant[(variant, k)].append((normalized_mutual_info_score(truth, predicted), adjusted_rand_score(truth, predicted), 0.0))
    for (variant, k), scores in sorted(by_variant.items()):
        print(row(f"cross-check (sklearn.metrics): {variant}, k = {k}", scores).split("  (")[0] + f"  ({len(scores)} seeds)")
