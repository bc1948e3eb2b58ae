"""Imported once by the forkserver, so every worker forks with spaCy ready.

Loading spaCy and the lemma table and building the pipeline costs about half a second; done
here, workers share it instead of each paying it. The rule sets are not loaded here: the main
process reads them meanwhile and sends them to each worker, which compiles their matchers.
Anything that fails is left for the workers, which report errors per document.
"""

from __future__ import annotations

import gc

# No cycle collection while importing (about 40 ms of a half-second preload); afterwards every
# preloaded object is frozen, so collections in the forked workers never walk (and copy) them.
gc.disable()


def _warm() -> None:
    try:
        from policycheck.batch import warm_engine

        warm_engine(())
    except Exception:  # a worker repeats the work and reports any error
        return


_warm()
gc.freeze()
gc.enable()
