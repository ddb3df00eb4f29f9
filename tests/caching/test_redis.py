"""caching.redis: one redis-py client per connection pool (no server needed: redis-py
connects on the first command)."""

from caching.redis import PortalRedisCache


def test_each_pool_keeps_one_client():
    cache = PortalRedisCache("redis://127.0.0.1:6391/0,redis://127.0.0.1:6392/0", {})
    client = cache._cache
    writer = client.get_client(write=True)
    assert client.get_client("key", write=True) is writer
    reader = client.get_client("key")
    assert reader is client.get_client() is not writer
    # Writes go to the first server, reads to the replica.
    assert writer.connection_pool.connection_kwargs["port"] == 6391
    assert reader.connection_pool.connection_kwargs["port"] == 6392
