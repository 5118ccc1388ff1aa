"""The environment the tests run in is the lock file, exactly: nothing newer, older, missing or extra.

`make install` installs requirements-dev.txt with --require-hashes and --no-deps; this checks that what is
installed is what the lock says, so a package installed by hand (or left from an earlier install) cannot
decide whether the suite passes.
"""

import re
from importlib import metadata
from pathlib import Path

from packaging.utils import canonicalize_name

LOCK = Path(__file__).resolve().parents[2] / "requirements-dev.txt"
# What `python -m venv` puts there itself, not the project.
VENV_OWN = {"pip", "setuptools", "wheel"}


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", line)
        if match:
            pins[canonicalize_name(match[1])] = match[2]
    return pins


def test_every_pin_carries_a_hash():
    text = LOCK.read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text)
    unhashed = [block.split()[0] for block in blocks if "==" in block.split("\n")[0] and "--hash=sha256:" not in block]
    assert not unhashed


def test_installed_packages_are_exactly_the_lock():
    locked = _pins(LOCK)
    installed = {
        canonicalize_name(dist.metadata["Name"]): dist.version
        for dist in metadata.distributions()
        if canonicalize_name(dist.metadata["Name"]) not in VENV_OWN
    }
    locked = {name: version for name, version in locked.items() if name not in VENV_OWN}
    different = {name: (locked.get(name), installed.get(name)) for name in locked.keys() | installed.keys()}
    different = {name: pair for name, pair in different.items() if pair[0] != pair[1]}
    assert not different, f"(locked, installed) differ: {different}"


def test_production_lock_agrees_with_the_development_lock():
    production = _pins(LOCK.with_name("requirements.txt"))
    development = _pins(LOCK)
    assert {name: development.get(name) for name in production} == production
