from dataclasses import replace

import pytest

from jobfit.matcher.profile import load_profile
from jobfit.matcher.score import default_weights, score_posting


def make_profile(tmp_path, text):
    path = tmp_path / "p.toml"
    path.write_text(text)
    return load_profile(path)


@pytest.fixture
def profile(tmp_path):
    return make_profile(tmp_path,
                        '[[skills]]\nid = "python"\ntier = "required"\n'
                        '[[skills]]\nany_of = ["pytorch", "tensorflow"]\nlabel = "DL framework"\ntier = "required"\n'
                        '[[skills]]\nid = "statistics"\ntier = "important"\n'
                        '[[skills]]\nid = "docker"\ntier = "bonus"\n')


def hit(skill, section="required", negated=False, sentence="s"):
    return {"skill_id": skill, "section": section, "negated": negated, "sentence": sentence, "text": skill}


def test_no_skills_scores_zero(profile, small_table):
    result = score_posting(profile, small_table, [])
    assert result["score"] == 0
    assert result["explanation"]["missing_required"] == ["Python", "DL framework"]


def test_more_of_the_profile_scores_higher(profile, small_table):
    some = score_posting(profile, small_table, [hit("python")])["score"]
    more = score_posting(profile, small_table, [hit("python"), hit("tensorflow"), hit("statistics")])["score"]
    assert 0 < some < more


def test_required_section_counts_more_than_nice_to_have(profile, small_table):
    required = score_posting(profile, small_table, [hit("python"), hit("pytorch"), hit("java")])["score"]
    nice = score_posting(profile, small_table, [hit("python"), hit("pytorch", "nice_to_have"), hit("java")])["score"]
    assert required > nice


def test_benefits_company_and_negated_mentions_are_not_asked(profile, small_table):
    ignored = [hit("python", "benefits"), hit("pytorch", "company"), hit("statistics", negated=True)]
    assert score_posting(profile, small_table, ignored)["score"] == 0


def test_skills_outside_the_profile_lower_the_score(profile, small_table):
    focused = score_posting(profile, small_table, [hit("python"), hit("pytorch")])["score"]
    diluted = score_posting(profile, small_table,
                            [hit("python"), hit("pytorch"), hit("java"), hit("excel"), hit("c_sharp")])
    assert diluted["score"] < focused
    assert diluted["explanation"]["extra"] == ["C#", "Excel", "Java"]


def test_sibling_skill_earns_partial_credit(tmp_path, small_table):
    profile = make_profile(tmp_path, '[[skills]]\nid = "pytorch"\ntier = "required"\n')
    sibling = score_posting(profile, small_table, [hit("keras")])
    exact = score_posting(profile, small_table, [hit("pytorch")])
    unrelated = score_posting(profile, small_table, [hit("java")])
    assert unrelated["score"] < sibling["score"] < exact["score"]
    assert sibling["explanation"]["matched"][0]["related"] is True


def test_sibling_in_a_family_of_unlike_methods_earns_nothing(tmp_path, small_table):
    # NLP and computer vision share a family of methods, but one is no substitute for the other.
    profile = make_profile(tmp_path, '[[skills]]\nid = "nlp"\ntier = "required"\n')
    result = score_posting(profile, small_table, [hit("computer_vision")])
    assert result["explanation"]["matched"] == []
    assert result["explanation"]["missing_required"] == ["Natural language processing"]


def test_explanation_keeps_evidence(profile, small_table):
    result = score_posting(profile, small_table, [hit("python", sentence="Python 3 au quotidien.")])
    [matched] = result["explanation"]["matched"]
    assert matched["evidence"] == "Python 3 au quotidien." and matched["skill"] == "python"


def test_title_alone_ranks_a_title_only_posting(tmp_path, small_table):
    profile = make_profile(tmp_path, 'titles = ["machine learning engineer"]\n[[skills]]\nid = "python"\n')
    intern = score_posting(profile, small_table, [], {"title": "Machine Learning Engineer Intern"})
    other = score_posting(profile, small_table, [], {"title": "Comptable"})
    assert intern["score"] > 0 and intern["explanation"]["title_role"] == "machine learning engineer"
    assert other["score"] == 0


def test_title_skills_count_when_there_is_no_description(profile, small_table):
    title_only = score_posting(profile, small_table, [hit("python", "title")], {"title": "Python developer"})
    off_title = score_posting(profile, small_table, [hit("excel", "title")], {"title": "Excel expert"})
    assert title_only["score"] > off_title["score"] == 0.0
    assert title_only["subscores"]["title_fit"] == 1.0


