"""jieba 0.42 (precise mode, HMM on) scored on a gold segmentation file the same way the benchmark scores ours."""
import sys
import jieba

jieba.setLogLevel(60)
right = produced = expected = 0
for line in open(sys.argv[1], encoding="utf-8"):
    words = line.split()
    if not words:
        continue
    gold, at = set(), 0
    for w in words:
        gold.add((at, at + len(w)))
        at += len(w)
    text = "".join(words)
    spans, at = [], 0
    for w in jieba.cut(text):
        if w.strip():
            spans.append((at, at + len(w)))
        at += len(w)
    produced += len(spans)
    expected += len(gold)
    right += sum(1 for s in spans if s in gold)
p, r = right / produced, right / expected
print(f"  {'jieba 0.42 (peer)':<40} P {p:.3f}  R {r:.3f}  F1 {2 * p * r / (p + r):.3f}")
