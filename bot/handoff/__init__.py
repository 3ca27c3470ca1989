"""Handoffs to a Work Coach: records, summaries, advisers and retention."""
