"""Extraction of events, dates, places and victim counts from article text."""
