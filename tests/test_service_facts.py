"""Example rows pinning, one by one, what AWS's own pages say about each service's split.

Each row of ``FACTS`` states ONE published fact and names the page it comes from. Its expectation
was written from the page, not from the library's output, so a failing row means the dataset and
the page disagree.

A row is ``(service, what, target, options, expected, source)``:

- ``what`` is ``"layer"`` (``target`` is a layer id) or ``"control"`` (``target`` is a control id);
- ``options`` maps the service's option ids to values (the test prefixes them with the service);
- ``expected`` is an ``Ownership`` (of the layer, or of the whole control), or a set of party ids:
  for a layer, the parties that hold it; for a control, written ``"<control>@<layer>"``, the parties
  holding a duty of that control on that layer.
"""

from typing import Final

import pytest

import shared_responsibility as sr

CAT = sr.default_catalog()
P, S, C = sr.Ownership.PROVIDER, sr.Ownership.SHARED, sr.Ownership.CUSTOMER
AWS: Final = frozenset({"aws"})
CUST: Final = frozenset({"customer"})
BOTH: Final = frozenset({"aws", "customer"})
D: Final = "https://docs.aws.amazon.com/"
RDS_CUSTOM: Final = D + "AmazonRDS/latest/UserGuide/rds-custom.html"
LIGHTSAIL_WINDOWS: Final = (
    D + "lightsail/latest/userguide/amazon-lightsail-changing-preferred-maintenance-and-backup-windows.html"
)

Expected = sr.Ownership | frozenset[str]
Row = tuple[str, str, str, dict[str, str], Expected, str]

