"""Storage: SQLAlchemy models, engine and queries."""
