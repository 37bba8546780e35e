//! The normalisation of a network's inputs, `(x - mean) / std` per column, and the network on
//! normalised inputs, shared by the policy and the value networks: one place for its checks, its
//! arithmetic and their forward pass.

use crate::error::{CoreError, CoreResult};
use crate::mlp::{EnsembleMlp, Workspace};

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

/// An MLP whose inputs are normalised first (see [`InputNorm`]).
#[derive(Debug, Clone)]
pub struct NormalizedMlp {
    mlp: EnsembleMlp,
    norm: InputNorm,
}

impl NormalizedMlp {
    /// Checks the normalisation `mean` / `std` against the network's inputs.
    ///
    /// # Errors
    /// As [`InputNorm::new`].
    pub fn new(
        mlp: EnsembleMlp,
        mean: Option<Vec<f32>>,
        std: Option<Vec<f32>>,
    ) -> CoreResult<Self> {
        let norm = InputNorm::new(mean, std, mlp.input_dim())?;
        Ok(Self { mlp, norm })
    }

    /// Input width.
    #[must_use]
    pub fn input_dim(&self) -> usize {
        self.mlp.input_dim()
    }

    /// The network.
    #[must_use]
    pub const fn mlp(&self) -> &EnsembleMlp {
        &self.mlp
    }

    /// Every member's output for the `rows` rows of `x[rows, input_dim]`, normalised into `buf`
    /// first: `out[E, rows, output_dim]` (resized), the members one after another.
    pub fn forward(
        &self,
        x: &[f32],
        rows: usize,
        ws: &mut Workspace,
        buf: &mut Vec<f32>,
        out: &mut Vec<f32>,
    ) {
        let x = self.norm.apply(x, rows, self.input_dim(), buf);
        let per_member = rows * self.mlp.output_dim();
        out.clear();
        out.resize(self.mlp.members() * per_member, 0.0);
        for member in 0..self.mlp.members() {
            let mine = &mut out[member * per_member..(member + 1) * per_member];
            self.mlp.forward_member(member, x, rows, ws, mine);
        }
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
