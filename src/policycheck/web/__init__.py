"""The local web page (`policycheck serve`): the `check` run behind a browser form."""
