"""The command-line tool: ``shared-responsibility`` and ``python -m shared_responsibility``.

Exit codes: 0 success; 1 unknown names, invalid data or unreadable input (the message, with
suggestions, on stderr); 2 usage errors (argparse's own). Output is deterministic.
"""

import argparse
import json
import re
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import attrs

from . import __version__
from ._answers import compare, split, workload
from ._catalog import Catalog, provider_named, provider_names, suggest
from ._data import default_catalog, load_catalog
from ._export import FORMATS, export, rows
from ._inventory import InventoryItem, inventory, read_document
from ._model import Context, Override, Ownership, Party, Side
from ._picture import stack_svg
from ._resolver import check_context, matrix, resolve
from ._views import framework_view
from .adapters import decode, parse_text
from .errors import (
    CatalogError,
    InventoryError,
    SharedResponsibilityError,
    UnknownFormatError,
    UnknownNameError,
)

__all__ = ["main"]

PROG = "shared-responsibility"
WIDTH = 80


def _table(headers: Sequence[str], body: Iterable[Sequence[str]], width: int) -> str:
    """A plain-text table that fits ``width`` columns, wrapping the widest cells."""
    data = [list(map(str, r)) for r in body]
    widths = [max([len(h), *(len(r[i]) for r in data)]) for i, h in enumerate(headers)]
    room = width - 2 * (len(headers) - 1)
    while sum(widths) > room and max(widths) > 12:
        widths[widths.index(max(widths))] -= 1
    lines: list[str] = []
    for row in [list(headers), ["-" * w for w in widths], *data]:
        cells = [_wrap(c, w) for c, w in zip(row, widths, strict=True)]
        for k in range(max(map(len, cells))):
            parts = [(c[k] if k < len(c) else "").ljust(w) for c, w in zip(cells, widths, strict=True)]
            lines.append("  ".join(parts).rstrip())
    return "\n".join(lines) + "\n"


_BREAKS = re.compile(r"(?<=[./:_-])(?=[^./:_-])")
"""Where a long name may break: after a dot, slash, colon, underscore or hyphen."""


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width``: words whole where they fit, and names too long for a line
    (resource addresses, ARNs) broken after their separators rather than mid-word.
    """
    lines: list[str] = []
    for word in text.split() or [""]:
        pieces = _BREAKS.split(word) if len(word) > width else [word]
        for i, piece in enumerate(pieces):
            joined = lines[-1] + ("" if i else " ") + piece if lines else piece
            if lines and len(joined) <= width and (i or lines[-1]):
                lines[-1] = joined
            else:
                lines += textwrap.wrap(piece, width) or [""]
    return lines or [""]


def _ids(values: Any) -> str:
    return ", ".join(values) if isinstance(values, list) else str(values)


def _export(obj: Any, args: argparse.Namespace) -> str:
    """An export in the format asked for; an SSP takes the system's name and profile too."""
    return export(obj, args.format, system_name=args.system_name, profile=args.profile)


def _render(obj: Any, args: argparse.Namespace, headers: Sequence[str], keys: Sequence[str]) -> str:
    fmt, width = args.format, args.width
    if fmt != "table":
        return _export(obj, args)
    return _table(headers, ([_ids(row.get(k, "")) for k in keys] for row in rows(obj)), width)


def _options(values: Sequence[str]) -> dict[str, str]:
    found = {}
    for value in values:
        key, sep, choice = value.partition("=")
        if not sep or not key or not choice:
            raise argparse.ArgumentTypeError(f"--option takes service.option=value, got {value!r}")
        found[key] = choice
    return found


