"""Old-code comparison tests: each keeps a compact copy of code that was replaced for speed (the
oracle) and checks on generated input that the current code gives exactly what it gave."""
