"""Reading the handbook's own files: YAML with line numbers, forms, policy, articles, glossary, errata, estate; lint."""
