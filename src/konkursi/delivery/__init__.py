"""Delivery: the output folder (allowed places, marker, atomic swap) and deploy to a git branch."""
