"""`make bench`: run every bench/bench_*.py, each in its own process, and keep its JSON.

Each benchmark prints one JSON document on stdout; it is saved as
bench/results/<name>.json and echoed. A failing benchmark is reported and the
others still run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names: list[str]) -> int:
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    failed = []
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if names and name not in names:
            continue
        print(f"== {name}", flush=True)
        run = subprocess.run([sys.executable, "-m", f"bench.{path.stem}"], cwd=HERE.parent,
                             capture_output=True, text=True)
        if run.returncode != 0:
            failed.append(name)
            print(run.stderr[-2000:], file=sys.stderr)
            continue
        try:
            document = json.loads(run.stdout[run.stdout.index("{"):])
        except ValueError:
            failed.append(name)
            print(f"{name}: no JSON on stdout:\n{run.stdout[-2000:]}", file=sys.stderr)
            continue
        (results / f"{name}.json").write_text(json.dumps(document, indent=2) + "\n")
        print(json.dumps(document, indent=2), flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
