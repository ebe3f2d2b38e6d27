"""Test-wide settings.

The command line keeps the patterns it compiles in a user cache (``_rx.use_pattern_cache``);
tests run it in-process and in subprocesses, so the cache is switched off here (and the
tests of the cache give it a folder of their own): no test writes to the home folder or
depends on what an earlier run left there.

Hypothesis explores new random examples on every local run (that is how the property
tests found the BibTeX brace and carriage-return bugs), but CI must judge one fixed set:
under ``CI=true`` the ``ci`` profile derandomises the search, so a submission is red or
green by its code, not by the draw.
"""
from __future__ import annotations

import os

from hypothesis import settings

os.environ["PUBEXTRACT_CACHE_DIR"] = ""

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")
