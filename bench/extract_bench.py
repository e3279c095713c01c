"""Extraction speed: documents/s and words/s of the whole pipeline over a generated corpus,
next to the floor measured in the same run (the spaCy tokenizer alone over the same
text), and peak memory at checkpoints to show it stays flat as the corpus grows.

    python bench/extract_bench.py [--docs 10000]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate import corpus  # noqa: E402

from ingest.document import Document, content_hash  # noqa: E402
from ingest.extract import extract_documents  # noqa: E402
from ingest.nlp import load_pipeline  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    args = parser.parse_args(argv)
    n = args.docs
    nlp = load_pipeline()
    words = sum(len(text.split()) for text in corpus(n))

    start = time.perf_counter()
    for _ in nlp.tokenizer.pipe(corpus(n), batch_size=256):
        pass
    floor = time.perf_counter() - start

    checkpoints = {n // 4, n // 2, n}
    memory = []
    records = 0
    docs = (Document(path=f"gen/{i}.txt", text=t, format="txt", content_hash=content_hash(t.encode()))
            for i, t in enumerate(corpus(n)))
    start = time.perf_counter()
    for i, (_, recs) in enumerate(extract_documents(docs, nlp, batch_size=64), start=1):
        records += len(recs)
        if i in checkpoints:
            memory.append((i, rss_mb()))
    took = time.perf_counter() - start

    print(f"corpus: {n} generated documents, {words} words; {records} records extracted")
    print(f"{'stage':<22} {'seconds':>8} {'docs/s':>9} {'words/s':>10}")
    print(f"{'tokenizer (floor)':<22} {floor:>8.2f} {n / floor:>9.0f} {words / floor:>10.0f}")
    print(f"{'extract (pipeline)':<22} {took:>8.2f} {n / took:>9.0f} {words / took:>10.0f}")
    print(f"extract speed = {floor / took:.2f} x the tokenizer floor (target >= 0.50)")
    print("peak RSS: " + ", ".join(f"{mb:.0f} MB after {i} docs" for i, mb in memory))
    return 0


if __name__ == "__main__":
    sys.exit(main())
