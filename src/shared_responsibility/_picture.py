"""The responsibility stack as a picture: an SVG drawn from the data, one column per service
(and context), the layers bottom to top, each cell coloured by who holds it and saying so in
words, shared cells split between the sides, cells where a party only enables marked, and a
tooltip per cell with its duties and the pages they rest on. Standard library only.
"""

from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape

from ._answers import LayerResolution, Split, split
from ._catalog import Catalog
from ._model import Context, Ownership, Party, Role, Side, where
from .errors import _short

__all__ = ["picture", "stack_svg"]

_FILL = {Side.PROVIDER: "#dbeafe", Side.CUSTOMER: "#dcfce7"}
_EDGE = {Side.PROVIDER: "#1d4ed8", Side.CUSTOMER: "#15803d"}
_LABEL_WIDTH, _CELL_WIDTH, _ROW, _GAP, _TOP = 170, 210, 30, 16, 64
_LEGEND = (
    (Ownership.PROVIDER, "provider: the provider (or a party on its side) performs it"),
    (Ownership.SHARED, "shared: both sides perform a part"),
    (Ownership.CUSTOMER, "customer: the customer (or a party acting for it) performs it"),
)


def picture(
    cat: Catalog, services: str | Iterable[str | tuple[str, Context | None]], context: Context | None = None
) -> str:
    """An SVG of the responsibility stack of one service, or of several side by side (a
    workload, or the two sides of a comparison given as ``(service, context)`` pairs).
    """
    wanted = [services] if isinstance(services, str) else list(services)
    pairs = [(s, context) if isinstance(s, str) else s for s in wanted]
    return stack_svg([split(cat, s, c) for s, c in pairs])


def stack_svg(splits: Sequence[Split]) -> str:
    """The SVG of splits made by `split` (which know their service and context)."""
    layers = [lr.layer for lr in splits[0].values()] if splits else []
    width = max(_LABEL_WIDTH + len(splits) * (_CELL_WIDTH + _GAP) + _GAP, 560)  # the legend fits
    height = _TOP + len(layers) * _ROW + 40 + 22 * (len(_LEGEND) + 1)
    title = " | ".join("{} ({})".format(*_caption(s)) for s in splits) or "no services"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="title" '
        'font-family="Helvetica, Arial, sans-serif" font-size="12">'
    )
    out = [
        head,
        f'<title id="title">Responsibility stack: {escape(title)}</title>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for row, layer in enumerate(reversed(layers)):  # top of the stack first
        y = _TOP + row * _ROW
        out.append(f'<text x="{_GAP}" y="{y + 19}">{escape(layer.name)}</text>')
    for column, s in enumerate(splits):
        x = _LABEL_WIDTH + column * (_CELL_WIDTH + _GAP)
        name, context = _caption(s)
        out.append(f'<text x="{x}" y="24" font-weight="bold">{escape(_short(name, 29))}</text>')
        out.append(f'<text x="{x}" y="42" fill="#374151">{escape(_short(context, 33))}</text>')
        for row, lr in enumerate(reversed(list(s.values()))):
            out.append(_cell(lr, x, _TOP + row * _ROW))
    out += _legend(_TOP + len(layers) * _ROW + 30)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _caption(s: Split) -> tuple[str, str]:
    """The stack's service, and its context in words."""
    name = s.service.name if s.service is not None else "a service"
    return name, ", ".join(where(s.context)) or "default context"


def _cell(lr: LayerResolution, x: int, y: int) -> str:
    performing = [d for d in lr.duties if d.role is Role.PERFORMS]
    sides = [side for side in Side if any(d.party.side is side for d in performing)]
    enables = [d for d in lr.duties if d.role is Role.ENABLES]
    tip = [f"{lr.layer.name}: {lr.ownership.value}"]
    tip += [f"{d.holder}: {d.text}" for d in lr.duties]
    tip += [f"source: {src.title} ({src.url})" for src in lr.sources]
    shapes = []
    part = _CELL_WIDTH // max(len(sides), 1)
    for i, side in enumerate(sides):
        names = " + ".join(dict.fromkeys(_party(d.party) for d in performing if d.party.side is side))
        left = x + i * part
        shapes.append(
            f'<rect x="{left}" y="{y + 2}" width="{part}" height="{_ROW - 4}" '
            f'fill="{_FILL[side]}" stroke="{_EDGE[side]}"/>'
        )
        shapes.append(f'<text x="{left + 6}" y="{y + 19}">{escape(_short(names, part // 7 - 1))}</text>')
    if enables:  # a dashed outline, and who enables, in words
        who = " + ".join(dict.fromkeys(_party(d.party) for d in enables))
        shapes.append(
            f'<rect x="{x}" y="{y + 2}" width="{_CELL_WIDTH}" height="{_ROW - 4}" fill="none" '
            'stroke="#111827" stroke-dasharray="4 3"/>'
        )
        shapes.append(
            f'<text x="{x + _CELL_WIDTH - 4}" y="{y + 19}" text-anchor="end" font-size="10">'
            f"{escape(_short('enabled by ' + who, 21))}</text>"
        )
    return f"<g><title>{escape(chr(10).join(tip))}</title>{''.join(shapes)}</g>"


def _legend(y: int) -> list[str]:
    out = [f'<text x="{_GAP}" y="{y}" font-weight="bold">Who performs each layer</text>']
    for i, (ownership, text) in enumerate(_LEGEND):
        top = y + 10 + i * 22
        sides = {Ownership.PROVIDER: [Side.PROVIDER], Ownership.CUSTOMER: [Side.CUSTOMER]}.get(
            ownership, [Side.PROVIDER, Side.CUSTOMER]
        )
        for j, side in enumerate(sides):
            w = 28 // len(sides)
            out.append(
                f'<rect x="{_GAP + j * w}" y="{top}" width="{w}" height="14" fill="{_FILL[side]}" '
                f'stroke="{_EDGE[side]}"/>'
            )
        out.append(f'<text x="{_GAP + 36}" y="{top + 12}">{escape(text)}</text>')
    top = y + 10 + len(_LEGEND) * 22
    out.append(
        f'<rect x="{_GAP}" y="{top}" width="28" height="14" fill="none" stroke="#111827" '
        'stroke-dasharray="4 3"/>'
    )
    out.append(
        f'<text x="{_GAP + 36}" y="{top + 12}">'
        "dashed: a party only enables (supplies what the performer must use)</text>"
    )
    return out


def _party(party: Party) -> str:
    """A party's name short enough for a cell: its own short form (`Party.short_name`), or the
    initials of a long name ("Amazon Web Services": AWS).
    """
    name = party.short_name
    words = name.split()
    if len(name) > 14 and len(words) > 1:
        return "".join(w[0] for w in words if w[:1].isupper())
    return name
