"""jobfit at scale: real posting texts replicated to N postings, each stage timed beside its baseline in one run.

Builds N postings as jobfit JSON Lines from ../shared/data/corpus (Ashby boards, France Travail, WTTJ), copied
with varied ids, URLs, companies, sources and paragraph order, then times, each as a fresh process:
  - `jobfit import` against a bare sqlite-utils `upsert_all` of the same rows (postings/s, ratio);
  - the first `jobfit match` against the bare spaCy tokenizer over the same texts, and match's peak RSS;
  - a no-op `jobfit match` and `jobfit report` against `jobfit --version`;
  - the database's bytes per posting after match against the input JSON Lines' bytes per posting;
  - with --crawl-pages N, N of those postings served on 127.0.0.1 as schema.org JSON-LD pages listed by a sitemap:
    `jobfit crawl jsonld` (fetch, parse, normalise, dedup, store) against a bare Scrapy SitemapSpider that only
    fetches and parses the same pages with the same concurrency (pages/s from each crawl's own Scrapy stats), then
    the same crawl again over the unchanged site against the first.

    python benchmarks/scale.py [--sizes 1000,10000] [--crawl-pages 2000] [--template 1500] [--json results.json]
    python benchmarks/scale.py --sizes 2000 --no-match --crawl-pages 500 --profile profiles/   # where CPU goes
    python benchmarks/scale.py --sizes 10000,100000 [--no-match]   # on request: about an hour on two cores
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("JOBFIT_CORPUS") or REPO.parent / "shared" / "data" / "corpus")
JOBFIT = [sys.executable, "-m", "jobfit"]
SOURCES = ("ashby", "greenhouse", "lever", "workable", "smartrecruiters")


def base_postings() -> list[dict]:
    """Every corpus posting once, as jobfit JSON Lines rows (plain-text descriptions, as the crawler stores them)."""
    from jobfit.crawler.normalize.text import html_to_text

    rows = []
    for path in sorted((CORPUS / "ashby").glob("*.json")):
        board = path.stem
        for job in json.loads(path.read_text(encoding="utf-8")).get("jobs", []):
            rows.append({"source": "ashby", "external_id": f"{board}:{job['id']}", "board": board,
                         "title": job.get("title"), "company": board, "location": job.get("location"),
                         "contract": job.get("employmentType"), "posted_at": job.get("publishedAt"),
                         "url": job.get("jobUrl"), "apply_url": job.get("applyUrl"),
                         "description": html_to_text(job.get("descriptionHtml") or "")
                         or job.get("descriptionPlain")})
    with (CORPUS / "francetravail" / "offers.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            offer = json.loads(line)
            rows.append({"source": "francetravail", "external_id": str(offer["offer_id"]), "title": offer.get("title"),
                         "company": offer.get("company"), "location": offer.get("location"),
                         "contract": offer.get("contract_type"), "posted_at": offer.get("published_date"),
                         "url": offer.get("url"), "salary_text": offer.get("salary"), "language": "fr",
                         "description": offer.get("description")})
    with (CORPUS / "wttj" / "job_offers_wttj.csv").open(encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle)):
            if not row.get("title") or not row.get("description"):
                continue
            company = row.get("company") or ""
            if "'name':" in company:
                company = company.split("'name':", 1)[1].split("'")[1]
            rows.append({"source": "welcometothejungle", "external_id": f"wttj-{n}", "title": row["title"],
                         "company": company or None, "location": row.get("location"),
                         "contract": row.get("contract_type"), "url": row.get("url_direct_offer") or None,
                         "language": "fr", "description": row["description"]})
    return [r for r in rows if r.get("title")]


def replicate(base: list[dict], n: int, seed: int = 13) -> list[dict]:
    """`n` postings: the corpus in a seeded order, then copies under new ids, URLs, companies and paragraph orders.

    Copies 1-4 of a posting keep its company on another source (the same job seen on several boards); from copy
    5 on the company changes every 5 copies (another employer reusing the text: a template).
    """
    rng = random.Random(seed)
    order = base[:]
    rng.shuffle(order)
    out = []
    for i in range(n):
        copy, row = divmod(i, len(order))
        posting = dict(order[row])
        if copy:
            posting["external_id"] = f"{posting['external_id']}~{copy}"
            posting["source"] = SOURCES[copy % len(SOURCES)] if posting["source"] == "ashby" else posting["source"]
            if copy >= len(SOURCES) or posting["source"] == order[row]["source"]:
                posting["company"] = f"{posting.get('company') or 'Company'} {copy // len(SOURCES) + 1}"
            for key in ("url", "apply_url"):
                if posting.get(key):
                    posting[key] = f"{posting[key]}?copy={copy}"
            paragraphs = (posting.get("description") or "").split("\n\n")
            random.Random(f"{seed}:{i}").shuffle(paragraphs)
            posting["description"] = "\n\n".join(paragraphs)
        out.append(posting)
    return out


def template_postings(base: list[dict], n: int) -> list[dict]:
    """`n` postings of one real text at `n` employers on three sources: one MinHash bucket per band holds them all."""
    row = next(r for r in base if len((r.get("description") or "").split()) > 200)
    return [{**row, "source": SOURCES[i % 3], "external_id": f"template-{i}", "company": f"Employer {i}",
             "title": f"{row['title']} {i}", "url": f"https://jobs.example/template/{i}", "apply_url": None}
            for i in range(n)]


def measure_template(n: int, base: list[dict], tmp: Path) -> None:
    """Import of one shared template text (the worst case of the duplicate search) vs bare upsert_all, CPU seconds."""
    jsonl = tmp / f"template-{n}.jsonl"
    write_jsonl(template_postings(base, n), jsonl)
    env = {**os.environ, "XDG_DATA_HOME": str(tmp / "data")}
    run([sys.executable, str(Path(__file__).resolve()), "--bare-upsert", str(jsonl), str(tmp / f"tb-{n}.db")], env,
        "bare")
    took, _, _ = run([*JOBFIT, "import", str(jsonl), "--db", str(tmp / f"template-{n}.db")], env, "import")
    print(f"\n== one template text at {n:,} employers ==\nimport {took:.1f} s, {CPU['import']:.1f} CPU-s   "
          f"bare upsert_all {CPU['bare']:.1f} CPU-s   ratio {CPU['import'] / CPU['bare']:.1f}x (CPU)")


def write_jsonl(rows: list[dict], path: Path) -> int:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path.stat().st_size


CPU: dict[str, float] = {}  # label -> CPU seconds (user + system) of the last command run under that label


def run(cmd: list[str], env: dict, label: str = "") -> tuple[float, int, str]:
    """(wall seconds, peak RSS in MB, stderr) of one command, which must succeed; its CPU seconds go to CPU[label].

    On a shared machine wall times follow the load; CPU seconds do not, so both are reported.
    """
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - started
    CPU[label] = usage.ru_utime + usage.ru_stime
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {stderr[-2000:]}")
    return took, usage.ru_maxrss // 1024, stderr


def profiled(cmd: list[str], env: dict, out: Path, top: int = 15) -> None:
    """Run a `python -m jobfit …` command again under cProfile (apart from the timed run); print its top functions
    by own time and keep the stats in `out` (read them with `python -m pstats`)."""
    import pstats

    run([sys.executable, "-m", "cProfile", "-o", str(out), *cmd[1:]], env)
    print(f"\n-- profile of {' '.join(cmd[2:4])}: {out} (top {top} by own time) --")
    pstats.Stats(str(out)).sort_stats("tottime").print_stats(top)


def best(cmd: list[str], env: dict, repeat: int) -> float:
    return min(run(cmd, env)[0] for _ in range(repeat))


def db_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def bare_upsert(jsonl: str, db_path: str) -> None:
    """The import baseline: the same rows, keyed as jobfit keys them, upserted by sqlite-utils in batches of 200."""
    import sqlite_utils

    db = sqlite_utils.Database(db_path)
    with open(jsonl, encoding="utf-8") as handle:
        rows = ({**row, "id": f"{row['source']}:{row['external_id']}"} for row in map(json.loads, handle))
        db["postings"].upsert_all(rows, pk="id", batch_size=200, alter=True)


def bare_tokenize(jsonl: str) -> None:
    """The match baseline: spaCy's blank tokenizer (fr or en) over every title and description."""
    import spacy

    nlp = {"fr": spacy.blank("fr"), "en": spacy.blank("en")}
    with open(jsonl, encoding="utf-8") as handle:
        for row in map(json.loads, handle):
            tokenizer = nlp["fr" if row.get("language") == "fr" else "en"].tokenizer
            tokenizer(row.get("title") or "")
            tokenizer(row.get("description") or "")


