"""Management information: anonymous counts written as things happen (issue 19)."""
