import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own output

from django.utils import translation

from portal.charts import Series, bar_chart, line_chart

NS = "{http://www.w3.org/2000/svg}"


def test_a_bar_chart_is_valid_svg_with_a_title_and_escaped_labels():
    svg = bar_chart(
        title="Andel kvinnor",
        description="Deltagare mot arbetsstyrka",
        categories=["Verkstad <AB>", "Gjuteri & Co"],
        series=[Series("Deltagare", [40.0, 12.5]), Series("Arbetsstyrka", [30, 20])],
        unit=" %",
    )
    root = ET.fromstring(str(svg))  # noqa: S314
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.find(f"{ns}title").text == "Andel kvinnor"
    assert "Verkstad <AB>" in ["".join(t.itertext()) for t in root.iter(f"{ns}text")]
    assert len(root.findall(f"{ns}rect")) == 2 + 4  # legend + bars


def test_a_line_chart_draws_one_line_per_series():
    svg = line_chart(
        title="Deltagare per månad",
        description="Nya deltagare",
        labels=["2026-01", "2026-02", "2026-03"],
        series=[Series("Nya", [1, 5, 3])],
    )
    root = ET.fromstring(str(svg))  # noqa: S314
    assert len(root.findall("{http://www.w3.org/2000/svg}polyline")) == 1


def test_empty_charts_do_not_fail():
    assert "<svg" in bar_chart(title="Tom", description="", categories=[], series=[])
    assert "<svg" in line_chart(title="Tom", description="", labels=[], series=[])


def _texts(svg) -> list[str]:
    return [" ".join(t.itertext()) for t in ET.fromstring(str(svg)).iter(f"{NS}text")]  # noqa: S314


def test_figures_on_a_chart_are_written_with_a_decimal_comma_in_swedish_and_a_point_in_english():
    chart = {"title": "Andel", "description": "", "categories": ["Verkstad"], "series": [Series("Kvinnor", [12.5])]}
    with translation.override("sv"):
        assert "12,5 %" in _texts(bar_chart(**chart, unit=" %"))
    with translation.override("en"):
        assert "12.5 %" in _texts(bar_chart(**chart, unit=" %"))


def test_a_long_label_is_wrapped_between_words_rather_than_cut():
    name = "Östgöta Verkstadsteknik AB: anställda"
    svg = bar_chart(title="Andel", description="", categories=[name], series=[Series("Kvinnor", [40])])
    assert name in _texts(svg)
