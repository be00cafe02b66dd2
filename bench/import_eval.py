"""Score the importer against captures with known answers.

    python bench/import_eval.py [DIR ...] [--json OUT] [--worst N]

Each DIR holds captures (NAME.txt, NAME.html) next to NAME.expected.json, as in
tests/fixtures/import/ (the default) or a set written by `python -m bench.import_corpus`.
For each DIR the real importer runs once, in one process, over copies of the captures:

    python build.py import --dry-run --json --site TMPSITE INPUTS

in a throw-away site. A copy's modification time is set to the expected file's "captured"
stamp, which the importer takes as the capture time ("3 hours ago" is read relative to it).

Scores per capture: word 4-gram precision, recall and F1 of the body against the expected
paragraphs (lower-cased \\w+ tokens, 4-grams counted as a multiset, Markdown syntax removed
from the importer's output first), exact title match, and publication-day match. An expected
date of null means the page gives none: the importer must then fail with "no publication
date", and that counts as the right answer; those captures are imported once more with
--date (in a second, untimed process) so that their body and title are scored too.

Speed is inputs per second over the wall time of the import command, start-up included, and
per kind from the arrival times of the JSON lines (start-up excluded). Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DIR = REPO / "tests" / "fixtures" / "import"
INPUT_SUFFIXES = {".txt": "txt", ".text": "txt", ".html": "html", ".htm": "html"}
NO_DATE = "no publication date"
RESCUE_DATE = "2000-01-01"
WORD = re.compile(r"\w+")
SENTENCE = re.compile(r"(?<=[.!?…»”\"])\s+(?=\S)|\n+")

# -- text ------------------------------------------------------------------------------------


INLINE_TAG = re.compile(r"(?<!\\)</?(?:sup|sub|u|b|i|em|strong|mark|small|s|del|ins|kbd|br)\s*/?>", re.IGNORECASE)


def strip_markdown(body: str) -> str:
    """The importer's Markdown body as plain text: no heading/list/quote marks, no escapes, and no
    inline HTML formatting tags (``x<sup>2</sup>`` renders as x², its text is "x2"; an escaped
    ``\\<sup>`` is text the page showed and stays)."""
    lines = []
    for line in body.replace("\r\n", "\n").split("\n"):
        line = re.sub(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", "", line)
        line = INLINE_TAG.sub("", line)
        line = re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>|~=])", r"\1", line)
        line = re.sub(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)", "", line)
        line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)  # links and images, should any appear
        line = line.strip().strip("|").strip()
        lines.append(line)
    return "\n".join(lines)


def tokens(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFC", text).lower())


def grams(words: list[str], n: int = 4) -> Counter:
    return Counter(tuple(words[i:i + n]) for i in range(len(words) - n + 1))


def prf(predicted: str, expected: str) -> tuple[float, float, float]:
    got, want = grams(tokens(predicted)), grams(tokens(expected))
    overlap = sum((got & want).values())
    p = overlap / sum(got.values()) if got else 0.0
    r = overlap / sum(want.values()) if want else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.split(text) if s and s.strip()]


def _covered(sentence: str, pool: set, words: set) -> float:
    toks = tokens(sentence)
    if len(toks) >= 4:
        own = {tuple(toks[i:i + 4]) for i in range(len(toks) - 3)}
        return len(own & pool) / len(own)
    return sum(t in words for t in toks) / len(toks) if toks else 1.0


def first_uncovered(text: str, other: str) -> str | None:
    """The first sentence of ``text`` that ``other`` mostly lacks."""
    other_tokens = tokens(other)
    pool, words = set(grams(other_tokens)), set(other_tokens)
    for sentence in sentences(text):
        if _covered(sentence, pool, words) < 0.5:
            return sentence
    return None


def norm_title(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


# -- running the importer ----------------------------------------------------------------------


def find_cases(folder: Path) -> tuple[list[dict], list[str]]:
    cases, orphans = [], []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        kind = INPUT_SUFFIXES.get(path.suffix.lower())
        if kind is None or path.name.startswith("."):
            continue
        expected_path = path.with_name(path.stem + ".expected.json")
        if not expected_path.is_file():
            orphans.append(str(path.relative_to(folder)))
            continue
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        cases.append({"path": path, "rel": str(path.relative_to(folder)), "kind": kind, "expected": expected})
    return cases, orphans


def _stamp(value: str | None) -> float | None:
    if not value:
        return None
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.timestamp()


def make_site(root: Path) -> Path:
    site = root / "site"
    (site / "content" / "sources").mkdir(parents=True)
    (site / "site.toml").write_text('title="eval"\nbase_url="http://x/"\n', encoding="utf-8")
    return site


def stage_inputs(cases: list[dict], root: Path) -> Path:
    """Copy the captures (bytes untouched) and give each copy its capture time as mtime."""
    inputs = root / "inputs"
    for case in cases:
        target = inputs / case["rel"]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(case["path"], target)
        stamp = _stamp(case["expected"].get("captured"))
        if stamp is not None:
            os.utime(target, (stamp, stamp))
        case["staged"] = target
    return inputs


def run_import(site: Path, inputs: list[str], *extra: str) -> dict:
    """One import process; returns its records with arrival times, wall time and stderr."""
    command = [sys.executable, str(REPO / "build.py"), "import", "--dry-run", "--json", "--site", str(site),
               *extra, *inputs]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=err, text=True,
                                   encoding="utf-8", errors="replace")
        records, arrivals = [], []
        assert process.stdout is not None
        for line in process.stdout:
            now = time.perf_counter()
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                records.append(json.loads(line))
            except ValueError:
                continue
            arrivals.append(now - start)
        code = process.wait()
        wall = time.perf_counter() - start
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return {"records": records, "arrivals": arrivals, "wall": wall, "code": code, "stderr": stderr}


TRACEBACK_SNIPPET = """
import sys, traceback
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from clippings.config import load_config
from clippings.importer.importer import Importer, ImportOptions
from clippings.importer.inputs import read_file
try:
    Importer(load_config(Path(sys.argv[2])), ImportOptions(dry_run=True)).run(read_file(Path(sys.argv[3])))
