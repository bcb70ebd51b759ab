"""Intake: fetch, parse, extract, verify and decide on incoming mail."""
