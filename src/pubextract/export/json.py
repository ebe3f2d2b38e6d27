"""JSON: one array of records, the contract in ``../shared/eval/README.md``.

``source.raw`` and ``decisions`` are left out unless ``explain=True`` (they are
for review, and double the size of the output).
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..models import Publication


def record(pub: Publication, *, explain: bool = False) -> dict[str, Any]:
    exclude: dict[str, Any] = {} if explain else {"decisions": True, "source": {"raw"}}
    data = pub.model_dump(mode="json", exclude=exclude)
    if not explain and "sources" in data:
        for source in data["sources"]:
            source.pop("raw", None)
    return data


def render(publications: Sequence[Publication], *, explain: bool = False, **_: Any) -> str:
    return json.dumps([record(p, explain=explain) for p in publications], ensure_ascii=False, indent=2) + "\n"
