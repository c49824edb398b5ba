"""Byline's logic: storage, NLP pre-annotation, formats and the command line. No Qt here."""
