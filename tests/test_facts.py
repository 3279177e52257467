"""Example tests pinning the providers' published statements, each naming its source."""

import pytest

import shared_responsibility as sr

CAT = sr.default_catalog()
P, S, C = sr.Ownership.PROVIDER, sr.Ownership.SHARED, sr.Ownership.CUSTOMER


def layer(service: str, layer_id: str, **context: object) -> sr.Ownership:
    return sr.split(CAT, service, sr.Context(**context))[layer_id].ownership  # type: ignore[arg-type]


def control(service: str, control_id: str, **context: object) -> sr.Resolution:
    return sr.resolve(CAT, service, control_id, sr.Context(**context))  # type: ignore[arg-type]


def holders(r: sr.Resolution | sr.LayerResolution, layer_id: str) -> set[str]:
    """The parties that perform on a layer (those that only enable are not responsible)."""
    return {
        d.party.id
        for d in r.duties
        if d.layer is not None and d.layer.id == layer_id and d.role is sr.Role.PERFORMS
    }


def test_ec2_guest_os_patching_is_the_customers() -> None:
    """AWS model page and EC2 security page: the customer patches the guest OS of EC2."""
    assert layer("ec2", "guest-os") is C
    assert holders(control("ec2", "patch-management"), "guest-os") == {"customer"}


# Services whose own pages put part of the physical stack on the customer's side: a Snowball
# device and a Storage Gateway VM sit on the customer's premises, and one end of a Direct
# Connect link is the customer's router; an Outpost stands in the customer's own site.
ON_PREMISES = {"snowball", "storage-gateway", "direct-connect", "outposts", "google-cloud-interconnect"}


@pytest.mark.parametrize("service", sorted({s.id for s in CAT.services} - ON_PREMISES))
def test_physical_and_environmental_is_inherited(service: str) -> None:
    """AWS model page, IT controls: physical and environmental controls are inherited."""
    r = control(service, "physical-and-environmental")
    assert r.ownership is P
    assert r.ownership.control_type == "inherited"


@pytest.mark.parametrize("service", sorted(ON_PREMISES))
def test_physical_and_environmental_on_the_customers_premises(service: str) -> None:
    assert control(service, "physical-and-environmental").ownership is S


@pytest.mark.parametrize(
    "control_id", ["patch-management", "configuration-management", "awareness-and-training"]
)
def test_shared_controls_of_the_model_page(control_id: str) -> None:
    """AWS model page: patch management, configuration management and awareness and training
    are shared (its EC2 example: AWS for the infrastructure, the customer for its guest)."""
    r = control("ec2", control_id)
    assert r.ownership is S
    assert r.ownership.control_type == "shared"


@pytest.mark.parametrize("service", [s.id for s in CAT.services])
def test_awareness_and_training_is_shared_everywhere(service: str) -> None:
    """Each party trains its own people, whatever the service."""
    r = control(service, "awareness-and-training")
    assert r.ownership is S
    assert all(d.layer is None for d in r.duties)


@pytest.mark.parametrize("service", ["ec2", "ebs", "vpc"])
def test_communications_protection_is_customer_specific(service: str) -> None:
    """AWS model page: service and communications protection / zone security is customer-specific."""
    assert control(service, "communications-protection").ownership.control_type == "customer-specific"


@pytest.mark.parametrize("service", ["s3", "dynamodb"])
def test_abstracted_services_leave_os_and_platform_to_aws(service: str) -> None:
    """AWS model page: for S3 and DynamoDB AWS runs the infrastructure, OS and platform; the
    customer manages its data, classifies its assets and sets IAM permissions."""
    for lid in ("host-os", "guest-os", "platform"):
        assert layer(service, lid) is P
    assert layer(service, "data") is C
    assert layer(service, "identity-and-access") is C
    assert control(service, "data-classification").ownership is C


@pytest.mark.parametrize("service", ["s3", "dynamodb"])
def test_default_encryption_at_rest_is_recorded_as_shared(service: str) -> None:
    """S3 default-encryption FAQ and DynamoDB encryption-at-rest page: data is encrypted by
    default, against the model page's 'customer' — the entry says so in its notes."""
    assert control(service, "encryption-at-rest").ownership is S
    assert any("general AWS model" in n for n in CAT.service(service).notes)


def test_outposts_moves_the_site_to_the_customer() -> None:
    """Outposts HA whitepaper: the customer secures the site and provides power, space, cooling
    and the network link; AWS keeps the rack hardware and the hypervisor."""
    assert layer("ec2", "facilities", deployment="outposts") is C
    assert layer("ec2", "network-infrastructure", deployment="outposts") is S
    for lid in ("hardware", "virtualization", "host-os"):
        assert layer("ec2", lid, deployment="outposts") is P
    r = control("ec2", "physical-and-environmental", deployment="outposts")
    assert r.ownership is S
    assert any(rule.origin is sr.Origin.CONTEXT and rule.name == "deployment=outposts" for rule in r.trail)


@pytest.mark.parametrize(("region", "operator"), [("cn-north-1", "sinnet"), ("cn-northwest-1", "nwcd")])
def test_china_regions_are_operated_by_local_partners(region: str, operator: str) -> None:
    """AWS China pages: Sinnet operates Beijing, NWCD operates Ningxia."""
    r = control("ec2", "physical-and-environmental", region=region)
    assert {d.party.id for d in r.duties} == {operator}
    assert r.trail[-1].origin is sr.Origin.CONTEXT
    assert sr.split(CAT, "s3", sr.Context(region=region))["data"].parties[0].id == "customer"


