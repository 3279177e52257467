"""From the names inventories carry to a service and the context they imply.

ARNs (``arn:aws-cn:s3:::bucket``), CloudFormation / AWS Config resource types
(``AWS::RDS::DBInstance``), service principals and CloudTrail event sources
(``lambda.amazonaws.com``) and API endpoint host names (``s3.eu-west-1.amazonaws.com``);
Azure resource ids (``/subscriptions/…/providers/Microsoft.Compute/virtualMachines/vm1``) and
Google Cloud full resource names (``//compute.googleapis.com/projects/p/zones/us-central1-a/instances/i``).
"""

import itertools
import re

from ._catalog import Catalog, suggest
from ._limits import Limits, chosen
from ._model import Context, Service
from ._regions import google_region
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


_AZURE_ID_SHAPE = "/subscriptions/SUBSCRIPTION/resourceGroups/GROUP/providers/NAMESPACE/TYPE/NAME"
_GOOGLE_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*\.googleapis\.com")
_GOOGLE_PLACES = ("locations", "regions", "zones")


def _azure_id(cat: Catalog, ref: str) -> tuple[Service, Context]:
    """An Azure resource id: its type is the namespace after the last ``providers`` and each
    type segment after it (``Microsoft.Sql/servers/databases``); an id carries no region.
    """
    segments = ref.strip("/").split("/")
    lowered = [s.casefold() for s in segments]
    if "providers" not in lowered:
        raise InvalidReferenceError(ref, f"an Azure resource id has a provider part ({_AZURE_ID_SHAPE})")
    start = len(lowered) - 1 - lowered[::-1].index("providers")
    rest = segments[start + 1 :]
    if len(rest) < 3 or "." not in rest[0]:
        raise InvalidReferenceError(ref, f"no resource type and name after 'providers' ({_AZURE_ID_SHAPE})")
    rtype = "/".join([rest[0], *rest[1::2]])
    return arm_service(cat, rtype) or _by_name(cat, rtype, ref), Context()


def arm_service(cat: Catalog, rtype: str) -> Service | None:
    """The service that lists an ARM resource type, else its nearest listed parent type: a
    server's firewall rule (``Microsoft.Sql/servers/firewallRules``) belongs with the server.
    """
    parts = rtype.split("/")
    for end in range(len(parts), 1, -1):
        found = cat.get_service("/".join(parts[:end]))
        if found is not None:
            return found
    return None


def _google_name(cat: Catalog, ref: str) -> tuple[Service, Context]:
    """A Google Cloud full resource name: the asset type from the API host and the last
    collection (``instances`` -> ``compute.googleapis.com/Instance``), else the API alone; a
    region or zone in the name gives the region.
    """
    host, _, path = ref[2:].partition("/")
    if not _GOOGLE_HOST.fullmatch(host):
        raise InvalidReferenceError(ref, f"{host!r} is not a Google API host (SERVICE.googleapis.com)")
    segments = [s for s in path.split("/") if s]
    region = None
    for place, value in itertools.pairwise(segments):
        if place in _GOOGLE_PLACES:
            region = google_region(value)
    if len(segments) >= 2:
        collection = segments[-2]
        kind = collection[:1].upper() + collection[1:].removesuffix("s")
        found = cat.get_service(f"{host}/{kind}")
        if found is not None:
            return found, Context(region=region)
    return _by_name(cat, host, ref), Context(region=region)


def service_for(cat: Catalog, reference: str, limits: Limits | None = None) -> tuple[Service, Context]:
    """The service a reference names and the context it implies (partition, region).

    Raises `InvalidReferenceError` for a malformed reference, naming the bad part;
    `UnknownServiceError` for a well-formed one whose service the catalog lacks; and
    `UnknownContextError` for a partition or region it does not know. ``limits`` (`Limits()`
    for None) bounds its length.
    """
    limits = chosen(limits)
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
    elif ref.casefold().startswith("/subscriptions/"):
        service, context = _azure_id(cat, ref)
    elif ref.startswith("//"):
        service, context = _google_name(cat, ref)
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
                ref,
                "not an ARN, an Azure resource id, a Google resource name, a resource type, "
                "a service principal, an endpoint or a service name",
            )
        service, context = found, Context()
    check_context(cat, context)
    return service, context
