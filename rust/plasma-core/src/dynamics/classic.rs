//! True dynamics of two Gymnasium classic-control tasks, computed in `f64` in the same order of
//! operations as gymnasium 1.x's `pendulum.py` and `cartpole.py`, so they can stand in for the
//! real environment in planners and tests.

use std::f64::consts::PI;

use super::{action_index, Dynamics, Scratch, StepInput, StepOutput};
use crate::error::{CoreError, CoreResult};

/// Pendulum-v1. State (observation) `[cos th, sin th, thdot]`, action `[torque]`.
#[derive(Debug, Clone, PartialEq)]
pub struct PendulumDynamics {
    /// Gravity.
    pub g: f64,
    /// Mass.
    pub m: f64,
    /// Length.
    pub l: f64,
    /// Time step.
    pub dt: f64,
    /// Angular speed limit.
    pub max_speed: f64,
    /// Torque limit (actions are clipped to it).
    pub max_torque: f64,
}

impl Default for PendulumDynamics {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// `((x + pi) mod 2 pi) - pi` with Python's floored modulo.
fn angle_normalize(x: f64) -> f64 {
    (x + PI).rem_euclid(2.0 * PI) - PI
}

impl PendulumDynamics {
    /// Gymnasium's parameters (the [`Default`]).
    pub const DEFAULT: Self = Self {
        g: 10.0,
        m: 1.0,
        l: 1.0,
        dt: 0.05,
        max_speed: 8.0,
        max_torque: 2.0,
    };

    /// Validates the parameters.
    ///
    /// # Errors
    /// [`CoreError::InvalidArgument`] naming a parameter that is not finite, or not positive where
    /// it must be (`m`, `l`, `dt`, `max_speed`, `max_torque`).
    pub fn new(
        g: f64,
        m: f64,
        l: f64,
        dt: f64,
        max_speed: f64,
        max_torque: f64,
    ) -> CoreResult<Self> {
        for (name, value, positive) in [
            ("g", g, false),
            ("m", m, true),
            ("l", l, true),
            ("dt", dt, true),
            ("max_speed", max_speed, true),
            ("max_torque", max_torque, true),
        ] {
            if !value.is_finite() || (positive && value <= 0.0) {
                return Err(CoreError::InvalidArgument {
                    name: name.into(),
                    value: value.to_string(),
                    reason: if positive {
                        "must be finite and positive".into()
                    } else {
                        "must be finite".into()
                    },
                });
            }
        }
        Ok(Self {
            g,
            m,
            l,
            dt,
            max_speed,
            max_torque,
        })
    }

    /// One step from `(th, thdot)` under torque `u`: `(newth, newthdot, reward)`.
    #[must_use]
    pub fn step_angle(&self, th: f64, thdot: f64, u: f64) -> (f64, f64, f64) {
        let u = u.clamp(-self.max_torque, self.max_torque);
        let costs = angle_normalize(th).powi(2) + 0.1 * thdot.powi(2) + 0.001 * (u * u);
        let newthdot = thdot
            + (3.0 * self.g / (2.0 * self.l) * th.sin() + 3.0 / (self.m * self.l.powi(2)) * u)
                * self.dt;
        let newthdot = newthdot.clamp(-self.max_speed, self.max_speed);
        let newth = th + newthdot * self.dt;
        (newth, newthdot, -costs)
    }
}

impl Dynamics for PendulumDynamics {
    fn state_dim(&self) -> usize {
        3
    }

    fn action_dim(&self) -> usize {
        1
    }

    fn discrete_actions(&self) -> Option<usize> {
        None
    }

