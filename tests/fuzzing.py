"""Fuzzing the parser with mutants of real resolutions (tests/core/test_fuzz_parser.py runs a small
fixed sample, tests/bench/test_bench_fuzz.py thousands).

Mutations: byte flips, truncations, duplicated and deleted chunks, random splices, and edits at
the PDF object level with pymupdf (a changed number or deleted key in an object, an object
replaced by another or by null, a page's content stream with its numbers and operators mangled).

Each mutant is parsed in a child process (`FuzzRunner`) with a time bound: an exception other
than ParseError is a crash, exceeding the bound is a hang, anything the parser prints on stderr
is noise (the command line must print one line). The child is restarted after a hang or a death.
"""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parent.parent
pymupdf.TOOLS.mupdf_display_errors(False)  # mutating may meet broken objects; stay quiet


# -- mutations ------------------------------------------------------------------------------------

def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 2, 8, 64))):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(1, len(data))]


def duplicate_chunk(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    chunk = data[start:start + rng.randrange(1, 4096)]
    at = rng.randrange(len(data))
    return data[:at] + chunk + data[at:]


def delete_chunk(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    return data[:start] + data[start + rng.randrange(1, 4096):]


def splice_random(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + rng.randbytes(rng.randrange(1, 512)) + data[at:]


_NUMBER = re.compile(rb"-?\d+(?:\.\d+)?")
_ODD_NUMBERS = (b"0", b"-1", b"999999", b"-99999", b"0.0001", b"3.4e38", b"2147483648", b"NaN")


def _mangle_numbers(text: bytes, rng: random.Random, count: int) -> bytes:
    spots = list(_NUMBER.finditer(text))
    if not spots:
        return text
    out = bytearray(text)
    for m in sorted(rng.sample(spots, min(count, len(spots))), key=lambda m: -m.start()):
        out[m.start():m.end()] = rng.choice(_ODD_NUMBERS + (str(rng.randint(-9999, 9999)).encode(),))
    return bytes(out)


def edit_object(data: bytes, rng: random.Random) -> bytes:
    """One change to one PDF object, saved by pymupdf (so the file stays structurally valid)."""
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        xref = rng.randrange(1, doc.xref_length())
        source = doc.xref_object(xref, compressed=True)
        kind = rng.choice(("number", "drop key", "swap", "null", "stream"))
        if kind == "stream" and doc.xref_is_stream(xref):
            stream = doc.xref_stream(xref) or b""
            doc.update_stream(xref, _mangle_numbers(stream, rng, rng.choice((1, 5, 50))))
        elif kind == "drop key" and "/" in source:
            keys = re.findall(r"/[A-Za-z]+", source)
            doc.xref_set_key(xref, rng.choice(keys)[1:], "null")
        elif kind == "swap":
            other = rng.randrange(1, doc.xref_length())
            doc.update_object(xref, doc.xref_object(other, compressed=True) or "null")
        elif kind == "null":
            doc.update_object(xref, "null")
        else:
            doc.update_object(xref, _mangle_numbers(source.encode(), rng, 1).decode("latin-1"))
        return doc.tobytes(garbage=0)
    finally:
        doc.close()


def mangle_page_content(data: bytes, rng: random.Random) -> bytes:
    """A page's text drawn elsewhere, at other sizes, or with operators lost: the parser's
    layout logic meets geometry no real resolution has."""
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        page = doc[rng.randrange(doc.page_count)]
        for xref in page.get_contents():
            stream = doc.xref_stream(xref) or b""
            lines = stream.split(b"\n")
            action = rng.choice(("numbers", "shuffle", "drop"))
            if action == "numbers":
                stream = _mangle_numbers(stream, rng, max(1, len(lines) // rng.choice((2, 10, 50))))
            elif action == "shuffle":
                rng.shuffle(lines)
                stream = b"\n".join(lines)
            else:
                stream = b"\n".join(line for line in lines if rng.random() > 0.2)
            doc.update_stream(xref, stream)
        return doc.tobytes(garbage=0)
    finally:
        doc.close()


MUTATORS = {f.__name__: f for f in (flip_bytes, truncate, duplicate_chunk, delete_chunk,
                                     splice_random, edit_object, mangle_page_content)}


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """A mutant of `data` and the name of the mutation; a pymupdf-level mutation that cannot be
    applied (the object does not allow it) falls back to a byte flip."""
    name = rng.choice(list(MUTATORS))
    try:
        return name, MUTATORS[name](data, rng)
    except Exception:
        return "flip_bytes", flip_bytes(data, rng)


# -- running ----------------------------------------------------------------------------------------

CHILD = r"""
import json, sys, time, traceback
from clausemark.core.errors import ParseError
from clausemark.core.parse.parser import parse_pdf
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    path = line.rstrip("\n")
    start = time.perf_counter()
    try:
        res = parse_pdf(path)
        result = {"outcome": "parsed", "detail": f"{len(list(res.walk()))} paragraphs"}
    except ParseError as exc:
        result = {"outcome": "rejected", "detail": exc.reason}
    except BaseException as exc:
        result = {"outcome": "crash", "detail": traceback.format_exc()}
    result["seconds"] = time.perf_counter() - start
    sys.stderr.flush()
    print(json.dumps(result), flush=True)
"""


@dataclass
class FuzzReport:
    outcomes: Counter = field(default_factory=Counter)  # parsed / rejected / crash / hang / noise
    by_mutator: Counter = field(default_factory=Counter)
    reasons: Counter = field(default_factory=Counter)  # rejection reasons, numbers stripped
    findings: list = field(default_factory=list)  # (outcome, mutator, source, saved path, detail)
    slowest: float = 0.0

    @property
    def tried(self) -> int:
        return sum(self.by_mutator.values())

    @property
    def bad(self) -> int:
        return self.outcomes["crash"] + self.outcomes["hang"] + self.outcomes["noise"]

    def merge(self, other: FuzzReport) -> None:
        self.outcomes.update(other.outcomes)
        self.by_mutator.update(other.by_mutator)
        self.reasons.update(other.reasons)
        self.findings.extend(other.findings)
        self.slowest = max(self.slowest, other.slowest)


class FuzzRunner:
    """A child process that parses the files it is given, one at a time, within `timeout`."""

    def __init__(self, timeout: float = 20.0, workdir: Path | None = None):
        self.timeout = timeout
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="clausemark-fuzz-"))
        self.child: subprocess.Popen | None = None
        self.stderr_path = self.workdir / f"stderr-{os.getpid()}-{id(self)}.txt"

    def _start(self) -> None:
        # kept open across parses (and restarts of the child); closed in stop()
        self.stderr = open(self.stderr_path, "w+b")  # noqa: SIM115
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.child = subprocess.Popen([sys.executable, "-c", CHILD], cwd=ROOT, env=env,
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=self.stderr, text=True)
        assert json.loads(self.child.stdout.readline()) == {"ready": True}

    def stop(self) -> None:
        if self.child is not None:
            self.child.kill()
            self.child.wait()
            self.child = None
            self.stderr.close()

    def parse(self, path: Path) -> dict:
        if self.child is None:
            self._start()
        seen = self.stderr.seek(0, os.SEEK_END)
        self.child.stdin.write(f"{path}\n")
        self.child.stdin.flush()
        line = _readline(self.child, self.timeout)
        if not line:  # None: no answer in time; "": the child died
            self.stop()
            return {"outcome": "hang" if line is None else "crash",
                    "detail": "child died" if line == "" else f"no answer in {self.timeout:.0f} s",
                    "seconds": self.timeout}
        result = json.loads(line)
        self.stderr.seek(seen)
        noise = self.stderr.read().decode("utf-8", "replace").strip()
        if noise and result["outcome"] != "crash":
            result = {"outcome": "noise", "detail": noise[:2000], "seconds": result["seconds"]}
        return result


def _readline(child: subprocess.Popen, timeout: float) -> str | None:
    import selectors
    with selectors.DefaultSelector() as sel:
        sel.register(child.stdout, selectors.EVENT_READ)
        if not sel.select(timeout):
            return None
    return child.stdout.readline()


def replay(sources: list[Path], seed: int, index: int) -> tuple[str, bytes]:
    """Mutant number `index` of the run `fuzz(sources, ..., seed)`, rebuilt (to reproduce a
    finding from its file name: crash-SEED-INDEX-...)."""
    rng = random.Random(seed)
    originals = {p: p.read_bytes() for p in sources}
    for i in range(index + 1):
        name, data = mutate(originals[sources[i % len(sources)]], rng)
    return name, data


def fuzz(sources: list[Path], count: int, seed: int, runner: FuzzRunner,
         keep_findings: Path | None = None) -> FuzzReport:
    """Parse `count` mutants of `sources` (round robin) and report what happened."""
    rng = random.Random(seed)
    originals = {p: p.read_bytes() for p in sources}
    report = FuzzReport()
    mutant_path = runner.workdir / f"mutant-{seed}.pdf"
    for i in range(count):
        source = sources[i % len(sources)]
        name, data = mutate(originals[source], rng)
        mutant_path.write_bytes(data)
        result = runner.parse(mutant_path)
        outcome = result["outcome"]
        report.by_mutator[name] += 1
        report.outcomes[outcome] += 1
        report.slowest = max(report.slowest, result.get("seconds", 0.0))
        if outcome == "rejected":
            report.reasons[re.sub(r"\d+", "N", result["detail"])[:60]] += 1
        elif outcome != "parsed":
            saved = None
            if keep_findings is not None:
                keep_findings.mkdir(parents=True, exist_ok=True)
                saved = keep_findings / f"{outcome}-{seed}-{i}-{name}-{source.name}"
                saved.write_bytes(data)
            report.findings.append((outcome, name, source.name, saved, result["detail"]))
    return report
