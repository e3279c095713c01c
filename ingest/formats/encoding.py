"""Text decoded with the wrong encoding, and how to tell."""

from __future__ import annotations

import re

# UTF-8 read as windows-1252 or latin-1 (and perhaps encoded again): "cliÃ«nten", "â€œ".
# Dutch text never has these pairs.
MOJIBAKE = re.compile("[ÃÂ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
                      "\u02dc\u2013\u2014\u2018-\u203a\u20ac\u2122]|â€")


def trust_the_bytes(raw: bytes, decoded: str) -> str:
    """`decoded` (as a declared charset gave it), or the bytes read as UTF-8 where the
    declaration turned UTF-8 into mojibake: the bytes win over what a page says of them."""
    if MOJIBAKE.search(decoded):
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    return decoded
