//! The normalisation of a network's inputs, `(x - mean) / std` per column, shared by the policy
//! and the value networks: one place for its checks and its arithmetic.

use crate::error::{CoreError, CoreResult};

/// `(x - mean) * (1 / std)` per input column; either part may be absent (an identity there).
#[derive(Debug, Clone, Default)]
pub struct InputNorm {
    mean: Option<Vec<f32>>,
    inv_std: Option<Vec<f32>>,
}

impl InputNorm {
    /// Checks and builds the normalisation of `width` input columns.
    ///
    /// # Errors
    /// [`CoreError::Shape`] when `mean` or `std` does not have `width` entries;
    /// [`CoreError::InvalidArgument`] for a non-finite `mean` or a non-finite or non-positive
    /// `std`.
    pub fn new(mean: Option<Vec<f32>>, std: Option<Vec<f32>>, width: usize) -> CoreResult<Self> {
        for (name, v) in [("obs_mean", mean.as_deref()), ("obs_std", std.as_deref())] {
            if let Some(v) = v {
                if v.len() != width {
                    return Err(CoreError::Shape {
                        name: name.into(),
                        actual: vec![v.len()],
                        expected: format!("({width},): one entry per network input"),
                    });
                }
            }
        }
        if mean
            .as_ref()
            .is_some_and(|m| m.iter().any(|v| !v.is_finite()))
        {
            return Err(CoreError::InvalidArgument {
                name: "obs_mean".into(),
                value: "non-finite".into(),
                reason: "must be finite".into(),
            });
        }
        if std
            .as_ref()
            .is_some_and(|s| s.iter().any(|v| !v.is_finite() || *v <= 0.0))
        {
            return Err(CoreError::InvalidArgument {
                name: "obs_std".into(),
                value: "non-positive or non-finite".into(),
                reason: "must be finite and positive".into(),
            });
        }
        Ok(Self {
            mean,
            inv_std: std.map(|s| s.into_iter().map(|v| 1.0 / v).collect()),
        })
    }

    /// The first `rows` rows of `x` (`width` columns each) normalised: written to `buf` and
    /// returned, or `x` itself when there is nothing to do.
    pub fn apply<'a>(
        &self,
        x: &'a [f32],
        rows: usize,
        width: usize,
        buf: &'a mut Vec<f32>,
    ) -> &'a [f32] {
        let x = &x[..rows * width];
        let rows_of = || x.chunks_exact(width);
        // One arm per case, decided once: this runs for every row the planner scores.
        match (&self.mean, &self.inv_std) {
            (None, None) => return x,
            (Some(mean), Some(inv)) => {
                buf.clear();
                buf.extend(rows_of().flat_map(|row| {
                    row.iter()
                        .zip(mean.iter().zip(inv))
                        .map(|(v, (m, i))| (v - m) * i)
                }));
            }
            (Some(mean), None) => {
                buf.clear();
                buf.extend(rows_of().flat_map(|row| row.iter().zip(mean).map(|(v, m)| v - m)));
            }
            (None, Some(inv)) => {
                buf.clear();
                buf.extend(rows_of().flat_map(|row| row.iter().zip(inv).map(|(v, i)| v * i)));
            }
        }
        buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_each_column_and_passes_through_without_parameters() {
        let x = [1.0, 10.0, 3.0, 30.0];
        let mut buf = Vec::new();
        let norm = InputNorm::new(Some(vec![1.0, 10.0]), Some(vec![2.0, 10.0]), 2).unwrap();
        assert_eq!(norm.apply(&x, 2, 2, &mut buf), &[0.0, 0.0, 1.0, 2.0]);
        let centred = InputNorm::new(Some(vec![1.0, 10.0]), None, 2).unwrap();
        assert_eq!(centred.apply(&x, 1, 2, &mut buf), &[0.0, 0.0]);
        let identity = InputNorm::default();
        assert_eq!(identity.apply(&x, 2, 2, &mut buf), &x);
    }

    #[test]
    fn refuses_wrong_widths_and_bad_values() {
        assert!(matches!(
            InputNorm::new(Some(vec![0.0]), None, 2),
            Err(CoreError::Shape { .. })
        ));
        assert!(InputNorm::new(None, Some(vec![1.0, 0.0]), 2).is_err());
        assert!(InputNorm::new(Some(vec![f32::NAN, 0.0]), None, 2).is_err());
    }
}
