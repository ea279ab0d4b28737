"""The Scrapy project: spiders that fetch job postings and pipelines that normalise and store them."""