def test_title_naming_the_role_lifts_a_full_posting(tmp_path, small_table):
    profile = make_profile(tmp_path, 'titles = ["data scientist"]\n[[skills]]\nid = "python"\ntier = "required"\n'
                    '[[skills]]\nid = "pytorch"\n')
    hits = [hit("python"), hit("java")]
    named = score_posting(profile, small_table, hits, {"title": "Data Scientist"})["score"]
    unnamed = score_posting(profile, small_table, hits, {"title": "Engineer"})["score"]
    assert named > unnamed


def test_filter_mismatch_lowers_the_score_and_says_why(tmp_path, small_table):
    profile = make_profile(tmp_path, '[[skills]]\nid = "python"\ntier = "required"\n[filters]\nremote = ["remote"]\n')
    remote = score_posting(profile, small_table, [hit("python")], {"title": "Dev", "remote": "remote"})
    onsite = score_posting(profile, small_table, [hit("python")], {"title": "Dev", "remote": "onsite"})
    assert onsite["score"] < remote["score"]
    [penalty] = onsite["explanation"]["penalties"]
    assert penalty["filter"] == "remote" and "onsite" in penalty["reason"]
    assert onsite["subscores"]["filter_factor"] < 1 == remote["subscores"]["filter_factor"]


def test_every_subscore_is_stored(profile, small_table):
    result = score_posting(profile, small_table, [hit("python"), hit("pytorch", "title")], {"title": "PyTorch"})
    assert set(result["subscores"]) == {"profile_coverage", "posting_coverage", "skills_found", "title_fit", "base",
                                        "filter_factor", "evidence", "fit"}
    assert set(result["explanation"]) == {"matched", "missing_required", "missing_other", "extra", "penalties",
                                          "title_role", "evidence", "skills_read", "job_family", "role_relation",
                                          "why"}


def test_a_near_role_title_earns_part_of_a_named_one(tmp_path, small_table):
    profile = make_profile(tmp_path, 'titles = ["data engineer"]\n[[skills]]\nid = "sql"\ntier = "required"\n')
    named = score_posting(profile, small_table, [], {"title": "Senior Data Engineer"})
    near = score_posting(profile, small_table, [], {"title": "Data Analyst"})
    far = score_posting(profile, small_table, [], {"title": "Chef de cuisine"})
    assert named["score"] > near["score"] > far["score"] == 0
    assert near["explanation"]["role_relation"] == "near" and near["explanation"]["title_role"] is None
    assert near["subscores"]["title_fit"] >= default_weights().role_credit["near"]


def test_a_sibling_stands_in_for_one_requirement_only(tmp_path, small_table):
    profile = make_profile(tmp_path, '[[skills]]\nid = "pytorch"\ntier = "required"\n[[skills]]\nid = "tensorflow"\n'
                    '[[skills]]\nid = "jax"\n')
    result = score_posting(profile, small_table, [hit("keras"), hit("pytorch")])
    related = [m for m in result["explanation"]["matched"] if m["related"]]
    assert [m["skill"] for m in related] == ["keras"]  # pytorch is matched as itself, keras once
    assert result["explanation"]["missing_other"] == ["JAX"]


def test_generic_title_words_alone_are_no_near_role(tmp_path):
    from jobfit.matcher.score import role_overlap

    profile = make_profile(tmp_path, 'titles = ["security engineer", "data engineer"]\n[[skills]]\nid = "python"\n')
    assert role_overlap(profile, "Senior Backend Engineer") == 0.0
    assert role_overlap(profile, "Data Analyst") == 0.5


def test_a_bonus_skill_in_a_title_is_weak_title_evidence(tmp_path, small_table):
    from jobfit.matcher.score import title_fit

    profile = make_profile(tmp_path, '[[skills]]\nid = "pytorch"\ntier = "required"\nweight = 4\n'
                                     '[[skills]]\nid = "python"\ntier = "bonus"\nweight = 1\n')
    core = title_fit(profile, small_table, [hit("pytorch", "title")], "PyTorch Engineer")
    bonus = title_fit(profile, small_table, [hit("python", "title")], "Python Backend Developer")
    assert core == 1.0 and bonus == 0.25


def posting(title, description=None):
    return {"title": title, "description": description}


ML = 'titles = ["machine learning", "data scientist"]\n[[skills]]\nid = "python"\ntier = "required"\n' \
     '[[skills]]\nid = "pytorch"\ntier = "required"\n[[skills]]\nid = "statistics"\n'


def test_a_title_only_posting_never_outranks_a_described_one_with_the_same_title(tmp_path, small_table):
    profile = make_profile(tmp_path, ML)
    known = score_posting(profile, small_table, [], posting("Machine Learning Engineer"))
    described = score_posting(profile, small_table, [hit("java")],
                              posting("Machine Learning Engineer", "We need Java. " * 20))
    assert known["explanation"]["evidence"] == "title only" and described["explanation"]["evidence"] == "described"
    assert 0 < known["score"] < described["score"]
    assert "title only" in known["explanation"]["why"]


