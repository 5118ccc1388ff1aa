import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own output

from portal.charts import Series, bar_chart, line_chart


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
    assert "Verkstad <AB>" in [t.text for t in root.iter(f"{ns}text")]
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
