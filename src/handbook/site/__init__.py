"""What the site is built from: page fragments, search, PDFs, change dates, charts."""