def test_a_description_that_only_repeats_the_title_is_title_only(tmp_path, small_table):
    profile = make_profile(tmp_path, ML)
    result = score_posting(profile, small_table, [], posting("Research Scientist", "Research Scientist"))
    assert result["explanation"]["evidence"] == "title only"


def test_more_asked_skills_read_is_stronger_evidence(tmp_path, small_table):
    profile = make_profile(tmp_path, ML)
    few = score_posting(profile, small_table, [hit("python")], posting("Data Scientist", "x" * 300))
    hits = [hit("python"), hit("java"), hit("excel"), hit("c_sharp"), hit("pytorch"), hit("statistics")]
    many = score_posting(profile, small_table, hits, posting("Data Scientist", "x" * 300))
    assert few["subscores"]["evidence"] < many["subscores"]["evidence"] <= 1


def test_the_job_itself_comes_first(tmp_path, small_table):
    profile = make_profile(tmp_path, ML)
    hits = [hit("python"), hit("pytorch"), hit("statistics")]
    ml = score_posting(profile, small_table, hits, posting("Machine Learning Engineer", "x" * 300))
    backend = score_posting(profile, small_table, hits, posting("Senior Back-end Engineer", "x" * 300))
    sales = score_posting(profile, small_table, hits, posting("Account Executive, AI", "x" * 300))
    assert ml["score"] > 2 * max(backend["score"], sales["score"])
    assert (ml["explanation"]["role_relation"], backend["explanation"]["role_relation"],
            sales["explanation"]["role_relation"]) == ("own", "foreign_tech", "business")


def test_a_skill_in_the_responsibilities_of_another_job_counts_less(tmp_path, small_table):
    profile = make_profile(tmp_path, ML)
    title = posting("Backend Engineer", "x" * 300)
    asked = score_posting(profile, small_table, [hit("python"), hit("java")], title)
    around = score_posting(profile, small_table, [hit("python", "responsibilities"), hit("java")], title)
    assert around["score"] < asked["score"]


def test_text_the_company_repeats_counts_less_outside_this_postings_requirements(tmp_path, small_table):
    profile = make_profile(tmp_path, ML)
    job = posting("Data Scientist", "x" * 300)
    own = score_posting(profile, small_table, [hit("python", "responsibilities"), hit("java")], job)
    shared = score_posting(profile, small_table, [{**hit("python", "responsibilities"), "shared": 3}, hit("java")], job)
    assert shared["score"] < own["score"]
    # Under this posting's own requirement heading, a block the company repeats is still this job's ask.
    asked = score_posting(profile, small_table, [hit("python"), hit("java")], job)
    asked_shared = score_posting(profile, small_table, [{**hit("python"), "shared": 3}, hit("java")], job)
    assert asked_shared["score"] == asked["score"]


def test_the_calibration_is_monotone_and_spans_the_scale():
    from jobfit.matcher.score import calibrated

    knots = default_weights().calibration
    values = [calibrated(x / 100, knots) for x in range(101)]
    assert values[0] == 0 and values[-1] == 100 and values == sorted(values)
    assert [calibrated(x, knots) for x, _ in knots] == pytest.approx([y for _, y in knots])


def test_a_title_the_asks_do_not_bear_out_earns_less_of_its_credit(tmp_path, small_table):
    profile = make_profile(tmp_path, ML)
    job = posting("Senior Researcher", "x" * 300)
    weights = replace(default_weights(), title_floor=0.5, title_trust=0.3)
    borne = score_posting(profile, small_table, [hit("python"), hit("pytorch"), hit("java")], job, weights=weights)
    unborne = score_posting(profile, small_table, [hit("java"), hit("excel"), hit("c_sharp")], job, weights=weights)
    assert borne["explanation"]["role_relation"] == unborne["explanation"]["role_relation"] == "own"
    trusted = score_posting(profile, small_table, [hit("java"), hit("excel"), hit("c_sharp")], job,
                            weights=replace(weights, title_floor=1.0))
    assert unborne["subscores"]["fit"] == pytest.approx(trusted["subscores"]["fit"] * 0.5 + 0.0, abs=0.05)
    assert unborne["score"] < borne["score"]
    # Still above a title-only posting of the same title: some asks were read.
    known = score_posting(profile, small_table, [], posting("Senior Researcher"), weights=weights)
    assert known["score"] < unborne["score"]


