"""Score the importer on real saved pages it has never seen (../shared/extraction-dev).

    python bench/import_real.py [--data DIR] [--mode dump|html|both] [--workers N] [--verbose] [--json OUT]

The data set (read-only, never copied into the repo) has, per page, the saved HTML, the text a
browser shows for it (dump.txt) and the expected article (truth.json). For each mode the real
importer runs as a user would run it,

    python build.py import --dry-run --json --force --date 2020-01-01 --site TMPSITE INPUTS

split over N import processes (default 1: the importer drafts a folder's inputs on every core
itself), in a throw-away site without articles or sources. The bodies it
prints (Markdown syntax removed) are scored by the data set's own score.py (word 4-gram P/R/F1,
mean over pages); titles against the truth's title and its alternatives; dates as the exact day
against `published` and its alternatives (the --date fallback counts as no date). Pages/s is
the wall time of the whole run, start-up included.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.import_eval import norm_title, strip_markdown  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "extraction-dev"
FALLBACK = "2020-01-01"
MODES = {"dump": ("dump.txt", ".txt"), "html": ("page.html", ".html")}


def pages(data: Path) -> list[tuple[str, str, dict]]:
    out = []
    for truth in sorted(data.glob("*/*/truth.json")):
        record = json.loads(truth.read_text(encoding="utf-8"))
        if record.get("body"):
            out.append((truth.parent.parent.name, truth.parent.name, record))
    return out


def run_mode(data: Path, mode: str, items: list[tuple[str, str, dict]], workers: int, root: Path) -> dict:
    source_name, suffix = MODES[mode]
    site = root / f"site-{mode}"
    (site / "content" / "sources").mkdir(parents=True)
    (site / "site.toml").write_text('title="real"\nbase_url="http://x/"\n', encoding="utf-8")
    staged = root / f"inputs-{mode}"
    staged.mkdir()
    names: dict[str, tuple[str, str]] = {}
    for coll, name, _ in items:
        target = staged / f"{coll}__{name}{suffix}"
        shutil.copyfile(data / coll / name / source_name, target)
        names[str(target)] = (coll, name)
    inputs = sorted(names)
    chunks = [inputs[i::workers] for i in range(workers)]
    command = [sys.executable, str(REPO / "build.py"), "import", "--dry-run", "--json", "--force",
               "--date", FALLBACK, "--site", str(site)]
    start = time.perf_counter()
    procs = [subprocess.Popen([*command, *chunk], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for chunk in chunks if chunk]
    records: dict[tuple[str, str], dict] = {}
    errors = []
    for proc in procs:
        out, err = proc.communicate(timeout=580)
        errors.extend(line for line in err.splitlines() if "Traceback" in line)
        for line in out.splitlines():
            if line.startswith("{"):
                record = json.loads(line)
                records[names[record["input"]]] = record
    wall = time.perf_counter() - start
    return {"records": records, "wall": wall, "tracebacks": errors}


def day_of(value) -> str | None:
    return str(value)[:10] if value else None


def score_mode(data: Path, mode: str, items: list, run: dict, root: Path) -> dict:
    pred = root / f"pred-{mode}"
    rows = []
    for coll, name, truth in items:
        record = run["records"].get((coll, name)) or {"status": "missing", "error": "no output"}
        body = strip_markdown(record.get("body") or "") if record.get("status") == "dry-run" else ""
        (pred / coll).mkdir(parents=True, exist_ok=True)
        (pred / coll / f"{name}.txt").write_text(body, encoding="utf-8")
        front = record.get("front_matter") or {}
        titles = {norm_title(t) for t in [truth.get("title"), *(truth.get("title_alternatives") or [])] if t}
        days = {d for d in [truth.get("published"), *(truth.get("published_alternatives") or [])] if d}
        got_day = day_of(front.get("date"))
        rows.append({"page": f"{coll}/{name}", "status": record.get("status"), "error": record.get("error"),
                     "review": front.get("review"), "title": front.get("title"), "title_ok":
                     norm_title(front.get("title")) in titles, "dated": bool(days), "date": got_day,
                     "date_ok": bool(days) and got_day in days, "date_found": got_day not in (None, FALLBACK)})
    scored = subprocess.run([sys.executable, str(data / "score.py"), str(pred), "--truth", str(data), "--json",
                             "--verbose"], capture_output=True, text=True, timeout=300)
    result = json.loads(scored.stdout)
    by_page = {f"{p['collection']}/{p['name']}": p for p in result["pages"]}
    for row in rows:
        page = by_page[row["page"]]
        row.update(p=page["p"], r=page["r"], f1=page["f1"])
    dated = [r for r in rows if r["dated"]]
    n = len(rows)
    return {
        "mode": mode, "pages": n, "collections": result["summary"],
        "f1": result["summary"]["all"]["f1"], "p": result["summary"]["all"]["p"], "r": result["summary"]["all"]["r"],
        "title_acc": sum(r["title_ok"] for r in rows) / n,
        "date_acc": sum(r["date_ok"] for r in dated) / len(dated) if dated else None,
        "date_found": sum(r["date_found"] for r in dated), "dated": len(dated),
        "refused": sum(r["status"] != "dry-run" for r in rows),
        "review": sum(bool(r["review"]) for r in rows),
        "pages_per_s": n / run["wall"], "tracebacks": len(run["tracebacks"]), "rows": rows,
    }


def print_summary(s: dict, verbose: bool) -> None:
    print(f"== {s['mode']}: {s['pages']} pages, {s['pages_per_s']:.1f} pages/s (wall, start-up included)")
    for coll, c in s["collections"].items():
        print(f"   body F1 {coll:<12} {c['f1']:.3f} (P {c['p']:.3f}, R {c['r']:.3f})")
    print(f"   titles exact {s['title_acc']:.3f}; dates exact day {s['date_acc']:.3f} of {s['dated']} dated "
          f"({s['date_found']} found); refused {s['refused']}; marked for review {s['review']}; "
          f"tracebacks {s['tracebacks']}")
    failed = [r for r in s["rows"] if r["status"] != "dry-run"]
    for r in failed:
        print(f"   refused {r['page']}: {r['error']}")
    if verbose:
        for r in sorted(s["rows"], key=lambda r: r["f1"]):
            print(f"   {r['page']:<42} F1 {r['f1']:.3f} P {r['p']:.3f} R {r['r']:.3f} "
                  f"title {'ok' if r['title_ok'] else 'NO'} date {r['date']} {'ok' if r['date_ok'] else '-'}"
                  f"{' review' if r['review'] else ''}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="extraction-dev folder")
    parser.add_argument("--mode", choices=("dump", "html", "both"), default="both")
    parser.add_argument("--workers", type=int, default=1, help="import processes the inputs are split over")
    parser.add_argument("--verbose", "-v", action="store_true", help="one row per page, worst first")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the full report as JSON")
    args = parser.parse_args(argv)
    if not (args.data / "score.py").is_file():
        print(f"extraction-dev is absent ({args.data}): nothing to measure")
        return 0
    items = pages(args.data)
    report = {}
    with tempfile.TemporaryDirectory(prefix="import-real-") as tmp:
        for mode in (("dump", "html") if args.mode == "both" else (args.mode,)):
            run = run_mode(args.data, mode, items, max(1, args.workers), Path(tmp))
            report[mode] = score_mode(args.data, mode, items, run, Path(tmp))
            print_summary(report[mode], args.verbose)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
