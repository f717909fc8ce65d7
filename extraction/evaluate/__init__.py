"""Evaluation of extraction against gold data: ``python -m extraction.evaluate``."""
