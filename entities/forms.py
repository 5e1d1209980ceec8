"""Admin forms for the authority file."""

from .locking import OptimisticLockForm


class EntityAdminForm(OptimisticLockForm):
    """The form of a person, organisation, place or source: a stale save is refused (see ``locking``)."""
