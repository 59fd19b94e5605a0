"""The HTTP face of Stint: search, listings, health; the student web page."""