FACTS: list[Row] = [
    # --- compute, containers, machine learning, end-user computing ---
    # App Runner: a managed, Amazon Linux based runtime image; a major.minor.patch lock stops runtime updates.
    ("app-runner", "layer", "guest-os", {}, P, D + "apprunner/latest/dg/service-source-code-python.html"),
    (
        "app-runner",
        "layer",
        "platform",
        {"runtime-version": "patch-locked"},
        S,
        D + "apprunner/latest/dg/service-source-code-nodejs.html",
    ),
    # AppStream 2.0: the customer installs Windows updates and apps; AWS updates the agent and builds
    # updated images.
    ("appstream", "layer", "guest-os", {}, S, D + "appstream2/latest/developerguide/update-management.html"),
    (
        "appstream",
        "layer",
        "application",
        {},
        C,
        D + "appstream2/latest/developerguide/update-management.html",
    ),
    # Auto Scaling: the customer patches the OS of its instances; a refresh keeps the capacity it defines.
    (
        "auto-scaling",
        "control",
        "patch-management@guest-os",
        {},
        CUST,
        D + "AWSEC2/latest/UserGuide/update-management.html",
    ),
    (
        "auto-scaling",
        "control",
        "scaling",
        {},
        S,
        D + "autoscaling/ec2/userguide/instance-refresh-overview.html",
    ),
    # Batch: EC2 CEs start on an approved AMI that Batch never upgrades; EKS CEs: maintenance is shared;
    # Fargate revisions carry the OS updates.
    (
        "batch",
        "layer",
        "guest-os",
        {"compute": "ec2"},
        S,
        D + "batch/latest/userguide/compute_resource_AMIs.html",
    ),
    (
        "batch",
        "layer",
        "guest-os",
        {"compute": "eks"},
        S,
        D + "batch/latest/userguide/eks-ce-shared-responsibility.html",
    ),
    (
        "batch",
        "layer",
        "guest-os",
        {"compute": "fargate"},
        P,
        D + "AmazonECS/latest/developerguide/platform-fargate.html",
    ),
    # Bedrock: the customer sets retention; under the default mode AWS may keep data for abuse detection.
    (
        "bedrock",
        "layer",
        "data",
        {"data-retention-mode": "default"},
        S,
        D + "bedrock/latest/userguide/data-retention.html",
    ),
    # CodeBuild: artifacts, cache, logs encrypted by default; a customer managed key is optional.
    (
        "codebuild",
        "layer",
        "data-protection",
        {},
        S,
        D + "codebuild/latest/userguide/security-encryption.html",
    ),
    (
        "codebuild",
        "layer",
        "platform",
        {"environment-image": "managed"},
        S,
        D + "codebuild/latest/userguide/build-env-ref-available.html",
    ),
    # Connect: data encrypted by AWS, KMS/BYOK and client-side encryption by the customer; agent workstations
    # are not AWS-managed.
    ("connect", "layer", "data-protection", {}, S, D + "connect/latest/adminguide/security-bp.html"),
    ("connect", "layer", "endpoints", {}, C, D + "connect/latest/adminguide/security-bp.html"),
    # ECR: default SSE with S3-managed keys; KMS keys for more control.
    (
        "ecr",
        "layer",
        "data-protection",
        {},
        S,
        D + "AmazonECR/latest/APIReference/API_EncryptionConfiguration.html",
    ),
    (
        "ecr",
        "control",
        "encryption-at-rest",
        {},
        S,
        D + "AmazonECR/latest/APIReference/API_EncryptionConfiguration.html",
    ),
    # GameLift: AWS publishes patched AMIs, the customer must create new fleets; it maintains its game server.
    (
        "gamelift",
        "layer",
        "guest-os",
        {},
        S,
        D + "gameliftservers/latest/developerguide/reference-ec2-ami-version-history.html",
    ),
    (
        "gamelift",
        "layer",
        "application",
        {},
        C,
        D + "gameliftservers/latest/developerguide/vulnerability-analysis-management.html",
    ),
    # Kendra: AWS owned key by default, or an AWS managed or customer key; AWS patches the guest OS.
    ("kendra", "layer", "data-protection", {}, S, D + "kendra/latest/dg/encryption-at-rest.html"),
    (
        "kendra",
        "layer",
        "guest-os",
        {},
        P,
        D + "kendra/latest/dg/configuration-and-vulnerability-analysis.html",
    ),
    # Lightsail: the customer patches its instances; managed databases are upgraded and backed up in the
    # customer's preferred windows.
    (
        "lightsail",
        "layer",
        "guest-os",
        {"resource": "instance"},
        C,
        D + "lightsail/latest/userguide/amazon-lightsail-update-management.html",
    ),
    (
        "lightsail",
        "layer",
        "platform",
        {"resource": "managed-database"},
        S,
        LIGHTSAIL_WINDOWS,
    ),
    # SageMaker AI: notebook instances get updates only when the customer restarts them; hosting runs the
    # customer's inference image, and SageMaker relaunches containers for patching.
    (
        "sagemaker",
        "layer",
        "guest-os",
        {"workload": "notebook-instance"},
        S,
        D + "sagemaker/latest/dg/nbi-software-updates.html",
    ),
    (
        "sagemaker",
        "layer",
        "platform",
        {"workload": "hosting"},
        S,
        D + "sagemaker/latest/dg/your-algorithms-inference-code.html",
    ),
    # WorkSpaces: the customer keeps the OS patched, itself or by letting WorkSpaces update in a window.
    (
        "workspaces",
        "layer",
        "guest-os",
        {"maintenance": "workspaces"},
        S,
        D + "workspaces/latest/adminguide/workspace-maintenance.html",
    ),
    (
        "workspaces",
        "layer",
        "guest-os",
        {"maintenance": "manual"},
        C,
        D + "workspaces/latest/adminguide/update-management.html",
    ),
    # EC2 Auto Scaling: an instance refresh rolls out the customer's own image; AWS writes no patch.
    (
        "auto-scaling",
        "layer",
        "guest-os",
        {"update-method": "instance-refresh"},
        C,
        D + "autoscaling/ec2/userguide/asg-instance-refresh.html",
    ),
    # A refresh rolls out the patched image only when the customer starts it: the patching is the customer's.
    (
        "auto-scaling",
        "control",
        "patch-management@guest-os",
        {"update-method": "instance-refresh"},
        CUST,
        D + "autoscaling/ec2/userguide/instance-refresh-overview.html",
    ),
    # EMR Serverless: no clusters to configure, secure or operate; EMR on EKS: the nodes stay the customer's.
    (
        "emr",
        "layer",
        "guest-os",
        {"deployment": "serverless"},
        P,
        D + "emr-serverless/latest/APIReference/Welcome.html",
    ),
    (
        "emr",
        "layer",
        "guest-os",
        {"deployment": "eks"},
        C,
        D + "emr/latest/EMR-on-EKS-DevelopmentGuide/emr-eks-overview.html",
    ),
    # --- storage and databases ---
    # AWS Backup: encrypts with the vault's KMS key; the customer's plans set frequency and retention.
    ("backup", "layer", "data-protection", {}, S, D + "aws-backup/latest/devguide/encryption.html"),
    ("backup", "control", "backup-and-recovery@data", {}, BOTH, D + "efs/latest/ug/awsbackup.html"),
    # DocumentDB: OS (instance) and engine (cluster) updates are optional, required or forced, in the window.
    (
        "documentdb",
        "control",
        "patch-management@guest-os",
        {},
        BOTH,
        D + "documentdb/latest/developerguide/db-instance-maintain.html",
    ),
    (
        "documentdb",
        "control",
        "patch-management@platform",
        {},
        BOTH,
        D + "documentdb/latest/developerguide/db-instance-maintain.html",
    ),
    (
        "documentdb",
        "control",
        "backup-and-recovery",
        {},
        S,
        D + "documentdb/latest/developerguide/backup_restore-nouns_verbs.html",
    ),
    # EFS: with automatic backups on, AWS Backup's default plan backs up daily; TLS is a mount option.
    (
        "efs",
        "control",
        "backup-and-recovery@data",
        {"automatic-backups": "enabled"},
        BOTH,
        D + "efs/latest/ug/awsbackup.html",
    ),
    ("efs", "control", "encryption-in-transit", {}, C, D + "efs/latest/ug/encryption-in-transit.html"),
    # ElastiCache: node-based: critical updates auto-applied, others self-service; serverless: automatic.
    (
        "elasticache",
        "control",
        "patch-management@platform",
        {"deployment": "node-based"},
        BOTH,
        D + "AmazonElastiCache/latest/dg/Self-Service-Updates.html",
    ),
    (
        "elasticache",
        "control",
        "patch-management@platform",
        {"deployment": "serverless"},
        AWS,
        D + "AmazonElastiCache/latest/dg/Self-Service-Updates.html",
    ),
    (
        "elasticache",
        "layer",
        "data-protection",
        {"deployment": "serverless"},
        S,
        D + "AmazonElastiCache/latest/dg/at-rest-encryption.html",
    ),
    # FSx for Lustre: FSx patches Lustre in the customer's weekly window; automatic daily backups.
    (
        "fsx-lustre",
        "control",
        "patch-management@platform",
        {},
        BOTH,
        D + "fsx/latest/LustreGuide/maintenance-windows.html",
    ),
    (
        "fsx-lustre",
        "control",
        "backup-and-recovery",
        {},
        S,
        D + "fsx/latest/LustreGuide/using-backups-fsx.html",
    ),
    # FSx for Windows: FSx patches Windows Server in the window; Multi-AZ is the customer's choice; KMS.
    (
        "fsx-windows",
        "control",
        "patch-management@guest-os",
        {},
        BOTH,
        D + "fsx/latest/WindowsGuide/maintenance-windows.html",
    ),
    (
        "fsx-windows",
        "control",
        "high-availability",
        {},
        S,
        D + "fsx/latest/WindowsGuide/getting-started-step1.html",
    ),
    ("fsx-windows", "layer", "data-protection", {}, S, D + "fsx/latest/WindowsGuide/encryption-at-rest.html"),
    (
        "fsx-windows",
        "layer",
        "identity-infrastructure",
        {"active-directory": "self-managed"},
        S,
        D + "fsx/latest/WindowsGuide/self-managed-AD-best-practices.html",
    ),
    # Keyspaces: transparent encryption with an AWS owned or customer key; PITR.
    (
        "keyspaces",
        "layer",
        "data-protection",
        {},
        S,
        D + "keyspaces/latest/APIReference/API_EncryptionSpecification.html",
    ),
    (
        "keyspaces",
        "control",
        "backup-and-recovery",
        {},
        S,
        D + "keyspaces/latest/devguide/PointInTimeRecovery.html",
    ),
    # MemoryDB: updates in the window or when the customer chooses; always encrypted at rest, key optional.
    (
        "memorydb",
        "control",
        "patch-management@platform",
        {},
        BOTH,
        D + "memorydb/latest/devguide/service-updates.html",
    ),
    ("memorydb", "layer", "data-protection", {}, S, D + "memorydb/latest/devguide/at-rest-encryption.html"),
    # Neptune: hardware replaced in the background; OS upgrades automatic or optional then required.
    (
        "neptune",
        "control",
        "hardware-lifecycle",
        {},
        P,
        D + "neptune/latest/userguide/cluster-maintenance.html",
    ),
    (
        "neptune",
        "control",
        "patch-management@guest-os",
        {},
        BOTH,
        D + "neptune/latest/userguide/security-os-upgrades.html",
    ),
    (
        "neptune",
        "control",
        "patch-management@platform",
        {},
        BOTH,
        D + "neptune/latest/userguide/engine-maintenance-management.html",
    ),
    # Redshift: provisioned upgrades applied by Redshift when and on the track the customer picks;
    # Serverless recovery points are automatic.
    (
        "redshift",
        "control",
        "patch-management@platform",
        {"deployment": "provisioned"},
        BOTH,
        D + "redshift/latest/mgmt/working-with-clusters.html",
    ),
    (
        "redshift",
        "control",
        "backup-and-recovery@platform",
        {"deployment": "serverless"},
        AWS,
        D + "redshift/latest/mgmt/serverless-snapshots-recovery-points.html",
    ),
    # Snowball: the customer guards the device on site and installs its updates; AWS erases it after the job.
    (
        "snowball",
        "layer",
        "facilities",
        {},
        S,
        D + "snowball/latest/developer-guide/data-protection-device.html",
    ),
    ("snowball", "layer", "host-os", {}, S, D + "snowball/latest/developer-guide/updating-device.html"),
    (
        "snowball",
        "control",
        "media-sanitization@hardware",
        {},
        AWS,
        D + "snowball/latest/developer-guide/data-protection-device.html",
    ),
    # Storage Gateway: AWS updates, applied in the customer's schedule or manually; the VM runs on the
    # customer's hypervisor.
    (
        "storage-gateway",
        "control",
        "patch-management@platform",
        {},
        BOTH,
        D + "storagegateway/latest/userguide/MaintenanceManagingUpdate-common.html",
    ),
    (
        "storage-gateway",
        "layer",
        "virtualization",
        {"host": "on-premises-vm"},
        S,
        D + "storagegateway/latest/userguide/disaster-recovery-resiliency.html",
    ),
    (
        "storage-gateway",
        "layer",
        "data-protection",
        {},
        S,
        D + "storagegateway/latest/userguide/encryption.html",
    ),
    # --- analytics, integration, networking and content delivery ---
    # API Gateway: HTTPS endpoints only, TLS policy for custom domains, cache encryption opt-in.
    (
        "api-gateway",
        "layer",
        "data-protection",
        {},
        S,
        D + "apigateway/latest/developerguide/data-protection-encryption.html",
    ),
    # Athena: Automatic engine upgrades are the default; with Manual the customer picks the version.
    ("athena", "layer", "platform", {}, P, D + "athena/latest/ug/engine-versions-changing.html"),
    (
        "athena",
        "control",
        "patch-management@platform",
        {"engine-version-update": "automatic"},
        AWS,
        D + "athena/latest/ug/engine-versions.html",
    ),
    (
        "athena",
        "control",
        "patch-management@platform",
        {"engine-version-update": "manual"},
        BOTH,
        D + "athena/latest/ug/engine-versions.html",
    ),
    # CloudFront: edge storage encrypted by AWS; viewer/origin HTTPS and field-level encryption by customer.
    (
        "cloudfront",
        "layer",
        "data-protection",
        {},
        S,
        D + "AmazonCloudFront/latest/DeveloperGuide/data-protection-summary.html",
    ),
    # Direct Connect: the customer's router and cross connect; Direct Connect itself does not encrypt.
    (
        "direct-connect",
        "layer",
        "network-infrastructure",
        {},
        S,
        D + "directconnect/latest/UserGuide/Welcome.html",
    ),
    (
        "direct-connect",
        "layer",
        "data-protection",
        {},
        C,
        D + "directconnect/latest/UserGuide/encryption-in-transit.html",
    ),
    # Glue: supported versions get security updates; past end of support they get none.
    (
        "glue",
        "control",
        "patch-management@guest-os",
        {"support-status": "supported"},
        AWS,
        D + "glue/latest/dg/glue-version-support-policy.html",
    ),
    (
        "glue",
        "control",
        "patch-management@guest-os",
        {"support-status": "end-of-support"},
        CUST,
        D + "glue/latest/dg/glue-version-support-policy.html",
    ),
    # Kinesis Data Streams: server-side encryption is a feature the customer turns on.
    (
        "kinesis-data-streams",
        "layer",
        "data-protection",
        {},
        C,
        D + "streams/latest/dev/server-side-encryption.html",
    ),
    # Amazon MQ: AWS maintains OS and engine in the window; the customer upgrades versions, picks HA mode.
    (
        "mq",
        "control",
        "patch-management@guest-os",
        {},
        AWS,
        D + "amazon-mq/latest/developer-guide/maintaining-brokers.html",
    ),
    (
        "mq",
        "control",
        "patch-management@platform",
        {},
        BOTH,
        D + "amazon-mq/latest/developer-guide/upgrading-brokers.html",
    ),
    (
        "mq",
        "control",
        "high-availability",
        {},
        S,
        D + "amazon-mq/latest/developer-guide/maintaining-brokers.html",
    ),
    # MSK: MSK patches broker OS; the customer upgrades Kafka before end of support; always encrypted at rest.
    (
        "msk",
        "control",
        "patch-management@guest-os",
        {},
        AWS,
        D + "msk/latest/developerguide/patching-impact.html",
    ),
    (
        "msk",
        "control",
        "patch-management@platform",
        {},
        BOTH,
        D + "msk/latest/developerguide/version-support.html",
    ),
    ("msk", "layer", "data-protection", {}, S, D + "msk/latest/developerguide/msk-encryption.html"),
    # OpenSearch: AWS releases service software updates; required ones the customer must apply within 30 days.
    (
        "opensearch",
        "control",
        "patch-management@platform",
        {},
        BOTH,
        D + "opensearch-service/latest/developerguide/service-software.html",
    ),
    # Route 53 DNSSEC: the customer rotates KSKs; Route 53 manages the ZSK.
    (
        "route53",
        "control",
        "key-rotation",
        {},
        S,
        D + "Route53/latest/DeveloperGuide/dns-configuring-dnssec-ksk.html",
    ),
    # SES: TLS for the API and SMTP; a Require TLS policy is the customer's choice.
    ("ses", "layer", "data-protection", {}, S, D + "ses/latest/dg/security-protocols.html"),
    (
        "ses",
        "layer",
        "data-protection",
        {"tls-policy": "require"},
        S,
        D + "ses/latest/APIReference/API_DeliveryOptions.html",
    ),
    # SNS: disks encrypted by default; SSE on the customer's request.
    ("sns", "layer", "data-protection", {}, S, D + "sns/latest/dg/sns-data-encryption.html"),
    # Step Functions: always encrypted with AWS owned keys; customer managed keys optional.
    (
        "step-functions",
        "layer",
        "data-protection",
        {},
        S,
        D + "step-functions/latest/apireference/API_EncryptionConfiguration.html",
    ),
    # Transit Gateway: peering traffic encrypted by AWS; the customer accepts peering and adds routes.
    ("transit-gateway", "layer", "data-protection", {}, S, D + "vpc/latest/tgw/tgw-peering.html"),
    # --- security, identity, management and governance ---
    # Directory Service: AWS patches Managed AD's domain controllers, one at a time, so the customer's
    # applications must find controllers through the DC locator; AD Connector's directory is the customer's.
    (
        "directory-service",
        "control",
        "patch-management@platform",
        {"directory-type": "managed-ad"},
        BOTH,
        D + "directoryservice/latest/admin-guide/ms_ad_key_concepts_maintenance.html",
    ),
    (
        "directory-service",
        "control",
        "backup-and-recovery@data",
        {"directory-type": "ad-connector"},
        CUST,
        D + "directoryservice/latest/admin-guide/directory_ad_connector.html",
    ),
    # ACM: ACM generates and guards the private key of its certificates; the customer renews imported ones.
    (
        "acm",
        "layer",
        "data-protection",
        {"certificate-source": "amazon-issued"},
        S,
        D + "acm/latest/userguide/data-protection.html",
    ),
    (
        "acm",
        "layer",
        "data-protection",
        {"certificate-source": "imported"},
        S,
        D + "acm/latest/userguide/import-certificate.html",
    ),
    # CloudHSM: AWS manages firmware; "we do not configure fault tolerance for you"; automatic backups.
    ("cloudhsm", "layer", "platform", {}, P, D + "cloudhsm/latest/userguide/update-management.html"),
    ("cloudhsm", "control", "high-availability", {}, C, D + "cloudhsm/latest/userguide/best-practices.html"),
    (
        "cloudhsm",
        "control",
        "backup-and-recovery@platform",
        {},
        AWS,
        D + "cloudhsm/latest/userguide/backups.html",
    ),
    ("cloudhsm", "layer", "identity-infrastructure", {}, S, D + "cloudhsm/latest/userguide/hsm-users.html"),
    # CloudTrail: AWS keeps 90 days of event history; longer retention needs the customer's trail.
    ("cloudtrail", "layer", "data", {}, S, D + "awscloudtrail/latest/userguide/cloudtrail-concepts.html"),
    (
        "cloudtrail",
        "layer",
        "data-protection",
        {"log-file-encryption": "sse-s3"},
        S,
        D + "awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html",
    ),
    # CloudWatch: encrypted in transit and log groups always at rest; a KMS key is the customer's option.
    (
        "cloudwatch",
        "layer",
        "data-protection",
        {},
        S,
        D + "AmazonCloudWatch/latest/monitoring/data-protection.html",
    ),
    # Cognito: user pools take an optional customer managed key; the customer sets MFA.
    ("cognito", "layer", "data-protection", {}, S, D + "cognito/latest/developerguide/data-protection.html"),
    (
        "cognito",
        "layer",
        "identity-infrastructure",
        {},
        S,
        D + "cognito/latest/developerguide/user-pool-settings-mfa.html",
    ),
    # Config: SSE and TLS by AWS; the delivery bucket policy by the customer.
    ("config", "layer", "data-protection", {}, S, D + "config/latest/developerguide/data-protection.html"),
    # GuardDuty: findings encrypted with AWS owned keys; the customer keeps control of its content.
    ("guardduty", "layer", "data-protection", {}, S, D + "guardduty/latest/ug/data-protection.html"),
    # IAM: Region-based, self-sustaining; the customer uses Regional STS endpoints; AWS patches its hosts.
    (
        "iam",
        "control",
        "high-availability",
        {},
        S,
        D + "IAM/latest/UserGuide/disaster-recovery-resiliency.html",
    ),
    ("iam", "layer", "data-protection", {}, S, D + "IAM/latest/UserGuide/data-protection.html"),
    (
        "iam",
        "layer",
        "guest-os",
        {},
        P,
        D + "IAM/latest/UserGuide/configuration-and-vulnerability-analysis.html",
    ),
    # KMS: keys in HSMs nobody can export; the customer controls keys and policies.
    ("kms", "layer", "data-protection", {}, S, D + "kms/latest/developerguide/data-protection.html"),
    # Secrets Manager: envelope encryption under aws/secretsmanager or a customer key; managed rotation.
    (
        "secrets-manager",
        "layer",
        "data-protection",
        {},
        S,
        D + "secretsmanager/latest/userguide/security-encryption.html",
    ),
    (
        "secrets-manager",
        "layer",
        "identity-and-access",
        {"rotation": "managed"},
        S,
        D + "secretsmanager/latest/userguide/rotate-secrets_managed.html",
    ),
    # Shield: Standard protects everyone automatically, the architecture decides resiliency; Advanced is
    # opted in.
    (
        "shield",
        "layer",
        "network-controls",
        {"tier": "standard"},
        S,
        D + "waf/latest/developerguide/ddos-standard-summary.html",
    ),
    (
        "shield",
        "layer",
        "network-controls",
        {"tier": "advanced"},
        S,
        D + "waf/latest/developerguide/ddos-advanced-summary.html",
    ),
    # Systems Manager: AWS handles guest OS patching, firewall and DR for the service itself.
    (
        "systems-manager",
        "layer",
        "guest-os",
        {},
        P,
        D + "systems-manager/latest/userguide/vulnerability-analysis-and-management.html",
    ),
    # WAF: with the default version the rule group's provider manages the static version the customer runs.
    (
        "waf",
        "layer",
        "network-controls",
        {"managed-rule-group-version": "default-version"},
        S,
        D + "waf/latest/developerguide/waf-managed-rule-groups-versioning.html",
    ),
    # --- KMS key rotation ---
    # AWS managed keys: KMS rotates them yearly, the customer cannot change it; customer managed keys: off
    # by default, the customer enables, KMS rotates; imported material: no automatic rotation, the
    # customer rotates.
    (
        "kms",
        "control",
        "key-rotation",
        {"key-type": "aws-managed"},
        P,
        D + "kms/latest/APIReference/API_EnableKeyRotation.html",
    ),
    (
        "kms",
        "control",
        "key-rotation",
        {"key-type": "customer-managed"},
        C,  # rotation is off until the customer turns it on: KMS only enables (see Role)
        D + "kms/latest/developerguide/rotate-keys.html",
    ),
    (
        "kms",
        "control",
        "key-rotation",
        {"key-type": "imported-key-material"},
        C,
        D + "kms/latest/APIReference/API_EnableKeyRotation.html",
    ),
]

