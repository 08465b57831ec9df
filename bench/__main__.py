"""`make bench`: every bench/bench_*.py in its own process, one results file.

Each benchmark ends its stdout with one JSON list of figures (bench/figures.py). All of
them go to bench/results.json (a list of {"name", "unit", "measured", "target", "meets",
"floor", ...}) and bench/results.md (a table of target against measured); what each one
wrote to stderr (the UI bench: the stacks of its stalls) to bench/logs/NAME.log. A benchmark that
fails is named and the others still run. `make bench ARGS="ui camera"` runs some of them.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from bench.figures import markdown

HERE = Path(__file__).resolve().parent
LOGS = HERE / "logs"


def run_one(path: Path) -> list[dict[str, object]]:
    run = subprocess.run([sys.executable, "-m", f"bench.{path.stem}"], cwd=HERE.parent,
                         capture_output=True, text=True)
    # What a benchmark says on the way (the UI bench names the stacks of its stalls).
    LOGS.mkdir(exist_ok=True)
    (LOGS / f"{path.stem}.log").write_text(run.stderr)
    if run.returncode != 0:
        raise RuntimeError(run.stderr[-3000:] or run.stdout[-3000:])
    last = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ""
    try:
        figures = json.loads(last)
    except ValueError:
        raise RuntimeError(f"no JSON list of figures on its last line:\n{run.stdout[-2000:]}") \
            from None
    return list(figures)


def main(names: list[str]) -> int:
    figures: list[dict[str, object]] = []
    failed = []
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if names and name not in names:
            continue
        print(f"== {name}", flush=True)
        started = time.monotonic()
        try:
            found = run_one(path)
        except RuntimeError as exc:
            failed.append(name)
            print(f"{name} failed:\n{exc}", file=sys.stderr, flush=True)
            continue
        for figure in found:
            figure["benchmark"] = name
            mark = "meets" if figure["meets"] else "MISSES"
            print(f"   {figure['name']}: {figure['measured']} {figure['unit']} "
                  f"(target {figure['target']}) {mark}", flush=True)
        print(f"   ({time.monotonic() - started:.0f} s)", flush=True)
        figures.extend(found)
    if names and (HERE / "results.json").exists():
        # Some benchmarks run again: the others' last figures stay in the results.
        kept = [f for f in json.loads((HERE / "results.json").read_text())
                if f.get("benchmark") not in names]
        figures = kept + figures
    partial = f": {', '.join(names)}; the others are from an earlier run" if names else ""
    load = os.getloadavg()[0]
    header = (f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {platform.node()} "
              f"({os.cpu_count()} cores, Python {platform.python_version()}, load average "
              f"{load:.1f} at the end){partial}.")
    (HERE / "results.json").write_text(json.dumps(figures, indent=2) + "\n")
    (HERE / "results.md").write_text(markdown(figures, header))
    missed = [str(f["name"]) for f in figures if not f["meets"]]
    print(f"bench: {len(figures)} figures in bench/results.json and bench/results.md; "
          f"{len(missed)} miss their target{': ' + ', '.join(missed) if missed else ''}"
          f"{'; failed: ' + ', '.join(failed) if failed else ''}")
    return 1 if failed or missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
