#!/usr/bin/env bash
# Runs the peer segmenters on a texts file (one text per line) written by the benchmark (--texts-out).
# Installs nothing: needs Debian's liblucene8-java (+ the machine's JDK) and python3-jieba; skips what is missing.
set -euo pipefail
texts=${1:?usage: run-peers.sh texts.txt}
here=$(cd "$(dirname "$0")" && pwd)
if [ -f /usr/share/java/lucene-analyzers-smartcn-8.7.0.jar ] && command -v javac >/dev/null; then
  cp=/usr/share/java/lucene-core-8.7.0.jar:/usr/share/java/lucene-analyzers-common-8.7.0.jar:/usr/share/java/lucene-analyzers-smartcn-8.7.0.jar
  out=$(mktemp -d)
  javac -d "$out" -cp "$cp" "$here/SmartCnPeer.java"
  java -Xmx2g -cp "$cp:$out" SmartCnPeer "$texts" 5
else
  echo "lucene java smartcn: skipped (apt-get install liblucene8-java)"
fi
if /usr/bin/python3 -c "import jieba" 2>/dev/null; then
  /usr/bin/python3 "$here/jieba_peer.py" "$texts" 3
else
  echo "jieba: skipped (apt-get install python3-jieba)"
fi
