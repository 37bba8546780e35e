//! The auditor's hot loops: numeric detectors over imagined paths and the text rule engine over
//! agent trajectories. Python (`plasma.auditor`) calibrates them, turns their raw output into
//! findings, and decides.

// Scan loops index paths, steps, variables and actions (p, t, j, a, ...) as the array shapes are
// written in docs/architecture.md; indices are bounded by array sizes and step counts by
// `i32::MAX` (checked by the bindings), so the usize -> i32/i64 casts cannot wrap; one long
// per-step loop reads better than helpers threading a dozen locals.
#![allow(
    clippy::many_single_char_names,
    clippy::similar_names,
    clippy::cast_possible_wrap,
    clippy::too_many_lines
)]

pub mod grid;
pub mod local;
pub mod numeric;
pub mod rules;

pub use grid::CellGrid;
pub use local::{LocalIndex, LocalOutput};
pub use numeric::{
    CycleSpec, Detector, DetectorStats, Invariant, NumericScanner, PathsView, ScanConfig,
    ScanOutput, SupportSpec, NUM_DETECTORS,
};
pub use rules::{FieldTexts, Hit, PatternKind, PatternRole, PatternSpec, RuleEngine};
