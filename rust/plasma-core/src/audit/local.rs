//! Local validation against real data: a k-d tree over real transitions (state and action,
//! scaled per feature), built once at calibration, and per imagined transition the locally
//! weighted linear fit of the real outcomes of its nearest real neighbours.
//!
//! For a query `q` with neighbours `x_1..x_k` (Euclidean distance in scaled features, `d_k` the
//! largest), the weights are `w_i = (1 - (d_i / (1.0001 d_k))^2)^2` and the prediction of every
//! target is the intercept of the weighted ridge regression of the targets on `[1, x_i - q]`
//! (ridge `lambda * sum(w)` on the slopes, none on the intercept), solved by Cholesky. Also
//! returned: the mean neighbour distance, and optionally the weighted mean of per-point values
//! (the model's errors on the real points).

use rayon::prelude::*;

use crate::error::{CoreError, CoreResult};

/// Points per leaf of the tree.
pub const LEAF_SIZE: usize = 12;
/// Queries per parallel task.
const CHUNK: usize = 256;

#[derive(Clone, Copy, Debug)]
struct Node {
    /// Split variable, or `usize::MAX` for a leaf.
    dim: usize,
    split: f32,
    /// Children (internal nodes) or the point range `[lo, hi)` in `order` (leaves).
    lo: usize,
    hi: usize,
}

/// A k-d tree over scaled points with their targets.
#[derive(Clone, Debug)]
pub struct LocalIndex {
    dim: usize,
    targets: usize,
    /// Scaled points, in tree order, row-major `[n, dim]`.
    points: Vec<f32>,
    /// Targets in tree order `[n, targets]`.
    values: Vec<f32>,
    /// Original index of each point in tree order.
    order: Vec<u32>,
    /// Divisor of each feature.
    scale: Vec<f32>,
    nodes: Vec<Node>,
}

/// What a query returns per transition.
#[derive(Clone, Debug, Default)]
pub struct LocalOutput {
    /// Local-linear prediction of every target, `[m, targets]`.
    pub prediction: Vec<f32>,
    /// Mean distance to the neighbours (scaled units), `[m]`.
    pub distance: Vec<f32>,
    /// Weighted mean of the extra per-point values, `[m, w]` (empty without values).
    pub extra: Vec<f32>,
}

impl LocalIndex {
    /// Builds the tree over `n = points.len() / dim` points with `targets` outcomes each.
    ///
    /// # Errors
    /// Shapes that do not fit, no points, a scale that is not positive and finite, or
    /// non-finite points or targets.
    pub fn build(
        points: &[f32],
        targets: &[f32],
        scale: &[f32],
        dim: usize,
        n_targets: usize,
    ) -> CoreResult<Self> {
        if dim == 0 || scale.len() != dim {
            return Err(CoreError::shape(
                "scale",
                vec![scale.len()],
                format!("({dim},)"),
            ));
        }
        if !points.len().is_multiple_of(dim) || points.is_empty() {
            return Err(CoreError::shape(
                "points",
                vec![points.len()],
                format!("(N, {dim}), N >= 1"),
            ));
        }
        let n = points.len() / dim;
        if n > u32::MAX as usize {
            return Err(CoreError::invalid("points", &n, "at most 2**32 - 1 points"));
        }
        if targets.len() != n * n_targets {
            return Err(CoreError::shape(
                "targets",
                vec![targets.len()],
                format!("({n}, {n_targets})"),
            ));
        }
        if scale.iter().any(|s| !(s.is_finite() && *s > 0.0)) {
            return Err(CoreError::invalid(
                "scale",
                &format!("{scale:?}"),
                "must be positive and finite",
            ));
        }
        if points.iter().chain(targets).any(|v| !v.is_finite()) {
            return Err(CoreError::invalid(
                "points",
                &"non-finite",
                "points and targets must be finite",
            ));
        }
        let scaled: Vec<f32> = points
            .chunks_exact(dim)
            .flat_map(|row| row.iter().zip(scale).map(|(x, s)| x / s))
            .collect();
        let mut order: Vec<u32> = (0..n as u32).collect();
        let mut nodes = Vec::with_capacity(2 * n / LEAF_SIZE + 2);
        build_node(&scaled, dim, &mut order, 0, n, &mut nodes);
        let mut pts = Vec::with_capacity(n * dim);
        let mut vals = Vec::with_capacity(n * n_targets);
        for &i in &order {
            let i = i as usize;
            pts.extend_from_slice(&scaled[i * dim..(i + 1) * dim]);
            vals.extend_from_slice(&targets[i * n_targets..(i + 1) * n_targets]);
        }
        Ok(Self {
            dim,
            targets: n_targets,
            points: pts,
            values: vals,
            order,
            scale: scale.to_vec(),
            nodes,
        })
    }