def test_a_profile_title_naming_only_a_field_does_not_make_another_job_its_own(tmp_path, small_table):
    profile = make_profile(tmp_path, 'titles = ["machine learning", "data scientist", "llm"]\n'
                                     '[[skills]]\nid = "python"\ntier = "required"\n')

    def relation(title):
        return score_posting(profile, small_table, [hit("python")], posting(title, "x" * 300))[
            "explanation"]["role_relation"]

    assert relation("Senior Full-stack Engineer (FE-oriented) (LLM)") == "field"
    assert relation("Formateur / Formatrice en Intelligence Artificielle (IA)") == "business_field"
    # A profile title that names a job keeps it: a data scientist of the marketing team is a data scientist.
    assert relation("Staff Data Scientist, Marketing Analytics") == "own"
    assert relation("LLM pour l'extraction de documents") == "own"


def test_managing_the_job_is_close_to_the_job_not_the_job(tmp_path, small_table):
    profile = make_profile(tmp_path, ML)
    weights = replace(default_weights(), manager_factor=0.8)
    hits = [hit("python"), hit("pytorch"), hit("statistics")]
    doer = score_posting(profile, small_table, hits, posting("Senior Data Scientist", "x" * 300), weights=weights)
    for title in ("Data Science Manager", "Head of Data Science", "Director, Machine Learning"):
        manager = score_posting(profile, small_table, hits, posting(title, "x" * 300), weights=weights)
        assert manager["subscores"]["fit"] == pytest.approx(0.8 * doer["subscores"]["fit"], abs=1e-3), title


def test_scoring_without_explanation_gives_the_same_score(tmp_path, small_table):
    profile = make_profile(tmp_path, ML)
    hits = [hit("python"), hit("pytorch", "responsibilities"), hit("java")]
    job = posting("Data Scientist", "x" * 300)
    full, quick = (score_posting(profile, small_table, hits, job, explain=e) for e in (True, False))
    assert quick == {"score": full["score"], "subscores": full["subscores"]}


DATA_ENGINEER = 'titles = ["data engineer", "analytics engineer"]\n[[skills]]\nid = "python"\ntier = "required"\n'


def role_relation(profile, table, title):
    """The role relation score_posting reads between `profile` and a described posting titled `title`."""
    return score_posting(profile, table, [hit("python")], posting(title, "x" * 300))["explanation"]["role_relation"]


def test_a_title_naming_the_job_and_another_is_mixed_unless_a_profile_title_names_it(tmp_path, small_table):
    ml = make_profile(tmp_path, ML)
    data = make_profile(tmp_path, DATA_ENGINEER)

    def relation(profile, title):
        return role_relation(profile, small_table, title)

    assert relation(ml, "Data Engineer - Machine Learning") == "mixed"
    assert relation(data, "Data Engineer - Machine Learning") == "own"
    assert relation(data, "Analytics Engineer") == "own"
    assert relation(data, "Senior Data Analyst") == "near"


def test_a_title_naming_the_profiles_job_and_a_second_job_is_mixed(tmp_path, small_table):
    ml = make_profile(tmp_path, ML)
    data = make_profile(tmp_path, DATA_ENGINEER)

    def relation(profile, title):
        return role_relation(profile, small_table, title)

    # Two jobs, each named by a job noun: for either profile, its job and another.
    for title in ("Data Engineer / Data Scientist", "Sr Data Scientist/Data Engineer",
                  "Un(e) assistant(e) Data Engineer/Data Scientist(e)"):
        assert relation(ml, title) == "mixed", title
        assert relation(data, title) == "mixed", title
    # A project job beside it is a second job too.
    assert relation(ml, "Data scientist - Chargé de projets statistiques") == "mixed"
    # A field, a domain or the words of the job itself are no second job.
    assert relation(ml, "Senior Data Scientist / AI") == "own"
    assert relation(ml, "Data Scientist - Sécurité des paiements") == "own"
    assert relation(data, "Finance Data Engineer") == "own"
    assert relation(data, "Analytics Engineer") == "own"


def test_few_asks_are_drawn_toward_the_typical_posting_coverage(tmp_path, small_table):
    profile = make_profile(tmp_path, ML)
    few = [hit("python"), hit("pytorch")]
    many = [*few, hit("java"), hit("excel"), hit("c_sharp"), hit("docker")]
    weights = replace(default_weights(), posting_prior=0.25, posting_prior_asks=4)
    plain = replace(weights, posting_prior_asks=0)

    def coverage(hits, w):
        return score_posting(profile, small_table, hits, posting("Data Scientist", "x" * 300), weights=w)[
            "subscores"]["posting_coverage"]

    # Two asks, both known: 1 without the prior, (2 + 4 × 0.25) / (2 + 4) = 0.5 with it.
    assert coverage(few, plain) == 1.0
    assert coverage(few, weights) == pytest.approx(0.5, abs=1e-3)
    # The prior draws a share of few asks further than a share of many.
    assert abs(coverage(many, weights) - coverage(many, plain)) < abs(coverage(few, weights) - coverage(few, plain))
