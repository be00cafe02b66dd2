"""Import speed on a folder of real saved pages (../shared/extraction-dev): pages per second.

    python bench/import_speed.py [--data DIR] [--mode html|dump] [--jobs 1 2] [--runs 3] [--json OUT]

The data set's pages (read-only, never copied into the repo) are staged into one folder, which
is imported as a user would import it, ``python build.py import DIR --jobs N``, twice per run:
``--dry-run --json`` (the extraction and what it prints) and for real into a fresh site (the
captures and articles written too). Each is timed as the whole command, start-up included:
wall, and CPU (user + sys of the process and its workers). Medians of ``--runs`` runs; the load
average is printed with them, since on a shared machine wall time depends on what else runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.import_real import DEFAULT_DATA, FALLBACK, MODES, pages  # noqa: E402

SITE_TOML = 'title="speed"\nbase_url="http://x/"\n'


def stage(data: Path, mode: str, root: Path) -> tuple[Path, int]:
    """The pages copied into one folder, each with the same fixed mtime (the capture time the importer reads)."""
    source_name, suffix = MODES[mode]
    folder = root / f"pages-{mode}"
    folder.mkdir()
    items = pages(data)
    for coll, name, _ in items:
        target = folder / f"{coll}__{name}{suffix}"
        shutil.copyfile(data / coll / name / source_name, target)
        os.utime(target, (1_700_000_000, 1_700_000_000))
    return folder, len(items)


def new_site(root: Path, name: str) -> Path:
    site = root / name
    shutil.rmtree(site, ignore_errors=True)
    (site / "content" / "sources").mkdir(parents=True)
    (site / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    return site


def timed(command: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of one command (its workers included: they are waited for), and its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=580)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def measure(folder: Path, n: int, root: Path, jobs: int, runs: int) -> dict:
    base = [sys.executable, str(REPO / "build.py"), "import", "--date", FALLBACK,
            *(["--jobs", str(jobs)] if jobs else [])]  # 0: the importer's default (and an older one's only way)
    result: dict = {"jobs": jobs}
    for kind in ("dry-run", "write"):
        walls, cpus = [], []
        for _ in range(runs):
            site = new_site(root, "site")
            extra = ["--dry-run", "--json", "--force"] if kind == "dry-run" else []
            wall, cpu, out = timed([*base, *extra, "--site", str(site), str(folder)])
            lines = [line for line in out.splitlines() if line.startswith(("{", "written ", "skipped "))]
            if len(lines) != n:
                raise SystemExit(f"{kind} --jobs {jobs}: {len(lines)} of {n} pages imported (or skipped)")
            walls.append(wall)
            cpus.append(cpu)
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        result[kind] = {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "pages_per_s": round(n / wall, 1),
                        "cpu_ms_per_page": round(1000 * cpu / n, 1), "walls": [round(w, 2) for w in walls],
                        "cpus": [round(c, 2) for c in cpus]}
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="extraction-dev folder")
    parser.add_argument("--mode", choices=sorted(MODES), default="html")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, os.cpu_count() or 1],
                        help="worker processes to compare (0: the importer's default, no --jobs given)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the report as JSON")
    args = parser.parse_args(argv)
    if not (args.data / "score.py").is_file():
        print(f"extraction-dev is absent ({args.data}): nothing to measure")
        return 0
    report: dict = {"mode": args.mode, "cpus": os.cpu_count(), "load_before": os.getloadavg()[0], "results": []}
    with tempfile.TemporaryDirectory(prefix="import-speed-") as tmp:
        folder, n = stage(args.data, args.mode, Path(tmp))
        report["pages"] = n
        for jobs in args.jobs:
            report["results"].append(measure(folder, n, Path(tmp), jobs, args.runs))
    report["load_after"] = os.getloadavg()[0]
    print(f"== import of a folder of {n} saved {args.mode} pages, median of {args.runs} "
          f"(load average {report['load_before']:.1f} before, {report['load_after']:.1f} after, {os.cpu_count()} CPUs)")
    for r in report["results"]:
        for kind in ("dry-run", "write"):
            s = r[kind]
            print(f"   --jobs {r['jobs']} {kind:<7}: {s['pages_per_s']:5.1f} pages/s wall ({s['wall_s']:.2f} s), "
                  f"CPU {s['cpu_s']:.2f} s = {s['cpu_ms_per_page']:.1f} ms/page  walls {s['walls']} cpus {s['cpus']}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
