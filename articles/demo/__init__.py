"""
The demo newsroom of The Gaze: an authority file (``authority``), original
stories (``stories`` for what editors record, ``texts/`` for the copy) and the
loader behind ``manage.py load_demo`` (``loader``).
"""
