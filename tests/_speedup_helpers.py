"""Shared by the speedup tests: the example's catalogue and context, random text and moments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from konkursi.project import Project, _context, generate

ROOT = Path(__file__).resolve().parent.parent


def example_catalogue_and_context():
    """The example project's catalogue and the context of its published files."""
    project = Project.at(ROOT, site_url="https://konkursi.example/")
    result = generate(project)
    return result.catalogue, _context(project, tuple(result.releases))


def random_text(rng, alphabet="aā čž,;:\\\"'^/Ē€😀\n\r\tx.", longest=120):
    return "".join(rng.choice(alphabet) for _ in range(rng.randrange(longest)))


def random_moment(rng, zone):
    moment = dt.datetime(rng.randrange(1950, 2100), rng.randrange(1, 13), rng.randrange(1, 29),
                         rng.randrange(24), rng.randrange(60), rng.randrange(60), rng.choice([0, 999999]), tzinfo=zone)
    return moment.astimezone(zone)
