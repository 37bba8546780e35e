//! The rule on continuous action bounds, in one place: the planner, the rollout and the policy
//! network check their bounds with it, and the bindings expose it (`check_action_bounds`) so that
//! Python objects holding bounds (the generator, the distiller's policy config) can fail when they
//! are made.

use crate::error::{CoreError, CoreResult};

/// How the two bounds of one action dimension must be ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Order {
    /// `low <= high`: a dimension may be pinned to one value (planner, rollout, policy network).
    #[default]
    AtMost,
    /// `low < high`: every dimension has a range, as a policy trained on actions scaled by
    /// `high - low` needs.
    Below,
}

/// Checks continuous action bounds: `dim` finite entries each, `low <= high`.
///
/// # Errors
/// Wrong length, non-finite entries, or `low > high`, naming `action_low` / `action_high`.
pub fn check_bounds(low: &[f32], high: &[f32], dim: usize) -> CoreResult<()> {
    check_bounds_ordered(low, high, dim, Order::AtMost)
}

/// Checks continuous action bounds: `dim` finite entries each, ordered as `order` says.
///
/// # Errors
/// Wrong length, non-finite entries, or a dimension out of `order`, naming `action_low` /
/// `action_high`.
pub fn check_bounds_ordered(low: &[f32], high: &[f32], dim: usize, order: Order) -> CoreResult<()> {
    for (name, b) in [("action_low", low), ("action_high", high)] {
        if b.len() != dim {
            return Err(CoreError::Shape {
                name: name.into(),
                actual: vec![b.len()],
                expected: format!("({dim},): one bound per action dimension (required here)"),
            });
        }
        if b.iter().any(|v| !v.is_finite()) {
            return Err(CoreError::InvalidArgument {
                name: name.into(),
                value: "non-finite".into(),
                reason: "action bounds must be finite".into(),
            });
        }
    }
    let out_of_order = |j: usize| match order {
        Order::AtMost => low[j] > high[j],
        Order::Below => low[j] >= high[j],
    };
    if let Some(j) = (0..dim).find(|&j| out_of_order(j)) {
        let reason = if low[j] > high[j] {
            format!("exceeds action_high {}", high[j])
        } else {
            format!(
                "equals action_high {}: each dimension needs low < high here",
                high[j]
            )
        };
        return Err(CoreError::InvalidArgument {
            name: "action_low".into(),
            value: format!("{} at index {j}", low[j]),
            reason,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_checked_for_length_finiteness_and_order() {
        let msg = |low: &[f32], high: &[f32], dim| {
            check_bounds(low, high, dim).map_err(|e| e.to_string())
        };
        assert!(msg(&[-1.0, 0.0], &[1.0, 0.0], 2).is_ok());
        assert!(msg(&[-1.0], &[1.0, 1.0], 2)
            .unwrap_err()
            .starts_with("action_low has shape [1]"));
        assert!(msg(&[-1.0], &[f32::INFINITY], 1)
            .unwrap_err()
            .contains("action_high"));
        assert!(msg(&[2.0], &[1.0], 1)
            .unwrap_err()
            .contains("exceeds action_high 1"));
    }

    #[test]
    fn the_strict_order_refuses_a_pinned_dimension_and_keeps_the_other_checks() {
        let msg = |low: &[f32], high: &[f32]| {
            check_bounds_ordered(low, high, low.len(), Order::Below).map_err(|e| e.to_string())
        };
        assert!(msg(&[-1.0, 0.0], &[1.0, 0.5]).is_ok());
        let pinned = msg(&[-1.0, 0.0], &[1.0, 0.0]).unwrap_err();
        assert!(
            pinned.contains("0 at index 1: equals action_high 0"),
            "{pinned}"
        );
        assert!(msg(&[2.0], &[1.0])
            .unwrap_err()
            .contains("exceeds action_high 1"));
        assert!(msg(&[f32::NAN], &[1.0]).unwrap_err().contains("action_low"));
        // The lenient order accepts what the strict one refuses.
        assert!(check_bounds(&[-1.0, 0.0], &[1.0, 0.0], 2).is_ok());
    }
}
