"""CloudFormation templates (JSON or YAML) and SAM applications, expanded to the resources
SAM creates; nested stacks, modules and custom resources are named as such.
"""

from collections.abc import Iterator, Mapping
from typing import Any

from ._resource import Resource

__all__ = ["is_template", "resources"]

_SAM_TRANSFORM = "AWS::Serverless-2016-10-31"

# What SAM creates for each of its types (logical id suffix, CloudFormation type, unless this
# property is given), from the SAM specification's "generated resources" pages.
_SAM: dict[str, tuple[tuple[str, str, str], ...]] = {
    "AWS::Serverless::Function": (("", "AWS::Lambda::Function", ""), ("Role", "AWS::IAM::Role", "Role")),
    "AWS::Serverless::Api": (
        ("", "AWS::ApiGateway::RestApi", ""),
        ("Deployment", "AWS::ApiGateway::Deployment", ""),
        ("Stage", "AWS::ApiGateway::Stage", ""),
    ),
    "AWS::Serverless::HttpApi": (
        ("", "AWS::ApiGatewayV2::Api", ""),
        ("Stage", "AWS::ApiGatewayV2::Stage", ""),
    ),
    "AWS::Serverless::SimpleTable": (("", "AWS::DynamoDB::Table", ""),),
    "AWS::Serverless::StateMachine": (
        ("", "AWS::StepFunctions::StateMachine", ""),
        ("Role", "AWS::IAM::Role", "Role"),
    ),
    "AWS::Serverless::LayerVersion": (("", "AWS::Lambda::LayerVersion", ""),),
    "AWS::Serverless::Application": (("", "AWS::CloudFormation::Stack", ""),),
    "AWS::Serverless::GraphQLApi": (("", "AWS::AppSync::GraphQLApi", ""), ("Role", "AWS::IAM::Role", "")),
}

# Function events and what SAM adds for them.
_EVENT_TYPES = {
    "SQS": "AWS::Lambda::EventSourceMapping",
    "Kinesis": "AWS::Lambda::EventSourceMapping",
    "DynamoDB": "AWS::Lambda::EventSourceMapping",
    "MSK": "AWS::Lambda::EventSourceMapping",
    "MQ": "AWS::Lambda::EventSourceMapping",
    "DocumentDB": "AWS::Lambda::EventSourceMapping",
    "SelfManagedKafka": "AWS::Lambda::EventSourceMapping",
    "Schedule": "AWS::Events::Rule",
    "ScheduleV2": "AWS::Scheduler::Schedule",
    "CloudWatchEvent": "AWS::Events::Rule",
    "EventBridgeRule": "AWS::Events::Rule",
    "SNS": "AWS::SNS::Subscription",
    "Api": "AWS::Lambda::Permission",
    "HttpApi": "AWS::Lambda::Permission",
    "S3": "AWS::Lambda::Permission",
}


def is_template(doc: Any) -> bool:
    """Whether a parsed document is a CloudFormation or SAM template."""
    return isinstance(doc, Mapping) and isinstance(doc.get("Resources"), Mapping)


def _is_sam(doc: Mapping[str, Any]) -> bool:
    transform = doc.get("Transform")
    names = transform if isinstance(transform, list) else [transform]
    return _SAM_TRANSFORM in names or any(
        isinstance(body, Mapping) and str(body.get("Type", "")).startswith("AWS::Serverless::")
        for body in doc["Resources"].values()
    )


def _unplaced(rtype: str, props: Mapping[str, Any]) -> str:
    if rtype.startswith("Custom::") or rtype == "AWS::CloudFormation::CustomResource":
        return f"a custom resource ({rtype}): its provider is code the customer runs, behind its ServiceToken"
    if rtype == "AWS::CloudFormation::Stack":
        url = props.get("TemplateURL")
        where = f" at {url}" if isinstance(url, str) else ""
        return f"a nested stack: its resources are in its own template{where}; inventory that template too"
    if rtype.endswith("::MODULE"):
        return f"a CloudFormation module ({rtype}): inventory the template it expands to"
    return ""


def _resource(name: str, rtype: str, props: Mapping[str, Any], where: str, note: str = "") -> Resource:
    return Resource(
        name=name,
        format="cloudformation",
        type=rtype,
        ref=rtype,
        properties=props,
        where=where,
        note=note,
        unplaced=_unplaced(rtype, props),
    )


def _sam(
    logical_id: str, rtype: str, props: Mapping[str, Any], where: str, how: str = "for"
) -> Iterator[Resource]:
    """What SAM creates for one of its resources (``how``: "for", or "implicitly for")."""
    note = f"created by SAM {how} {rtype} {logical_id}"
    for suffix, created, unless in _SAM.get(rtype, ()):
        if unless and unless in props:
            continue
        yield _resource(logical_id + suffix, created, props if not suffix else {}, where, note)
    events = props.get("Events") if rtype == "AWS::Serverless::Function" else None
    if isinstance(events, Mapping):
        for event_id, event in events.items():
            kind = event.get("Type") if isinstance(event, Mapping) else None
            added = _EVENT_TYPES.get(str(kind))
            if added is not None:
                yield _resource(
                    f"{logical_id}{event_id}", added, {}, where, f"{note}, event {event_id} ({kind})"
                )


def _implicit_apis(resources: Mapping[str, Any]) -> Iterator[Resource]:
    """The APIs SAM creates for function events that name no API of their own."""
    kinds = set()
    for body in resources.values():
        if not isinstance(body, Mapping) or body.get("Type") != "AWS::Serverless::Function":
            continue
        events = (body.get("Properties") or {}).get("Events") or {}
        for event in events.values() if isinstance(events, Mapping) else ():
            if not isinstance(event, Mapping):
                continue
            props = event.get("Properties") or {}
            if event.get("Type") == "Api" and "RestApiId" not in props:
                kinds.add("Api")
            if event.get("Type") == "HttpApi" and "ApiId" not in props:
                kinds.add("HttpApi")
    if "Api" in kinds:
        yield from _sam("ServerlessRestApi", "AWS::Serverless::Api", {}, "Resources", "implicitly for")
    if "HttpApi" in kinds:
        yield from _sam("ServerlessHttpApi", "AWS::Serverless::HttpApi", {}, "Resources", "implicitly for")


def resources(doc: Mapping[str, Any], name: str) -> Iterator[Resource]:
    """Every resource of a template, SAM's expanded to what it creates, in the template's order."""
    sam = _is_sam(doc)
    globals_ = doc.get("Globals") if sam else None
    for logical_id, body in doc["Resources"].items():
        where = f"Resources.{logical_id}"
        if not isinstance(body, Mapping):
            yield Resource(
                name=str(logical_id), format="cloudformation", where=where, unplaced="not a resource"
            )
            continue
        rtype = body.get("Type")
        props = body.get("Properties")
        props = props if isinstance(props, Mapping) else {}
        if not isinstance(rtype, str) or not rtype:
            yield Resource(
                name=str(logical_id), format="cloudformation", where=where, unplaced="no resource type"
            )
            continue
        if sam and rtype in _SAM:
            kind = rtype.rsplit("::", 1)[1]
            defaults = globals_.get(kind) if isinstance(globals_, Mapping) else None
            merged = {**defaults, **props} if isinstance(defaults, Mapping) else props
            yield from _sam(str(logical_id), rtype, merged, where)
        else:
            yield _resource(str(logical_id), rtype, props, where)
    if sam:
        yield from _implicit_apis(doc["Resources"])
