"""
The job queue's dashboard in the admin (django-rq's), without the object views.

django-rq lists its dashboard under a stand-in model that has no table; the
admin's change, history and delete addresses under it (any
``/admin/django_rq/dashboard/<anything>/``) would query that table and fail
with a server error. Here there is no such object: those addresses say so and
go back to the admin index, as for any missing record.
"""

from functools import wraps

from django.contrib import admin
from django.http import Http404
from django.urls import URLPattern
from django_rq.admin import QueueAdmin
from django_rq.models import Dashboard

# The numbers in django-rq's addresses (``queues/<n>/``, ``schedulers/<n>/``...) index its lists.
_INDEXES = ("<int:queue_index>", "<int:scheduler_index>", "<int:connection_index>")


def _past_the_end_is_missing(view):
    """A number past the end of django-rq's list of queues (or schedulers, connections) is a 404, not a 500."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except IndexError:  # django-rq indexes its list with the number as given
            raise Http404("No such queue.") from None

    return checked


class JobQueueAdmin(QueueAdmin):
    def get_object(self, request, object_id, from_field=None):
        return None

    def get_urls(self):
        return [
            URLPattern(url.pattern, _past_the_end_is_missing(url.callback), url.default_args, url.name)
            if isinstance(url, URLPattern) and any(index in str(url.pattern) for index in _INDEXES)
            else url
            for url in super().get_urls()
        ]


if admin.site.is_registered(Dashboard):
    admin.site.unregister(Dashboard)
    admin.site.register(Dashboard, JobQueueAdmin)
