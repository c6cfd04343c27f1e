"""Build-time glue of the handbook site: files written into the built site (not imported by the validator)."""