def test_china_partition_without_region_names_both_operators() -> None:
    r = control("ec2", "physical-and-environmental", partition="aws-cn")
    assert {d.party.id for d in r.duties} == {"sinnet", "nwcd"}


@pytest.mark.parametrize(("mode", "platform"), [("auto", P), ("function-update", S), ("manual", S)])
def test_lambda_runtime_update_mode(mode: str, platform: sr.Ownership) -> None:
    """Lambda runtime management: in Auto mode Lambda applies runtime patches; with Function
    update or Manual the customer must act for them to be applied."""
    options = {"lambda.runtime-update-mode": mode}
    assert layer("lambda", "platform", options=options) is platform
    r = control("lambda", "patch-management", options=options)
    # Auto: Lambda applies the patches; otherwise it publishes them and the customer applies them.
    assert holders(r, "platform") == ({"aws", "customer"} if mode == "auto" else {"customer"})
    assert layer("lambda", "guest-os", options=options) is P


def test_lambda_container_images_are_rebuilt_by_the_customer() -> None:
    """Lambda runtime management: for container images the customer rebuilds from the patched
    base image and redeploys."""
    options = {"lambda.package-type": "image"}
    assert layer("lambda", "guest-os", options=options) is S
    assert layer("lambda", "guest-os") is P


@pytest.mark.parametrize(("compute", "guest_os"), [("ec2", C), ("fargate", P)])
def test_ecs_launch_type(compute: str, guest_os: sr.Ownership) -> None:
    """ECS shared model page: with EC2 the customer maintains the instances; Fargate patches them."""
    assert layer("ecs", "guest-os", options={"ecs.compute": compute}) is guest_os


@pytest.mark.parametrize(
    ("compute", "guest_os"),
    [("self-managed", C), ("managed-node-groups", S), ("auto-mode", P), ("fargate", P)],
)
def test_eks_compute(compute: str, guest_os: sr.Ownership) -> None:
    """EKS security, managed node group and Auto Mode pages: self-managed nodes are the
    customer's; managed node groups get AMIs from EKS that the customer deploys; Auto Mode
    and Fargate nodes are patched by AWS."""
    assert layer("eks", "guest-os", options={"eks.compute": compute}) is guest_os


def test_eks_auto_mode_patching() -> None:
    r = control("eks", "patch-management", options={"eks.compute": "auto-mode"})
    assert holders(r, "guest-os") == {"aws"}
    assert holders(r, "application") == {"customer"}


@pytest.mark.parametrize("updates", ["on", "off"])
def test_elastic_beanstalk_managed_updates(updates: str) -> None:
    """Beanstalk shared responsibility page: with managed updates off the customer applies
    platform updates itself; on, Beanstalk applies patch and minor updates."""
    r = sr.split(CAT, "elastic-beanstalk", sr.Context(options={"elastic-beanstalk.managed-updates": updates}))
    texts = " ".join(d.text for d in r["guest-os"].duties if d.party.id == "customer")
    assert ("itself" in texts) is (updates == "off")


@pytest.mark.parametrize(
    ("custom", "os_patch", "engine_patch"),
    [
        ("none", {"aws"}, {"aws"}),
        ("oracle", {"customer"}, {"aws", "customer"}),
        ("sqlserver-rpev", {"aws", "customer"}, {"aws"}),
        ("sqlserver-cev", {"customer"}, {"customer"}),
    ],
)
def test_rds_custom_table(custom: str, os_patch: set[str], engine_patch: set[str]) -> None:
    """RDS Custom page, EC2 vs RDS vs RDS Custom table: OS patching and database patching."""
    r = control("rds", "patch-management", options={"rds.custom": custom})
    assert holders(r, "guest-os") == os_patch
    assert holders(r, "platform") == engine_patch


def test_trail_names_assumed_defaults_and_chosen_values() -> None:
    default = control("lambda", "patch-management")
    assumed = [r for r in default.trail if r.origin is sr.Origin.DEFAULT_OPTION]
    assert [(r.name, r.target) for r in assumed] == [("lambda.runtime-update-mode=auto", "patch-management")]
    chosen = control("lambda", "patch-management", options={"lambda.runtime-update-mode": "manual"})
    assert next(r.origin for r in chosen.trail) is sr.Origin.CATEGORY
    assert any(r.origin is sr.Origin.OPTION and r.name.endswith("=manual") for r in chosen.trail)


def test_managed_service_partner_takes_the_customers_part() -> None:
    """An organization hands guest-OS patching of EC2 to its managed-service partner."""
    msp = sr.Party(id="acme-msp", name="Acme", side=sr.Side.CUSTOMER)
    tailored = CAT.with_overrides(
        [sr.Override(service="ec2", target="guest-os", parties=("acme-msp",), reason="MSP contract")],
        parties=[msp],
    )
    r = sr.resolve(tailored, "ec2", "patch-management")
    assert holders(r, "guest-os") == {"acme-msp"}
    assert msp in r.parties
    assert r.ownership is S
    assert r.trail[-1] == sr.Rule(
        origin=sr.Origin.OVERRIDE, name="ec2:guest-os -> acme-msp", target="guest-os", note="MSP contract"
    )
    assert holders(sr.resolve(CAT, "ec2", "patch-management"), "guest-os") == {"customer"}
    assert holders(sr.resolve(tailored, "ebs", "patch-management"), "guest-os") == {"customer"}
