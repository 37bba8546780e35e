"""Scale out: simulation and auditing sharded over the workers of a Ray cluster.

``Simulator`` and ``Auditor`` take ``backend="ray"`` (and a :class:`RayConfig`); the work per path
(rollouts, numeric scans, real-env replays) is cut into shards that Ray worker actors run, and the
results are merged into one ``PhantomPaths`` / ``AuditReport`` identical to the local backend's for
the same seed. Ray is optional (``pip install "plasma-agents[ray]"``) and imported only when used:
see :mod:`plasma.distributed.ray_backend`.
"""

from plasma.distributed.config import Backend, RayConfig
from plasma.distributed.sharding import Shard, even_shards, rollout_shards

__all__ = ["Backend", "RayConfig", "Shard", "even_shards", "rollout_shards"]
