"""The exceptions the library raises: one base, each also a builtin that says what went wrong."""

from collections.abc import Iterable, Sequence

__all__ = [
    "CatalogError",
    "CrosswalkError",
    "ExportError",
    "InvalidReferenceError",
    "InventoryError",
    "MissingExtraError",
    "SharedResponsibilityError",
    "UnavailableError",
    "UnknownContextError",
    "UnknownControlError",
    "UnknownFormatError",
    "UnknownLayerError",
    "UnknownNameError",
    "UnknownOptionError",
    "UnknownPartyError",
    "UnknownServiceError",
    "UnknownVocabularyError",
]


class SharedResponsibilityError(Exception):
    """Base of every error this library raises on purpose."""


def _short(text: str, limit: int = 200) -> str:
    """Untrusted input, cut to a length that fits in a message."""
    return text if len(text) <= limit else text[:limit] + "…"


def _escaped(location: str) -> str:
    r"""A problem's location with unprintable characters from the data's keys escaped (``\n``),
    so that every problem reads ``location: message`` on one line.
    """
    return location if location.isprintable() else location.encode("unicode_escape").decode("ascii")


def _hint(suggestions: Sequence[str]) -> str:
    quoted = [repr(s) for s in suggestions]
    if not quoted:
        return ""
    if len(quoted) == 1:
        return f"; did you mean {quoted[0]}?"
    return f"; did you mean {', '.join(quoted[:-1])} or {quoted[-1]}?"


class UnknownNameError(SharedResponsibilityError, LookupError):
    """A name that the catalog does not know; carries the nearest valid names. ``detail``
    replaces the message's head (``unknown service 'ec3'``); the suggestions always follow.
    """

    kind = "name"

    def __init__(self, name: str, suggestions: Iterable[str] = (), detail: str = "") -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        self.detail = detail
        super().__init__(name, self.suggestions, detail)

    def __str__(self) -> str:
        head = self.detail or f"unknown {self.kind} {_short(self.name)!r}"
        return head + _hint(self.suggestions)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.name, self.suggestions, self.detail))


class UnknownServiceError(UnknownNameError):
    """No service has this id, alias or name."""

    kind = "service"


class UnknownControlError(UnknownNameError):
    """No control has this id, or a framework reference names no single control."""

    kind = "control"


class UnknownLayerError(UnknownNameError):
    """No layer has this id."""

    kind = "layer"


class UnknownFormatError(UnknownNameError):
    """An export format that the library does not write."""

    kind = "format"


class UnknownVocabularyError(UnknownNameError):
    """A vocabulary that `crosswalk` does not speak."""

    kind = "vocabulary"


class UnknownPartyError(UnknownNameError):
    """No party has this id."""

    kind = "party"


class UnknownOptionError(UnknownNameError):
    """A context names an option, or an option value, that the service does not have."""

    kind = "option"


class UnknownContextError(UnknownNameError):
    """A context names a partition, region or deployment that the catalog does not know."""

    kind = "context"


class UnavailableError(UnknownContextError):
    """The service exists, but is not offered where the context places it (a partition, a
    region or a deployment); the suggestions are the places where it is offered.
    """

    kind = "context"

    def __str__(self) -> str:
        where = ", ".join(map(repr, self.suggestions))
        return f"{self.detail}; it is offered in {where}" if where else self.detail


class CatalogError(SharedResponsibilityError, ValueError):
    """A dataset or an override is invalid; `problems` lists every problem with its location."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__(self.problems)

    def __str__(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        return f"invalid catalog: {count} {noun}\n" + "\n".join(f"  {p}" for p in self.problems)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems,))


class InvalidReferenceError(SharedResponsibilityError, ValueError):
    """A reference (ARN, resource type, service principal, endpoint) that is malformed; names
    the bad part.
    """

    def __init__(self, reference: str, problem: str) -> None:
        self.reference = reference
        self.problem = problem
        super().__init__(reference, problem)

    def __str__(self) -> str:
        return f"invalid reference {_short(self.reference)!r}: {self.problem}"

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.reference, self.problem))


class InventoryError(SharedResponsibilityError, ValueError):
    """An inventory that cannot be read at all (not a template, snapshot or list of references);
    a single resource that cannot be placed is reported in the results instead.
    """

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(problem)

    def __str__(self) -> str:
        return self.problem

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problem,))


class InvalidDateError(SharedResponsibilityError, ValueError):
    """A date that is not an ISO calendar date (``2025-06-01``), as ``as_of`` takes."""

    def __init__(self, value: str, dates: Iterable[str] = ()) -> None:
        self.value = value
        self.dates = tuple(dates)
        super().__init__(value, self.dates)

    def __str__(self) -> str:
        known = f"; the dataset's models change on {', '.join(self.dates)}" if self.dates else ""
        return f"invalid date {_short(str(self.value))!r}: use YYYY-MM-DD{known}"

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.value, self.dates))


class ExportError(SharedResponsibilityError, TypeError):
    """An object that has no export, or not in the format asked for (`export` says which
    results it takes).
    """


class MissingExtraError(SharedResponsibilityError, ImportError):
    """An optional dependency that a feature needs is not installed; names the extra."""

    def __init__(self, extra: str, feature: str) -> None:
        self.extra = extra
        self.feature = feature
        super().__init__(f"{feature} needs the {extra!r} extra: pip install 'shared-responsibility[{extra}]'")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.extra, self.feature))


class CrosswalkError(SharedResponsibilityError, ValueError):
    """An answer that a vocabulary has no words for (a provider-side third party, say)."""
