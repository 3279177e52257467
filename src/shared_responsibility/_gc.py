"""The cyclic garbage collector, paused while the package builds what lives as long as the program."""

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No collections inside the block: creating the model's classes and the packaged catalog
    makes tens of thousands of objects that all stay alive, so collecting midway frees nothing
    and costs a tenth of the first answer. The collector's state is restored afterwards.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
