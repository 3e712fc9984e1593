# One fixed CloudWatch Logs request sequence through boto3, for the differential test against moto_server.
#
# usage: python3 differential.py ENDPOINT BASE_TIMESTAMP_MS
# Prints one JSON object: step name -> normalised outcome. Events are [logStreamName, timestamp, message] (eventIds and
# tokens are implementation details: the test compares what a reader gets, concatenated over every page). An error is
# {"error": code}. Paged steps follow the service's tokens to the end, so tokens are compared by their effect only.
import json
import sys

import boto3
import botocore.config
import botocore.exceptions

endpoint, base = sys.argv[1], int(sys.argv[2])
logs = boto3.client(
    "logs",
    endpoint_url=endpoint,
    region_name="us-east-1",
    # No retries: a throttle or a 500 must show up as a difference, not be hidden.
    config=botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"}),
)
results = {}


def step(name, call):
    try:
        results[name] = call()
    except botocore.exceptions.ClientError as error:
        results[name] = {"error": error.response["Error"]["Code"]}


def events(items, with_stream=True):
    return [[e["logStreamName"], e["timestamp"], e["message"]] if with_stream else [e["timestamp"], e["message"]] for e in items]


def filter_all(**params):
    """FilterLogEvents to the end of pagination; the concatenated events and how many pages it took."""
    collected, token, pages = [], None, 0
    while True:
        response = logs.filter_log_events(**params, **({"nextToken": token} if token else {}))
        pages += 1
        collected += events(response["events"])
        token = response.get("nextToken")
        if not token or pages > 100:
            return collected


def describe_all(method, key, name_key, **params):
    collected, token, pages = [], None, 0
    while True:
        response = getattr(logs, method)(**params, **({"nextToken": token} if token else {}))
        pages += 1
        collected += [item[name_key] for item in response[key]]
        token = response.get("nextToken")
        if not token or pages > 100:
            return collected


def get_all(direction, **params):
    """GetLogEvents following one direction's token until the same token comes back (AWS's end-of-stream rule)."""
    key = "nextForwardToken" if direction == "forward" else "nextBackwardToken"
    response = logs.get_log_events(**params)
    collected, calls = events(response["events"], with_stream=False), 1
    while calls < 100:
        passed = response[key]
        response = logs.get_log_events(**params, nextToken=passed)
        calls += 1
        page = events(response["events"], with_stream=False)
        collected = collected + page if direction == "forward" else page + collected
        if response[key] == passed:
            return {"events": collected, "endedWithSameToken": True, "lastPageEmpty": page == []}
    return {"events": collected, "endedWithSameToken": False}


def put(group, stream, items):
    response = logs.put_log_events(logGroupName=group, logStreamName=stream, logEvents=[{"timestamp": t, "message": m} for t, m in items])
    return {"rejectedLogEventsInfo": response.get("rejectedLogEventsInfo")}


G = "/diff/app"
for group in [G, "/diff/B", "/diff/a-x", "/diff/a_x", "/diff/a.x", "/diff/order"]:
    step(f"createLogGroup {group}", lambda group=group: logs.create_log_group(logGroupName=group) and None)
step("createLogGroup duplicate", lambda: logs.create_log_group(logGroupName=G) and None)
for stream in ["s-1", "s-2", "t-1"]:
    step(f"createLogStream {stream}", lambda stream=stream: logs.create_log_stream(logGroupName=G, logStreamName=stream) and None)
step("createLogStream duplicate", lambda: logs.create_log_stream(logGroupName=G, logStreamName="s-1") and None)
step("createLogStream in a missing group", lambda: logs.create_log_stream(logGroupName="/diff/missing", logStreamName="x") and None)

# Puts one after another: equal timestamps across and within streams, so order is decided by the tie rules.
step("put s-1", lambda: put(G, "s-1", [(base, "s1 first GET 200"), (base, "s1 second ERROR 500"), (base + 1000, "s1 third"), (base + 2000, "s1 fourth")]))
step("put s-2", lambda: put(G, "s-2", [(base, "s2 first"), (base + 1000, "s2 second ERROR"), (base + 1000, "s2 third"), (base + 3000, "s2 fourth")]))
step("put t-1", lambda: put(G, "t-1", [(base + 500, "t1 first"), (base + 2500, "t1 second ERROR")]))
step("put out of order", lambda: put(G, "s-1", [(base + 10, "later"), (base, "earlier")]))
step("put to a missing stream", lambda: put(G, "missing", [(base, "x")]))
step("put to a missing group", lambda: put("/diff/missing", "s-1", [(base, "x")]))

