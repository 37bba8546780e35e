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

impl CoreError {
    /// A [`CoreError::Shape`]: the array `name` has shape `actual`, the operation needs `expected`.
    #[must_use]
    pub fn shape(name: &str, actual: Vec<usize>, expected: impl Into<String>) -> Self {
        Self::Shape {
            name: name.into(),
            actual,
            expected: expected.into(),
        }
    }

    /// A [`CoreError::InvalidArgument`]: `name = value` is refused for `reason`.
    #[must_use]
    pub fn invalid(name: &str, value: &impl ToString, reason: impl Into<String>) -> Self {
        Self::InvalidArgument {
            name: name.into(),
            value: value.to_string(),
            reason: reason.into(),
        }
    }
}

/// A dimension (a number of variables) must be positive.
///
/// # Errors
/// [`CoreError::InvalidArgument`] naming `name` when `value` is 0.
pub fn check_dim(name: &str, value: usize) -> CoreResult<()> {
    if value == 0 {
        return Err(CoreError::invalid(name, &value, "must be positive"));
    }
    Ok(())
}

/// One entry per variable: `values` must have `n` entries.
///
/// # Errors
/// [`CoreError::Shape`] naming `name`, expecting `(n,)`.
pub fn check_len<T>(name: &str, values: &[T], n: usize) -> CoreResult<()> {
    if values.len() == n {
        Ok(())
    } else {
        Err(CoreError::shape(
            name,
            vec![values.len()],
            format!("({n},)"),
        ))
    }
}

/// A scale or limit: finite and above 0.
///
/// # Errors
/// [`CoreError::InvalidArgument`] naming `name` otherwise.
pub fn check_positive(name: &str, value: f32) -> CoreResult<()> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(CoreError::invalid(
            name,
            &value,
            "must be positive and finite",
        ))
    }
}

/// The value named `name` among `choices` (name, value) of argument `arg`: the one parser of the
/// core's named settings. An unknown name is refused with the list of names, one per value (the
/// first name of each: later ones are aliases).
///
/// # Errors
/// [`CoreError::InvalidArgument`] for a name that is not among `choices`.
pub fn parse_choice<T: Copy + PartialEq>(
    arg: &str,
    name: &str,
    choices: &[(&str, T)],
) -> CoreResult<T> {
    if let Some(&(_, value)) = choices.iter().find(|(n, _)| *n == name) {
        return Ok(value);
    }
    let mut names: Vec<String> = Vec::new();
    for (i, (n, value)) in choices.iter().enumerate() {
        if !choices[..i].iter().any(|(_, v)| v == value) {
            names.push(format!("{n:?}"));
        }
    }
    let listed = match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    };
    Err(CoreError::InvalidArgument {
        name: arg.into(),
        value: format!("{name:?}"),
        reason: format!("expected {listed}"),
    })
}

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

    #[test]
    fn a_choice_is_found_by_name_and_an_unknown_one_lists_the_names() {
        let choices = [("one", 1), ("uno", 1), ("two", 2), ("three", 3)];
        assert_eq!(parse_choice("n", "uno", &choices), Ok(1));
        assert_eq!(parse_choice("n", "three", &choices), Ok(3));
        let err = parse_choice("n", "four", &choices).unwrap_err();
        assert_eq!(
            err.to_string(),
            "n = \"four\": expected \"one\", \"two\" or \"three\""
        );
        let err = parse_choice("n", "One", &choices[..2]).unwrap_err();
        assert_eq!(err.to_string(), "n = \"One\": expected \"one\"");
    }
}
