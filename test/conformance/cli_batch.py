# Runs many AWS CLI v2 commands in one interpreter: the same entry point /usr/bin/aws calls, once per command.
#
# Each `aws` process spends ~0.5 s of CPU importing the CLI before it sends anything; on the shared 2-core test
# machine that dominated the conformance tests. This script imports the CLI once and then runs every command through
# awscli.clidriver.AWSCLIEntryPoint().main(argv) -- exactly what /usr/bin/aws does -- with a fresh entry point (fresh
# session, fresh client) per command, capturing its stdout, stderr and return code (the process exit code).
#
# stdin: a JSON array of argv arrays (without the leading "aws"). stdout: a JSON array of
# {"exitCode": int, "stdout": str, "stderr": str}, one per command, in order. Run it with Debian's /usr/bin/python3,
# the interpreter the Debian awscli package installs into.
import io
import json
import sys

import awscli.clidriver


def run(argv):
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", write_through=True)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = awscli.clidriver.AWSCLIEntryPoint().main(list(argv))
    except SystemExit as exit_request:  # argparse usage errors exit instead of returning
        code = exit_request.code if isinstance(exit_request.code, int) else 255
    finally:
        out.flush()
        err.flush()
        sys.stdout, sys.stderr = saved
    return {
        "exitCode": code if code is not None else 0,
        "stdout": out_bytes.getvalue().decode("utf-8"),
        "stderr": err_bytes.getvalue().decode("utf-8"),
    }


def main():
    commands = json.load(sys.stdin)
    results = [run(argv) for argv in commands]
    sys.stdout.write(json.dumps(results))


if __name__ == "__main__":
    main()
