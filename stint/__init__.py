"""Stint: find micro-internships. The app shell: CLI, configuration and the wiring of
crawl -> normalize -> store -> index -> search API."""
