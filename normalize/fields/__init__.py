"""Field parsers: pure functions from one raw value (or free text) to one Listing field.

Every parser returns None (or an empty value) instead of raising, so the caller can leave that one
field empty and record a warning. None of them does I/O.
"""
