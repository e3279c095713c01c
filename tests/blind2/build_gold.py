"""Writes gold/*.json from the compact annotation files in gold_src/ (stdlib only)."""
import glob, importlib, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "gold_src"))
from _lib import write  # noqa: E402

for path in sorted(glob.glob(os.path.join(HERE, "gold_src", "g*.py"))):
    mod = importlib.import_module(os.path.splitext(os.path.basename(path))[0])
    write(mod.DOC, mod.R, os.path.join(HERE, "gold"))
    print(f"{mod.DOC}: {len(mod.R)} records")
