"""Write docs/dataset.md, the dataset reference, from the packaged data.

Run ``python docs/generate_dataset.py``; ``tests/test_docs.py`` fails when the page is stale.
"""

from pathlib import Path

import shared_responsibility as sr

PAGE = Path(__file__).with_name("dataset.md")
MARK = {sr.Ownership.PROVIDER: "provider", sr.Ownership.SHARED: "shared", sr.Ownership.CUSTOMER: "customer"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _service(cat: sr.Catalog, service: sr.Service) -> list[str]:
    lines = [f"## {service.name} (`{service.id}`)", ""]
    lines += [
        f"Category: `{service.category}`. Aliases: {', '.join(f'`{a}`' for a in service.aliases) or '-'}.",
        "",
    ]
    lines += ["| layer | owner | provider's part | customer's part |", "|---|---|---|---|"]
    for layer_id, lr in sr.split(cat, service.id).items():
        by_side = {
            side: " ".join(d.text for d in lr.duties if d.party.side is side) or "-" for side in sr.Side
        }
        lines.append(
            f"| {layer_id} | {MARK[lr.ownership]} | {_cell(by_side[sr.Side.PROVIDER])}"
            f" | {_cell(by_side[sr.Side.CUSTOMER])} |"
        )
    lines += ["", "| control | type |", "|---|---|"]
    lines += [
        f"| {c.id} | {sr.resolve(cat, service.id, c.id).ownership.control_type} |" for c in cat.controls
    ]
    for option in service.options:
        values = ", ".join(f"`{v.id}`" for v in option.values)
        lines += [
            "",
            f"Option `{service.id}.{option.id}` ({option.name}): {values}; default `{option.default}`.",
        ]
        if option.note:
            lines.append(f"{_cell(option.note)}")
    if service.notes:
        lines += ["", "Notes:", ""] + [f"- {_cell(n)}" for n in service.notes]
    lines += ["", "Sources:", ""] + [f"- [{_cell(s.title)}]({s.url}), read {s.read}" for s in service.sources]
    return [*lines, ""]


def render(cat: sr.Catalog) -> str:
    """The dataset reference page for a catalog."""
    lines = [
        "# Dataset reference",
        "",
        f"Generated from the packaged dataset, version {cat.version}, by `docs/generate_dataset.py`.",
        "Each service shows who holds each layer in the default context (a commercial region, every",
        "option at its default), the control types that follow, its options, notes and sources.",
        "",
        "## Controls",
        "",
        "| control | layers | references |",
        "|---|---|---|",
    ]
    for c in cat.controls:
        layers = ", ".join(c.layers) if c.layers is not None else "organizational"
        lines.append(f"| {c.id} | {layers} | {', '.join(c.references)} |")
    lines += ["", "## Contexts", "", "| kind | id | name |", "|---|---|---|"]
    lines += [f"| partition | {p.id} | {p.name} |" for p in cat.partitions]
    lines += [f"| deployment | {d.id} | {d.name} |" for d in cat.deployments]
    lines.append("")
    for service in cat.services:
        lines += _service(cat, service)
    return "\n".join(lines)


if __name__ == "__main__":
    PAGE.write_text(render(sr.default_catalog()), encoding="utf-8")
