"""Settings of the distributed backend (pydantic; importing this never imports Ray)."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from plasma._config import ConfigModel

__all__ = ["Backend", "RayConfig"]

Backend = Literal["local", "ray"]
"""Where a component runs its per-path work: "local" (this process, the default; no service
needed) or "ray" (sharded over the workers of a Ray cluster;
``pip install "plasma-agents[ray]"``)."""


class RayConfig(ConfigModel):
    """How Plasma uses Ray when a component's ``backend`` is "ray" (every field has a default)."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    address: str | None = None
    """Cluster to connect to: "host:port" of a running head (``ray start --head``), "ray://host:port"
    (Ray Client) or "auto". Plasma only disconnects from it, never shuts it down. None: start a
    local Ray instance owned by Plasma, shut down when the last component using it stops (or use
    the instance this process already started with ``ray.init``)."""
    workers: int | None = Field(default=None, ge=1)
    """Worker actors (one shard of paths in flight each). None: the cluster's CPUs divided by
    ``cpus_per_worker``."""
    cpus_per_worker: int = Field(default=1, ge=1)
    """CPUs each worker reserves; its Rust core runs that many threads."""
    shards_per_worker: int = Field(default=1, ge=1)
    """Shards per worker and call: more, smaller shards balance uneven nodes and make a retry
    cheaper, at a per-shard cost of one round trip."""
    max_retries: int = Field(default=2, ge=0)
    """Times one shard is retried on a fresh worker after its worker died; then the call fails with
    ``DistributedError`` (never a short result)."""
    num_cpus: int | None = Field(default=None, ge=1)
    """CPUs of the local instance Plasma starts (None: all of this machine's); ignored with an
    ``address``."""
    connect_timeout_s: float = Field(default=10.0, gt=0)
    """Seconds to wait for the cluster at ``address`` to accept a connection."""
    start_timeout_s: float = Field(default=120.0, gt=0)
    """Seconds to wait for the worker actors to be placed and ready."""
