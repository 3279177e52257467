"""Region names as Azure and Google Cloud write them, read the way their APIs name regions."""

import re

__all__ = ["azure_region", "google_region"]

_ZONE = re.compile(r"([a-z]+-[a-z]+\d+)-[a-z]")
_REGION = re.compile(r"[a-z]+-[a-z]+\d+")


def google_region(location: object) -> str | None:
    """The region a Google location names (``us-central1`` for the zone ``us-central1-a``);
    None for ``global``, a multi-region (``us``, ``eu``) or no location.
    """
    if not isinstance(location, str):
        return None
    zone = _ZONE.fullmatch(location)
    if zone:
        return zone.group(1)
    return location if _REGION.fullmatch(location) else None


def azure_region(location: object) -> str | None:
    """The region an Azure location names, as its APIs write it (``West Europe`` is
    ``westeurope``); None for ``global`` or no location.
    """
    if not isinstance(location, str) or not location.strip():
        return None
    region = location.replace(" ", "").casefold()
    return None if region == "global" else region
