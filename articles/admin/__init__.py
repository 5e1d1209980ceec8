"""
The newsroom admin: stories with their links to the authority file, sections,
and the story counts and lists added to the entity admins (which cannot import
articles). One module per screen; importing them registers them.
"""

from . import entities, jobs, sections, stories, tags  # noqa: F401