def _overrides(path: str) -> tuple[list[Override], list[Party]]:
    """``{"parties": [{id, name, side}], "overrides": [{service, target, parties, reason}]}``."""
    data = read_document(Path(path))
    problems: list[str] = []
    if not isinstance(data, dict):
        raise CatalogError([f"{path}: an overrides file is a JSON object with 'overrides' and 'parties'"])
    parties, overrides = [], []
    for i, p in enumerate(data.get("parties", [])):
        try:
            parties.append(Party(id=p["id"], name=p.get("name", p["id"]), side=Side(p["side"])))
        except (KeyError, TypeError, ValueError) as e:
            problems.append(f"parties[{i}]: needs 'id' and 'side' ('provider' or 'customer'): {e}")
    for i, o in enumerate(data.get("overrides", [])):
        try:
            overrides.append(
                Override(
                    service=o["service"],
                    target=o["target"],
                    parties=tuple(o["parties"]),
                    reason=o.get("reason", ""),
                )
            )
        except (KeyError, TypeError) as e:
            problems.append(f"overrides[{i}]: needs 'service', 'target' and 'parties': {e}")
    if problems:
        raise CatalogError(problems)
    return overrides, parties


def _catalog(args: argparse.Namespace) -> Catalog:
    cat = load_catalog(args.catalog) if args.catalog else default_catalog()
    if args.as_of:
        cat = cat.as_of(args.as_of)
    if args.overrides:
        overrides, parties = _overrides(args.overrides)
        cat = cat.with_overrides(overrides, parties=parties)
    return cat


def _context(args: argparse.Namespace, cat: Catalog) -> Context | None:
    if not (args.option or args.deployment or args.partition or args.region):
        return None
    context = Context(
        partition=args.partition,
        region=args.region,
        deployment=args.deployment or "region",
        options=_options(args.option),
    )
    check_context(cat, context)
    return context


def _split_kind(service: Any) -> str:
    """Whether a service states its own split, or takes its category's."""
    own = service.layers or service.controls or service.options
    return "service-specific" if own else "category default"


def cmd_services(args: argparse.Namespace, cat: Catalog, out: TextIO) -> None:
    providers = sorted({s.provider for s in cat.services})
    if args.provider is not None:
        args.provider = provider_named(args.provider) or args.provider
    if args.provider is not None and args.provider not in providers:
        hint = suggest(args.provider, provider_names())
        raise UnknownNameError(args.provider, hint, f"no services of provider {args.provider!r}")
    table = [
        {
            "id": s.id,
            "name": s.name,
            "category": s.category,
            "split": _split_kind(s),
            "options": [o.id for o in s.options],
        }
        for s in cat.services
        if args.provider in (None, s.provider)
    ]
    heads = ("service", "name", "category", "split", "options")
    _write_plain(table, args, out, heads, ("id", "name", "category", "split", "options"))


def cmd_controls(args: argparse.Namespace, cat: Catalog, out: TextIO) -> None:
    table = [
        {
            "id": c.id,
            "title": c.title,
            "layers": list(c.layers) if c.layers is not None else ["organizational"],
            "references": [r for r in c.references if r.startswith("NIST")],
        }
        for c in cat.controls
    ]
    _write_plain(
        table, args, out, ("control", "title", "layers", "NIST"), ("id", "title", "layers", "references")
    )


def _write_plain(
    table: list[dict[str, Any]],
    args: argparse.Namespace,
    out: TextIO,
    headers: Sequence[str],
    keys: Sequence[str],
) -> None:
    # `main` has refused the formats the subcommand does not write (`_WRITES`)
    if args.format == "json":
        out.write(json.dumps(table, indent=2, ensure_ascii=False) + "\n")
    elif args.format == "table":
        out.write(_table(headers, ([_ids(row.get(k, "")) for k in keys] for row in table), args.width))
    else:
        from ._export import _csv, _markdown

        out.write(_csv(table) if args.format == "csv" else _markdown(table))


