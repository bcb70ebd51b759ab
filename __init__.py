"""petition: collects elected officials' signatures for the technopolice.fr petition."""

__version__ = "0.1.0"