def measure(n: int, base: list[dict], tmp: Path, repeat: int, match: bool = True,
            profile: Path | None = None) -> dict:
    rows = replicate(base, n)
    jsonl = tmp / f"postings-{n}.jsonl"
    input_bytes = write_jsonl(rows, jsonl)
    db = tmp / f"jobfit-{n}.db"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp / "data"), "XDG_CONFIG_HOME": str(tmp / "config")}
    env.pop("JOBFIT_DB", None)
    env.pop("JOBFIT_PROFILES", None)
    me = [sys.executable, str(Path(__file__).resolve())]
    out: dict = {"postings": n, "input_bytes_per_posting": input_bytes / n}

    out["bare_upsert_s"], _, _ = run([*me, "--bare-upsert", str(jsonl), str(tmp / f"bare-{n}.db")], env, "bare")
    out["import_s"], out["import_rss_mb"], _ = run([*JOBFIT, "import", str(jsonl), "--db", str(db)], env, "import")
    out["db_bytes_after_import"] = db_bytes(db)
    if profile:
        profiled([*JOBFIT, "import", str(jsonl), "--db", str(tmp / f"profiled-{n}.db")], env,
                 profile / f"import-{n}.prof")
    labels = ["bare", "import"]
    if match:
        out["bare_tokenize_s"], _, _ = run([*me, "--bare-tokenize", str(jsonl)], env, "tokenize")
        out["match_s"], out["match_rss_mb"], _ = run([*JOBFIT, "match", "--db", str(db)], env, "match")
        labels += ["tokenize", "match"]
        out["db_bytes_after_match"] = db_bytes(db)
        out["version_s"] = best([*JOBFIT, "--version"], env, repeat)
        out["noop_match_s"] = best([*JOBFIT, "match", "--db", str(db)], env, repeat)
        out["report_s"] = best([*JOBFIT, "report", "--db", str(db), "--profile", "expert_ia", "--top", "20"], env,
                               repeat)
    for label in labels:
        out[f"{label}_cpu_s"] = CPU[label]
    import sqlite3

    with sqlite3.connect(db) as conn:
        out["groups"] = conn.execute("select count(*) from canonical_postings").fetchone()[0]
        out["stored"] = conn.execute("select count(*) from postings").fetchone()[0]
        out["skill_hits"] = conn.execute("select count(*) from posting_skills").fetchone()[0]
        out["avg_sentence_chars"] = conn.execute(
            "select coalesce(avg(length(sentence)), 0) from posting_skills").fetchone()[0]
        out["largest_bucket"] = conn.execute(
            "select coalesce(max(c), 0) from (select count(*) c from posting_minhash_bands group by band, bucket)"
        ).fetchone()[0]
    return out


