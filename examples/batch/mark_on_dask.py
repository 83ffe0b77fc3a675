#!/usr/bin/python3
"""Mark a large JSON Lines corpus ({"id", "prompt", "answer"} a line) on a Dask cluster: the corpus
is read as a bag of partitions, each partition is piped through `essaycoach mark --jsonl` on a
worker, and the reports ({"id", ...report} or {"id", "error"} a line) are written to one JSONL file
in corpus order, with an optional summary per prompt. Entry point: main().

    # on this machine, a LocalCluster of 2 worker processes:
    /usr/bin/python3 examples/batch/mark_on_dask.py corpus.jsonl reports.jsonl --local-workers 2
    # on a real cluster (the corpus path and the executable must be readable on every worker):
    /usr/bin/python3 examples/batch/mark_on_dask.py /shared/corpus.jsonl reports.jsonl \
        --scheduler tcp://scheduler.example.org:8786 --exe /opt/essaycoach/bin/essaycoach
"""
import argparse
import json
import os
import pathlib
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]


def mark_partition(lines, exe, jobs, rubrics):
    """Runs on a worker: pipe one partition's lines through `essaycoach mark --jsonl`."""
    command = [exe, "mark", "--jsonl", "--jobs", str(jobs)]
    for folder in rubrics:
        command += ["--rubrics", folder]
    text = "".join(line if line.endswith("\n") else line + "\n" for line in lines)
    done = subprocess.run(command, input=text.encode("utf-8"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if done.returncode != 0:
        raise RuntimeError("essaycoach mark --jsonl exited %d: %s" % (done.returncode, done.stderr.decode()[-2000:]))
    return done.stdout.decode("utf-8").splitlines(keepends=True)


class Summary:
    """Per prompt: answers marked, errors, mean mark and the count at each level."""

    def __init__(self):
        self.prompts = {}
        self.errors = 0

    def add(self, line):
        report = json.loads(line)
        if "error" in report:
            self.errors += 1
            return
        p = self.prompts.setdefault(report["prompt"], {"answers": 0, "marks": 0, "levels": {}})
        p["answers"] += 1
        p["marks"] += report["mark"]
        level = str(report["level"])
        p["levels"][level] = p["levels"].get(level, 0) + 1

    def as_json(self):
        out = {"errors": self.errors, "prompts": {}}
        for prompt, p in sorted(self.prompts.items()):
            out["prompts"][prompt] = {"answers": p["answers"], "mean_mark": round(p["marks"] / p["answers"], 3),
                                      "levels": dict(sorted(p["levels"].items()))}
        return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", help="JSON Lines input (a path every worker can read)")
    ap.add_argument("output", help="JSON Lines reports, in corpus order")
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="address of a running Dask scheduler, e.g. tcp://host:8786")
    where.add_argument("--local-workers", type=int, default=2, help="start a LocalCluster of N worker processes")
    ap.add_argument("--exe", default=str(ROOT / "build/default/essaycoach"), help="essaycoach on the workers")
    ap.add_argument("--jobs", type=int, default=1, help="marking threads per partition (--jobs of essaycoach)")
    ap.add_argument("--blocksize", default="2MiB", help="bytes of corpus per partition")
    ap.add_argument("--rubrics", action="append", default=[], help="a folder of your own rubrics (repeatable)")
    ap.add_argument("--summary", help="also write a JSON summary per prompt here")
    args = ap.parse_args()

    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    if args.scheduler:
        client = Client(args.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=args.local_workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    start = time.monotonic()
    try:
        corpus = db.read_text(os.path.abspath(args.corpus), blocksize=args.blocksize)
        reports = corpus.map_partitions(mark_partition, args.exe, args.jobs, args.rubrics)
        # Every partition computed at once; written in corpus order as each one arrives.
        futures = client.compute(reports.to_delayed())
        summary = Summary() if args.summary else None
        answers = 0
        with open(args.output, "w", encoding="utf-8") as out:
            for future in futures:
                lines = future.result()
                out.writelines(lines)
                answers += len(lines)
                if summary:
                    for line in lines:
                        summary.add(line)
                future.release()
        seconds = time.monotonic() - start
        if summary:
            with open(args.summary, "w", encoding="utf-8") as f:
                json.dump(summary.as_json(), f, indent=2)
                f.write("\n")
        workers = len(client.scheduler_info()["workers"])
        print("marked %d answers in %d partitions on %d workers in %.1f s: %.0f answers/s"
              % (answers, reports.npartitions, workers, seconds, answers / seconds), file=sys.stderr)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


if __name__ == "__main__":
    main()
