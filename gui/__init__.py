"""Byline's window: PySide6 widgets only; all logic lives in ``core``."""
