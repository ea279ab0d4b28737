"""The canned queries `jobfit serve` offers in Datasette: SQL over the jobfit schema, with named parameters."""

from __future__ import annotations

from jobfit.db.vocabulary import per_year_sql

_YEARLY = f"coalesce(p.salary_max, p.salary_min) * {per_year_sql('p.salary_period')}"

CANNED_QUERIES = {
    "best_matches": {
        "title": "Best matches for a profile",
        "description": "The open postings that fit a profile best (:profile is a profile id, e.g. expert_ia), "
                       "with the required skills they miss.",
        "sql": """select m.score, p.title, p.company, p.city, p.remote, p.contract, p.url,
       json_extract(m.explanation, '$.missing_required') as missing_required, p.source, p.id
from matches m join postings p on p.id = m.posting_id
where m.profile = :profile and p.closed_at is null
order by m.score desc, p.posted_at desc
limit 100""",
    },
    "new_this_week": {
        "title": "New this week",
        "description": "Postings first stored in the last seven days, newest first, with their best score and the "
                       "profile it is for.",
        "sql": """select p.first_seen, p.title, p.company, p.city, p.source, p.url,
       (select max(m.score) from matches m where m.posting_id = p.id) as best_score,
       (select m.profile from matches m where m.posting_id = p.id order by m.score desc limit 1) as best_profile
from postings p
where p.first_seen >= strftime('%Y-%m-%dT%H:%M:%S', 'now', '-7 days') and p.closed_at is null
order by p.first_seen desc
limit 500""",
    },
    "skills_asked": {
        "title": "Skills the market asks for a profile",
        "description": "How many of a profile's 50 best-fitting open postings ask for each skill, and in how many "
                       "of them the profile already matched it.",
        "sql": """with best as (
  select m.posting_id, m.explanation from matches m join postings p on p.id = m.posting_id
  where m.profile = :profile and p.closed_at is null and m.score > 0
  order by m.score desc limit 50)
select s.skill_id, count(distinct s.posting_id) as postings,
       count(distinct case when exists (select 1 from json_each(b.explanation, '$.matched') j
                                        where json_extract(j.value, '$.skill') = s.skill_id)
             then s.posting_id end) as matched_by_profile
from posting_skills s join best b on b.posting_id = s.posting_id
where not s.negated and s.section not in ('company', 'benefits')
group by s.skill_id
order by postings desc, s.skill_id""",
    },
    "salary_by_skill": {
        "title": "Salary by skill",
        "description": "Yearly salaries of the open postings that ask for each skill (top of the range, or its "
                       "bottom when only that is known), by currency, for skills with at least 3 such postings.",
        "sql": f"""select s.skill_id, p.salary_currency as currency, count(distinct p.id) as postings,
       round(avg({_YEARLY})) as average, min({_YEARLY}) as lowest, max({_YEARLY}) as highest
from posting_skills s join postings p on p.id = s.posting_id
where not s.negated and p.closed_at is null and {_YEARLY} is not null
group by s.skill_id, p.salary_currency
having count(distinct p.id) >= 3
order by postings desc, average desc""",
    },
}
