// Layer ingest.
