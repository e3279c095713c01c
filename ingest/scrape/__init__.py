"""Where documents come from: the declared sources (`sources.yml`, `sources.py`), the links
a listing, feed or sitemap gives (`discover.py`), the polite fetcher that is the one
network seam (`fetch.py`, `robots.py`), the WARC archive of every response
(`archive.py`), and the crawl that ties them together (`crawl.py`)."""
