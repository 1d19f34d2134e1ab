"""The eumk MkDocs plugin: the portal (catalogue, courses, compliance) built by MkDocs + Material."""
