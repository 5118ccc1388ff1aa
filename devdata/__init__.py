"""Development data: the demo (`manage.py seed_demo`) and synthetic data for benchmarks
(`manage.py generate_data`), for development, tests and `make bench` only.

Not part of the runtime: the production image leaves this package out (.dockerignore), the
settings install it as an app (for its two commands) only where it is present, and import-linter
keeps the runtime apps from importing it. Apps point to their part with the `demo_seed` and
`synthetic_generate` hooks (portal.plugins): demo/<app>.py and synthetic/<app>.py.
"""
