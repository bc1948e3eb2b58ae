#!/bin/sh
# Starts policycheck and opens its page. Change the path to where policycheck is installed,
# then once, in Terminal: chmod +x policycheck.command
exec "$HOME/policycheck/.venv/bin/policycheck" serve --open