def cmd_show(args: argparse.Namespace, cat: Catalog, out: TextIO) -> None:
    table = split(cat, args.service, _context(args, cat))
    service = cat.service(args.service)
    if args.format == "svg":
        out.write(stack_svg([table]))
    elif args.format == "table":
        out.write(f"{service.name} ({service.id}, {service.category}), top of the stack first:\n")
        reversed_table = dict(reversed(list(table.items())))
        out.write(
            _table(
                ("layer", "owner", "held by"),
                (
                    [_ids(row.get(k, "")) for k in ("layer", "ownership", "parties")]
                    for row in rows(reversed_table)
                ),
                args.width,
            )
        )
        for option in service.options:  # what moves the line, and how to say so
            values = ", ".join(v.id + (" (default)" if v.id == option.default else "") for v in option.values)
            line = f"option {service.id}.{option.id} ({option.name}): {values}"
            out.write("\n" + textwrap.fill(line, args.width, subsequent_indent="    "))
        if service.options:
            out.write(f"\n  choose with --option {service.id}.{service.options[0].id}=VALUE\n")
    else:
        out.write(_export(table, args))


def cmd_resolve(args: argparse.Namespace, cat: Catalog, out: TextIO) -> None:
    r = resolve(cat, args.service, args.control, _context(args, cat))
    if args.format != "table":
        out.write(_export(r, args))
        return
    out.write(f"{r.control.title} for {r.service.name}: {r.ownership.value} ({r.ownership.control_type})\n\n")
    duties = [(d.party.name, d.role.value, d.layer.id if d.layer else "-", d.text) for d in r.duties]
    out.write(_table(("party", "role", "layer", "duty"), duties, args.width))
    trail = [(t.origin.value, t.name, t.target) for t in r.trail]
    out.write("\ndecided by, weakest first:\n" + _table(("origin", "rule", "target"), trail, args.width))
    out.write("\nsources:\n")
    for s in r.sources:  # a URL stays whole on its own line, even where it is longer than the width
        title = textwrap.fill(
            f"{s.title} (read {s.read})", args.width, initial_indent="  ", subsequent_indent="  "
        )
        out.write(f"{title}\n    {s.url}\n")


def cmd_matrix(args: argparse.Namespace, cat: Catalog, out: TextIO) -> None:
    result = matrix(cat, args.services, args.controls or None, _context(args, cat))
    out.write(_render(result, args, ("service", "control", "type"), ("service", "control", "control_type")))


def cmd_workload(args: argparse.Namespace, cat: Catalog, out: TextIO) -> None:
    context = _context(args, cat)
    if args.format == "svg":
        out.write(stack_svg([split(cat, s, context) for s in args.services]))
        return
    result = workload(cat, args.services, context, by=args.by)
    heads = (args.by, "customer's duty", "services")
    out.write(_render(result, args, heads, ("target", "duty", "services")))


def cmd_framework(args: argparse.Namespace, cat: Catalog, out: TextIO) -> None:
    view = framework_view(cat, args.services, args.framework, _context(args, cat), args.controls or None)
    heads = ("requirement", "title", "owner", "note")
    out.write(_render(view, args, heads, ("reference", "title", "ownership", "note")))


def cmd_shift(args: argparse.Namespace, cat: Catalog, out: TextIO) -> None:
    context = _context(args, cat)
    _write_comparison(cat, (args.before, context), (args.after, context), args, out)


def cmd_compare(args: argparse.Namespace, cat: Catalog, out: TextIO) -> None:
    before = _context(args, cat)
    after = _after_context(args, cat, before)
    _write_comparison(cat, (args.before, before), (args.after, after), args, out)


def _after_context(args: argparse.Namespace, cat: Catalog, before: Context | None) -> Context | None:
    """The second side's context: the first's, with whatever the ``--after-*`` flags change."""
    if not (args.after_option or args.after_deployment or args.after_partition or args.after_region):
        return before
    base = before or Context()
    context = attrs.evolve(
        base,
        partition=args.after_partition or (None if args.after_region else base.partition),
        region=args.after_region or base.region,
        deployment=args.after_deployment or base.deployment,
        options={**base.options, **_options(args.after_option)},
    )
    check_context(cat, context)
    return context


