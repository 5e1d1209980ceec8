# Placeholder; the API replaces this.
from django.http import Http404


def article_list(request):
    raise Http404


def article_detail(request, slug):
    raise Http404
