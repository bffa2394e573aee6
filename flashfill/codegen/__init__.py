"""A learned program as code: formulas, Python source, and data-engine expressions."""
