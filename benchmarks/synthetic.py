"""Synthetic catalogs of any size, valid by construction, for the scaling figures.

``synthetic(services=200, controls=60)`` gives plain data that `load_catalog` accepts: the 14
canonical layers, four categories, controls touching a few layers each (every tenth one
organizational), services with a few layer parts, a control row and an option of three values.
"""

import random
from typing import Any

LAYERS = (
    "facilities", "hardware", "network-infrastructure", "virtualization", "host-os", "guest-os",
    "platform", "network-controls", "application", "identity-infrastructure", "identity-and-access",
    "data-protection", "data", "endpoints",
)  # fmt: skip
SOURCE = {"title": "Synthetic", "url": "https://example.org/synthetic", "read": "2026-11-30"}


def _sides(rng: random.Random, what: str) -> dict[str, str]:
    choice = rng.choice([("provider",), ("customer",), ("provider", "customer")])
    return {side: f"{side} does {what} ({rng.randrange(10**6)})" for side in choice}


def synthetic(services: int = 200, controls: int = 60, seed: int = 0) -> dict[str, Any]:
    """Plain catalog data with the given numbers of services and controls."""
    rng = random.Random(seed)
    control_ids = [f"control-{i:04d}" for i in range(controls)]
    control_data = []
    for i, cid in enumerate(control_ids):
        entry: dict[str, Any] = {"id": cid, "title": f"Control {i}", "sources": [SOURCE]}
        if i % 10 == 9:
            entry["layers"] = None
            entry["duties"] = {"provider": "trains its staff", "customer": "trains its staff"}
        else:
            entry["layers"] = sorted(rng.sample(LAYERS, 3), key=LAYERS.index)
            entry["references"] = [f"FW:{i}"]
        control_data.append(entry)
    categories = [
        {
            "id": name,
            "name": name.title(),
            "sources": [SOURCE],
            "layers": {layer: _sides(rng, f"{name} {layer}") for layer in LAYERS},
        }
        for name in ("abstracted", "container", "infrastructure", "serverless")
    ]
    service_data = []
    for i in range(services):
        sid = f"service-{i:04d}"
        layered = [c for c in control_data if c["layers"]]
        row_control = rng.choice(layered)
        service_data.append(
            {
                "id": sid,
                "name": f"Service {i}",
                "provider": "cloud",
                "category": rng.choice(categories)["id"],
                "aliases": [f"AWS::Synthetic{i}::Thing", f"synthetic{i}"],
                "layers": {layer: _sides(rng, f"{sid} {layer}") for layer in rng.sample(LAYERS, 3)},
                "controls": {
                    row_control["id"]: {"layers": {row_control["layers"][0]: _sides(rng, f"{sid} row")}}
                },
                "options": [
                    {
                        "id": "mode",
                        "name": "Mode",
                        "default": "a",
                        "sources": [SOURCE],
                        "values": [
                            {"id": v, "name": v.upper(), "layers": {rng.choice(LAYERS): _sides(rng, v)}}
                            for v in ("a", "b", "c")
                        ],
                    }
                ],
                "sources": [SOURCE],
            }
        )
    return {
        "format": 1,
        "version": f"synthetic-{services}x{controls}",
        "parties": [
            {"id": "cloud", "name": "Cloud", "side": "provider"},
            {"id": "customer", "name": "Customer", "side": "customer"},
        ],
        "layers": [{"id": layer, "name": layer.replace("-", " ").title()} for layer in LAYERS],
        "controls": control_data,
        "categories": categories,
        "partitions": [
            {
                "id": "main",
                "name": "Main",
                "operator": "cloud",
                "regions": [{"id": "main-1"}],
                "sources": [SOURCE],
            }
        ],
        "deployments": [{"id": "region", "name": "Region", "sources": [SOURCE]}],
        "services": service_data,
    }
