"""What the site is built from: page fragments, search, the checker bundle, PDFs, change dates, charts."""
