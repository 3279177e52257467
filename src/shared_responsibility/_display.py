"""Notebook display: compact HTML tables coloured by owner, and tidy pandas DataFrames.

pandas is imported only when a DataFrame is asked for (the ``pandas`` extra).
"""

import html as _html
from collections.abc import Iterable
from typing import Any

from ._answers import LayerResolution, Split
from ._model import Matrix, Ownership, Resolution
from .errors import MissingExtraError

__all__ = ["frame", "html"]

_COLOURS = {Ownership.PROVIDER: "#dbeafe", Ownership.SHARED: "#fef3c7", Ownership.CUSTOMER: "#dcfce7"}
_OWNERS = [o.value for o in Ownership]


def _row(cells: Iterable[str], owner: Ownership | None = None) -> str:
    style = f' style="background:{_COLOURS[owner]}"' if owner else ""
    return f"<tr{style}>" + "".join(f"<td>{_html.escape(c)}</td>" for c in cells) + "</tr>"


def _table(headers: Iterable[str], body: Iterable[str]) -> str:
    head = "".join(f"<th>{_html.escape(h)}</th>" for h in headers)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _duties(r: Resolution | LayerResolution) -> str:
    return "; ".join(f"{d.holder}: {d.text}" for d in r.duties)


def _other(obj: Any) -> bool:
    """Results whose export rows are their table (workloads, shifts, framework views): all but
    splits, resolutions and matrices, which show their duties.
    """
    return not isinstance(obj, Split | Resolution | Matrix)


def html(obj: Any) -> str:
    """A compact HTML table, one row per layer, resolution or row of its export, coloured by
    who holds it where that is known.
    """
    if _other(obj):
        from ._export import _columns, _text, rows

        table = rows(obj)
        columns = _columns(table)
        body = [
            _row((_text(row.get(c, "")) for c in columns), _owner(row.get("ownership", row.get("after"))))
            for row in table
        ]
        return _table(columns, body)
    if isinstance(obj, Split):
        body = [_row((k, v.ownership.value, _duties(v)), v.ownership) for k, v in reversed(list(obj.items()))]
        return _table(("layer", "owner", "duties"), body)
    if isinstance(obj, Resolution):
        obj = (obj,)
    body = [
        _row((r.service.id, r.control.id, r.ownership.control_type, _duties(r)), r.ownership) for r in obj
    ]
    return _table(("service", "control", "type", "duties"), body)


def _owner(value: Any) -> Ownership | None:
    return Ownership(value) if value in _OWNERS else None


def _records(obj: Any) -> list[dict[str, Any]]:
    if _other(obj):
        from ._export import _text, rows

        return [{k: _text(v) if isinstance(v, list) else v for k, v in row.items()} for row in rows(obj)]
    if isinstance(obj, Split):
        return [
            {
                "layer": k,
                "ownership": v.ownership.value,
                "party": d.party.id,
                "side": d.party.side.value,
                "role": d.role.value,
                "duty": d.text,
            }
            for k, v in obj.items()
            for d in v.duties
        ]
    resolutions = (obj,) if isinstance(obj, Resolution) else tuple(obj)
    return [
        {
            "service": r.service.id,
            "control": r.control.id,
            "ownership": r.ownership.value,
            "control_type": r.ownership.control_type,
            "layer": d.layer.id if d.layer else None,
            "party": d.party.id,
            "side": d.party.side.value,
            "role": d.role.value,
            "duty": d.text,
        }
        for r in resolutions
        for d in r.duties
    ]


def frame(obj: Any) -> Any:
    """A tidy DataFrame, one row per duty (or per row of the export), with categorical columns."""
    try:
        import pandas as pd
    except ImportError as missing:
        raise MissingExtraError("pandas", "to_pandas()") from missing

    df = pd.DataFrame.from_records(_records(obj))
    if df.empty:
        return df
    for column in ("ownership", "before", "after"):
        if column in df and df[column].isin(_OWNERS).all():
            df[column] = pd.Categorical(df[column], categories=_OWNERS, ordered=True)
    if "side" in df:
        df["side"] = pd.Categorical(df["side"], categories=["provider", "customer"])
    for column in ("service", "control", "layer", "party", "control_type"):
        if column in df:
            df[column] = df[column].astype("category")
    return df
