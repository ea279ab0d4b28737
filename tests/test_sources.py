import pytest

from crawler.sources import BUNDLED_SOURCES, SourcesError, load_sources


def test_bundled_sources_file_loads():
    sources = load_sources(BUNDLED_SOURCES)
    assert sources and all(s.name and s.spider for s in sources)
    assert len({s.name for s in sources}) == len(sources)


def test_sources_environment_variable_wins(tmp_path, monkeypatch):
    from crawler.sources import sources_path

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