def report(r: dict) -> None:
    n = r["postings"]
    print(f"\n== {n:,} postings ({r['stored']:,} stored, {r['groups']:,} groups; largest MinHash bucket "
          f"{r['largest_bucket']:,}) ==")
    print(f"import        {r['import_s']:8.1f} s  {n / r['import_s']:7.0f} postings/s   bare upsert_all "
          f"{r['bare_upsert_s']:6.1f} s ({n / r['bare_upsert_s']:,.0f}/s)   "
          f"ratio {r['import_s'] / r['bare_upsert_s']:5.1f}x"
          f"   peak RSS {r['import_rss_mb']} MB")
    print(f"  CPU         {r['import_cpu_s']:8.1f} s  {n / r['import_cpu_s']:7.0f} postings/CPU-s   bare upsert_all "
          f"{r['bare_cpu_s']:6.1f} s   ratio {r['import_cpu_s'] / r['bare_cpu_s']:5.1f}x")
    if "match_s" not in r:
        print(f"database      {r['db_bytes_after_import'] / n:8,.0f} B/posting after import   input "
              f"{r['input_bytes_per_posting']:,.0f} B/posting   (--no-match: match not run)")
        return
    print(f"match (first) {r['match_s']:8.1f} s  {n / r['match_s']:7.0f} postings/s   bare tokenizer  "
          f"{r['bare_tokenize_s']:6.1f} s   ratio {r['match_s'] / r['bare_tokenize_s']:5.1f}x   peak RSS "
          f"{r['match_rss_mb']} MB")
    print(f"  CPU         {r['match_cpu_s']:8.1f} s   bare tokenizer {r['tokenize_cpu_s']:6.1f} s   ratio "
          f"{r['match_cpu_s'] / r['tokenize_cpu_s']:5.1f}x")
    print(f"match (no-op) {r['noop_match_s']:8.2f} s   jobfit --version {r['version_s']:5.2f} s   "
          f"difference {r['noop_match_s'] - r['version_s']:+.2f} s")
    print(f"report        {r['report_s']:8.2f} s   jobfit --version {r['version_s']:5.2f} s   ratio "
          f"{r['report_s'] / r['version_s']:4.1f}x")
    per_import, per_match = r["db_bytes_after_import"] / n, r["db_bytes_after_match"] / n
    print(f"database      {per_import:8,.0f} B/posting after import, {per_match:,.0f} after match   input "
          f"{r['input_bytes_per_posting']:,.0f} B/posting   ratio {per_match / r['input_bytes_per_posting']:.2f}x   "
          f"{r['skill_hits']:,} skill hits, average sentence text stored {r['avg_sentence_chars']:.0f} chars "
          f"(offsets not counted)")


