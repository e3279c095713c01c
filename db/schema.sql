-- The database shape, declared once and applied idempotently by `evidence build`.
-- Record tables share their provenance columns: document, evidence sentence, offsets,
-- the PDF page the evidence starts on, rule.

CREATE TABLE IF NOT EXISTS municipalities (
  cbs_code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  province TEXT,
  valid_from INTEGER,
  valid_to INTEGER,
  merged_into TEXT REFERENCES municipalities(cbs_code),
  lat REAL,
  lon REAL,
  aliases TEXT
);

CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY,
  path TEXT NOT NULL,
  title TEXT,
  source_url TEXT,
  publisher TEXT,
  author TEXT,
  published TEXT,
  year INTEGER,
  fetched TEXT,
  archive_ref TEXT,
  format TEXT,
  content_hash TEXT,
  status TEXT NOT NULL,
  error TEXT,
  n_records INTEGER NOT NULL DEFAULT 0,
  n_chars INTEGER,
  municipality_code TEXT REFERENCES municipalities(cbs_code),
  extractor_version TEXT,
  text TEXT
);

CREATE TABLE IF NOT EXISTS municipality_mentions (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id),
  municipality_code TEXT REFERENCES municipalities(cbs_code),
  municipality TEXT,
  evidence TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  page INTEGER,
  rule_id TEXT,
  extractor_version TEXT
);

CREATE TABLE IF NOT EXISTS experiments (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id),
  municipality_code TEXT REFERENCES municipalities(cbs_code),
  municipality TEXT,
  name TEXT NOT NULL,
  evidence TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  page INTEGER,
  rule_id TEXT,
  extractor_version TEXT
);

CREATE TABLE IF NOT EXISTS arms (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id),
  municipality_code TEXT REFERENCES municipalities(cbs_code),
  municipality TEXT,
  experiment TEXT,
  label TEXT NOT NULL,
  arm_type TEXT NOT NULL,
  evidence TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  page INTEGER,
  rule_id TEXT,
  extractor_version TEXT
);

CREATE TABLE IF NOT EXISTS sample_sizes (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id),
  municipality_code TEXT REFERENCES municipalities(cbs_code),
  municipality TEXT,
  experiment TEXT,
  n INTEGER NOT NULL,
  population TEXT NOT NULL,
  arm_type TEXT,
  evidence TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  page INTEGER,
  rule_id TEXT,
  extractor_version TEXT
);

CREATE TABLE IF NOT EXISTS outcomes (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id),
  municipality_code TEXT REFERENCES municipalities(cbs_code),
  municipality TEXT,
  experiment TEXT,
  measure TEXT NOT NULL,
  arm_type TEXT,
  direction TEXT,
  value REAL,
  unit TEXT,
  comparator TEXT,
  comparator_value REAL,
  ratio REAL,
  significant INTEGER,
  evidence TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  page INTEGER,
  rule_id TEXT,
  extractor_version TEXT
);

CREATE TABLE IF NOT EXISTS quotes (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id),
  municipality_code TEXT REFERENCES municipalities(cbs_code),
  municipality TEXT,
  experiment TEXT,
  text TEXT NOT NULL,
  speaker TEXT,
  role TEXT,
  organisation TEXT,
  quote_start INTEGER,
  quote_end INTEGER,
  evidence TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  page INTEGER,
  rule_id TEXT,
  extractor_version TEXT
);

CREATE INDEX IF NOT EXISTS idx_documents_status ON documents(status);
CREATE INDEX IF NOT EXISTS idx_outcomes_facets ON outcomes(municipality, measure, arm_type, direction);
CREATE INDEX IF NOT EXISTS idx_quotes_speaker ON quotes(speaker);
CREATE INDEX IF NOT EXISTS idx_mentions_document ON municipality_mentions(document_id);
CREATE INDEX IF NOT EXISTS idx_experiments_document ON experiments(document_id);
CREATE INDEX IF NOT EXISTS idx_arms_document ON arms(document_id);
CREATE INDEX IF NOT EXISTS idx_sample_sizes_document ON sample_sizes(document_id);
CREATE INDEX IF NOT EXISTS idx_outcomes_document ON outcomes(document_id);
CREATE INDEX IF NOT EXISTS idx_quotes_document ON quotes(document_id);

-- Every record of every type in one place, for one search across them.
CREATE VIEW IF NOT EXISTS all_records AS
  SELECT 'gemeente' AS record_type, id, document_id, municipality, NULL AS experiment,
         municipality AS summary, evidence FROM municipality_mentions
  UNION ALL SELECT 'experiment', id, document_id, municipality, name, name, evidence FROM experiments
  UNION ALL SELECT 'arm', id, document_id, municipality, experiment, label || ' (' || arm_type || ')', evidence FROM arms
  UNION ALL SELECT 'steekproef', id, document_id, municipality, experiment, n || ' ' || population, evidence FROM sample_sizes
  UNION ALL SELECT 'uitkomst', id, document_id, municipality, experiment,
         measure || ' ' || coalesce(direction, '?') || coalesce(' (' || arm_type || ')', ''), evidence FROM outcomes
  UNION ALL SELECT 'citaat', id, document_id, municipality, experiment, coalesce(speaker, '?') || ': ' || text, evidence FROM quotes;
