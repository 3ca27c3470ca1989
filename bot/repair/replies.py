"""What the claimant reads when Signpost is not sure what they meant."""

from __future__ import annotations

DID_YOU_MEAN = "Sorry, I'm not sure I understood. Did you mean one of these?"
SOMETHING_ELSE = "Something else"