    fn step(&self, input: &StepInput<'_>, _scratch: &mut Scratch, out: &mut StepOutput) {
        out.resize(input.rows, 3);
        for i in 0..input.rows {
            let st = &input.states[i * 3..i * 3 + 3];
            let th = f64::from(st[1]).atan2(f64::from(st[0]));
            let (newth, newthdot, reward) =
                self.step_angle(th, f64::from(st[2]), f64::from(input.actions[i]));
            let next = &mut out.next_states[i * 3..i * 3 + 3];
            next[0] = newth.cos() as f32;
            next[1] = newth.sin() as f32;
            next[2] = newthdot as f32;
            out.rewards[i] = reward as f32;
            out.dones[i] = false;
            out.done_probs[i] = 0.0;
            out.uncertainty[i] = 0.0;
        }
    }
}

/// `CartPole`-v1 (Euler integration). State `[x, x_dot, theta, theta_dot]`, actions {0: push left,
/// 1: push right}; reward 1 every step, done when `|x| > 2.4` or `|theta| > 12 degrees` after the
/// step.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CartPoleDynamics;

impl CartPoleDynamics {
    const GRAVITY: f64 = 9.8;
    const MASSCART: f64 = 1.0;
    const MASSPOLE: f64 = 0.1;
    const TOTAL_MASS: f64 = Self::MASSPOLE + Self::MASSCART;
    const LENGTH: f64 = 0.5;
    const POLEMASS_LENGTH: f64 = Self::MASSPOLE * Self::LENGTH;
    const FORCE_MAG: f64 = 10.0;
    const TAU: f64 = 0.02;
    const X_THRESHOLD: f64 = 2.4;
    const THETA_THRESHOLD: f64 = 12.0 * 2.0 * PI / 360.0;
    #[allow(clippy::cast_possible_truncation)]
    const BOUNDS: [[f32; 4]; 2] = [
        [
            -Self::X_THRESHOLD as f32,
            f32::NEG_INFINITY,
            -Self::THETA_THRESHOLD as f32,
            f32::NEG_INFINITY,
        ],
        [
            Self::X_THRESHOLD as f32,
            f32::INFINITY,
            Self::THETA_THRESHOLD as f32,
            f32::INFINITY,
        ],
    ];

    /// One step: the next state and whether it terminates.
    #[must_use]
    pub fn step_state(state: [f64; 4], action: usize) -> ([f64; 4], bool) {
        let [x, x_dot, theta, theta_dot] = state;
        let force = if action == 1 {
            Self::FORCE_MAG
        } else {
            -Self::FORCE_MAG
        };
        let costheta = theta.cos();
        let sintheta = theta.sin();
        let temp =
            (force + Self::POLEMASS_LENGTH * theta_dot * theta_dot * sintheta) / Self::TOTAL_MASS;
        let thetaacc = (Self::GRAVITY * sintheta - costheta * temp)
            / (Self::LENGTH
                * (4.0 / 3.0 - Self::MASSPOLE * costheta * costheta / Self::TOTAL_MASS));
        let xacc = temp - Self::POLEMASS_LENGTH * thetaacc * costheta / Self::TOTAL_MASS;
        let x = x + Self::TAU * x_dot;
        let x_dot = x_dot + Self::TAU * xacc;
        let theta = theta + Self::TAU * theta_dot;
        let theta_dot = theta_dot + Self::TAU * thetaacc;
        let done = !(-Self::X_THRESHOLD..=Self::X_THRESHOLD).contains(&x)
            || !(-Self::THETA_THRESHOLD..=Self::THETA_THRESHOLD).contains(&theta);
        ([x, x_dot, theta, theta_dot], done)
    }
}

impl Dynamics for CartPoleDynamics {
    fn state_dim(&self) -> usize {
        4
    }

    fn action_dim(&self) -> usize {
        1
    }

    fn discrete_actions(&self) -> Option<usize> {
        Some(2)
    }

    fn state_bounds(&self) -> Option<(&[f32], &[f32])> {
        Some((&Self::BOUNDS[0], &Self::BOUNDS[1]))
    }

