"""``Policy``: a small torch MLP policy for Box or Discrete actions, LoRA-ready and hot-swappable.

Observations are normalized by two buffers (``obs_mean``, ``obs_std``), then pass through the
linear layers ``layers.0 ... layers.K`` (the names LoRA targets) with one activation between them.
Box actions: the last layer gives a pre-squash mean ``y`` and the action is
``low + (tanh(y) + 1) / 2 * (high - low)``; the ``"gaussian"`` head adds a learned,
state-independent ``log_std`` for a squashed Gaussian (its mean is the deterministic action).
Discrete actions: the last layer gives logits; the action is the index of the largest, as a float
in ``[N, 1]``.

Hot swap. ``forward`` reads one reference, the policy's live weights (a frozen
:class:`LiveWeights`, or None for the base layers), once at its start, and computes with that
snapshot only. :class:`~plasma.distiller.LoRAInjector` activates an adapter by replacing that one
reference with a snapshot it prepared beforehand, so a forward running in another thread sees the
old weights or the new ones, never a mix.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import safetensors.torch
import torch
import torch.nn.functional as F
from pydantic import ConfigDict, Field, PositiveInt, model_validator
from torch import nn

from plasma import _core
from plasma._arrays import check_finite
from plasma._config import ConfigModel
from plasma._io import existing_dir, write_dir_atomic
from plasma.distiller.errors import CoreUnavailableError
from plasma.errors import InvalidArgumentError, ShapeError

if TYPE_CHECKING:
    from plasma.simulator.paths import PhantomPaths

__all__ = [
    "Activation",
    "LiveWeights",
    "Policy",
    "PolicyArchitecture",
    "PolicyConfig",
    "PolicyHead",
]

Activation = Literal["silu", "relu", "tanh", "elu"]
PolicyHead = Literal["deterministic", "gaussian"]

_POLICY_FORMAT = "plasma.policy/1"
_CONFIG_FILE = "policy.json"
_WEIGHTS_FILE = "policy.safetensors"

_ACTIVATIONS: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    "silu": F.silu,
    "relu": F.relu,
    "tanh": torch.tanh,
    "elu": F.elu,
}


class PolicyArchitecture(ConfigModel):
    """The layers of a :class:`Policy`: the fields :class:`PolicyConfig` and the distiller's
    config (the policy it creates) share, with their defaults."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    hidden_sizes: list[PositiveInt] = Field(default_factory=lambda: [64, 64])
    """Widths of the hidden layers."""
    activation: Activation = "tanh"
    """Activation between the linear layers: "silu", "relu", "tanh" or "elu"."""
    head: PolicyHead = "deterministic"
    """Box actions: "deterministic" (tanh-squashed mean) or "gaussian" (squashed Gaussian)."""


class PolicyConfig(PolicyArchitecture):
    """Architecture and action space of a :class:`Policy`."""

    obs_dim: PositiveInt
    """Width of an observation (S)."""
    action_dim: PositiveInt = 1
    """Width of an action (A); 1 for discrete actions (the index)."""
    discrete_actions: int | None = Field(default=None, ge=2)
    """Number of discrete actions, or None for continuous (Box) actions."""
    action_low: list[float] | None = None
    """Lower bounds of the actions (required for Box; [0] for discrete)."""
    action_high: list[float] | None = None
    """Upper bounds of the actions (required for Box; [n - 1] for discrete)."""
    init_log_std: float = -0.5
    """Initial log standard deviation of the "gaussian" head."""
    seed: int = 0
    """Seed of the weight initialization."""

    @model_validator(mode="after")
    def _check_action_space(self) -> PolicyConfig:
        if self.discrete_actions is not None:
            if self.action_dim != 1:
                raise ValueError("discrete actions have action_dim=1 (the action index)")
            if self.head != "deterministic":
                raise ValueError('discrete actions take head="deterministic" (logits)')
            bounds = ([0.0], [float(self.discrete_actions - 1)])
            if self.action_low is None and self.action_high is None:
                self.action_low, self.action_high = bounds
            elif (self.action_low, self.action_high) != bounds:
                raise ValueError(
                    f"discrete actions have bounds {bounds}, got "
                    f"({self.action_low}, {self.action_high})"
                )
            return self
        if self.action_low is None or self.action_high is None:
            raise ValueError("Box actions need action_low and action_high")
        # The core's rule (bounds.rs), strict: training scales the labels by high - low.
        _core.check_action_bounds(
            self.action_low, self.action_high, action_dim=self.action_dim, strict=True
        )
        return self

    def architecture(self) -> dict[str, Any]:
        """The fields that define the function (not the initialization), for fingerprints."""
        return self.model_dump(mode="json", exclude={"seed", "init_log_std"})


