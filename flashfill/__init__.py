"""flashfill: learn a string transformation from a few examples and fill the column."""
