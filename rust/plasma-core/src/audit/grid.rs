//! A hashed grid of cells over the state space: which cells the real data occupies.
//!
//! A state's cell is `floor((x - origin) / width)` per variable (computed in `f32`, clamped to
//! `±1e9`), and the cell's key is a 64-bit hash of its integer coordinates (a multiply-xorshift step per
//! coordinate, then a murmur3 finaliser). The hash is written so that a vectorised numpy version
//! computes bit-identical keys (the benchmarks check agreement against one).

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use crate::error::{check_dim, check_len, check_positive, CoreError, CoreResult};

/// Cell coordinates are clamped to this magnitude before they are hashed.
pub const CELL_LIMIT: f32 = 1.0e9;
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;
/// Largest number of neighbour offsets a dilation may insert per occupied cell.
pub const MAX_DILATION_OFFSETS: usize = 6561;

/// The integer coordinate of `x` along one variable.
#[inline]
#[must_use]
pub fn cell_coord(x: f32, origin: f32, width: f32) -> i64 {
    ((x - origin) / width)
        .floor()
        .clamp(-CELL_LIMIT, CELL_LIMIT) as i64
}

/// Start of a key; feed coordinates with [`key_step`] and finish with [`key_finish`].
pub const KEY_START: u64 = FNV_OFFSET;

/// Folds one coordinate into a key.
#[inline]
#[must_use]
pub fn key_step(h: u64, coord: i64) -> u64 {
    let h = (h ^ coord as u64).wrapping_mul(GOLDEN);
    h ^ (h >> 29)
}