    /// Features per point.
    #[must_use]
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Targets per point.
    #[must_use]
    pub fn n_targets(&self) -> usize {
        self.targets
    }

    /// Points in the tree.
    #[must_use]
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether the tree is empty (never: `build` refuses).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The `k` nearest points of a scaled query (tree positions and squared distances, nearest
    /// first), leaving out tree position `skip`.
    fn knn(
        &self,
        q: &[f32],
        k: usize,
        skip: usize,
        best: &mut Vec<(f32, usize)>,
        stack: &mut Vec<(usize, f32)>,
    ) {
        best.clear();
        stack.clear();
        stack.push((0, 0.0));
        while let Some((id, bound)) = stack.pop() {
            if best.len() == k && bound >= best[k - 1].0 {
                continue;
            }
            let node = self.nodes[id];
            if node.dim == usize::MAX {
                for pos in node.lo..node.hi {
                    if pos == skip {
                        continue;
                    }
                    let p = &self.points[pos * self.dim..(pos + 1) * self.dim];
                    let d: f32 = p.iter().zip(q).map(|(a, b)| (a - b) * (a - b)).sum();
                    if best.len() < k {
                        let at = best.partition_point(|e| e.0 <= d);
                        best.insert(at, (d, pos));
                    } else if d < best[k - 1].0 {
                        best.pop();
                        let at = best.partition_point(|e| e.0 <= d);
                        best.insert(at, (d, pos));
                    }
                }
                continue;
            }
            let diff = q[node.dim] - node.split;
            let (near, far) = if diff < 0.0 {
                (node.lo, node.hi)
            } else {
                (node.hi, node.lo)
            };
            let far_bound = bound.max(diff * diff);
            stack.push((far, far_bound));
            stack.push((near, bound));
        }
    }

    /// Local-linear predictions at `m = queries.len() / dim` queries (raw, unscaled features)
    /// from `k` neighbours with ridge `ridge`; `extra` (`[n, w]` in the caller's point order)
    /// is averaged with the same weights. `exclude[i]`: the caller's index of a point to leave
    /// out for query `i` (leave-one-out), or `u32::MAX`.
    ///
    /// # Errors
    /// Shapes that do not fit, `k` below 1 or above the number of points.
    pub fn query(
        &self,
        queries: &[f32],
        k: usize,
        ridge: f32,
        extra: Option<(&[f32], usize)>,
        exclude: Option<&[u32]>,
    ) -> CoreResult<LocalOutput> {
        let dim = self.dim;
        if !queries.len().is_multiple_of(dim) {
            return Err(CoreError::shape(
                "queries",
                vec![queries.len()],
                format!("(M, {dim})"),
            ));
        }
        let m = queries.len() / dim;
        let n = self.len();
        let limit = if exclude.is_some() { n - 1 } else { n };
        if k == 0 || k > limit {
            return Err(CoreError::invalid(
                "k",
                &k,
                "must be between 1 and the number of real points",
            ));
        }
        if !(ridge.is_finite() && ridge >= 0.0) {
            return Err(CoreError::invalid("ridge", &ridge, "must be >= 0"));
        }
        if let Some(ex) = exclude {
            if ex.len() != m {
                return Err(CoreError::shape(
                    "exclude",
                    vec![ex.len()],
                    format!("({m},)"),
                ));
            }
        }
        let w = match extra {
            Some((values, w)) => {
                if values.len() != n * w {
                    return Err(CoreError::shape(
                        "values",
                        vec![values.len()],
                        format!("({n}, {w})"),
                    ));
                }
                w
            }
            None => 0,
        };
        // Tree position of each caller index (for leave-one-out and the extra values).
        let mut position = vec![0usize; n];
        for (pos, &orig) in self.order.iter().enumerate() {
            position[orig as usize] = pos;
        }
        let t = self.targets;
        let mut prediction = vec![0.0f32; m * t];
        let mut distance = vec![0.0f32; m];
        // One column even without values, so that the chunks of the three outputs line up.
        let ew = w.max(1);
        let mut extra_out = vec![0.0f32; m * ew];
        prediction
            .par_chunks_mut(CHUNK * t)
            .zip(distance.par_chunks_mut(CHUNK))
            .zip(extra_out.par_chunks_mut(CHUNK * ew))
            .enumerate()
            .for_each(|(c, ((pred, dist), ext))| {
                let mut scratch = Scratch::new(dim, t, k);
                for (j, d_out) in dist.iter_mut().enumerate() {
                    let i = c * CHUNK + j;
                    let mut q = std::mem::take(&mut scratch.q);
                    for ((qj, x), s) in q
                        .iter_mut()
                        .zip(&queries[i * dim..(i + 1) * dim])
                        .zip(&self.scale)
                    {
                        *qj = x / s;
                    }
                    let skip = match exclude {
                        Some(ex) if (ex[i] as usize) < n => position[ex[i] as usize],
                        _ => usize::MAX,
                    };
                    self.knn(&q, k, skip, &mut scratch.best, &mut scratch.stack);
                    *d_out = self.fit_one(&q, ridge, &mut scratch, &mut pred[j * t..(j + 1) * t]);
                    scratch.q = q;
                    if let Some((values, w)) = extra {
                        let out = &mut ext[j * w..(j + 1) * w];
                        out.fill(0.0);
                        let total: f32 = scratch.weight.iter().sum();
                        for (&(_, pos), &wt) in scratch.best.iter().zip(&scratch.weight) {
                            let orig = self.order[pos] as usize;
                            for (o, v) in out.iter_mut().zip(&values[orig * w..(orig + 1) * w]) {
                                *o += wt * v / total;
                            }
                        }
                    }
                }
            });
        if w == 0 {
            extra_out.clear();
        }
        Ok(LocalOutput {
            prediction,
            distance,
            extra: extra_out,
        })
    }

    /// Weighted ridge fit around `q` from `scratch.best`; writes the intercepts, returns the mean
    /// neighbour distance. Falls back to the weighted mean when the system is singular.
    fn fit_one(&self, q: &[f32], ridge: f32, s: &mut Scratch, out: &mut [f32]) -> f32 {
        let dim = self.dim;
        let t = self.targets;
        let p = dim + 1;
        let far = s.best.last().map_or(1.0, |e| e.0.sqrt()) * 1.0001 + 1e-12;
        s.weight.clear();
        let mut mean_dist = 0.0f32;
        for &(d2, _) in &s.best {
            let d = d2.sqrt();
            mean_dist += d;
            let u = d / far;
            let v = 1.0 - u * u;
            s.weight.push((v * v).max(1e-6));
        }
        mean_dist /= s.best.len() as f32;
        let wsum: f64 = s.weight.iter().map(|&w| f64::from(w)).sum();
        s.a.fill(0.0);
        for (&(_, pos), &wt) in s.best.iter().zip(&s.weight) {
            let wt = f64::from(wt);
            self.centred(pos, q, &mut s.z);
            for r in 0..p {
                let wz = wt * s.z[r];
                for c in 0..=r {
                    s.a[r * p + c] += wz * s.z[c];
                }
            }
        }
        let lambda = f64::from(ridge) * wsum;
        for r in 1..p {
            s.a[r * p + r] += lambda;
        }
        if cholesky(&mut s.a, p) {
            // Only the intercept is needed: beta_0 = e_0' A^-1 b = u' b with A u = e_0 (A is
            // symmetric), so one solve serves every target, and the prediction is a weighted sum
            // of the neighbours' targets with weights w_i u' z_i.
            for r in 0..p {
                let mut v = if r == 0 { 1.0 } else { 0.0 };
                for c in 0..r {
                    v -= s.a[r * p + c] * s.y[c];
                }
                s.y[r] = v / s.a[r * p + r];
            }
            for r in (0..p).rev() {
                let mut v = s.y[r];
                for c in r + 1..p {
                    v -= s.a[c * p + r] * s.y[c];
                }
                s.y[r] = v / s.a[r * p + r];
            }
            s.b.fill(0.0);
            for (&(_, pos), &wt) in s.best.iter().zip(&s.weight) {
                self.centred(pos, q, &mut s.z);
                let l = f64::from(wt) * s.z.iter().zip(&s.y).map(|(z, u)| z * u).sum::<f64>();
                for (bj, y) in s.b.iter_mut().zip(&self.values[pos * t..(pos + 1) * t]) {
                    *bj += l * f64::from(*y);
                }
            }
            for (o, bj) in out.iter_mut().zip(&s.b) {
                *o = *bj as f32;
            }
        } else {
            s.b.fill(0.0);
            for (&(_, pos), &wt) in s.best.iter().zip(&s.weight) {
                for (bj, y) in s.b.iter_mut().zip(&self.values[pos * t..(pos + 1) * t]) {
                    *bj += f64::from(wt) * f64::from(*y);
                }
            }
            for (o, bj) in out.iter_mut().zip(&s.b) {
                *o = (bj / wsum) as f32;
            }
        }
        mean_dist
    }

    /// `z = [1, x - q]` for the point at tree position `pos` (scaled units, f64).
    fn centred(&self, pos: usize, q: &[f32], z: &mut [f64]) {
        let dim = self.dim;
        z[0] = 1.0;
        for (zj, (x, qj)) in z[1..]
            .iter_mut()
            .zip(self.points[pos * dim..(pos + 1) * dim].iter().zip(q))
        {
            *zj = f64::from(x - qj);
        }
    }
}

struct Scratch {
    q: Vec<f32>,
    stack: Vec<(usize, f32)>,
    best: Vec<(f32, usize)>,
    weight: Vec<f32>,
    a: Vec<f64>,
    b: Vec<f64>,
    z: Vec<f64>,
    y: Vec<f64>,
}

impl Scratch {
    fn new(dim: usize, t: usize, k: usize) -> Self {
        let p = dim + 1;
        Self {
            q: vec![0.0; dim],
            stack: Vec::with_capacity(64),
            best: Vec::with_capacity(k + 1),
            weight: Vec::with_capacity(k),
            a: vec![0.0; p * p],
            b: vec![0.0; t],
            z: vec![0.0; p],
            y: vec![0.0; p],
        }
    }
}

/// In-place Cholesky of the lower triangle of `a` (`p x p`); false when not positive definite.
fn cholesky(a: &mut [f64], p: usize) -> bool {
    for r in 0..p {
        for c in 0..=r {
            let mut v = a[r * p + c];
            for k in 0..c {
                v -= a[r * p + k] * a[c * p + k];
            }
            if r == c {
                if v <= 1e-12 {
                    return false;
                }
                a[r * p + r] = v.sqrt();
            } else {
                a[r * p + c] = v / a[c * p + c];
            }
        }
    }
    true
}

fn build_node(
    pts: &[f32],
    dim: usize,
    order: &mut [u32],
    lo: usize,
    hi: usize,
    nodes: &mut Vec<Node>,
) -> usize {
    let id = nodes.len();
    nodes.push(Node {
        dim: usize::MAX,
        split: 0.0,
        lo,
        hi,
    });
    if hi - lo <= LEAF_SIZE {
        return id;
    }
    // Split the widest variable at its median.
    let slice = &mut order[lo..hi];
    let mut best = (0usize, -1.0f32);
    for d in 0..dim {
        let (mut mn, mut mx) = (f32::INFINITY, f32::NEG_INFINITY);
        for &i in slice.iter() {
            let v = pts[i as usize * dim + d];
            mn = mn.min(v);
            mx = mx.max(v);
        }
        if mx - mn > best.1 {
            best = (d, mx - mn);
        }
    }
    let d = best.0;
    let mid = slice.len() / 2;
    slice.select_nth_unstable_by(mid, |a, b| {
        pts[*a as usize * dim + d].total_cmp(&pts[*b as usize * dim + d])
    });
    let split = pts[slice[mid] as usize * dim + d];
    let left = build_node(pts, dim, order, lo, lo + mid, nodes);
    let right = build_node(pts, dim, order, lo + mid, hi, nodes);
    nodes[id] = Node {
        dim: d,
        split,
        lo: left,
        hi: right,
    };
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brute(points: &[f32], dim: usize, q: &[f32], k: usize) -> Vec<usize> {
        let n = points.len() / dim;
        let mut d: Vec<(f32, usize)> = (0..n)
            .map(|i| {
                let p = &points[i * dim..(i + 1) * dim];
                (p.iter().zip(q).map(|(a, b)| (a - b) * (a - b)).sum(), i)
            })
            .collect();
        d.sort_by(|a, b| a.0.total_cmp(&b.0));
        d.iter().take(k).map(|e| e.1).collect()
    }

    fn lcg(seed: &mut u64) -> f32 {
        *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        ((*seed >> 33) as f32) / (1u64 << 31) as f32
    }

    #[test]
    fn neighbours_match_brute_force() {
        let mut s = 7u64;
        let dim = 3;
        let pts: Vec<f32> = (0..600 * dim).map(|_| lcg(&mut s)).collect();
        let tg = vec![0.0f32; 600];
        let idx = LocalIndex::build(&pts, &tg, &[1.0; 3], dim, 1).unwrap();
        let mut best = Vec::new();
        for _ in 0..50 {
            let q: Vec<f32> = (0..dim).map(|_| lcg(&mut s)).collect();
            idx.knn(&q, 9, usize::MAX, &mut best, &mut Vec::new());
            let got: Vec<usize> = best.iter().map(|e| idx.order[e.1] as usize).collect();
            assert_eq!(got, brute(&pts, dim, &q, 9));
        }
    }

    #[test]
    fn linear_targets_are_predicted_exactly() {
        let mut s = 3u64;
        let dim = 2;
        let n = 400;
        let pts: Vec<f32> = (0..n * dim).map(|_| lcg(&mut s) * 4.0).collect();
        let tg: Vec<f32> = pts
            .chunks_exact(2)
            .map(|p| 2.0 * p[0] - 0.5 * p[1] + 1.0)
            .collect();
        let idx = LocalIndex::build(&pts, &tg, &[2.0, 0.5], dim, 1).unwrap();
        let q = [1.3f32, 2.2, 0.4, 3.9];
        let out = idx.query(&q, 10, 0.0, None, None).unwrap();
        assert!((out.prediction[0] - (2.6 - 1.1 + 1.0)).abs() < 1e-3);
        assert!((out.prediction[1] - (0.8 - 1.95 + 1.0)).abs() < 1e-3);
        // Leave-one-out never returns the point itself: a spike at point 0 is not predicted.
        let mut spiky = tg.clone();
        spiky[0] += 100.0;
        let idx = LocalIndex::build(&pts, &spiky, &[1.0, 1.0], dim, 1).unwrap();
        let loo = idx.query(&pts[..2], 10, 0.0, None, Some(&[0])).unwrap();
        assert!((loo.prediction[0] - tg[0]).abs() < 1e-2);
        let with = idx.query(&pts[..2], 10, 0.0, None, None).unwrap();
        assert!((with.prediction[0] - tg[0]).abs() > 1.0);
    }

    #[test]
    fn bad_inputs_are_refused() {
        assert!(LocalIndex::build(&[1.0, 2.0], &[0.0], &[1.0, 0.0], 2, 1).is_err());
        assert!(LocalIndex::build(&[1.0, f32::NAN], &[0.0], &[1.0, 1.0], 2, 1).is_err());
        let idx = LocalIndex::build(&[1.0, 2.0, 3.0, 4.0], &[0.0, 1.0], &[1.0, 1.0], 2, 1).unwrap();
        assert!(idx.query(&[1.0, 2.0], 3, 0.0, None, None).is_err());
        assert!(idx.query(&[1.0, 2.0, 3.0], 1, 0.0, None, None).is_err());
    }
}
