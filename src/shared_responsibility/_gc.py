"""The cyclic garbage collector, paused while the package builds what lives as long as the program."""

import gc


class paused:  # noqa: N801 (used as a function: ``with paused():``)
    """No collections inside the block: creating the model's classes and the packaged catalog
    makes tens of thousands of objects that all stay alive, so collecting midway frees nothing
    and costs a tenth of the first answer. The collector's state is restored afterwards, and a
    block inside another leaves it to the outer one. A class rather than a contextlib manager:
    the package's import needs neither contextlib nor typing.
    """

    __slots__ = ("was_enabled",)

    def __enter__(self) -> None:
        self.was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.was_enabled:
            gc.enable()
