"""docket track: one lineage table of every recommendation across a collection."""
