//! The one error type of the core crate. The bindings map each variant to a Python exception.

use thiserror::Error;

/// Everything that can go wrong inside `plasma-core`.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum CoreError {
    /// An input array does not have the shape the operation needs.
    #[error("{name} has shape {actual:?}, expected {expected}")]
    Shape {
        name: String,
        actual: Vec<usize>,
        expected: String,
    },
    /// An argument is outside the values the operation accepts.
    #[error("{name} = {value}: {reason}")]
    InvalidArgument {
        name: String,
        value: String,
        reason: String,
    },
}

/// Result alias used across the core crate.
pub type CoreResult<T> = Result<T, CoreError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_error_names_the_array_and_both_shapes() {
        let err = CoreError::Shape {
            name: "states".into(),
            actual: vec![4, 2],
            expected: "(P, 3)".into(),
        };
        assert_eq!(err.to_string(), "states has shape [4, 2], expected (P, 3)");
    }

    #[test]
    fn invalid_argument_names_the_argument_and_the_reason() {
        let err = CoreError::InvalidArgument {
            name: "num_paths".into(),
            value: "0".into(),
            reason: "must be positive".into(),
        };
        assert_eq!(err.to_string(), "num_paths = 0: must be positive");
    }
}
