"""Draws the stack pictures that the docs show (`docs/pictures/`), from the packaged dataset:
``python docs/generate_pictures.py``. `make docs` runs it; `tests/test_docs.py` checks that the
pictures in the repository are current.
"""

from pathlib import Path

import shared_responsibility as sr

PICTURES = {
    "ec2.svg": [("ec2", None)],
    "lambda.svg": [("lambda", None)],
    "ec2-outposts.svg": [("ec2", sr.Context(deployment="outposts"))],
    "ec2-lambda-outposts.svg": [("ec2", None), ("lambda", None), ("ec2", sr.Context(deployment="outposts"))],
}


def render(cat: sr.Catalog) -> dict[str, str]:
    """Each picture's file name and SVG text."""
    return {name: sr.picture(cat, stacks) for name, stacks in PICTURES.items()}


if __name__ == "__main__":
    folder = Path(__file__).parent / "pictures"
    folder.mkdir(exist_ok=True)
    for name, svg in render(sr.default_catalog()).items():
        (folder / name).write_text(svg, encoding="utf-8")
        print(folder / name)
