#!/usr/bin/python3
"""Generate a JSON Lines corpus of student answers for batch marking: {"id", "prompt", "answer"}
a line, made from the example answers in examples/<prompt>/*.txt with variations (sentences
dropped, paragraphs reordered, words misspelt, dates changed, answers cut short). Deterministic
for a given --seed. Entry point: main().

    /usr/bin/python3 examples/batch/generate_corpus.py --count 20000 > corpus.jsonl
"""
import argparse
import json
import pathlib
import random
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def example_answers(prompt=None):
    """(prompt, text) for every example answer (of `prompt`, when given), in a fixed order."""
    out = []
    for path in sorted((ROOT / "examples").glob("*/*.txt")):
        if prompt is None or path.parent.name == prompt:
            out.append((path.parent.name, path.read_text(encoding="utf-8")))
    return out


def misspell(word, rng):
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1:]  # a letter dropped
    if kind == 1:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]  # two swapped
    return word[:i] + word[i] + word[i:]  # a letter doubled


def vary(text, rng):
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(paragraphs) > 2 and rng.random() < 0.3:
        body = paragraphs[1:-1]
        rng.shuffle(body)
        paragraphs = paragraphs[:1] + body + paragraphs[-1:]
    out = []
    for p in paragraphs:
        sentences = re.split(r"(?<=[.!?])\s+", p.strip())
        kept = [s for s in sentences if rng.random() > 0.12] or sentences[:1]
        out.append(" ".join(kept))
    text = "\n\n".join(out)
    words = text.split(" ")
    for _ in range(rng.randrange(4)):
        i = rng.randrange(len(words))
        words[i] = misspell(words[i], rng)
    text = " ".join(words)
    if rng.random() < 0.2:
        text = re.sub(r"\b(19[12]\d)\b", lambda m: str(int(m.group(1)) + rng.choice([-1, 1])), text, count=1)
    if rng.random() < 0.1:
        text = text[: max(40, int(len(text) * rng.uniform(0.2, 0.6)))]
    return text + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1924)
    ap.add_argument("--bad-every", type=int, default=0, help="every Nth line is not JSON (0: none)")
    ap.add_argument("--prompt", help="only answers to this prompt")
    ap.add_argument("--min-words", type=int, default=0, help="only example answers of at least this many words")
    ap.add_argument("--files", help="write each answer to FOLDER/<id>.txt instead of JSON Lines")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    answers = [(p, t) for p, t in example_answers(args.prompt) if len(t.split()) >= args.min_words]
    if args.files:
        folder = pathlib.Path(args.files)
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(args.count):
            prompt, text = answers[rng.randrange(len(answers))]
            (folder / ("g%07d.txt" % n)).write_text(vary(text, rng), encoding="utf-8")
        return
    write = sys.stdout.write
    for n in range(args.count):
        ident = "g%07d" % n
        if args.bad_every and n % args.bad_every == args.bad_every - 1:
            write("{not json %s\n" % ident)
            continue
        prompt, text = answers[rng.randrange(len(answers))]
        write(json.dumps({"id": ident, "prompt": prompt, "answer": vary(text, rng)}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