# --- AWS's EC2 vs RDS vs RDS Custom table (RDS Custom page) ---
# Columns: EC2, RDS, RDS Custom for Oracle, RDS Custom for SQL Server with an RPEV, with a CEV.
RDS_TABLE: dict[str, tuple[sr.Ownership, sr.Ownership, sr.Ownership, sr.Ownership, sr.Ownership]] = {
    "scaling": (C, P, S, S, S),
    "high-availability": (C, P, P, P, P),
    "software-installation": (C, P, S, P, C),
    "os-installation": (C, P, S, P, P),
    "server-maintenance": (P, P, P, P, P),
    "hardware-lifecycle": (P, P, P, P, P),
}
RDS_COLUMNS = ("ec2", "none", "oracle", "sqlserver-rpev", "sqlserver-cev")

FACTS += [
    ("ec2", "control", control_id, {}, row[0], RDS_CUSTOM)
    if column == "ec2"
    else ("rds", "control", control_id, {"custom": column}, ownership, RDS_CUSTOM)
    for control_id, row in RDS_TABLE.items()
    for column, ownership in zip(RDS_COLUMNS, row, strict=True)
]


def row_id(row: Row) -> str:
    service, what, target, options, _, _ = row
    opts = ",".join(f"{k}={v}" for k, v in options.items())
    return f"{service}:{what}:{target}" + (f"[{opts}]" if opts else "")


