"""Ingest: read sources into article records, clean their text, and record every input that fails."""
