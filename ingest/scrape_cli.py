"""`evidence scrape` and `evidence update` (the scrapers' commands)."""
