"""The extraction benchmark runs (at a tiny size) so that it cannot rot; its figures are
printed by `make bench`, never asserted as timings."""

import subprocess
import sys

from conftest import ROOT


def test_extract_benchmark_prints_figures_next_to_its_floor():
    result = subprocess.run([sys.executable, "bench/extract_bench.py", "--docs", "40"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "tokenizer (floor)" in out and "extract (pipeline)" in out
    assert "x the tokenizer floor" in out and "peak RSS" in out
    records = int(out.split(" records extracted")[0].rsplit(";", 1)[1].strip())
    assert records > 40  # the generated documents do contain evidence


def test_generated_corpus_is_deterministic():
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import document

    assert document(7) == document(7) and document(7) != document(8)
