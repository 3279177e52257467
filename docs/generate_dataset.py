"""Write docs/dataset.md, the dataset reference, from the packaged data.

Run ``python docs/generate_dataset.py``; ``tests/test_docs.py`` fails when the page is stale.
"""

from pathlib import Path

import shared_responsibility as sr

PAGE = Path(__file__).with_name("dataset.md")
MARK = {sr.Ownership.PROVIDER: "provider", sr.Ownership.SHARED: "shared", sr.Ownership.CUSTOMER: "customer"}


def _sides(r: sr.Resolution, role: sr.Role) -> str:
    sides = dict.fromkeys(d.party.side.value for d in r.duties if d.role is role)
    return ", ".join(sides) or "-"


def _layer_texts(cat: sr.Catalog) -> tuple[int, int]:
    """Duties of the default answers that are a layer's general text (named in the trail), of all."""
    general = total = 0
    for service in cat.services:
        for control in cat.controls:
            r = sr.resolve(cat, service.id, control.id)
            fallback = {t.target for t in r.trail if t.origin is sr.Origin.LAYER_TEXT}
            layers = {layer for targets in fallback for layer in targets.split(", ")}
            total += len(r.duties)
            general += sum(1 for d in r.duties if d.layer is not None and d.layer.id in layers)
    return general, total


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _service(cat: sr.Catalog, service: sr.Service) -> list[str]:
    lines = [f"## {service.name} (`{service.id}`)", ""]
    lines += [
        f"Category: `{service.category}`. Aliases: {', '.join(f'`{a}`' for a in service.aliases) or '-'}.",
        "",
    ]
    lines += ["| layer | owner | provider's part | customer's part |", "|---|---|---|---|"]
    for layer_id, lr in sr.split(cat, service.id).items():
        by_side = {
            side: " ".join(d.text for d in lr.duties if d.party.side is side) or "-" for side in sr.Side
        }
        lines.append(
            f"| {layer_id} | {MARK[lr.ownership]} | {_cell(by_side[sr.Side.PROVIDER])}"
            f" | {_cell(by_side[sr.Side.CUSTOMER])} |"
        )
    lines += ["", "| control | type | performs | only enables |", "|---|---|---|---|"]
    for c in cat.controls:
        r = sr.resolve(cat, service.id, c.id)
        performs, enables = _sides(r, sr.Role.PERFORMS), _sides(r, sr.Role.ENABLES)
        lines.append(f"| {c.id} | {r.ownership.control_type} | {performs} | {enables} |")
    where = service.availability
    if where is not None:
        missing = f"; not in {', '.join(where.regions_without)}" if where.regions_without else ""
        runs = ", ".join(where.deployments)
        lines += ["", f"Offered in partitions {', '.join(where.partitions)}{missing}; runs in {runs}."]
    for option in service.options:
        values = ", ".join(f"`{v.id}`" for v in option.values)
        lines += [
            "",
            f"Option `{service.id}.{option.id}` ({option.name}): {values}; default `{option.default}`.",
        ]
        if option.note:
            lines.append(f"{_cell(option.note)}")
    if service.notes:
        lines += ["", "Notes:", ""] + [f"- {_cell(n)}" for n in service.notes]
    lines += ["", "Sources:", ""] + [
        f"- [{_cell(s.title)}]({s.url}), {s.kind or 'unstated kind'}, read {s.read}" for s in service.sources
    ]
    return [*lines, ""]


