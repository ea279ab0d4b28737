"""One spider per source, on the shared base classes in `crawler.spiders.base`."""
