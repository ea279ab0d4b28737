"""The one normalised posting item every spider emits, and the mark of a page left unread because unchanged."""

import scrapy


class PostingItem(scrapy.Item):
    """A job posting as a source describes it; pipelines normalise and store it."""

    source = scrapy.Field()  # spider's source name, e.g. "greenhouse"
    external_id = scrapy.Field()  # the posting's id within its source
    title = scrapy.Field()
    company = scrapy.Field()
    location = scrapy.Field()  # display string, e.g. "Paris, France"
    city = scrapy.Field()
    postal_code = scrapy.Field()
    country = scrapy.Field()
    remote = scrapy.Field()  # onsite | hybrid | remote, or a source's own wording
    contract = scrapy.Field()  # normalised contract type, or a source's own wording
    salary_min = scrapy.Field()
    salary_max = scrapy.Field()
    salary_currency = scrapy.Field()
    salary_period = scrapy.Field()  # year | month | week | day | hour
    salary_text = scrapy.Field()  # salary as displayed
    posted_at = scrapy.Field()
    valid_through = scrapy.Field()
    url = scrapy.Field()
    apply_url = scrapy.Field()
    language = scrapy.Field()  # the language the source declares, if any
    description_html = scrapy.Field()
    description = scrapy.Field()  # plain text with paragraphs, headings and "- " list items
    salary_annual_min = scrapy.Field()  # salary_min/max per year, filled by NormalizePipeline
    salary_annual_max = scrapy.Field()
    seniority = scrapy.Field()  # intern | junior | mid | senior | lead | principal | head
    experience_years = scrapy.Field()  # minimum years of experience asked
    education = scrapy.Field()  # cap_bep | bac | bac+2 | bac+3 | bac+4 | bac+5 | phd
    source_skills = scrapy.Field()  # the skills the source itself lists (France Travail competences), as a list
    rome_code = scrapy.Field()  # France Travail's ROME occupation code
    board = scrapy.Field()  # the board or search listed in full by a crawl; unseen postings of it get closed
    raw = scrapy.Field()  # dict of source fields worth keeping
    locations = scrapy.Field()  # every place the posting is open in (display strings), the first being `location`
    detail_missing = scrapy.Field()  # True: only the list's fields, its detail failed; stored fields are kept


class UnchangedPage(scrapy.Item):
    """A posting page its sitemap dates as unchanged since the last complete crawl: not fetched, its postings kept."""

    source = scrapy.Field()
    board = scrapy.Field()
    url = scrapy.Field()
    posting_ids = scrapy.Field()  # the postings the page held when last read
