#!/usr/bin/python3
"""Peer benchmark: jieba (Debian python3-jieba 0.42) word segmentation on the same texts. Usage: jieba_peer.py texts.txt [rounds]"""
import statistics
import sys
import time

import jieba

texts = [line.rstrip("\n") for line in open(sys.argv[1], encoding="utf-8")]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
chars = sum(len(t) for t in texts)
jieba.initialize()
for t in texts[:200]:
    jieba.lcut(t)
rates = []
tokens = 0
for _ in range(rounds):
    t0 = time.perf_counter()
    tokens = sum(len(jieba.lcut(t)) for t in texts)
    rates.append(chars / (time.perf_counter() - t0))
print(f"jieba-0.42 (python3, HMM on): {len(texts)} texts, {chars} chars, {tokens} tokens, median {statistics.median(rates):.0f} chars/s (single thread)")
