"""Scrapy crawlers: one spider per source kind, wired by settings; the item pipeline stores."""
