"""Where Byline's bundled files (labels, samples, lexicons) live."""
from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
SAMPLES_DIR = RESOURCES_DIR / "samples"
