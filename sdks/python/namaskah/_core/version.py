# Stamped by scripts/stamp-version.mjs from sdks/VERSION; do not edit by hand.
__version__ = "0.1.0"
