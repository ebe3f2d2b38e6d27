"""Page-wide rules: the owner, mark meanings (and which rule decided), adding an unwritten owner."""
from __future__ import annotations

import pubextract
from pubextract.models import Author, Decision, Publication, Source
from pubextract.normalise import add_missing_owner, apply_marks, infer_owner, normalise


def _pub(*authors: Author, rule: str | None = None) -> Publication:
    decisions = (Decision(field="authors", rule=rule, confidence=0.6),) if rule else ()
    return Publication(authors=authors, source=Source(line_start=1, line_end=1), decisions=decisions)


def test_explicit_owner_matches_every_spelling() -> None:
    pubs = [_pub(Author(name="Zhen Zheng"), Author(name="Wei Lin")), _pub(Author(name="Z. Zheng")),
            _pub(Author(name="Zheng, Z."), Author(name="Zhongzhu Zhou"))]
    out = normalise(pubs, legend={}, owner="Zhen Zheng")
    assert [[a.is_owner for a in p.authors] for p in out] == [[True, False], [True], [True, False]]


def test_owner_is_the_emphasised_name_and_a_bold_list_is_no_evidence() -> None:
    pubs = [_pub(Author(name="A. Person", is_owner=True), Author(name="B. Other", is_owner=True)),
            _pub(Author(name="Kriel, N.", is_owner=True), Author(name="Beattie, J. R.")),
            _pub(Author(name="Beattie, J. R."), Author(name="Kriel, N.", is_owner=True))]
    assert infer_owner(pubs) == "Kriel, N."


def test_a_hint_that_is_no_name_on_the_page_is_not_the_owner() -> None:
    pubs = [_pub(Author(name="Ann Lee"), Author(name="Bo Li")), _pub(Author(name="Bo Li")), _pub(Author(name="Bo Li"))]
    assert infer_owner(pubs, "Senior Manager") == "Bo Li"
    assert infer_owner(pubs, "B. Li") == "B. Li"


def test_the_owner_in_nearly_every_complete_list_when_et_al_lists_hide_them() -> None:
    """AdvancedImagingUTSW: "X et al" lists name only a first author, the CV's owner is in every full list."""
    def truncated(name: str) -> Publication:
        return _pub(Author(name=name)).model_copy(update={"authors_truncated": True})
    pubs = [truncated(n) for n in ("Ann Lee", "Bo Li", "Kevin M. Dean", "Cy Wu", "Di Xu", "Ed Yu")]
    pubs += [_pub(Author(name="Kevin M. Dean"), Author(name="Reto Fiolka")),
             _pub(Author(name="Bo-Jui Chang"), Author(name="Kevin M. Dean")),
             _pub(Author(name="Kevin M. Dean"), Author(name="Amy E. Palmer"), Author(name="Yan Qin"))]
    assert infer_owner(pubs) == "Kevin M. Dean"


def test_the_owner_spelled_several_ways_is_still_the_name_in_nearly_every_list() -> None:
    """round6b (Sansa-Otim): no spelling alone is in 60% of the lists, the person is in all of them."""
    spellings = ["Julianne Sansa Otim", "J. Sansa-Otim", "Julianne Sansa Otim", "Otim, J.S.", "Julianne Sansa-Otim"]
    coauthors = ["Mary Nsabagwa", "Richard Okou", "Tony Bulega", "Philip Lutaaya", "Anthony Mile"]
    pubs = [_pub(Author(name=other), Author(name=name)) for other, name in zip(coauthors, spellings)]
    pubs += [_pub(Author(name="Richard Okou"), Author(name="Mary Nsabagwa"))]
    assert infer_owner(pubs) == "Julianne Sansa Otim"
    out = normalise(pubs, legend={}, owner=None)
    assert [[a.is_owner for a in p.authors] for p in out] == [[False, True]] * 5 + [[False, False]]


def test_star_on_several_names_is_equal_and_on_one_is_corresponding_and_the_rule_is_recorded() -> None:
    several = apply_marks(_pub(Author(name="A B", markers=("*",)), Author(name="C D", markers=("*",)),
                               Author(name="E F")), {})
    assert [a.equal_contribution for a in several.authors] == [True, True, False]
    assert "several names" in several.decision("markers").rule
    lone = apply_marks(_pub(Author(name="A B"), Author(name="C D", markers=("*",))), {})
    assert [a.corresponding for a in lone.authors] == [False, True]
    legend = apply_marks(_pub(Author(name="A B", markers=("†",))), {"†": "equal"})
    assert legend.authors[0].equal_contribution and legend.decision("markers").rule == "legend"


def test_owner_is_added_only_when_asked_and_only_where_unwritten() -> None:
    joint = _pub(Author(name="Antonella Stirati"), rule="joint-with list; the owner is not written")
    written = _pub(Author(name="Daniele Girardi"), Author(name="Antonella Stirati"))
    assert normalise([joint], legend={}, owner="Daniele Girardi")[0].authors == joint.authors
    added = normalise([joint, written], legend={}, owner="Daniele Girardi", add_owner=True)
    assert [a.name for a in added[0].authors] == ["Daniele Girardi", "Antonella Stirati"]
    assert added[0].authors[0].is_owner and added[0].decision("owner") is not None
    assert [a.name for a in added[1].authors] == ["Daniele Girardi", "Antonella Stirati"]
    assert add_missing_owner(written, "Daniele Girardi") is written


FAMILY_ONLY_PAGE = """# Publications

* _Henderson, Clevert, Montanari._ **Improving Molecular Graph Neural Network Explainability with Orthonormalization and Induced Sparsity.** [ICML 2021](https://proceedings.mlr.press/v139/henderson21a.html)
* _Henderson, Rothe_. **Picasso: A Modular Framework for Visualizing the Learning Process of Neural Network Image Classifiers**. [Journal of Open Research Software 2017](https://openresearchsoftware.metajnl.com/article/10.5334/jors.178/)
* _Lee, Henderson, Kaminsky, Nelson, Nguyen, Settje, Schmidt, Feng_. **Pseudo‐Fivefold Diffraction Symmetries in Tetrahedral Packing**. [Chemistry--A European Journal 2013](https://chemistry-europe.onlinelibrary.wiley.com/doi/abs/10.1002/chem.201203758)
"""


def test_a_page_of_family_names_only_never_pairs_them() -> None:
    """rhsimplex: an odd list of bare family names shows the page's style; "Lee, Henderson" is two people,
    and the name in every entry is the owner."""
    records = pubextract.extract_text(FAMILY_ONLY_PAGE)
    assert [[a.name for a in r.authors] for r in records] == [
        ["Henderson", "Clevert", "Montanari"], ["Henderson", "Rothe"],
        ["Lee", "Henderson", "Kaminsky", "Nelson", "Nguyen", "Settje", "Schmidt", "Feng"]]
    assert [[a.is_owner for a in r.authors].index(True) for r in records] == [0, 0, 1]
    assert records[1].ids.doi == "10.5334/jors.178"


def test_family_first_pairs_stay_where_no_list_is_bare_names() -> None:
    records = pubextract.extract_text("# Publications\n\n- Smith, John, Doe, Jane. A title of some length. ICML 2021.\n")
    assert [a.name for a in records[0].authors] == ["Smith, John", "Doe, Jane"]