def posting_page(row: dict, base_url: str, n: int) -> str:
    """One posting as a schema.org JobPosting page, its description as HTML paragraphs (as career sites serve it)."""
    from html import escape

    body = "".join(f"<p>{escape(p)}</p>" for p in (row.get("description") or "").split("\n\n") if p.strip())
    data = {"@context": "https://schema.org", "@type": "JobPosting", "title": row["title"], "description": body,
            "identifier": {"@type": "PropertyValue", "value": f"p{n}"}, "datePosted": row.get("posted_at"),
            "hiringOrganization": {"@type": "Organization", "name": row.get("company") or "Company"},
            "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress",
                                                          "addressLocality": row.get("location") or ""}},
            "url": f"{base_url}/jobs/p{n}.html"}
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{escape(row['title'])}</title>"
            f"<script type='application/ld+json'>{payload}</script></head><body>{body}</body></html>")


def build_site(root: Path, base_url: str, rows: list[dict]) -> str:
    """Write one JSON-LD page per row, a sitemap listing them and a robots.txt; returns the sitemap URL."""
    (root / "jobs").mkdir(parents=True, exist_ok=True)
    for n, row in enumerate(rows):
        (root / "jobs" / f"p{n}.html").write_text(posting_page(row, base_url, n), encoding="utf-8")
    # Career-site sitemaps date their pages (<lastmod>), which lets a re-run leave unchanged pages unread.
    urls = "".join(f"<url><loc>{base_url}/jobs/p{n}.html</loc><lastmod>{(row.get('posted_at') or '2026-11-01')[:10]}"
                   "</lastmod></url>\n" for n, row in enumerate(rows))
    (root / "sitemap.xml").write_text('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns='
                                      f'"http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n',
                                      encoding="utf-8")
    (root / "robots.txt").write_text(f"User-agent: *\nSitemap: {base_url}/sitemap.xml\n", encoding="utf-8")
    return f"{base_url}/sitemap.xml"


