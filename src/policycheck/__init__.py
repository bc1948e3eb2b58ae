"""policycheck: check police policies against the 'Safe to share?' recommendations."""

__version__ = "0.1.0"
