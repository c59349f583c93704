"""`docket serve`: browse a collection's catalog in Datasette, read-only, on this machine."""
