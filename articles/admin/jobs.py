"""
The job queue's dashboard in the admin (django-rq's), without the object views.

django-rq lists its dashboard under a stand-in model that has no table; the
admin's change, history and delete addresses under it (any
``/admin/django_rq/dashboard/<anything>/``) would query that table and fail
with a server error. Here there is no such object: those addresses say so and
go back to the admin index, as for any missing record.
"""

from django.contrib import admin
from django_rq.admin import QueueAdmin
from django_rq.models import Dashboard


class JobQueueAdmin(QueueAdmin):
    def get_object(self, request, object_id, from_field=None):
        return None


if admin.site.is_registered(Dashboard):
    admin.site.unregister(Dashboard)
    admin.site.register(Dashboard, JobQueueAdmin)
