"""Readers: one module per rendering in which cables circulate."""
