"""The extractor's version: bump it when extraction changes, and `fundwatch ingest` replays stored pages."""

EXTRACTOR_VERSION = 7
