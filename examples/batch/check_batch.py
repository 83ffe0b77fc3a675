#!/usr/bin/python3
"""Check that marking a corpus on Dask gives what one process gives: generate --count answers,
mark them with mark_on_dask.py on a LocalCluster of --workers processes and with one
`essaycoach mark --jsonl`, and compare the two outputs line for line after sorting by id.
Exit 0 when they are equal. Used by the test suite (tests/cli/batch_test.cc). Entry point: main().

    /usr/bin/python3 examples/batch/check_batch.py --exe build/default/essaycoach --count 20000
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent


def by_id(path):
    lines = pathlib.Path(path).read_text(encoding="utf-8").splitlines()
    return sorted(lines, key=lambda line: json.loads(line)["id"] or "")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--exe", required=True)
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--blocksize", default="2MiB")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="ec-batch-") as tmp:
        tmp = pathlib.Path(tmp)
        corpus, dask_out, single_out = tmp / "corpus.jsonl", tmp / "dask.jsonl", tmp / "single.jsonl"
        with open(corpus, "w") as f:
            subprocess.run([sys.executable, str(HERE / "generate_corpus.py"), "--count", str(args.count),
                            "--bad-every", "997"], stdout=f, check=True)
        start = time.monotonic()
        subprocess.run([sys.executable, str(HERE / "mark_on_dask.py"), str(corpus), str(dask_out), "--exe", args.exe,
                        "--local-workers", str(args.workers), "--blocksize", args.blocksize,
                        "--summary", str(tmp / "summary.json")], check=True)
        dask_seconds = time.monotonic() - start
        start = time.monotonic()
        with open(corpus, "rb") as f, open(single_out, "wb") as out:
            subprocess.run([args.exe, "mark", "--jsonl"], stdin=f, stdout=out, check=True)
        single_seconds = time.monotonic() - start
        a, b = by_id(dask_out), by_id(single_out)
        print("dask: %d lines in %.1f s; one process: %d lines in %.1f s" % (len(a), dask_seconds, len(b), single_seconds))
        summary = json.loads((tmp / "summary.json").read_text())
        if len(a) != args.count or a != b:
            differ = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            print("outputs differ: %d against %d lines, first difference at sorted line %d" % (len(a), len(b), differ))
            return 1
        if summary["errors"] != args.count // 997 or sum(p["answers"] for p in summary["prompts"].values()) + \
                summary["errors"] != args.count:
            print("the summary does not add up: %s" % summary)
            return 1
        print("same %d reports (sorted by id) from Dask and from one process" % len(a))
        return 0


if __name__ == "__main__":
    sys.exit(main())