def _write_comparison(
    cat: Catalog,
    before: tuple[str, Context | None],
    after: tuple[str, Context | None],
    args: argparse.Namespace,
    out: TextIO,
) -> None:
    if args.format == "svg":  # the two stacks side by side
        out.write(stack_svg([split(cat, *before), split(cat, *after)]))
        return
    changes = compare(cat, before, after)
    if not changes and args.format == "table":
        out.write(f"nothing changes from {args.before} to {args.after}\n")
        return
    table = rows(changes)
    heads = ("kind", "what", "change", args.before, args.after)
    _write_plain(table, args, out, heads, ("kind", "what", "change", "before", "after"))


def _progress(items: Iterator[InventoryItem], show: bool) -> Iterator[InventoryItem]:
    count = 0
    for count, item in enumerate(items, 1):
        if show and count % 500 == 0:
            sys.stderr.write(f"\r{count} resources…")
            sys.stderr.flush()
        yield item
    if show and count >= 500:
        sys.stderr.write(f"\r{count} resources.\n")


def _inventories(args: argparse.Namespace, cat: Catalog) -> Iterator[InventoryItem]:
    """The items of every file given, in order; ``-`` reads one document from standard input."""
    for name in args.files:
        if name == "-":
            try:
                data = sys.stdin.buffer.read()
            except (OSError, AttributeError) as e:
                raise InventoryError(f"<stdin>: cannot read: {e}") from None
            text = decode(data, "<stdin>")
            source: Any = parse_text(text, "<stdin>")
            yield from inventory(cat, source, args.controls or None, _context(args, cat), name="<stdin>")
        else:
            yield from inventory(cat, Path(name), args.controls or None, _context(args, cat))


def _summary(items: Iterable[InventoryItem], out: TextIO, width: int) -> None:
    """Counts: resources placed and not, by service, and the unplaced types by frequency."""
    placed: dict[str, int] = {}
    unplaced: dict[str, int] = {}
    for item in items:
        if item.service is not None:
            placed[item.service.id] = placed.get(item.service.id, 0) + 1
        else:
            key = item.type or item.resource
            unplaced[key] = unplaced.get(key, 0) + 1
    done = sum(placed.values())
    total = done + sum(unplaced.values())
    share = f" ({done / total:.1%})" if total else ""
    out.write(f"{total} resources: {done} placed{share}, {total - done} not placed\n")
    if placed:
        rows_ = sorted(placed.items(), key=lambda kv: (-kv[1], kv[0]))
        out.write("\n" + _table(("service", "resources"), [(k, str(v)) for k, v in rows_], width))
    if unplaced:
        rows_ = sorted(unplaced.items(), key=lambda kv: (-kv[1], kv[0]))
        out.write(
            "\nnot placed, by type:\n" + _table(("type", "resources"), [(k, str(v)) for k, v in rows_], width)
        )


def cmd_inventory(args: argparse.Namespace, cat: Catalog, out: TextIO) -> None:
    items = _progress(_inventories(args, cat), sys.stderr.isatty())
    if args.summary:
        _summary(items, out, args.width)
    elif args.format == "table":
        summary = []
        for item in items:
            if item.service is None:
                summary.append((item.resource, "-", f"cannot place: {item.reason}"))
                continue
            counts = [sum(r.ownership is o for r in item.resolutions) for o in Ownership]
            summary.append((item.resource, item.service.id, "/".join(map(str, counts))))
        out.write(_table(("resource", "service", "controls: provider/shared/customer"), summary, args.width))
    else:
        out.write(_export(list(items), args))


