#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    # manage.py is the developer's and the demo's tool, so it runs in debug mode
    # unless told otherwise. Production serves through gunicorn (newsroom.wsgi),
    # which has no such default: there DEBUG is off and a SECRET_KEY is required.
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