    fn step(&self, input: &StepInput<'_>, _scratch: &mut Scratch, out: &mut StepOutput) {
        out.resize(input.rows, 4);
        for i in 0..input.rows {
            let st = &input.states[i * 4..i * 4 + 4];
            let state = [st[0], st[1], st[2], st[3]].map(f64::from);
            let (next, done) = Self::step_state(state, action_index(input.actions[i], 2));
            for (o, v) in out.next_states[i * 4..i * 4 + 4].iter_mut().zip(next) {
                *o = v as f32;
            }
            out.rewards[i] = 1.0;
            out.dones[i] = done;
            out.done_probs[i] = if done { 1.0 } else { 0.0 };
            out.uncertainty[i] = 0.0;
        }
    }
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // rewards of CartPole are exactly 1
mod tests {
    use super::super::Members;
    use super::*;

    fn run(model: &dyn Dynamics, states: &[f32], actions: &[f32]) -> StepOutput {
        let rows = actions.len();
        let members = vec![0; rows];
        let input = StepInput {
            states,
            actions,
            members: Members::PerRow(&members),
            noise: None,
            uncertainty: false,
            rows,
        };
        let mut out = StepOutput::default();
        model.step(&input, &mut Scratch::default(), &mut out);
        out
    }

    #[test]
    fn pendulum_step_matches_hand_computed_values() {
        // th = pi/2, thdot = 1, u = 3 (clipped to 2):
        // cost = (pi/2)^2 + 0.1 + 0.004; newthdot = 1 + (15 * 1 + 3 * 2) * 0.05 = 2.05;
        // newth = pi/2 + 0.1025.
        let model = PendulumDynamics::default();
        let out = run(&model, &[0.0, 1.0, 1.0], &[3.0]);
        let newth = PI / 2.0 + 0.1025;
        let want = [newth.cos(), newth.sin(), 2.05];
        for (g, w) in out.next_states.iter().zip(want) {
            assert!((f64::from(*g) - w).abs() < 1e-6, "{g} vs {w}");
        }
        let reward = -((PI / 2.0).powi(2) + 0.1 + 0.004);
        assert!((f64::from(out.rewards[0]) - reward).abs() < 1e-6);
        assert!(!out.dones[0]);
        // Speed clipping: thdot = 7.9 with a full push saturates at max_speed.
        let (_, thdot, _) = model.step_angle(0.5, 7.9, 2.0);
        assert!((thdot - 8.0).abs() < f64::EPSILON);
        // Angle normalization in the reward: th = 3 pi is pi away from upright.
        let (_, _, r) = model.step_angle(3.0 * PI, 0.0, 0.0);
        assert!((r + PI * PI).abs() < 1e-9, "{r}");
    }

    #[test]
    fn cartpole_step_matches_hand_computed_values() {
        // From rest, push right: temp = 10/1.1, thetaacc = -temp / (0.5 * (4/3 - 0.1/1.1)),
        // xacc = temp - 0.05 * thetaacc / 1.1; positions move only after one step (Euler).
        let out = run(&CartPoleDynamics, &[0.0, 0.0, 0.0, 0.0], &[1.0]);
        let temp = 10.0 / 1.1;
        let thetaacc = -temp / (0.5 * (4.0 / 3.0 - 0.1 / 1.1));
        let xacc = temp - 0.05 * thetaacc / 1.1;
        let want = [0.0, 0.02 * xacc, 0.0, 0.02 * thetaacc];
        for (g, w) in out.next_states.iter().zip(want) {
            assert!((f64::from(*g) - w).abs() < 1e-6, "{g} vs {w}");
        }
        assert_eq!(out.rewards[0], 1.0);
        assert!(!out.dones[0]);
        // Beyond the angle threshold after the step: done (reward still 1).
        let out = run(&CartPoleDynamics, &[0.0, 0.0, 0.2, 1.0], &[0.0]);
        assert!(out.dones[0]);
        // Beyond the cart threshold.
        let out = run(&CartPoleDynamics, &[2.39, 1.0, 0.0, 0.0], &[0.0]);
        assert!(out.dones[0]);
    }

    #[test]
    fn invalid_pendulum_parameters_are_named() {
        let err = PendulumDynamics::new(10.0, 1.0, 0.0, 0.05, 8.0, 2.0).unwrap_err();
        assert!(err.to_string().starts_with("l = 0"), "{err}");
    }
}
