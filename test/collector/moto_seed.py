"""Seeds moto_server's CloudWatch Logs with boto3 (an AWS client nobody here wrote), or reads back what it holds.

Usage: python3 moto_seed.py ENDPOINT seed|read. `seed` prints nothing; `read` prints one JSON line per event:
{"logGroup", "logStream", "eventId", "timestamp", "message"}, taken per stream with FilterLogEvents and its nextToken.
"""
import json
import sys
import time

import boto3

GROUPS = {"vpc-flow": ["eni-0a1-all", "eni-0b2-all", "eni-0c3-all"], "/ecs/web": ["ecs/web/1", "ecs/web/2"]}
PER_STREAM = 800


def client(endpoint):
    return boto3.client("logs", region_name="us-west-2", endpoint_url=endpoint,
                        aws_access_key_id="AKIAMOTOTESTKEY00001", aws_secret_access_key="moto-does-not-check")


def seed(logs):
    now = int(time.time() * 1000)
    for group, streams in GROUPS.items():
        logs.create_log_group(logGroupName=group)
        for s, stream in enumerate(streams):
            logs.create_log_stream(logGroupName=group, logStreamName=stream)
            # Timestamps over the last ten minutes, interleaved across streams, ascending within a batch as AWS requires.
            events = [{"timestamp": now - 600_000 + i * 700 + s * 37, "message": f"{group} {stream} event {i} \u00e9\u4e2d \"quoted\""}
                      for i in range(PER_STREAM)]
            for start in range(0, len(events), 250):
                logs.put_log_events(logGroupName=group, logStreamName=stream, logEvents=events[start:start + 250])


def read(logs):
    for group, streams in GROUPS.items():
        for stream in streams:
            token = None
            while True:
                kwargs = {"logGroupName": group, "logStreamNames": [stream], "limit": 300}
                if token:
                    kwargs["nextToken"] = token
                page = logs.filter_log_events(**kwargs)
                for event in page["events"]:
                    print(json.dumps({"logGroup": group, "logStream": event["logStreamName"], "eventId": event["eventId"],
                                      "timestamp": event["timestamp"], "message": event["message"]}))
                token = page.get("nextToken")
                if not token:
                    break


if __name__ == "__main__":
    endpoint, action = sys.argv[1], sys.argv[2]
    (seed if action == "seed" else read)(client(endpoint))