def cmd_validate(args: argparse.Namespace, cat: Catalog, out: TextIO) -> None:
    data = read_document(Path(args.file))
    if isinstance(data, dict) and "services" in data:
        checked = load_catalog(data)
        counts = f"{len(checked.services)} services, {len(checked.controls)} controls"
        out.write(f"{args.file}: a valid catalog, version {checked.version}: {counts}\n")
        return
    overrides, parties = _overrides(args.file)
    cat.with_overrides(overrides, parties=parties)
    out.write(f"{args.file}: {len(overrides)} valid overrides, {len(parties)} parties\n")


def _add_framework(add: Callable[[str, str, str], argparse.ArgumentParser]) -> None:
    """The ``framework`` subcommand: what a framework's requirements ask of a workload."""
    p = add(
        "framework",
        "a framework's requirements for a set of services: who holds each, what is still yours",
        "framework ec2 s3 --controls SI-2 AC-2",
    )
    p.add_argument("services", nargs="+", metavar="SERVICE")
    p.add_argument("--framework", default="NIST-800-53", help="NIST-800-53 (default), ISO-27001 or CCM")
    p.add_argument(
        "--controls",
        nargs="+",
        metavar="REFERENCE",
        help="only these requirements (SI-2, sc-8.1, CCM:BCR-08 …)",
    )
    p.set_defaults(run=cmd_framework)


def _add_compare(add: Callable[[str, str, str], argparse.ArgumentParser]) -> None:
    """The ``compare`` subcommand: two sides, the second's context set by ``--after-*``."""
    p = add(
        "compare",
        "what differs between two services, contexts or option sets: ownership and duties",
        "compare lambda lambda --after-option lambda.package-type=image",
    )
    p.add_argument("before", metavar="SERVICE")
    p.add_argument("after", metavar="OTHER")
    p.add_argument(
        "--after-option",
        action="append",
        default=[],
        metavar="SERVICE.OPTION=VALUE",
        help="an option value for the second side (the context flags set both sides)",
    )
    p.add_argument("--after-deployment", help="the second side's deployment")
    p.add_argument("--after-partition", help="the second side's partition")
    p.add_argument("--after-region", help="the second side's region")
    p.set_defaults(run=cmd_compare)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    ctx = common.add_argument_group("context and data")
    ctx.add_argument(
        "--option",
        action="append",
        default=[],
        metavar="SERVICE.OPTION=VALUE",
        help="an option value (repeatable)",
    )
    ctx.add_argument(
        "--deployment", help="region (default), outposts, local-zone, azure-stack-hub, gdc-connected …"
    )
    ctx.add_argument("--partition", help="aws, aws-cn, aws-us-gov, azure, azure-china, google-cloud …")
    ctx.add_argument("--region", help="a region, e.g. cn-north-1 or westeurope (implies the partition)")
    ctx.add_argument(
        "--as-of", metavar="DATE", help="answer with the providers' models as published on DATE (YYYY-MM-DD)"
    )
    ctx.add_argument("--catalog", metavar="FILE", help="use this dataset instead of the packaged one")
    ctx.add_argument("--overrides", metavar="FILE", help="apply an organization's overrides (JSON)")
    ctx.add_argument(
        "--format",
        choices=("table", *FORMATS, "svg"),
        default="table",
        help="output format (default: table; svg for show, workload, shift and compare)",
    )
    ctx.add_argument(
        "--system-name", metavar="NAME", help="oscal-ssp: the system's name (default: after its services)"
    )
    ctx.add_argument(
        "--profile",
        metavar="HREF",
        help="oscal-ssp: the profile it imports, by href or as fedramp-rev5-moderate or "
        "nist-800-53-rev5-moderate (default: NIST SP 800-53 Moderate)",
    )

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Who is responsible for what in the cloud: the provider, the customer, or both.",
        epilog=f"example: {PROG} resolve ec2 patch-management",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, help_: str, example: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name, parents=[common], help=help_, description=help_, epilog=f"example: {PROG} {example}"
        )

    p = add("services", "list the services of the catalog", "services --provider aws --format csv")
    p.add_argument("--provider", help="only the services of this provider (aws, microsoft, google)")
    p.set_defaults(run=cmd_services)
    add("controls", "list the controls of the catalog", "controls").set_defaults(run=cmd_controls)
    p = add(
        "show", "show who holds each layer of one service", "show lambda --option lambda.package-type=image"
    )
    p.add_argument("service")
    p.set_defaults(run=cmd_show)
    p = add(
        "resolve",
        "who is responsible for one control of one service",
        "resolve ec2 patch-management --deployment outposts",
    )
    p.add_argument("service")
    p.add_argument("control")
    p.set_defaults(run=cmd_resolve)
    p = add(
        "matrix",
        "control types for services x controls",
        "matrix ec2 s3 --controls patch-management encryption-at-rest",
    )
    p.add_argument("services", nargs="+", metavar="SERVICE")
    p.add_argument("--controls", nargs="+", metavar="CONTROL", help="controls to include (default: all)")
    p.set_defaults(run=cmd_matrix)
    p = add("workload", "the customer's combined duties for a set of services", "workload ec2 rds s3")
    p.add_argument("services", nargs="+", metavar="SERVICE")
    p.add_argument(
        "--by", choices=("layer", "control"), default="layer", help="group duties by layer or by control"
    )
    p.set_defaults(run=cmd_workload)
    p = add("shift", "what changes hands moving from one service to another", "shift ec2 lambda")
    p.add_argument("before", metavar="FROM")
    p.add_argument("after", metavar="TO")
    p.set_defaults(run=cmd_shift)
    _add_compare(add)
    _add_framework(add)
    p = add(
        "inventory",
        "responsibilities per resource of templates, Config snapshots, Terraform plans or ARNs",
        "inventory template.yaml plan.json",
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="CloudFormation or SAM templates, AWS Config snapshots or query results (.json, .jsonl,"
        " .json.gz), terraform show -json output of a plan or a state, or lists of references;"
        " - reads one document from standard input",
    )
    p.add_argument("--controls", nargs="+", metavar="CONTROL", help="controls to resolve (default: all)")
    p.add_argument(
        "--summary", action="store_true", help="print counts, with the types not placed by frequency"
    )
    p.set_defaults(run=cmd_inventory)
    p = add("validate", "check a dataset or an overrides file", "validate my-catalog.json")
    p.add_argument("file", metavar="FILE")
    p.set_defaults(run=cmd_validate)
    return parser


