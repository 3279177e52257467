"""Reading an option's value from a resource's properties, by the rules the dataset gives
(`Evidence` on each option): no code per service, so a new format or option is data only.
"""

import re
from collections.abc import Iterator, Mapping
from typing import Any

from shared_responsibility._model import Evidence, Option

from ._resource import Resource, Unknown

__all__ = ["lookup", "read_option"]

_STEP = re.compile(r"(?P<key>[A-Za-z0-9_-]+)(?:\[(?P<filter>[^\]]*)\])?")


def lookup(value: Any, key: str) -> Any:
    """A key as given, or in the other case conventions (CloudFormation's PascalCase, AWS
    Config's camelCase, Terraform's snake_case is exact).
    """
    if not isinstance(value, Mapping):
        return None
    for candidate in (key, key[:1].lower() + key[1:], key[:1].upper() + key[1:], key.lower()):
        if candidate in value:
            return value[candidate]
    return None


def _intrinsic(value: Any) -> str:
    """The name of a CloudFormation intrinsic function the value is, or ''."""
    if isinstance(value, Mapping) and len(value) == 1:
        (key,) = value
        if key == "Ref" or str(key).startswith("Fn::") or key == "Condition":
            return str(key)
    return ""


def _walk(value: Any, steps: list[str]) -> Iterator[Any]:
    """Every value at the path; an intrinsic or an unknown on the way is yielded as it is."""
    if not steps:
        yield value
        return
    if isinstance(value, Unknown) or _intrinsic(value):
        yield value
        return
    found = _STEP.fullmatch(steps[0])
    if found is None:
        return
    child = lookup(value, found["key"])
    if child is None:
        return
    wanted = found["filter"]
    if wanted is None:
        yield from _walk(child, steps[1:])
    elif isinstance(child, Unknown) or _intrinsic(child):
        yield child
    elif isinstance(child, list):
        conditions = [tuple(part.split("=", 1)) for part in wanted.split(",")] if wanted != "*" else []
        for item in child:
            if all(str(lookup(item, k) or "").casefold() == v.casefold() for k, v in conditions):
                yield from _walk(item, steps[1:])


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).casefold()


def _matches(rule: Evidence, text: str) -> str:
    for key, target in rule.values.items():
        if rule.match == "exact" and text == key.casefold():
            return target
        if rule.match == "prefix" and text.startswith(key.casefold()):
            return target
        if rule.match == "regex" and re.search(key, text):
            return target
    return rule.otherwise


def _when(rule: Evidence, props: Any) -> bool:
    return all(
        any(_text(v).startswith(prefix.casefold()) for v in _walk(props, path.split(".")))
        for path, prefix in rule.when.items()
    )


def _unknown(value: Any) -> str:
    if isinstance(value, Unknown):
        return value.why
    name = _intrinsic(value)
    return f"set by {name}" if name else ""


def read_option(option: Option, resource: Resource) -> tuple[str, str] | None:
    """The option's value and the evidence for it (``("", why)`` where the document hides the
    value), or None where the resource says nothing about the option.
    """
    for rule in option.evidence:
        if resource.format not in rule.formats or resource.type not in rule.types:
            continue
        if not rule.path:
            return rule.value, f"the resource type {resource.type} implies it"
        if not _when(rule, resource.properties):
            continue
        found = list(_walk(resource.properties, rule.path.split(".")))
        hidden = next((why for why in map(_unknown, found) if why), "")
        if hidden:
            return "", f"{rule.path} is {hidden}: its value is unknown, so the default is assumed"
        targets = {_matches(rule, _text(v)) for v in found if v is not None}
        targets.discard("")
        if len(targets) == 1:
            shown = ", ".join(str(v) for v in found)
            return targets.pop(), f"{rule.path} = {shown}"
        if targets and rule.otherwise:
            return rule.otherwise, f"{rule.path} mixes values ({', '.join(map(str, found))})"
    return None