def holders(r: sr.Resolution, layer_id: str) -> frozenset[str]:
    """The parties that perform on a layer (those that only enable are not responsible)."""
    return frozenset(
        d.party.id
        for d in r.duties
        if d.layer is not None and d.layer.id == layer_id and d.role is sr.Role.PERFORMS
    )


def observed(row: Row) -> Expected:
    service, what, target, options, expected, _ = row
    context = sr.Context(options={f"{service}.{k}": v for k, v in options.items()})
    if what == "layer":
        lr = sr.split(CAT, service, context)[target]
        if isinstance(expected, sr.Ownership):
            return lr.ownership
        return frozenset(p.id for p in lr.parties)
    control_id, _, layer_id = target.partition("@")
    r = sr.resolve(CAT, service, control_id, context)
    if layer_id:
        return holders(r, layer_id)
    return r.ownership


def test_rows_are_unique_and_well_formed() -> None:
    ids = [row_id(row) for row in FACTS]
    assert len(ids) == len(set(ids))
    for _, what, target, _, expected, url in FACTS:
        assert what in {"layer", "control"}
        assert url.startswith("https://")
        assert ("@" in target) == (what == "control" and isinstance(expected, frozenset))


@pytest.mark.parametrize("row", [pytest.param(row, id=row_id(row)) for row in FACTS])
def test_published_fact(row: Row) -> None:
    """Each row: the split the cited page states for that service, layer or control, and context."""
    assert observed(row) == row[4], f"source: {row[5]}"