_PLAIN = ("table", "csv", "markdown", "json")
_WRITES = {
    "services": _PLAIN,
    "controls": _PLAIN,
    "show": (*_PLAIN, "svg"),
    "shift": (*_PLAIN, "svg"),
    "compare": (*_PLAIN, "svg"),
    "workload": ("table", *FORMATS, "svg"),
}
"""The formats of the subcommands that do not write every format (OSCAL needs controls; only
the stacks of a service, a workload or a comparison are drawn)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the tool; returns the exit code."""
    args = _parser().parse_args(argv)
    args.width = shutil.get_terminal_size((WIDTH, 24)).columns if sys.stdout.isatty() else WIDTH
    try:
        writes = _WRITES.get(args.command, ("table", *FORMATS))
        if args.format not in writes:
            detail = f"{args.command} writes {', '.join(writes)}, not {args.format}"
            raise UnknownFormatError(args.format, (), detail)
        cat = _catalog(args)
        args.run(args, cat, sys.stdout)
        sys.stdout.flush()
    except SharedResponsibilityError as e:
        sys.stderr.write(f"{PROG}: {e}\n")
        return 1
    except argparse.ArgumentTypeError as e:
        sys.stderr.write(f"{PROG}: error: {e}\n")
        return 2
    except BrokenPipeError:  # the reader went away (| head): not an error
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
    return 0


def main_entry() -> None:
    """The console script's entry point."""
    raise SystemExit(main())
