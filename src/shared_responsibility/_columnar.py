"""The columnar path: ownership for arrays of integer codes, for whole inventories in numpy
or pandas (``pd.Categorical(...).codes``). numpy is imported on first use (the ``columnar``
extra).
"""

from typing import TYPE_CHECKING, Any

from ._catalog import Catalog
from ._model import Context, Ownership
from ._resolver import resolve
from .errors import UnknownControlError, UnknownServiceError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["OWNERSHIP_CODES", "ownership_codes"]

OWNERSHIP_CODES: tuple[Ownership, ...] = (Ownership.PROVIDER, Ownership.SHARED, Ownership.CUSTOMER)
"""What each code of `ownership_codes` means: 0 provider, 1 shared, 2 customer."""

_CODE = {o: i for i, o in enumerate(OWNERSHIP_CODES)}


def _table(cat: Catalog, context: Context | None) -> "npt.NDArray[np.int8]":
    import numpy as np

    key = ("codes", context)
    table = cat._memo.get(key)
    if table is None:
        rows = [
            [_CODE[resolve(cat, s.id, c.id, context).ownership] for c in cat.controls] for s in cat.services
        ]
        table = np.array(rows, dtype=np.int8).ravel()
        table.flags.writeable = False
        cat._memo[key] = table
    return table


def _codes(values: Any, size: int, error: type[UnknownServiceError | UnknownControlError], what: str) -> Any:
    import numpy as np

    codes = np.asarray(values)
    if codes.dtype.kind not in "iu":
        raise error(str(codes.dtype), (), f"{what} codes must be integers, got {codes.dtype}")
    if codes.size and (int(codes.min()) < 0 or int(codes.max()) >= size):
        bad = int(codes.min()) if int(codes.min()) < 0 else int(codes.max())
        raise error(str(bad), (), f"{what} code {bad} is out of range 0..{size - 1}")
    return codes.astype(np.intp, copy=False)


def ownership_codes(
    cat: Catalog, service_codes: Any, control_codes: Any, context: Context | None = None
) -> "npt.NDArray[np.int8]":
    """Ownership codes (see `OWNERSHIP_CODES`) for arrays of service and control codes, which
    are positions in ``cat.services`` and ``cat.controls``; the arrays broadcast together.
    """
    import numpy as np

    table = _table(cat, context)
    services = _codes(service_codes, len(cat.services), UnknownServiceError, "service")
    controls = _codes(control_codes, len(cat.controls), UnknownControlError, "control")
    flat = services * len(cat.controls)
    flat += controls
    found: npt.NDArray[np.int8] = np.take(table, flat)
    return found
