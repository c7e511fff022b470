"""Labourers and postings → profiles and features → scores → matches, coverage."""
