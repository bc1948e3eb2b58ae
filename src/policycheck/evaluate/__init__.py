"""Accuracy measurement: gold labels, the checker's and a keyword baseline's verdicts, metrics."""
