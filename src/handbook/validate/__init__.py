"""The validator: the row engine, one module per rule kind, references, personal data, problems.

``validate_files`` is the entry point: files in, one ``FileResult`` per file out,
problems as data (``Problem``), never printed. How results are shown is
``handbook.outputs``' business.
"""

from handbook.validate.files import check_file, validate_files
from handbook.validate.results import FileResult, Options

__all__ = ["FileResult", "Options", "check_file", "validate_files"]
