"""Commands that find skills and score postings: match, extract, skills."""

from __future__ import annotations

import json

import click

from jobfit.commands.options import db_option, profile_option
from jobfit.commands.output import print_skipped
from jobfit.config import Config, all_profiles, find_profile


@click.command()
@profile_option(multiple=True)
@click.option("--rescore", is_flag=True, help="Score every posting again, not only new or changed ones.")
@db_option
def match(profiles, rescore, db):
    """Extract skills from new postings and score them against profiles (all profiles by default).

    Example: jobfit match --profile expert_ia
    """
    from jobfit.flow import Flow

    paths = [find_profile(p) for p in profiles] if profiles else all_profiles()
    from jobfit.progress import for_terminal

    db_path = Config.resolve(db).db_path
    with Flow(db_path, progress=for_terminal()) as flow:
        outcome = flow.match(flow.load_profiles(paths), rescore=rescore)
    click.echo(f"{db_path}: extracted skills from {outcome.extracted} postings", err=True)
    for profile_id, scored in outcome.scored.items():
        click.echo(f"{profile_id}: scored {scored} postings", err=True)
    print_skipped(outcome.skipped)


@click.command()
@click.argument("input", type=click.File("r", encoding="utf-8"), default="-")
def extract(input):
    """Extract skills from JSON Lines ({"id", "text", "lang"?}) on a file or stdin; writes JSON Lines.

    Example: echo '{"id": 1, "text": "Python et PyTorch"}' | jobfit extract
    """
    from jobfit.db.fold import composed
    from jobfit.matcher.extract import Extractor

    extractor = Extractor()

    def records():
        for n, line in enumerate(input, start=1):
            if line.strip():
                try:
                    record = json.loads(line)
                    yield record["id"], record.get("text") or "", record.get("lang")
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise click.ClickException(f"{input.name}: line {n}: not a {{\"id\", \"text\"}} object ({exc})")

    def batches():
        pending = []
        for record in records():
            pending.append(record)
            if len(pending) >= 256:
                yield pending
                pending = []
        yield pending

    for batch in batches():
        # Decomposed accents are composed before matching; offsets are given back in the text as it came.
        texts = [(composed(str(text)), lang) for _, text, lang in batch]
        readings = extractor.read_many((nfc, lang) for (nfc, _), lang in texts)
        for (rid, text, _), ((_, origin), _), reading in zip(batch, texts, readings):
            skills = [{"id": h.skill_id, "name": h.name, "start": origin[h.start], "end": origin[h.end],
                       "text": str(text)[origin[h.start]:origin[h.end]], "section": h.section, "negated": h.negated}
                      for h in reading.hits]
            click.echo(json.dumps({"id": rid, "lang": reading.language, "skills": skills,
                                   "languages": reading.languages}, ensure_ascii=False))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the table as JSON.")
def skills(as_json):
    """List jobfit's skill table (id, name, name_fr, aliases, family and its parents, links).

    Example: jobfit skills --json
    """
    from jobfit.matcher.skills import SkillTable

    table = SkillTable.load()
    rows = [{"id": s.id, "name": s.name, "name_fr": s.name_fr, "aliases": list(s.aliases), "family": s.family,
             "lineage": list(table.lineage(s.id)), "exact": list(s.exact), "ambiguous": s.ambiguous,
             "esco_uri": s.esco_uri, "onet_example": s.onet_example} for s in table.skills.values()]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for row in rows:
            click.echo(f"{row['id']:<32} {row['name']:<32} {row['family'] or ''}")


COMMANDS = (match, extract, skills)
