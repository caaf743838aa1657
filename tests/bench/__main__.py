"""Run every benchmark module in this package (``python -m tests.bench``), or the ones named on the command
line (``python -m tests.bench certificates``)."""

import importlib
import pkgutil
import sys

import tests.bench


def main() -> int:
    wanted = set(sys.argv[1:])
    for module in pkgutil.iter_modules(tests.bench.__path__):
        if module.name.startswith("bench_") and (not wanted or module.name.removeprefix("bench_") in wanted):
            importlib.import_module(f"tests.bench.{module.name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