# interleaved=True is deprecated and ignored by AWS (always interleaved); moto only interleaves when it is sent.
step("filter all", lambda: filter_all(logGroupName=G, interleaved=True))
step("filter all in pages of 3", lambda: filter_all(logGroupName=G, interleaved=True, limit=3))
step("filter all in pages of 1", lambda: filter_all(logGroupName=G, interleaved=True, limit=1))
step("filter startTime..endTime", lambda: filter_all(logGroupName=G, interleaved=True, startTime=base + 1000, endTime=base + 2000))
step("filter startTime only", lambda: filter_all(logGroupName=G, interleaved=True, startTime=base + 1))
step("filter endTime only", lambda: filter_all(logGroupName=G, interleaved=True, endTime=base + 999))
step("filter logStreamNames in pages of 2", lambda: filter_all(logGroupName=G, interleaved=True, logStreamNames=["s-2", "t-1"], limit=2))
step("filter pattern ERROR", lambda: filter_all(logGroupName=G, interleaved=True, filterPattern="ERROR"))
step("filter phrase", lambda: filter_all(logGroupName=G, interleaved=True, filterPattern='"s1 second"'))
step("filter logStreamNamePrefix", lambda: filter_all(logGroupName=G, interleaved=True, logStreamNamePrefix="s-"))
step("filter names and prefix", lambda: filter_all(logGroupName=G, logStreamNames=["s-1"], logStreamNamePrefix="s-"))
step("filter limit 10001", lambda: filter_all(logGroupName=G, limit=10001))
step("filter a missing group", lambda: filter_all(logGroupName="/diff/missing"))

# Same timestamp, put to the second-created stream first: AWS orders by ingestion, then the PutLogEvents request.
step("order create x-1", lambda: logs.create_log_stream(logGroupName="/diff/order", logStreamName="x-1") and None)
step("order create x-2", lambda: logs.create_log_stream(logGroupName="/diff/order", logStreamName="x-2") and None)
step("order put x-2", lambda: put("/diff/order", "x-2", [(base, "x2 put first")]))
step("order put x-1", lambda: put("/diff/order", "x-1", [(base, "x1 put second")]))
step("filter same timestamp, put order differs from stream order", lambda: filter_all(logGroupName="/diff/order", interleaved=True))

step("describeLogGroups in pages of 2", lambda: describe_all("describe_log_groups", "logGroups", "logGroupName", limit=2))
step("describeLogGroups prefix", lambda: describe_all("describe_log_groups", "logGroups", "logGroupName", logGroupNamePrefix="/diff/a"))
step("describeLogGroups limit 51", lambda: describe_all("describe_log_groups", "logGroups", "logGroupName", limit=51))
step("describeLogStreams in pages of 2", lambda: describe_all("describe_log_streams", "logStreams", "logStreamName", logGroupName=G, limit=2))
step("describeLogStreams descending", lambda: describe_all("describe_log_streams", "logStreams", "logStreamName", logGroupName=G, descending=True))
step("describeLogStreams prefix", lambda: describe_all("describe_log_streams", "logStreams", "logStreamName", logGroupName=G, logStreamNamePrefix="s-"))
step("describeLogStreams by LastEventTime descending", lambda: describe_all("describe_log_streams", "logStreams", "logStreamName", logGroupName=G, orderBy="LastEventTime", descending=True))
step("describeLogStreams LastEventTime with a prefix", lambda: describe_all("describe_log_streams", "logStreams", "logStreamName", logGroupName=G, orderBy="LastEventTime", logStreamNamePrefix="s"))
step("describeLogStreams limit 51", lambda: describe_all("describe_log_streams", "logStreams", "logStreamName", logGroupName=G, limit=51))
step("describeLogStreams a missing group", lambda: describe_all("describe_log_streams", "logStreams", "logStreamName", logGroupName="/diff/missing"))

step("get head in pages of 3", lambda: get_all("forward", logGroupName=G, logStreamName="s-2", startFromHead=True, limit=3))
step("get head in pages of 1", lambda: get_all("forward", logGroupName=G, logStreamName="s-1", startFromHead=True, limit=1))
step("get tail in pages of 3, backwards", lambda: get_all("backward", logGroupName=G, logStreamName="s-1", limit=3))
step("get tail, one page", lambda: events(logs.get_log_events(logGroupName=G, logStreamName="s-2", limit=2)["events"], with_stream=False))
step("get startTime inclusive", lambda: events(logs.get_log_events(logGroupName=G, logStreamName="s-2", startFromHead=True, startTime=base + 1000)["events"], with_stream=False))
step("get endTime", lambda: events(logs.get_log_events(logGroupName=G, logStreamName="s-2", startFromHead=True, endTime=base + 1000)["events"], with_stream=False))
step("get limit 10001", lambda: logs.get_log_events(logGroupName=G, logStreamName="s-1", limit=10001) and None)
step("get a missing stream", lambda: logs.get_log_events(logGroupName=G, logStreamName="missing") and None)
step("get a missing group", lambda: logs.get_log_events(logGroupName="/diff/missing", logStreamName="s-1") and None)

step("deleteLogStream", lambda: logs.delete_log_stream(logGroupName=G, logStreamName="t-1") and None)
step("deleteLogStream again", lambda: logs.delete_log_stream(logGroupName=G, logStreamName="t-1") and None)
step("filter after deleting a stream", lambda: filter_all(logGroupName=G, interleaved=True))
step("deleteLogGroup", lambda: logs.delete_log_group(logGroupName="/diff/B") and None)
step("deleteLogGroup again", lambda: logs.delete_log_group(logGroupName="/diff/B") and None)

print(json.dumps(results))
