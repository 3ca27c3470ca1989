"""Repairing a conversation when Signpost is not sure what the claimant meant."""
