"""Evidence base on the Dutch bijstand experiments.

The package is laid out as the pipeline: sources -> fetch -> formats (parse)
-> nlp (extract) -> store -> publish (Datasette).
"""

__version__ = "0.1.0"
# Bumped whenever a rule change can change the records; stored on every record.
EXTRACTOR_VERSION = "0.1.0"
