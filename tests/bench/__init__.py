"""Benchmarks (not part of the test suite): `make bench` runs every ``bench_*.py`` module's ``main()``."""
