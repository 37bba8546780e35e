//! The rule on continuous action bounds, in one place: the planner, the rollout and the policy
//! network check their bounds with it, and the bindings expose it (`check_action_bounds`) so that
//! Python objects holding bounds can fail when they are made.

use crate::error::{CoreError, CoreResult};

/// Checks continuous action bounds: `dim` finite entries each, `low <= high`.
///
/// # Errors
/// Wrong length, non-finite entries, or `low > high`, naming `action_low` / `action_high`.
pub fn check_bounds(low: &[f32], high: &[f32], dim: usize) -> CoreResult<()> {
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
    if let Some(j) = (0..dim).find(|&j| low[j] > high[j]) {
        return Err(CoreError::InvalidArgument {
            name: "action_low".into(),
            value: format!("{} at index {j}", low[j]),
            reason: format!("exceeds action_high {}", high[j]),
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
}