except Exception:
    traceback.print_exc()
"""


def traceback_for(site: Path, path: Path) -> str:
    result = subprocess.run([sys.executable, "-c", TRACEBACK_SNIPPET, str(REPO), str(site), str(path)],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    return (result.stderr or result.stdout).strip()


# -- scoring -----------------------------------------------------------------------------------


def score(case: dict, record: dict | None, rescued: dict | None) -> dict:
    expected = case["expected"]
    want_body = "\n".join(expected.get("body") or [])
    out = {"file": case["rel"], "kind": case["kind"], "status": record["status"] if record else "missing",
           "error": record.get("error") if record else "no output for this input"}
    want_date = expected.get("date")
    front = (record or {}).get("front_matter") or {}
    got_date = str(front["date"]) if front.get("date") is not None else None
    if want_date is None:
        out["date_ok"] = bool(record) and record["status"] == "failed" and NO_DATE in (record.get("error") or "")
    else:
        out["date_ok"] = got_date is not None and got_date[:10] == want_date
    out["date_expected"], out["date_got"] = want_date, got_date
    want_time = expected.get("time")
    if want_time and got_date and len(got_date) >= 16:
        out["time_ok"] = got_date[11:16] == want_time
    source = record
    if (not front or record["status"] == "failed") and rescued is not None:
        source, out["rescued"] = rescued, True  # scored from the --date re-run
        front = rescued.get("front_matter") or {}
    body = strip_markdown(source.get("body") or "") if source else ""
    out["p"], out["r"], out["f1"] = prf(body, want_body)
    out["title_expected"], out["title_got"] = expected.get("title"), front.get("title")
    out["title_ok"] = bool(front.get("title")) and norm_title(front.get("title")) == norm_title(expected.get("title"))
    out["lang_ok"] = front.get("lang") == expected.get("lang") if front else False
    out["missing"] = first_uncovered(want_body, body) if body else (want_body.split("\n")[0] if want_body else None)
    out["extra"] = first_uncovered(body, want_body) if body else None
    return out


def speeds(run: dict, kinds: list[str]) -> dict:
    arrivals = run["arrivals"]
    result = {"inputs": len(kinds), "wall_s": round(run["wall"], 3),
              "inputs_per_s": round(len(kinds) / run["wall"], 2) if run["wall"] else None,
              "startup_s": round(arrivals[0], 3) if arrivals else None}
    spent: dict[str, float] = {}
    count: Counter = Counter()
    for i in range(1, min(len(arrivals), len(kinds))):
        spent[kinds[i]] = spent.get(kinds[i], 0.0) + arrivals[i] - arrivals[i - 1]
        count[kinds[i]] += 1
    for kind, seconds in spent.items():
        result[f"{kind}_per_s"] = round(count[kind] / seconds, 1) if seconds > 0 else None
    return result


def evaluate(folder: Path) -> dict:
    cases, orphans = find_cases(folder)
    report: dict = {"dir": str(folder), "orphans": orphans, "files": [], "crashes": []}
    if not cases:
        report["error"] = "no captures with NAME.expected.json found"
        return report
    with tempfile.TemporaryDirectory(prefix="import-eval-") as tmp:
        root = Path(tmp)
        site = make_site(root)
        inputs = stage_inputs(cases, root)
        run = run_import(site, [str(inputs)])
        by_input = {str(Path(r["input"]).resolve()): r for r in run["records"]}
        if run["code"] not in (0, 1) or not run["records"]:
            report["import_failed"] = {"code": run["code"], "stderr": run["stderr"][-4000:]}
        by_staged = {str(c["staged"].resolve()): c for c in cases}
        order = [by_staged[key]["kind"] for key in by_input if key in by_staged]
        report["speed"] = speeds(run, order)
        # Captures without a date, imported again with --date so that their text is scored too.
        undated = [c for c in cases if NO_DATE in ((by_input.get(str(c["staged"].resolve())) or {}).get("error") or "")]
        rescued: dict[str, dict] = {}
        if undated:
            again = run_import(site, [str(c["staged"]) for c in undated], "--date", RESCUE_DATE)
            rescued = {str(Path(r["input"]).resolve()): r for r in again["records"]}
        for case in cases:
            key = str(case["staged"].resolve())
            record = by_input.get(key)
            report["files"].append(score(case, record, rescued.get(key)))
            error = (record or {}).get("error") or ""
            if error.startswith("internal error"):
                report["crashes"].append({"file": case["rel"], "error": error,
                                          "traceback": traceback_for(site, case["staged"])})
    report["summary"] = summarize(report["files"])
    return report


def summarize(files: list[dict]) -> dict:
    summary = {}
    for kind in ("txt", "html", "all"):
        rows = [f for f in files if kind in ("all", f["kind"])]
        if not rows:
            continue
        n = len(rows)
        timed = [f for f in rows if "time_ok" in f]
        summary[kind] = {
            "n": n,
            "precision": round(sum(f["p"] for f in rows) / n, 4),
            "recall": round(sum(f["r"] for f in rows) / n, 4),
            "f1": round(sum(f["f1"] for f in rows) / n, 4),
            "title_acc": round(sum(f["title_ok"] for f in rows) / n, 4),
            "date_acc": round(sum(f["date_ok"] for f in rows) / n, 4),
            "time_acc": round(sum(f["time_ok"] for f in timed) / len(timed), 4) if timed else None,
            "failed": sum(f["status"] != "dry-run" for f in rows),
        }
    return summary


# -- output ------------------------------------------------------------------------------------


def _cut(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[:width - 1] + "…"


def print_report(report: dict, worst: int) -> None:
    print(f"\n== {report['dir']}")
    if report.get("error"):
        print("  " + report["error"])
        return
    if report["orphans"]:
        print(f"  (no expected answer, not scored: {', '.join(report['orphans'][:10])})")
    width = max(12, min(44, max(len(f["file"]) for f in report["files"])))
    print(f"  {'file':<{width}} {'status':<8} {'P':>5} {'R':>5} {'F1':>5}  title date")
    for f in report["files"]:
        status = f["status"] + ("*" if f.get("rescued") else "")
        date = "ok" if f["date_ok"] else f"{f['date_got'] or '-'}≠{f['date_expected'] or 'none'}"
        print(f"  {_cut(f['file'], width):<{width}} {status:<8} {f['p']:5.2f} {f['r']:5.2f} {f['f1']:5.2f}  "
              f"{'ok' if f['title_ok'] else 'NO':<5} {date}")
    if any(f.get("rescued") for f in report["files"]):
        print(f"  * no date found (as expected or not): body scored from a re-run with --date {RESCUE_DATE}")
    print()
    for kind, s in report["summary"].items():
        time_acc = f"{s['time_acc']:.2f}" if s["time_acc"] is not None else "-"
        print(f"  {kind:<5} n={s['n']:<4} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}  "
              f"title={s['title_acc']:.2f} date={s['date_acc']:.2f} time={time_acc} failed={s['failed']}")
    speed = report.get("speed", {})
    if speed:
        per_kind = " ".join(f"{k.removesuffix('_per_s')}={v}/s" for k, v in speed.items()
                            if k.endswith("_per_s") and k != "inputs_per_s")
        print(f"  speed: {speed['inputs']} inputs in {speed['wall_s']:.2f}s wall = {speed['inputs_per_s']} inputs/s "
              f"(start-up + first input {speed['startup_s']}s; after it: {per_kind or '-'})")
    if report.get("import_failed"):
        print(f"  IMPORT COMMAND FAILED (exit {report['import_failed']['code']}):")
        print("    " + report["import_failed"]["stderr"].replace("\n", "\n    "))
    for crash in report["crashes"]:
        print(f"  CRASH {crash['file']}: {crash['error']}\n    " + crash["traceback"].replace("\n", "\n    "))
    ranked = sorted(report["files"], key=lambda f: (f["f1"], f["title_ok"], f["date_ok"]))[:worst]
    if ranked:
        print(f"\n  worst {len(ranked)}:")
    for f in ranked:
        print(f"  - {f['file']}  F1={f['f1']:.2f} P={f['p']:.2f} R={f['r']:.2f} status={f['status']}"
              + (f" error={f['error']}" if f.get("error") else ""))
        if not f["title_ok"]:
            print(f"      title: got {_cut(f['title_got'], 90)!r}, expected {_cut(f['title_expected'], 90)!r}")
        if not f["date_ok"]:
            print(f"      date: got {f['date_got']}, expected {f['date_expected']}")
        print(f"      missing: {_cut(f['missing'], 150) or '-'}")
        print(f"      extra:   {_cut(f['extra'], 150) or '-'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dirs", nargs="*", type=Path, metavar="DIR", help=f"default: {DEFAULT_DIR}")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the full report as JSON")
    parser.add_argument("--worst", type=int, default=5, metavar="N", help="how many worst files to detail")
    args = parser.parse_args(argv)
    reports = []
    for folder in args.dirs or [DEFAULT_DIR]:
        if not folder.is_dir():
            print(f"error: {folder} is not a folder", file=sys.stderr)
            return 2
        report = evaluate(folder.resolve())
        print_report(report, args.worst)
        reports.append(report)
    if args.json:
        args.json.write_text(json.dumps({"reports": reports}, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if any(r.get("import_failed") or r.get("error") for r in reports) else 0


if __name__ == "__main__":
    raise SystemExit(main())
