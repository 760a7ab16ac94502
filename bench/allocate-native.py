"""Solves the models the allocation benchmark wrote with native HiGHS (highspy), one by one.

`npx tsx bench/allocate.ts --native` writes, for each solve of each allocation, the model as the
WebAssembly HiGHS holds it (MPS, objective set) at two points: `written` (the programme and the
rows of earlier objective stages) and `search` (also the cover cuts, just before the
mixed-integer search, with the plan the search starts from), each with the HiGHS options it runs
with. This script reads a directory of them and prints, per model, native HiGHS's process CPU
time and wall clock, its status, objective, gap and nodes, as one JSON object per line.

Not part of the test suite: it needs highspy (same HiGHS version as the `highs` package),
installed in a Python venv. Run through bench/allocate.ts, or alone:
`python bench/allocate-native.py DIR [PREFIX...]` (only the models whose names start with a prefix).
"""

import json
import pathlib
import sys
import time

import highspy


def solve(mps: pathlib.Path) -> dict:
    meta = json.loads(mps.with_suffix(".json").read_text())
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.readModel(str(mps))
    for name, value in meta["options"].items():
        if name == "output_flag":
            continue
        h.setOptionValue(name, value)
    start = meta.get("start")
    cpu = time.process_time()
    wall = time.perf_counter()
    if start is not None:
        sol = highspy.HighsSolution()
        sol.col_value = start
        h.setSolution(sol)
    h.run()
    cpu = time.process_time() - cpu
    wall = time.perf_counter() - wall
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    has = info.primal_solution_status == 2
    return {
        "name": mps.stem,
        "cpu_ms": round(cpu * 1000, 1),
        "wall_ms": round(wall * 1000, 1),
        "status": status,
        "objective": info.objective_function_value if has else None,
        "gap": info.mip_gap if has else None,
        "nodes": int(info.mip_node_count),
    }


def main() -> None:
    folder = pathlib.Path(sys.argv[1])
    only = sys.argv[2:]
    for mps in sorted(folder.glob("*.mps")):
        if only and not any(mps.stem.startswith(o) for o in only):
            continue
        print(json.dumps(solve(mps)), flush=True)


if __name__ == "__main__":
    main()