@dataclass(frozen=True, slots=True, eq=False)
class LiveWeights:
    """One immutable set of effective layer weights: the base with an adapter merged in.

    ``weights[i]`` is layer ``i``'s weight in torch's ``[out, in]`` layout, ``biases[i]`` its
    bias. The tensors are private copies and never modified; a policy reads the whole snapshot
    through a single reference.
    """

    weights: tuple[torch.Tensor, ...]
    """Effective weight of each layer, ``[out, in]``."""
    biases: tuple[torch.Tensor, ...]
    """Bias of each layer, ``[out]``."""
    packet_id: str | None = None
    """Id of the instruction packet these weights come from."""


def _float_array(name: str, value: Any) -> np.ndarray:
    try:
        return np.asarray(value, dtype=np.float32)
    except (TypeError, ValueError) as err:
        raise ShapeError(f"{name} cannot be read as a float32 array: {err}") from err


class Policy(nn.Module):
    """An MLP policy; see the module docstring.

    >>> policy = Policy(obs_dim=3, action_low=[-2.0], action_high=[2.0])   # Pendulum
    >>> policy.act(np.zeros(3, np.float32)).shape
    (1,)
    """

    obs_mean: torch.Tensor
    """Buffer [S]: subtracted from observations."""
    obs_std: torch.Tensor
    """Buffer [S]: observations are divided by it after centring."""
    action_low: torch.Tensor
    """Buffer [A]: lower action bounds (not saved: they are in the config)."""
    action_high: torch.Tensor
    """Buffer [A]: upper action bounds."""

    def __init__(
        self, config: PolicyConfig | Mapping[str, Any] | None = None, /, **overrides: Any
    ) -> None:
        super().__init__()
        if isinstance(config, PolicyConfig) and not overrides:
            cfg = config
        else:
            base = config.model_dump() if isinstance(config, PolicyConfig) else dict(config or {})
            cfg = PolicyConfig.model_validate({**base, **overrides})  # InvalidArgumentError
        # Not `self.config`: peft reads a module's `config` as a transformers config.
        self.policy_config = cfg
        """The policy's architecture and action space."""
        sizes = [cfg.obs_dim, *cfg.hidden_sizes, self.num_outputs]
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(cfg.seed)
            self.layers = nn.ModuleList(nn.Linear(i, o) for i, o in itertools.pairwise(sizes))
            with torch.no_grad():  # small last layer: actions start near the middle
                last = self.layers[-1]
                assert isinstance(last, nn.Linear)
                last.weight.mul_(0.01)
                last.bias.zero_()
        self.register_buffer("obs_mean", torch.zeros(cfg.obs_dim))
        self.register_buffer("obs_std", torch.ones(cfg.obs_dim))
        low = torch.tensor(cfg.action_low, dtype=torch.float32)
        high = torch.tensor(cfg.action_high, dtype=torch.float32)
        self.register_buffer("action_low", low, persistent=False)
        self.register_buffer("action_high", high, persistent=False)
        self.log_std: nn.Parameter | None
        if cfg.head == "gaussian":
            self.log_std = nn.Parameter(torch.full((cfg.action_dim,), float(cfg.init_log_std)))
        else:
            self.register_parameter("log_std", None)
        self.__dict__["_activation"] = _ACTIVATIONS[cfg.activation]
        self.__dict__["_live"] = None

    # ----------------------------------------------------------------------------- constructors
    @classmethod
    def for_paths(cls, paths: PhantomPaths, **overrides: Any) -> Policy:
        """A fresh policy sized for ``paths`` (dimensions and action space from ``paths.meta``).

        Keyword arguments override :class:`PolicyConfig` fields (e.g. ``hidden_sizes``, or the
        action bounds when the paths' meta lacks them).
        """
        meta = paths.meta
        fields: dict[str, Any] = {"obs_dim": paths.state_dim, "action_dim": paths.action_dim}
        if meta.discrete_actions is not None:
            fields["discrete_actions"] = meta.discrete_actions
        else:
            fields["action_low"] = meta.action_low
            fields["action_high"] = meta.action_high
        fields.update({k: v for k, v in overrides.items() if v is not None})
        if fields.get("discrete_actions") is None and (
            fields.get("action_low") is None or fields.get("action_high") is None
        ):
            raise InvalidArgumentError(
                "the paths' meta has no action bounds (meta.action_low/action_high): pass "
                "action_low and action_high"
            )
        return cls(fields)

    # ----------------------------------------------------------------------------- sizes
    @property
    def obs_dim(self) -> int:
        """Width of an observation."""
        return self.policy_config.obs_dim

    @property
    def action_dim(self) -> int:
        """Width of an action (1 for discrete actions)."""
        return self.policy_config.action_dim

    @property
    def discrete(self) -> bool:
        """True for discrete actions."""
        return self.policy_config.discrete_actions is not None

    @property
    def num_outputs(self) -> int:
        """Width of the last layer: the number of actions (discrete) or the action width (Box)."""
        n = self.policy_config.discrete_actions
        return n if n is not None else self.policy_config.action_dim

    def layer_names(self) -> list[str]:
        """Names of the linear layers, as LoRA ``target_modules`` name them."""
        return [f"layers.{i}" for i in range(len(self.layers))]

    def layer_shapes(self) -> dict[str, tuple[int, int]]:
        """``{name: (in_features, out_features)}`` of each linear layer."""
        out: dict[str, tuple[int, int]] = {}
        for name, layer in zip(self.layer_names(), self.layers, strict=True):
            base = _base_linear(layer)
            out[name] = (base.in_features, base.out_features)
        return out

    @property
    def live_weights(self) -> LiveWeights | None:
        """The snapshot the forward pass uses (None: the base layers); set by LoRAInjector."""
        live: LiveWeights | None = self.__dict__["_live"]
        return live

    def _set_live(self, live: LiveWeights | None) -> None:
        # One reference store: atomic for concurrent readers (see the module docstring).
        self.__dict__["_live"] = live

    # ----------------------------------------------------------------------------- forward
    def forward(self, obs: torch.Tensor) -> torch.Tensor:
        """Raw output ``[N, num_outputs]``: pre-squash means (Box) or logits (Discrete).

        While an injector's adapter is active the live snapshot is used, and LoRA layers that
        peft may have wrapped around this policy are bypassed: give peft a policy with no active
        adapter.
        """
        live: LiveWeights | None = self.__dict__["_live"]  # read once: the whole snapshot
        act = self.__dict__["_activation"]
        x = (obs - self.obs_mean) / self.obs_std
        if live is None:
            layers = self.layers
            for layer in layers[:-1]:
                x = act(layer(x))
            out: torch.Tensor = layers[-1](x)
            return out
        weights, biases = live.weights, live.biases
        for i in range(len(weights) - 1):
            x = act(F.linear(x, weights[i], biases[i]))
        return F.linear(x, weights[-1], biases[-1])

    def to_action(self, raw: torch.Tensor) -> torch.Tensor:
        """Deterministic actions ``[N, A]`` from raw outputs (squash to the bounds, or argmax)."""
        if self.discrete:
            return raw.argmax(dim=-1, keepdim=True).to(torch.float32)
        return self.action_low + (torch.tanh(raw) + 1.0) * 0.5 * (
            self.action_high - self.action_low
        )

    def act(
        self,
        obs: np.ndarray,
        *,
        deterministic: bool = True,
        rng: np.random.Generator | None = None,
        finite_only: bool = True,
    ) -> np.ndarray:
        """Actions for observations ``[N, S]`` (or one ``[S]``) as float32 ``[N, A]`` (or ``[A]``).

        ``deterministic=False`` samples: from the squashed Gaussian ("gaussian" head) or from the
        softmax of the logits (discrete); a deterministic Box head always gives its mean.

        An observation holding NaN or an infinity is refused (``InvalidArgumentError``, naming
        the first), not turned into NaN actions; ``finite_only=False`` lets them through, for
        states a world model imagined, which its caller judges itself.
        """
        arr = np.require(_float_array("obs", obs), np.float32, ["C", "W"])
        if finite_only:
            check_finite("obs", arr)
        single = arr.ndim == 1
        if single:
            arr = arr[None, :]
        if arr.ndim != 2 or arr.shape[1] != self.policy_config.obs_dim:
            raise ShapeError(
                f"obs has shape {np.shape(obs)}, expected ({self.policy_config.obs_dim},) or "
                f"(N, {self.policy_config.obs_dim})"
            )
        with torch.inference_mode():
            raw = self(torch.from_numpy(arr))
            if deterministic or (not self.discrete and self.log_std is None):
                action = self.to_action(raw).numpy()
            else:
                action = self._sample(raw, rng or np.random.default_rng())
        return action[0] if single else action

    def _sample(self, raw: torch.Tensor, rng: np.random.Generator) -> np.ndarray:
        if self.discrete:
            probs = torch.softmax(raw.double(), dim=-1).numpy()
            cum = probs.cumsum(axis=1)
            u = rng.random((probs.shape[0], 1))
            idx: np.ndarray = np.minimum((u > cum).sum(axis=1), probs.shape[1] - 1)
            return idx.astype(np.float32)[:, None]
        assert self.log_std is not None
        noise = torch.from_numpy(rng.standard_normal(raw.shape).astype(np.float32))
        return self.to_action(raw + self.log_std.exp() * noise).numpy()

    # ----------------------------------------------------------------------------- normalization
    def fit_normalization(self, states: np.ndarray) -> Policy:
        """Set ``obs_mean``/``obs_std`` from states ``[N, S]``. A feature constant in them keeps
        std 1 and the first layer's weights on it are set to zero: the policy ignores a feature
        it never saw vary (its random weights would otherwise turn the feature's first other
        value, a contact or a limit force, into an arbitrary action)."""
        arr = _float_array("states", states).reshape(-1, self.policy_config.obs_dim)
        arr = arr[np.isfinite(arr).all(axis=1)]
        if arr.shape[0] == 0:
            raise InvalidArgumentError("fit_normalization needs at least one finite state")
        mean = arr.mean(axis=0, dtype=np.float64)
        std = arr.std(axis=0, dtype=np.float64)
        constant = std < 1e-3
        std = np.where(constant, 1.0, std)
        with torch.no_grad():
            self.obs_mean.copy_(torch.from_numpy(mean.astype(np.float32)))
            self.obs_std.copy_(torch.from_numpy(std.astype(np.float32)))
            first = getattr(self.layers[0], "base_layer", self.layers[0])
            assert isinstance(first, nn.Linear)  # under a LoRA wrapper too
            first.weight[:, torch.from_numpy(constant)] = 0.0
        return self

    # ----------------------------------------------------------------------------- identity
    def base_tensors(self) -> dict[str, torch.Tensor]:
        """The base weights (no adapter), by name, as detached float32 tensors."""
        out: dict[str, torch.Tensor] = {}
        for i, layer in enumerate(self.layers):
            base = _base_linear(layer)
            out[f"layers.{i}.weight"] = base.weight.detach()
            out[f"layers.{i}.bias"] = base.bias.detach()
        out["obs_mean"] = self.obs_mean.detach()
        out["obs_std"] = self.obs_std.detach()
        if self.log_std is not None:
            out["log_std"] = self.log_std.detach()
        return out

    def fingerprint(self) -> str:
        """sha256 (hex) over the base architecture and weights; adapters do not change it.

        A packet records the fingerprint of the base it was trained on, and a device refuses it
        on any other base.
        """
        h = hashlib.sha256(b"plasma.policy.fingerprint/1\n")
        h.update(json.dumps(self.policy_config.architecture(), sort_keys=True).encode())
        for name, tensor in self.base_tensors().items():
            arr = tensor.to(torch.float32).contiguous().numpy()
            h.update(f"\n{name}:{list(arr.shape)}:".encode())
            h.update(arr.tobytes())
        return h.hexdigest()

    # ----------------------------------------------------------------------------- export
    def effective_layers(self) -> list[tuple[torch.Tensor, torch.Tensor]]:
        """``(weight [out, in], bias [out])`` of each layer with any active adapter merged in.

        The adapter is the injector's live snapshot if one is active, else (for a policy wrapped
        by peft) the active, unmerged peft LoRA adapters: ``W + (B @ A) * scaling``.
        """
        live = self.live_weights
        if live is not None:
            return [
                (w.detach().clone(), b.detach().clone())
                for w, b in zip(live.weights, live.biases, strict=True)
            ]
        out = []
        for layer in self.layers:
            base = _base_linear(layer)
            weight = base.weight.detach().clone()
            peft_layer: Any = layer
            if (
                hasattr(peft_layer, "lora_A")
                and not peft_layer.merged
                and not peft_layer.disable_adapters
            ):
                for name in peft_layer.active_adapters:
                    if name in peft_layer.lora_A:
                        if peft_layer.use_dora.get(name, False):
                            raise InvalidArgumentError("DoRA adapters cannot be exported")
                        weight = weight + peft_layer.get_delta_weight(name).detach()
            out.append((weight, base.bias.detach().clone()))
        return out

    def export(self) -> dict[str, Any]:
        """The keyword arguments of ``plasma._core.PolicyNet`` (weights ``[in, out]``, LoRA merged).

        ``{"weights", "biases", "activation", "output", "action_low", "action_high", "obs_mean",
        "obs_std"}``, arrays as float32. ``output`` is "tanh" for Box actions and "argmax" for
        discrete ones.
        """
        layers = self.effective_layers()
        return {
            "weights": [np.ascontiguousarray(w.numpy().T, dtype=np.float32) for w, _ in layers],
            "biases": [np.ascontiguousarray(b.numpy(), dtype=np.float32) for _, b in layers],
            "activation": self.policy_config.activation,
            "output": "argmax" if self.discrete else "tanh",
            "action_low": np.asarray(self.policy_config.action_low, dtype=np.float32),
            "action_high": np.asarray(self.policy_config.action_high, dtype=np.float32),
            "obs_mean": self.obs_mean.detach().numpy().astype(np.float32, copy=True),
            "obs_std": self.obs_std.detach().numpy().astype(np.float32, copy=True),
        }

    def to_core(self) -> Any:
        """The policy as a Rust ``plasma._core.PolicyNet`` (for policy-in-the-loop rollouts)."""
        policy_net = getattr(_core, "PolicyNet", None)
        if policy_net is None:
            raise CoreUnavailableError(
                "this build of plasma._core has no PolicyNet; rebuild the Rust core "
                "(`pip install -e .`) to export policies"
            )
        return policy_net(**self.export())

    # ----------------------------------------------------------------------------- files
    def save(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """Write the base policy as a directory (``policy.json`` + ``policy.safetensors``).

        Written atomically. Adapters are not saved: they travel as instruction packets.
        """
        tensors = {
            k: v.to(torch.float32).contiguous().clone() for k, v in self.base_tensors().items()
        }
        header = {
            "format": _POLICY_FORMAT,
            "config": self.policy_config.model_dump(mode="json"),
            "fingerprint": self.fingerprint(),
        }
        files = {
            _CONFIG_FILE: json.dumps(header, indent=2, sort_keys=True).encode(),
            _WEIGHTS_FILE: safetensors.torch.save(tensors, metadata={"format": "pt"}),
        }
        return write_dir_atomic(Path(path), files, overwrite=overwrite)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Policy:
        """Read a policy written by :meth:`save` (safetensors and JSON; no pickle)."""
        path = existing_dir(path, "saved policy", (_CONFIG_FILE, _WEIGHTS_FILE))
        try:
            header = json.loads((path / _CONFIG_FILE).read_text())
            tensors = safetensors.torch.load((path / _WEIGHTS_FILE).read_bytes())
        except Exception as err:
            raise InvalidArgumentError(f"{path} is not a readable saved policy: {err}") from err
        if not isinstance(header, dict) or header.get("format") != _POLICY_FORMAT:
            raise InvalidArgumentError(f"{path / _CONFIG_FILE} is not a {_POLICY_FORMAT} file")
        policy = cls(header.get("config") or {})
        expected = policy.base_tensors()
        if set(tensors) != set(expected):
            raise InvalidArgumentError(
                f"{path / _WEIGHTS_FILE} holds {sorted(tensors)}, expected {sorted(expected)}"
            )
        for name, tensor in tensors.items():
            if tuple(tensor.shape) != tuple(expected[name].shape):
                raise ShapeError(
                    f"{name} has shape {tuple(tensor.shape)} in {path / _WEIGHTS_FILE}, expected "
                    f"{tuple(expected[name].shape)}"
                )
            if not torch.isfinite(tensor).all():
                raise InvalidArgumentError(f"{name} in {path / _WEIGHTS_FILE} is not finite")
        policy.load_base_tensors(tensors)
        recorded = header.get("fingerprint")
        if recorded is not None and recorded != policy.fingerprint():
            raise InvalidArgumentError(
                f"{path} records fingerprint {recorded} but its weights hash to "
                f"{policy.fingerprint()}: the files are corrupt or were edited"
            )
        return policy

    def load_base_tensors(self, tensors: Mapping[str, torch.Tensor]) -> Policy:
        """Copy base weights (names as :meth:`base_tensors` gives them) into this policy."""
        with torch.no_grad():
            for i, layer in enumerate(self.layers):
                base = _base_linear(layer)
                base.weight.copy_(tensors[f"layers.{i}.weight"])
                base.bias.copy_(tensors[f"layers.{i}.bias"])
            self.obs_mean.copy_(tensors["obs_mean"])
            self.obs_std.copy_(tensors["obs_std"])
            if self.log_std is not None:
                self.log_std.copy_(tensors["log_std"])
        return self


def _base_linear(layer: nn.Module) -> nn.Linear:
    """The plain ``nn.Linear`` of a layer, looking through a peft LoRA wrapper."""
    base = getattr(layer, "base_layer", layer)
    if not isinstance(base, nn.Linear):
        raise InvalidArgumentError(f"expected a linear layer, found {type(base).__name__}")
    return base
