"""The eumk MkDocs plugin: the portal (catalogue, courses, compliance) on MkDocs + Material."""