def bare_spider(sitemap: str, stats_path: str) -> None:
    """The crawl baseline: Scrapy's SitemapSpider with jobfit's local concurrency, parsing each page's JSON-LD and
    yielding it to no pipeline; writes its Scrapy stats as JSON."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.spiders import SitemapSpider

    from jobfit.crawler.settings import local

    class Bare(SitemapSpider):
        name = "bare"
        sitemap_urls = [sitemap]

        def parse(self, response):
            for block in response.xpath("//script[@type='application/ld+json']/text()").getall():
                yield {"posting": json.loads(block)}

    settings = {k: getattr(local, k) for k in ("CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN",
                                               "DOWNLOAD_DELAY", "AUTOTHROTTLE_ENABLED", "ROBOTSTXT_OBEY",
                                               "USER_AGENT", "DOWNLOAD_TIMEOUT") if hasattr(local, k)}
    process = CrawlerProcess({**settings, "LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": False})
    crawler = process.create_crawler(Bare)
    process.crawl(crawler)
    process.start()
    stats = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in crawler.stats.get_stats().items()}
    Path(stats_path).write_text(json.dumps(stats), encoding="utf-8")


def crawl_stats(db: Path) -> dict:
    """The Scrapy stats of the last crawl run stored in `db`."""
    import sqlite3

    with sqlite3.connect(db) as conn:
        return json.loads(conn.execute("select stats from crawl_runs order by id desc limit 1").fetchone()[0])


def pages_per_s(stats: dict) -> float:
    return stats.get("response_received_count", 0) / max(stats.get("elapsed_time_seconds", 0.0), 1e-9)


def measure_crawl(pages: int, base: list[dict], tmp: Path, profile: Path | None = None) -> dict:
    """`jobfit crawl jsonld` over `pages` local JSON-LD pages vs a bare SitemapSpider; then the unchanged re-run."""
    from jobfit.demo.server import LocalServer

    root = tmp / f"site-{pages}"
    db = tmp / f"crawl-{pages}.db"
    env = {**os.environ, "XDG_DATA_HOME": str(tmp / "data"), "XDG_CONFIG_HOME": str(tmp / "config")}
    env.pop("JOBFIT_DB", None)
    me = [sys.executable, str(Path(__file__).resolve())]
    out: dict = {"pages": pages}
    with LocalServer(root) as server:
        sitemap = build_site(root, server.base_url, replicate(base, pages))
        crawl = [*JOBFIT, "crawl", "jsonld", "--url", sitemap, "--local", "--db", str(db)]
        out["bare_s"], _, _ = run([*me, "--bare-spider", sitemap, str(tmp / "bare-stats.json")], env, "bare_spider")
        bare = json.loads((tmp / "bare-stats.json").read_text(encoding="utf-8"))
        out["crawl_s"], out["crawl_rss_mb"], _ = run(crawl, env, "crawl")
        first = crawl_stats(db)
        out["rerun_s"], _, _ = run(crawl, env, "rerun")
        rerun = crawl_stats(db)
        if profile:
            profiled([*crawl[:-1], str(tmp / f"profiled-crawl-{pages}.db")], env, profile / f"crawl-{pages}.prof")
    out.update(bare_pages_per_s=pages_per_s(bare), crawl_pages_per_s=pages_per_s(first),
               crawl_cpu_s=CPU["crawl"], bare_cpu_s=CPU["bare_spider"], rerun_cpu_s=CPU["rerun"],
               stored=first.get("jobfit/store/stored", first.get("item_scraped_count", 0)),
               rerun_responses=rerun.get("response_received_count", 0))
    print(f"\n== crawl of {pages:,} local JSON-LD pages ==\n"
          f"jobfit crawl  {out['crawl_s']:8.1f} s  {out['crawl_pages_per_s']:7.1f} pages/s (spider)   bare spider "
          f"{out['bare_s']:6.1f} s ({out['bare_pages_per_s']:.1f} pages/s)   ratio "
          f"{out['crawl_pages_per_s'] / out['bare_pages_per_s']:.2f} of the bare spider's pages/s\n"
          f"  CPU         {out['crawl_cpu_s']:8.1f} s   bare spider {out['bare_cpu_s']:6.1f} s   ratio "
          f"{out['crawl_cpu_s'] / out['bare_cpu_s']:.1f}x\n"
          f"re-run        {out['rerun_s']:8.1f} s  unchanged site, {out['rerun_responses']:,} responses   "
          f"ratio {out['rerun_s'] / out['crawl_s']:.2f} of the first crawl (CPU "
          f"{out['rerun_cpu_s'] / out['crawl_cpu_s']:.2f})")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="Comma-separated posting counts (100000 on request).")
    parser.add_argument("--repeat", type=int, default=3, help="Best of this many runs for the short commands.")
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    parser.add_argument("--template", type=int, default=0,
                        help="Also import this many postings sharing one text at as many employers.")
    parser.add_argument("--no-match", action="store_true", help="Time import alone (e.g. at 100000, where a first "
                        "match takes about an hour on two cores).")
    parser.add_argument("--crawl-pages", type=int, default=0,
                        help="Also crawl this many local JSON-LD pages, against a bare Scrapy spider, then re-run.")
    parser.add_argument("--profile", type=Path, metavar="DIR",
                        help="Also run import and crawl once more under cProfile, keep the stats in DIR and print "
                        "the top functions (the timed runs are not profiled).")
    parser.add_argument("--keep", type=Path, help="Work in this folder and keep it (default: a temporary one).")
    parser.add_argument("--bare-upsert", nargs=2, metavar=("JSONL", "DB"), help=argparse.SUPPRESS)
    parser.add_argument("--bare-tokenize", metavar="JSONL", help=argparse.SUPPRESS)
    parser.add_argument("--bare-spider", nargs=2, metavar=("SITEMAP", "STATS"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_upsert:
        return bare_upsert(*args.bare_upsert)
    if args.bare_tokenize:
        return bare_tokenize(args.bare_tokenize)
    if args.bare_spider:
        return bare_spider(*args.bare_spider)
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS}: this benchmark needs ../shared/data/corpus")
    base = base_postings()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    print(f"corpus: {len(base):,} real postings; {os.cpu_count()} CPUs; commit {commit.stdout.strip()}")
    results = []
    with tempfile.TemporaryDirectory(prefix="jobfit-scale-") as scratch:
        tmp = args.keep or Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        if args.profile:
            args.profile = args.profile.resolve()
            args.profile.mkdir(parents=True, exist_ok=True)
        for n in (int(s) for s in args.sizes.split(",") if s):
            results.append(measure(n, base, tmp, args.repeat, match=not args.no_match, profile=args.profile))
            report(results[-1])
        if args.crawl_pages:
            results.append(measure_crawl(args.crawl_pages, base, tmp, profile=args.profile))
        if args.template:
            measure_template(args.template, base, tmp)
    sized = [r for r in results if "postings" in r]
    if len(sized) > 1:
        rates = [r["postings"] / r["import_s"] for r in sized]
        cpu_rates = [r["postings"] / r["import_cpu_s"] for r in sized]
        print(f"\nimport rate at {sized[-1]['postings']:,} / at {sized[-2]['postings']:,}: "
              f"{rates[-1] / rates[-2]:.2f} (wall), {cpu_rates[-1] / cpu_rates[-2]:.2f} (CPU)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
