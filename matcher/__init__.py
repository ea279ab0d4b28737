"""Skill extraction (spaCy) and scoring of postings against profiles."""
