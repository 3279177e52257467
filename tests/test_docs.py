"""Generated documentation stays in step with the data."""

import runpy
from pathlib import Path
from xml.etree import ElementTree

import shared_responsibility as sr

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_dataset_reference_is_current() -> None:
    render = runpy.run_path(str(DOCS / "generate_dataset.py"))["render"]
    expected = render(sr.default_catalog())
    assert (DOCS / "dataset.md").read_text(encoding="utf-8") == expected, (
        "run: python docs/generate_dataset.py"
    )


def test_stack_pictures_are_current_and_well_formed_svg() -> None:
    render = runpy.run_path(str(DOCS / "generate_pictures.py"))["render"]
    for name, svg in render(sr.default_catalog()).items():
        assert (DOCS / "pictures" / name).read_text(encoding="utf-8") == svg, (
            "run: python docs/generate_pictures.py"
        )
        root = ElementTree.fromstring(svg)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.get("role") == "img"


def test_a_picture_says_who_holds_each_cell_in_words_and_in_its_tooltip() -> None:
    cat = sr.default_catalog()
    svg = sr.picture(cat, [("ec2", None), ("ec2", sr.Context(deployment="outposts"))])
    root = ElementTree.fromstring(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    cells = root.findall("s:g", ns)
    assert len(cells) == 2 * len(cat.layers)  # a cell per layer per stack
    tips = [c.find("s:title", ns).text or "" for c in cells]  # type: ignore[union-attr]
    facilities = [t for t in tips if t.startswith("Facilities:")]
    assert [t.split("\n")[0] for t in facilities] == ["Facilities: provider", "Facilities: customer"]
    assert all("source: " in t for t in facilities)
    words = [t.text for c in cells for t in c.findall("s:text", ns)]
    assert {"AWS", "Customer"} <= set(words)  # text, not colour alone
    legend = [t.text or "" for t in root.findall("s:text", ns)]
    assert any(text.startswith("shared: both sides perform a part") for text in legend)
    assert "deployment outposts" in legend
