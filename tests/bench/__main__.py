"""Run every benchmark module in this package (``python -m tests.bench``), or the ones named on the command
line (``python -m tests.bench certificates``). Each runs in a process of its own, on its own throw-away
database, so one benchmark's data or warm caches never leak into another's figures."""

import importlib
import pkgutil
import subprocess
import sys

import tests.bench


def main() -> int:
    names = [
        m.name.removeprefix("bench_") for m in pkgutil.iter_modules(tests.bench.__path__) if m.name.startswith("bench_")
    ]
    wanted = [name for name in names if not sys.argv[1:] or name in sys.argv[1:]]
    if len(wanted) == 1:
        importlib.import_module(f"tests.bench.bench_{wanted[0]}").main()
        return 0
    failed = [name for name in wanted if subprocess.run([sys.executable, "-m", "tests.bench", name]).returncode != 0]
    if failed:
        print(f"benchmarks that failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
