"""Filled-in register files: open any of them, decode, find and map the header, parse cells."""
