"""The follow-up and complaint handbook: forms, blanks and the register validator."""

__version__ = "0.1.0"
