"""service_for: the names inventories carry, to a service and the context they imply."""

import pytest

import shared_responsibility as sr

CAT = sr.default_catalog()


@pytest.mark.parametrize(
    ("reference", "service", "partition", "region"),
    [
        ("arn:aws:s3:::my-bucket", "s3", "aws", None),
        ("arn:aws-cn:s3:::my-bucket", "s3", "aws-cn", None),
        ("arn:aws-us-gov:s3:::my-bucket", "s3", "aws-us-gov", None),
        ("arn:aws:iam::123456789012:role/deploy", "iam", "aws", None),
        ("arn:aws:lambda:eu-west-1:123456789012:function:checkout", "lambda", "aws", "eu-west-1"),
        ("arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc", "ec2", "aws", "eu-west-1"),
        ("arn:aws-cn:dynamodb:cn-north-1:123456789012:table/orders", "dynamodb", "aws-cn", "cn-north-1"),
        ("AWS::RDS::DBInstance", "rds", None, None),
        ("AWS::EC2::Volume", "ebs", None, None),
        ("AWS::EC2::CarrierGateway", "vpc", None, None),  # a network type of the EC2 namespace
        ("AWS::EC2::Unheard", "ec2", None, None),  # the namespace's fallback
        ("lambda.amazonaws.com", "lambda", None, None),
        ("s3.eu-west-1.amazonaws.com", "s3", None, "eu-west-1"),
        ("my-bucket.s3.us-east-1.amazonaws.com", "s3", None, "us-east-1"),
        ("dynamodb.cn-north-1.amazonaws.com.cn", "dynamodb", None, "cn-north-1"),
        ("  Amazon EC2 ", "ec2", None, None),
    ],
)
def test_service_for(reference: str, service: str, partition: str | None, region: str | None) -> None:
    found, context = sr.service_for(CAT, reference)
    assert found.id == service
    assert (context.partition, context.region) == (partition, region)


def test_china_endpoint_without_region_is_the_china_partition() -> None:
    assert sr.service_for(CAT, "s3.amazonaws.com.cn")[1].partition == "aws-cn"


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("", "invalid reference '': it is empty"),
        ("arn:aws:s3", "an ARN has six parts (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE), this has 3"),
        ("arn:AWS:s3:::b", "partition 'AWS' is not of the form 'aws' or 'aws-cn'"),
        ("arn:aws::eu-west-1:123456789012:x", "service namespace '' is empty or not lower-case"),
        ("arn:aws:s3:Europe:123456789012:x", "region 'Europe' is not of the form 'eu-west-1'"),
        ("arn:aws:s3:eu-west-1:12345:x", "account '12345' is not 12 digits"),
        ("arn:aws:s3:::", "the resource part is empty"),
        ("AWS::S3", "a resource type has three parts, like 'AWS::S3::Bucket'"),
        ("-bad-.amazonaws.com", "not a valid host name"),
        ("hello world", "not an ARN, an Azure resource id, a Google resource name, a resource type"),
        ("/subscriptions/1/resourceGroups/g", "an Azure resource id has a provider part"),
        ("/subscriptions/1/providers/Microsoft.Compute", "no resource type and name after 'providers'"),
        ("//compute.example.com/projects/p", "'compute.example.com' is not a Google API host"),
    ],
)
def test_malformed_references(reference: str, message: str) -> None:
    with pytest.raises(sr.InvalidReferenceError) as info:
        sr.service_for(CAT, reference)
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)
    assert info.value.reference == reference.strip() or reference == ""


def test_non_string_reference() -> None:
    with pytest.raises(sr.InvalidReferenceError, match="a reference is a string, got int"):
        sr.service_for(CAT, 42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("reference", "error", "message"),
    [
        (
            "arn:aws:notaservice:eu-west-1:123456789012:x/y",
            sr.UnknownServiceError,
            "unknown service 'notaservice'",
        ),
        ("AWS::Unheard::Thing", sr.UnknownServiceError, "unknown service 'AWS::Unheard::Thing'"),
        ("arn:aws:s3:eu-west-9:123456789012:x", sr.UnknownContextError, "unknown region 'eu-west-9'"),
        ("arn:aws-mars:s3:::b", sr.UnknownContextError, "unknown partition 'aws-mars'"),
    ],
)
def test_well_formed_but_unknown(reference: str, error: type[sr.UnknownNameError], message: str) -> None:
    with pytest.raises(error, match=message) as info:
        sr.service_for(CAT, reference)
    assert info.value.suggestions
