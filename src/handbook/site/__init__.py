"""The built site: what the handbook adds to Material for MkDocs in the browser (search)."""
