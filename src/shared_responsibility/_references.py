"""From the names inventories carry to a service and the context they imply.

ARNs (``arn:aws-cn:s3:::bucket``), CloudFormation / AWS Config resource types
(``AWS::RDS::DBInstance``), service principals and CloudTrail event sources
(``lambda.amazonaws.com``) and API endpoint host names (``s3.eu-west-1.amazonaws.com``).
"""

import re

from ._catalog import Catalog, suggest
from ._limits import DEFAULT_LIMITS, Limits
from ._model import Context, Service
from ._resolver import check_context
from .errors import InvalidReferenceError, UnknownServiceError, _short

__all__ = ["service_for"]

_PARTITION = re.compile(r"aws(?:-[a-z]+)*")
_NAMESPACE = re.compile(r"[a-z0-9][a-z0-9-]*")
_REGION = re.compile(r"[a-z]{2}(?:-[a-z]+)+-\d+")
_ACCOUNT = re.compile(r"\d{12}|aws")
_RESOURCE_TYPE = re.compile(r"[A-Za-z][A-Za-z0-9]*::[A-Za-z0-9]+::[A-Za-z0-9]+")
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+amazonaws\.com(?:\.cn)?")
_ARN_SHAPE = "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE"


def _by_name(cat: Catalog, name: str, reference: str) -> Service:
    found = cat.get_service(name)
    if found is None:
        keys = [k for s in cat.services for k in (s.id, *s.aliases)]
        detail = f"unknown service {_short(name)!r} in {_short(reference)!r}"
        raise UnknownServiceError(name, suggest(name, keys), detail)
    return found


def _arn(cat: Catalog, ref: str) -> tuple[Service, Context]:
    parts = ref.split(":", 5)
    if len(parts) < 6:
        raise InvalidReferenceError(ref, f"an ARN has six parts ({_ARN_SHAPE}), this has {len(parts)}")
    _, partition, namespace, region, account, resource = parts
    if not _PARTITION.fullmatch(partition):
        raise InvalidReferenceError(ref, f"partition {partition!r} is not of the form 'aws' or 'aws-cn'")
    if not _NAMESPACE.fullmatch(namespace):
        raise InvalidReferenceError(ref, f"service namespace {namespace!r} is empty or not lower-case")
    if region and not _REGION.fullmatch(region):
        raise InvalidReferenceError(ref, f"region {region!r} is not of the form 'eu-west-1'")
    if account and not _ACCOUNT.fullmatch(account):
        raise InvalidReferenceError(ref, f"account {account!r} is not 12 digits")
    if not resource:
        raise InvalidReferenceError(ref, "the resource part is empty")
    kind = re.split(r"[/:]", resource, maxsplit=1)[0]
    service = cat.get_service(f"{namespace}:{kind}") or _by_name(cat, namespace, ref)
    return service, Context(partition=partition, region=region or None)


def _host(cat: Catalog, ref: str) -> tuple[Service, Context]:
    china = ref.endswith(".com.cn")
    partition = "aws-cn" if china else None
    exact = cat.get_service(ref.removesuffix(".cn"))  # a principal or event source
    if exact is not None:
        return exact, Context(partition=partition)
    labels = ref.removesuffix(".amazonaws.com.cn" if china else ".amazonaws.com").split(".")
    region = labels.pop() if len(labels) > 1 and _REGION.fullmatch(labels[-1]) else None
    labels = [label.removesuffix("-fips") for label in labels if label not in ("dualstack", "fips")]
    # An endpoint prefix has at most two labels ("api.ecr"); before them, a bucket name.
    for start in range(max(0, len(labels) - 3), len(labels)):
        found = cat.get_service(".".join(labels[start:]))
        if found is not None:
            return found, Context(partition=None if region else partition, region=region)
    if not labels:
        raise InvalidReferenceError(ref, "no endpoint prefix before the region")
    return _by_name(cat, labels[-1], ref), Context(partition=partition, region=region)


def service_for(cat: Catalog, reference: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Service, Context]:
    """The service a reference names and the context it implies (partition, region).

    Raises `InvalidReferenceError` for a malformed reference, naming the bad part;
    `UnknownServiceError` for a well-formed one whose service the catalog lacks; and
    `UnknownContextError` for a partition or region it does not know.
    """
    if not isinstance(reference, str):
        raise InvalidReferenceError(
            repr(reference), f"a reference is a string, got {type(reference).__name__}"
        )
    if len(reference) > limits.max_reference:
        head = reference[:40] + "…"
        raise InvalidReferenceError(
            head, f"{len(reference)} characters, over the limit of {limits.max_reference}"
        )
    ref = reference.strip()
    if not ref:
        raise InvalidReferenceError(reference, "it is empty")
    if ref.startswith("arn:"):
        service, context = _arn(cat, ref)
    elif "::" in ref:
        if not _RESOURCE_TYPE.fullmatch(ref):
            raise InvalidReferenceError(ref, "a resource type has three parts, like 'AWS::S3::Bucket'")
        service, context = _by_name(cat, ref, ref), Context()
    elif ref.endswith((".amazonaws.com", ".amazonaws.com.cn")):
        if not _HOST.fullmatch(ref):
            raise InvalidReferenceError(ref, "not a valid host name")
        service, context = _host(cat, ref)
    else:
        found = cat.get_service(ref)
        if found is None:
            raise InvalidReferenceError(
                ref, "not an ARN, a resource type, a service principal, an endpoint or a service name"
            )
        service, context = found, Context()
    check_context(cat, context)
    return service, context
