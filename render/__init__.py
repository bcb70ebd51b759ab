"""Render: the public list of signatories."""
