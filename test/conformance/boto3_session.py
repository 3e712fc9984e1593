# A boto3 user's session against the emulator: STS AssumeRole, then Logs through boto3's own paginators.
#
# usage: python3 boto3_session.py ENDPOINT BASE_TIMESTAMP_MS ROLE_ARN
# Prints one JSON object with what each step returned (events as eventIds, in the order boto3 yielded them).
import json
import sys

import boto3
import botocore.config
import botocore.exceptions

endpoint, base, role_arn = sys.argv[1], int(sys.argv[2]), sys.argv[3]
config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})
out = {}


def error_of(call):
    try:
        call()
    except botocore.exceptions.ClientError as error:
        return {"code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"], "status": error.response["ResponseMetadata"]["HTTPStatusCode"]}
    return None


sts = boto3.client("sts", endpoint_url=endpoint, region_name="ap-southeast-2", config=config)
out["identity"] = {k: v for k, v in sts.get_caller_identity().items() if k != "ResponseMetadata"}
assumed = sts.assume_role(RoleArn=role_arn, RoleSessionName="conformance", DurationSeconds=900)
credentials = assumed["Credentials"]
out["assumed"] = {
    "AssumedRoleUser": assumed["AssumedRoleUser"],
    "AccessKeyIdPrefix": credentials["AccessKeyId"][:4],
    "hasSessionToken": len(credentials["SessionToken"]) > 0,
    # boto3 parses Expiration into an aware datetime; the test compares it with the clock.
    "ExpirationEpochSeconds": credentials["Expiration"].timestamp(),
}
out["tooLong"] = error_of(lambda: sts.assume_role(RoleArn=role_arn, RoleSessionName="too-long", DurationSeconds=43201))
session = boto3.Session(
    aws_access_key_id=credentials["AccessKeyId"],
    aws_secret_access_key=credentials["SecretAccessKey"],
    aws_session_token=credentials["SessionToken"],
    region_name="ap-southeast-2",
)
out["sessionIdentity"] = session.client("sts", endpoint_url=endpoint, config=config).get_caller_identity()["Arn"]
logs = session.client("logs", endpoint_url=endpoint, config=config)

group = "/boto3/app"
logs.create_log_group(logGroupName=group)
streams = [f"st-{index:03d}" for index in range(55)]
for stream in streams:
    logs.create_log_stream(logGroupName=group, logStreamName=stream)
# Five streams, twenty events each, every timestamp shared by all five streams (pairs of equal timestamps inside too).
for stream in streams[:5]:
    logs.put_log_events(
        logGroupName=group,
        logStreamName=stream,
        logEvents=[{"timestamp": base + (index // 2) * 1000, "message": f"{stream} event {index}"} for index in range(20)],
    )

paginator = logs.get_paginator("filter_log_events")
pages = list(paginator.paginate(logGroupName=group, PaginationConfig={"PageSize": 7}))
out["filterPages"] = [len(page["events"]) for page in pages]
out["filterEventIds"] = [e["eventId"] for page in pages for e in page["events"]]
out["filterSearchedLogStreams"] = [page["searchedLogStreams"] for page in pages]
first = paginator.paginate(logGroupName=group, PaginationConfig={"PageSize": 7, "MaxItems": 15}).build_full_result()
rest = paginator.paginate(logGroupName=group, PaginationConfig={"PageSize": 7, "StartingToken": first["NextToken"]}).build_full_result()
out["filterResumed"] = [e["eventId"] for e in first["events"] + rest["events"]]
selected = paginator.paginate(logGroupName=group, logStreamNames=["st-003", "st-001"], startTime=base + 3000, endTime=base + 5000).build_full_result()
out["filterSelected"] = [[e["logStreamName"], e["timestamp"] - base, e["message"]] for e in selected["events"]]

streams_paginator = logs.get_paginator("describe_log_streams")
default_pages = list(streams_paginator.paginate(logGroupName=group))
out["describeDefaultPages"] = [len(page["logStreams"]) for page in default_pages]
small_pages = list(streams_paginator.paginate(logGroupName=group, PaginationConfig={"PageSize": 20}))
out["describeSmallPages"] = [len(page["logStreams"]) for page in small_pages]
out["describeNames"] = [s["logStreamName"] for page in small_pages for s in page["logStreams"]]
out["describeFirst"] = default_pages[0]["logStreams"][0]
descending = streams_paginator.paginate(logGroupName=group, orderBy="LastEventTime", descending=True, PaginationConfig={"PageSize": 50}).build_full_result()
out["describeByLastEventTime"] = [s["logStreamName"] for s in descending["logStreams"]][:6]

# boto3 has no GetLogEvents paginator: follow nextForwardToken until it comes back unchanged.
collected, token, calls = [], None, 0
while calls < 50:
    page = logs.get_log_events(logGroupName=group, logStreamName="st-002", startFromHead=True, limit=6, **({"nextToken": token} if token else {}))
    calls += 1
    collected += [e["message"] for e in page["events"]]
    if page["nextForwardToken"] == token:
        break
    token = page["nextForwardToken"]
out["getMessages"] = collected
out["getCalls"] = calls

out["missingGroup"] = error_of(lambda: list(paginator.paginate(logGroupName="/boto3/missing")))
out["exclusive"] = error_of(lambda: list(paginator.paginate(logGroupName=group, logStreamNames=["st-000"], logStreamNamePrefix="st")))
print(json.dumps(out))
