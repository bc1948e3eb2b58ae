"""Imported once by the forkserver, so every worker forks with spaCy and the matchers ready.

Loading spaCy and the lemma table, reading the default rule sets and compiling their matchers
costs most of a second; done here, workers share it instead of each paying it. Anything that
fails is left for the workers, which load what they need themselves and report errors.
"""

from __future__ import annotations


def _warm() -> None:
    try:
        from policycheck.batch import warm_engine
        from policycheck.rules import DEFAULT_RULESETS, load_rulesets

        warm_engine(load_rulesets(DEFAULT_RULESETS))
    except Exception:  # a worker repeats the work and reports any error
        return


_warm()
