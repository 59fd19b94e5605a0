"""The catalogue: the store (source of truth) and the Meilisearch index derived from it."""
