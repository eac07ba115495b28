"""Filters and aggregations: canonical tables -> small tidy DataFrames (pure; imports neither load nor store)."""
