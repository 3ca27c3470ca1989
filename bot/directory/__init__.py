"""The partner directory: records, storage, queries, ranking, import and export."""
