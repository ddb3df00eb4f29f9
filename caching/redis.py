"""Django's Redis cache backend, keeping one client per connection pool.

``django.core.cache.backends.redis.RedisCacheClient.get_client`` builds a new
``redis.Redis`` for every cache call, and redis-py's constructor fills a table of ~170
response callbacks each time. On an app-cache hit (three cache reads) that was a third
of the request's CPU (``bench/http_bench.py``). A ``redis.Redis`` is safe to share
between threads, since it takes a connection from its pool for each command, so one per
pool is kept.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class SharedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        # With replicas a read picks its pool at random: the client is the pool's.
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients.setdefault(pool, self._client(connection_pool=pool))
        return client


class PortalRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
