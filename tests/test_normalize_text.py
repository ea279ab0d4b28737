from jobfit.crawler.normalize.text import clean_title, html_to_text


def test_html_to_text_keeps_headings_paragraphs_and_list_items():
    html = "<h3>Profil recherché</h3><p>Vous avez :</p><ul><li>Python</li><li>PyTorch</li></ul><p>Merci</p>"
    assert html_to_text(html) == "Profil recherché\nVous avez :\n- Python\n- PyTorch\nMerci"


def test_html_to_text_unescapes_double_escaped_html():
    once = "&lt;p&gt;Hello &amp;amp; welcome&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Go&lt;/li&gt;&lt;/ul&gt;"
    twice = once.replace("&", "&amp;")
    assert html_to_text(once) == "Hello & welcome\n- Go"
    assert html_to_text(twice) == html_to_text(once)


def test_html_to_text_drops_scripts_and_collapses_whitespace():
    html = "<div>Hello   <script>alert(1)</script>world\n\n\n<br>next</div>"
    assert html_to_text(html) == "Hello world\nnext"


def test_html_to_text_of_plain_text_is_cleaned_text():
    assert html_to_text("  line one \r\n\r\n\r\n line two ") == "line one\n\nline two"


def test_clean_title_removes_gender_markers():
    assert clean_title("Ingénieur Machine Learning H/F") == "Ingénieur Machine Learning"
    assert clean_title("Data Scientist (F/H/N)") == "Data Scientist"
    assert clean_title("Entwickler (m/w/d)") == "Entwickler"
    assert clean_title("Chef de projet IA - Profil indus F/H") == "Chef de projet IA - Profil indus"


def test_html_to_text_drops_comments_and_keeps_bold_lines_and_headings_as_lines():
    html = ("<!-- tracking --><p><strong>About Voodoo</strong></p><p>We make games.</p><h2>Profile</h2>"
            "<ul><li><b>Python</b> and SQL</li></ul><ol><li>Apply</li><li>Interview</li></ol>")
    assert html_to_text(html).splitlines() == ["About Voodoo", "We make games.", "Profile", "- Python and SQL",
                                               "1. Apply", "2. Interview"]
