"""Postings in (API, CSV/Excel/JSONL feeds); pushes out via WeChat and SMS over the RQ queue."""