_CHANGES = [
    "## What changed in 2026.12.06.3",
    "",
    "- Azure SQL on virtual machines: rows for configuration management (guest OS, platform,",
    "  application), high availability, scaling, software installation and SQL Server vulnerability",
    "  management, read from Microsoft's SQL Server on Azure VMs pages and the sql-iaas baseline;",
    "  Azure Virtual Desktop: a configuration-management row for the session hosts' OS.",
    "- Azure Local and Azure Stack Hub: rows for every control whose layers these deployments",
    "  change (configuration, vulnerability management, physical protection, media sanitization,",
    "  monitoring, scaling, software installation, availability); where the pages read are silent,",
    "  the row's note says so and the row follows who holds the layer. No answer of any provider",
    "  falls back to a layer's general text any more.",
    "- Options for three AWS services whose split depends on a choice: EC2 Auto Scaling",
    "  `update-method` (patched in place, or replaced by an instance refresh from the customer's",
    "  image), Amazon EMR `deployment` (on EC2, Serverless, on EKS; the resource type decides) and",
    "  AWS Directory Service `directory-type` (Managed Microsoft AD, Simple AD, AD Connector).",
    "",
    "## What changed in 2026.12.06.2",
    "",
    "- 188 more AWS services (258 in all): every CloudFormation resource type of us-east-1 and every",
    "  AWS Config resource type is listed as an alias of its service, or named with the reason it",
    "  is not (`tests/test_coverage.py`: 1,881 types, 1,851 placed, 30 in 12 namespaces of",
    "  discontinued services or non-services). Each new service cites its own documentation",
    "  (mostly its security chapter), takes its category's split unless that chapter states",
    "  another (a `Split:` note says which), and says where it is offered.",
    "- Terraform resource types of the AWS provider (976 more with the new services) as aliases.",
    "- Where an inventory reads each option (`Evidence` on the option), in CloudFormation, AWS",
    "  Config and Terraform terms.",
    "- Namespaces that are features of a service already here are listed with it (EMR Serverless",
    "  and EMR on EKS with EMR, S3 Express One Zone, S3 Tables and S3 Vectors with S3, EventBridge",
    "  Pipes and Scheduler with EventBridge, Route 53 Resolver with Route 53 …); the network types",
    "  of the EC2 namespace are VPC's, transit gateways Transit Gateway's.",
    "",
    "Checked against their sources: the claims of a random sample of 30 new services (60 claims",
    "their authors cited, plus 77 checks of the entries' category, split note, join keys and",
    "availability) were read against the pages cited: 84 confirmed, 38 plausible (consistent",
    "with the page, not stated there), 2 wrong and 13 uncited. Both wrong ones were fixed (Claude",
    "Platform's category note said AWS runs what Anthropic runs; Amazon Transcribe's note put the",
    "default SSE-S3 encryption on a service bucket instead of the customer's); the uncited ones are",
    "availability of services not in the Regions parameters, now said so in their notes. Known",
    "unevenness: some new entries list CloudTrail event sources taken from AWS's API models without",
    "checking them on a CloudTrail page (their notes say so), others leave such values out.",
    "",
    "The dataset stays one file, `data/catalog.json`, with services sorted by id and one field a",
    "line, so a change to a service is a small, local diff; this page is its per-service view.",
    "",
    "## What changed in 2026.12.06.1",
    "",
    "- Roles: every duty performs or only enables; ownership and control types follow the performing",
    "  duties, so a feature the customer must turn on (S3 versioning, KMS rotation of customer managed",
    "  keys, Lambda's Manual runtime mode) no longer makes a control shared.",
    "- Control rows for every category and control, and per service, option value and deployment where",
    "  a service's own layer split differs: answers speak of the control asked (before: 91 % of the",
    "  duties were a layer's general text; now none in any context a service is offered in).",
    "- Availability: partitions, regions and deployments per service, from AWS's Systems Manager",
    "  global-infrastructure parameters (read through an offline copy that the moto package ships)",
    "  and AWS's Outposts, Local Zones and Wavelength pages; the AWS European Sovereign Cloud",
    "  partition; GovCloud's and China's terms and what each deployment changes, in every answer's trail.",
    "- Fixes from checking claims against their sources: Lambda and EKS encrypt at rest by default;",
    "  Storage Gateway's on-premises VM leaves the hypervisor host to the customer; unrelated citations",
    "  replaced; CSA CCM pinned to v4.0; ISO A.8.20 is 'Networks security'; notes free of build paths.",
    "- New services: AWS Fargate, AWS STS, Amazon EventBridge; 'Auto Scaling' names EC2 Auto Scaling.",
    "- Known limits: the Local Zones list is built from per-service guides (AWS's per-zone features",
    "  page was not read), so a service missing there may still run in some zone; Shield Standard is",
    "  not in the parameters, so Shield is offered only where Shield Advanced is.",
    "",
]


def _owner(parts: tuple[sr.Part, ...], layer: str) -> str:
    sides = [p.side for p in parts if p.layer == layer and p.role is sr.Role.PERFORMS]
    return sr.Ownership.of(sides).value


def _history(cat: sr.Catalog) -> list[str]:
    """Where a provider changed its model: each earlier version's layers that differ from today's."""
    lines = [
        "",
        "## Models as they were",
        "",
        "`default_catalog(as_of=date)` answers with a category as published on that date. Layers that",
        "differ from today's model:",
        "",
        "| category | until | layer | then | now |",
        "|---|---|---|---|---|",
    ]
    for g in cat.categories:
        for r in g.history:
            for layer in cat.layers:
                then, now = _owner(r.layers, layer.id), _owner(g.layers, layer.id)
                if then != now:
                    lines.append(f"| {g.id} | {r.until} | {layer.id} | {then} | {now} |")
    return lines


def render(cat: sr.Catalog) -> str:
    """The dataset reference page for a catalog."""
    general_total = _layer_texts(cat)
    lines = [
        "# Dataset reference",
        "",
        f"Generated from the packaged dataset, version {cat.version}, by `docs/generate_dataset.py`.",
        "Each service shows who holds each layer in the default context (a commercial region, every",
        "option at its default), the control types that follow with the sides that perform and those",
        "that only enable, where it is offered, its options, notes and sources (each source says whether",
        "it is the provider's own page, someone else's, or an archived copy).",
        "",
        *_CHANGES,
        "## Control answers",
        "",
        "A control's answer is made of duties about that control: category rows for every category and",
        "control, then service, option-value and deployment rows where the sources say more. Of the",
        f"{general_total[1]} duties in the default answers of every service and control, {general_total[0]}",
        "fall back to a layer's general text (the trail names any such fallback); the test",
        "`test_every_answer_is_made_of_duties_about_its_control` checks every context each service is",
        'offered in. Where a row says "sources silent", the sources read say nothing about that control',
        "for that service and the row follows who holds the layer.",
        "",
        "## Controls",
        "",
        "| control | layers | references |",
        "|---|---|---|",
    ]
    for c in cat.controls:
        layers = ", ".join(c.layers) if c.layers is not None else "organizational"
        lines.append(f"| {c.id} | {layers} | {', '.join(c.references)} |")
    lines += _history(cat)
    lines += ["", "## Contexts", "", "| kind | id | name | what it changes |", "|---|---|---|---|"]
    lines += [f"| partition | {p.id} | {p.name} | {_cell(p.summary) or '-'} |" for p in cat.partitions]
    lines += [f"| deployment | {d.id} | {d.name} | {_cell(d.summary) or '-'} |" for d in cat.deployments]
    lines.append("")
    for service in cat.services:
        lines += _service(cat, service)
    return "\n".join(lines)


if __name__ == "__main__":
    PAGE.write_text(render(sr.default_catalog()), encoding="utf-8")
