"""The web gateway: the only part claimants' browsers talk to."""
