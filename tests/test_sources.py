import pytest

from jobfit.crawler.sources import SourcesError, bundled_sources, load_sources


def test_bundled_sources_file_loads():
    sources = load_sources(bundled_sources())
    assert sources and all(s.name and s.spider for s in sources)
    assert len({s.name for s in sources}) == len(sources)


def test_sources_environment_variable_wins(tmp_path, monkeypatch):
    from jobfit.crawler.sources import sources_path

    monkeypatch.setenv("JOBFIT_SOURCES", str(tmp_path / "mine.toml"))
    assert sources_path() == tmp_path / "mine.toml"


@pytest.mark.parametrize("content, message", [
    ('[[source]]\nspider = "greenhouse"\n', "needs name and spider"),
    ('[[source]]\nname = "a"\nspider = "x"\n[[source]]\nname = "a"\nspider = "y"\n', "duplicate name 'a'"),
    ('[[source]]\nname = "a"\nspider = "x"\nargs = "board=1"\n', "args must be a table"),
    ('[[source]\n', "line 1"),
])
def test_broken_sources_file_names_the_problem(tmp_path, content, message):
    path = tmp_path / "sources.toml"
    path.write_text(content)
    with pytest.raises(SourcesError) as info:
        load_sources(path)
    assert str(path) in str(info.value) and message in str(info.value)


def test_disabled_source_is_kept_but_marked(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text('[[source]]\nname = "a"\nspider = "jsonld"\nenabled = false\nargs = { url = "x", n = 3 }\n')
    [source] = load_sources(path)
    assert source.enabled is False and source.args == {"url": "x", "n": "3"}


def test_bundled_sources_name_the_employers_and_french_searches():
    sources = {s.name: s for s in load_sources(bundled_sources())}
    spiders = {(s.spider, s.args.get("board") or s.args.get("tenant")) for s in sources.values() if s.enabled}
    assert {("greenhouse", "dataiku"), ("ashby", "mistral"), ("ashby", "owkin"), ("workable", "huggingface"),
            ("workday", "criteo")} <= spiders
    assert {"francetravail", "apec", "hellowork"} <= {s.spider for s in sources.values() if s.enabled}


def test_every_bundled_source_names_a_real_spider():
    from scrapy.spiderloader import SpiderLoader
    from scrapy.utils.project import get_project_settings

    known = set(SpiderLoader.from_settings(get_project_settings()).list())
    assert {s.spider for s in load_sources(bundled_sources())} <= known


def test_sources_command_lists_every_entry():
    from click.testing import CliRunner

    from jobfit.cli import cli

    result = CliRunner().invoke(cli, ["sources", "--sources", str(bundled_sources())])
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if not line.startswith("#")]
    assert len(lines) == len(load_sources(bundled_sources()))
    assert any(line.split()[:3] == ["lighton", "welcometothejungle", "off"] for line in lines)
