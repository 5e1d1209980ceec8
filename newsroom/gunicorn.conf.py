"""gunicorn's settings for the newsroom (``make serve``, and production: ``gunicorn -c newsroom/gunicorn.conf.py newsroom.wsgi``).

Each can be set from the environment; the defaults suit a small server.
Workers are processes with one thread each (sync): the app is stateless, so
scaling out is more workers here and more machines behind the load balancer.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


bind = os.environ.get("GUNICORN_BIND") or f"{os.environ.get('HOST') or '127.0.0.1'}:{_int('PORT', 8000)}"
# WEB_CONCURRENCY is the usual name for a platform's suggested process count.
workers = _int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8))
threads = _int("GUNICORN_THREADS", 1)
# A request running longer than this is killed (and its worker replaced): the slow work runs as jobs.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Behind a load balancer that keeps connections open between requests.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Replace each worker after about this many requests (a little more or less for each, so they
# do not all restart at once): whatever a worker's memory grew to is given back.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# The app writes one JSON line per request itself (newsroom.middleware.RequestLogMiddleware), so
# gunicorn's access log is off unless GUNICORN_ACCESS_LOG names a file or "-" (stdout); it then
# writes JSON lines as well, with the same request id.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = (
    '{"remote": "%(h)s", "method": "%(m)s", "path": "%(U)s", "query": "%(q)s", "status": %(s)s, '
    '"bytes": "%(B)s", "duration_ms": %(M)s, "request_id": "%({x-request-id}o)s", "agent": "%(a)s"}'
)
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
