"""Print the quality metrics of fixture editions against their hand-written gold.

    python tests/quality_report.py [NAME...]     (default: every tests/fixtures/editions/*.gold.txt)

For each edition: the metrics table with issue 3's bar, then every failing unit (gold vs
output, with source line spans) and the failures of the other metrics. Exit status 1 when
any edition misses the bar."""
from __future__ import annotations

import sys
import time

import gold
import gold_metrics


def main(names: list[str]) -> int:
    try:
        chosen = gold.fixtures(names)
    except gold.GoldError as exc:
        print(f"quality_report: {exc}", file=sys.stderr)
        return 2
    failed = []
    for fixture in chosen:
        started = time.perf_counter()
        evaluation = gold_metrics.evaluate(fixture)
        print(evaluation.report())
        print(f"({fixture.input_path.relative_to(gold.ROOT)}, {time.perf_counter() - started:.1f} s)\n")
        if evaluation.failed:
            failed.append(f"{fixture.name}: {', '.join(evaluation.failed)}")
    print("\n".join(["below the bar:", *failed]) if failed else "all editions meet the bar")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # piped into head or less, which stopped reading
        sys.stdout = None
        sys.exit(1)
