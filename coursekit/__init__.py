"""Helpers for the course module *Cooperation at the Border*."""
__version__ = "0.1.0"