/// Final avalanche of a key.
#[inline]
#[must_use]
pub fn key_finish(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

/// The key of a whole coordinate vector.
#[must_use]
pub fn key_of(coords: &[i64]) -> u64 {
    key_finish(coords.iter().fold(KEY_START, |h, &c| key_step(h, c)))
}

/// A hasher that passes a precomputed 64-bit key through (the keys are already mixed).
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// A set of precomputed keys.
pub type KeySet = HashSet<u64, BuildHasherDefault<KeyHasher>>;

/// Occupied cells of a grid over the state space.
#[derive(Debug, Clone)]
pub struct CellGrid {
    origin: Vec<f32>,
    width: Vec<f32>,
    cells: KeySet,
}

impl CellGrid {
    /// Builds the grid from `points` (`n` rows of `dim` values, row-major), marking each
    /// occupied cell and, with `radius > 0`, every cell within `radius` cells of it along each
    /// variable (Chebyshev neighbourhood). Rows holding a non-finite value are skipped.
    ///
    /// # Errors
    /// Shape mismatches, non-positive or non-finite widths, non-finite origins, and a
    /// neighbourhood of more than [`MAX_DILATION_OFFSETS`] cells.
    pub fn build(
        points: &[f32],
        dim: usize,
        origin: Vec<f32>,
        width: Vec<f32>,
        radius: usize,
    ) -> CoreResult<Self> {
        check_axes(dim, &origin, &width)?;
        if !points.len().is_multiple_of(dim) {
            return Err(CoreError::Shape {
                name: "support points".into(),
                actual: vec![points.len()],
                expected: format!("a multiple of the state dimension {dim}"),
            });
        }
        let side = 2 * radius + 1;
        let offsets = u32::try_from(dim)
            .ok()
            .and_then(|d| side.checked_pow(d))
            .filter(|&n| n <= MAX_DILATION_OFFSETS)
            .ok_or_else(|| CoreError::InvalidArgument {
                name: "radius".into(),
                value: radius.to_string(),
                reason: format!(
                    "a neighbourhood of {side}^{dim} cells is more than {MAX_DILATION_OFFSETS}; \
                     use radius 0 for this many state variables"
                ),
            })?;
        let mut unique: HashSet<Vec<i64>> = HashSet::new();
        for row in points.chunks_exact(dim) {
            if row.iter().all(|x| x.is_finite()) {
                unique.insert(
                    row.iter()
                        .zip(origin.iter().zip(&width))
                        .map(|(&x, (&o, &w))| cell_coord(x, o, w))
                        .collect(),
                );
            }
        }
        let mut cells = KeySet::default();
        cells.reserve(unique.len() * offsets.min(64));
        let r = radius as i64;
        let mut shifted = vec![0_i64; dim];
        for coords in &unique {
            for code in 0..offsets {
                let mut rest = code;
                for (j, c) in coords.iter().enumerate() {
                    let digit = (rest % side) as i64;
                    rest /= side;
                    shifted[j] = c + digit - r;
                }
                cells.insert(key_of(&shifted));
            }
        }
        Ok(Self {
            origin,
            width,
            cells,
        })
    }

    /// Number of state variables.
    #[must_use]
    pub fn dim(&self) -> usize {
        self.origin.len()
    }

    /// Number of occupied (after dilation) cells.
    #[must_use]
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// True when no cell is occupied.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// The key of the cell holding `x` (`dim` finite values).
    #[inline]
    #[must_use]
    pub fn key(&self, x: &[f32]) -> u64 {
        let mut h = KEY_START;
        for ((&v, &o), &w) in x.iter().zip(&self.origin).zip(&self.width) {
            h = key_step(h, cell_coord(v, o, w));
        }
        key_finish(h)
    }

    /// Whether the cell holding `x` is occupied.
    #[inline]
    #[must_use]
    pub fn contains(&self, x: &[f32]) -> bool {
        self.cells.contains(&self.key(x))
    }
}

/// Checks the origin and widths of a grid over `dim` variables.
///
/// # Errors
/// Lengths that differ from `dim`, non-finite origins, non-positive or non-finite widths.
pub fn check_axes(dim: usize, origin: &[f32], width: &[f32]) -> CoreResult<()> {
    check_dim("state dimension", dim)?;
    check_len("grid origin", origin, dim)?;
    check_len("grid width", width, dim)?;
    if let Some(o) = origin.iter().find(|o| !o.is_finite()) {
        return Err(CoreError::InvalidArgument {
            name: "grid origin".into(),
            value: o.to_string(),
            reason: "must be finite".into(),
        });
    }
    width
        .iter()
        .try_for_each(|&w| check_positive("grid width", w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_floor_and_clamp() {
        assert_eq!(cell_coord(0.99, 0.0, 1.0), 0);
        assert_eq!(cell_coord(-0.01, 0.0, 1.0), -1);
        assert_eq!(cell_coord(5.0, 1.0, 2.0), 2);
        assert_eq!(cell_coord(f32::INFINITY, 0.0, 1.0), 1_000_000_000);
    }

    #[test]
    fn keys_distinguish_neighbours() {
        let a = key_of(&[0, 0, 0]);
        assert_ne!(a, key_of(&[0, 0, 1]));
        assert_ne!(a, key_of(&[1, 0, 0]));
        assert_eq!(a, key_of(&[0, 0, 0]));
    }

    #[test]
    fn small_coordinates_do_not_collide() {
        let mut seen = std::collections::HashSet::new();
        for a in -20..=20 {
            for b in -20..=20 {
                for c in -20..=20 {
                    assert!(seen.insert(key_of(&[a, b, c])), "collision at {a} {b} {c}");
                }
            }
        }
    }

    #[test]
    fn grid_contains_its_points_and_dilated_neighbours() {
        let pts = [0.5_f32, 0.5, 3.5, 3.5];
        let g = CellGrid::build(&pts, 2, vec![0.0, 0.0], vec![1.0, 1.0], 0).unwrap();
        assert_eq!(g.len(), 2);
        assert!(g.contains(&[0.1, 0.9]));
        assert!(!g.contains(&[1.1, 0.9]));
        let d = CellGrid::build(&pts, 2, vec![0.0, 0.0], vec![1.0, 1.0], 1).unwrap();
        assert_eq!(d.len(), 18);
        assert!(d.contains(&[1.1, 0.9]));
        assert!(d.contains(&[-0.5, -0.5]));
        assert!(!d.contains(&[2.0, 0.0]));
    }

    #[test]
    fn grid_rejects_bad_axes_and_huge_neighbourhoods() {
        assert!(CellGrid::build(&[0.0], 1, vec![0.0], vec![0.0], 0).is_err());
        assert!(CellGrid::build(&[0.0], 1, vec![f32::NAN], vec![1.0], 0).is_err());
        assert!(CellGrid::build(&[0.0, 1.0, 2.0], 2, vec![0.0; 2], vec![1.0; 2], 0).is_err());
        let wide = vec![0.0_f32; 12];
        let err = CellGrid::build(&wide, 12, vec![0.0; 12], vec![1.0; 12], 1).unwrap_err();
        assert!(err.to_string().contains("radius"));
    }

    #[test]
    fn non_finite_rows_are_skipped() {
        let g =
            CellGrid::build(&[f32::NAN, 0.0, 0.5, 0.5], 2, vec![0.0; 2], vec![1.0; 2], 0).unwrap();
        assert_eq!(g.len(), 1);
    }
}
