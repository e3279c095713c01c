-- The archive's index (archive/index.db): every capture of a URL, and what each URL is to the sources.
CREATE TABLE IF NOT EXISTS captures (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  fetched TEXT NOT NULL,       -- WARC-Date: when the response arrived (UTC)
  status INTEGER NOT NULL,
  record TEXT NOT NULL,        -- 'response' (bytes stored here) or 'revisit' (see refers_to)
  sha256 TEXT,                 -- of the decoded payload: documents.content_hash in the build
  warc_digest TEXT,            -- WARC-Payload-Digest
  content_type TEXT,
  etag TEXT,
  last_modified TEXT,
  length INTEGER,              -- payload bytes as transferred
  warc_file TEXT NOT NULL,     -- relative to the archive folder
  "offset" INTEGER NOT NULL,
  refers_to INTEGER REFERENCES captures(id)
);
CREATE INDEX IF NOT EXISTS captures_url ON captures(url, id);
CREATE TABLE IF NOT EXISTS resources (
  url TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  role TEXT NOT NULL,          -- document, listing, feed or sitemap
  kept INTEGER NOT NULL,       -- 1: a document that goes into the build
  reason TEXT,                 -- why a document was not kept
  title TEXT,                  -- as the document (or, failing that, its feed) gives it
  published TEXT,
  publisher TEXT               -- the source's publisher, for documents that do not name one
);
