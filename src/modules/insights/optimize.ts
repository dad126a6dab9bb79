// Small unconstrained minimisers. Models optimise over log-parameters so positivity is free.

export interface MinimizeResult {
  x: number[];
  fx: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
}

export interface NelderMeadOptions {
  maxIterations?: number;
  /** Stop when the simplex's function values span less than this. */
  fTolerance?: number;
  /** ...and its vertices lie within this distance of the best one. */
  xTolerance?: number;
  initialStep?: number;
}

/** Nelder-Mead simplex (standard coefficients) — robust when no gradient is available. */
export function nelderMead(
  f: (x: number[]) => number,
  x0: number[],
  options: NelderMeadOptions = {},
): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 400 * n;
  const fTol = options.fTolerance ?? 1e-12;
  const xTol = options.xTolerance ?? 1e-9;
  const step = options.initialStep ?? 0.25;
  let evaluations = 0;
  const evalf = (x: number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity; // invalid regions just lose
  };

  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const v = x0.slice();
    v[i] += step;
    simplex.push(v);
  }
  const values = simplex.map(evalf);
  let iterations = 0;
  let converged = false;

  while (iterations < maxIterations) {
    iterations++;
    const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
    const s = order.map((i) => simplex[i]);
    const fv = order.map((i) => values[i]);
    for (let i = 0; i <= n; i++) {
      simplex[i] = s[i];
      values[i] = fv[i];
    }
    let xSpread = 0;
    for (let i = 1; i <= n; i++) {
      for (let j = 0; j < n; j++) xSpread = Math.max(xSpread, Math.abs(simplex[i][j] - simplex[0][j]));
    }
    if (Math.abs(values[n] - values[0]) <= fTol && xSpread <= xTol) {
      converged = true;
      break;
    }
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const worst = simplex[n];
    const along = (t: number) => centroid.map((c, j) => c + t * (worst[j] - c));

    const xr = along(-1);
    const fr = evalf(xr);
    if (fr < values[0]) {
      const xe = along(-2);
      const fe = evalf(xe);
      if (fe < fr) {
        simplex[n] = xe;
        values[n] = fe;
      } else {
        simplex[n] = xr;
        values[n] = fr;
      }
      continue;
    }
    if (fr < values[n - 1]) {
      simplex[n] = xr;
      values[n] = fr;
      continue;
    }
    const outside = fr < values[n];
    const xc = along(outside ? -0.5 : 0.5);
    const fc = evalf(xc);
    if (fc < (outside ? fr : values[n])) {
      simplex[n] = xc;
      values[n] = fc;
      continue;
    }
    // Shrink towards the best vertex.
    for (let i = 1; i <= n; i++) {
      simplex[i] = simplex[i].map((v, j) => simplex[0][j] + 0.5 * (v - simplex[0][j]));
      values[i] = evalf(simplex[i]);
    }
  }
  let best = 0;
  for (let i = 1; i <= n; i++) if (values[i] < values[best]) best = i;
  return { x: simplex[best], fx: values[best], iterations, evaluations, converged };
}

/**
 * Nelder-Mead restarted from its own optimum until it stops improving: a single run can
 * stall on a collapsed simplex, which matters when we want params to ~1e-4 relative.
 */
export function nelderMeadRestarts(
  f: (x: number[]) => number,
  x0: number[],
  options: NelderMeadOptions & { maxRestarts?: number } = {},
): MinimizeResult {
  let result = nelderMead(f, x0, options);
  let evaluations = result.evaluations;
  let iterations = result.iterations;
  for (let k = 0; k < (options.maxRestarts ?? 6); k++) {
    const next = nelderMead(f, result.x, { ...options, initialStep: 0.05 });
    evaluations += next.evaluations;
    iterations += next.iterations;
    const improved = result.fx - next.fx;
    if (next.fx <= result.fx) result = next;
    if (improved <= 1e-12) break;
  }
  return { ...result, evaluations, iterations };
}

export interface BfgsOptions {
  maxIterations?: number;
  /** Stop when the infinity-norm of the gradient falls below this. */
  gradientTolerance?: number;
  /**
   * Also stop when an iteration changes f by less than 1e-15·|f| while the gradient is below this:
   * f is then at round-off level and further line searches only burn evaluations.
   */
  noiseGradientTolerance?: number;
}

/**
 * BFGS with a backtracking (Armijo) line search. `fg` returns the value and writes the
 * gradient into `grad`; with analytic gradients this needs ~30-60 evaluations for 4 params.
 */
export function bfgs(
  fg: (x: number[], grad: number[]) => number,
  x0: number[],
  options: BfgsOptions = {},
): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 500;
  const gTol = options.gradientTolerance ?? 1e-9;
  const noiseTol = options.noiseGradientTolerance ?? 1e-5;
  let x = x0.slice();
  let g = new Array<number>(n).fill(0);
  let fx = fg(x, g);
  let evaluations = 1;
  if (!Number.isFinite(fx)) throw new Error('bfgs: objective is not finite at the starting point');
  // Inverse Hessian approximation, starts as identity.
  let H = identity(n);
  let iterations = 0;
  let converged = false;
  const gNew = new Array<number>(n).fill(0);

  while (iterations < maxIterations) {
    if (maxAbs(g) < gTol) {
      converged = true;
      break;
    }
    iterations++;
    let d = matVec(H, g).map((v) => -v);
    let slope = dot(d, g);
    if (!(slope < 0)) {
      // Lost descent direction (numerical noise): reset to steepest descent.
      H = identity(n);
      d = g.map((v) => -v);
      slope = dot(d, g);
    }
    if (-slope <= 1e-15 * Math.max(1, Math.abs(fx))) {
      // The predicted decrease is below round-off in f: nothing left to gain.
      converged = maxAbs(g) < noiseTol;
      break;
    }
    // Cap huge first steps in log-parameter space so we never jump to absurd regions.
    const dNorm = maxAbs(d);
    let t = dNorm > 2 ? 2 / dNorm : 1;
    let xNew = x;
    let fNew = Infinity;
    let accepted = false;
    for (let k = 0; k < 60; k++) {
      xNew = x.map((v, i) => v + t * d[i]);
      fNew = fg(xNew, gNew);
      evaluations++;
      if (Number.isFinite(fNew) && fNew <= fx + 1e-4 * t * slope) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) {
      // No decrease possible along d: at a (numerical) optimum.
      converged = maxAbs(g) < noiseTol;
      break;
    }
    const s = xNew.map((v, i) => v - x[i]);
    const y = gNew.map((v, i) => v - g[i]);
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (iterations === 1) {
        // Scale the initial Hessian guess (Nocedal & Wright 6.20).
        const scale = sy / dot(y, y);
        H = identity(n).map((row) => row.map((v) => v * scale));
      }
      H = bfgsUpdate(H, s, y, sy);
    }
    const fPrev = fx;
    x = xNew;
    fx = fNew;
    g = gNew.slice();
    if (Math.abs(fPrev - fx) <= 1e-15 * Math.max(1, Math.abs(fx)) && maxAbs(g) < noiseTol) {
      converged = true;
      break;
    }
  }
  return { x, fx, iterations, evaluations, converged };
}

/**
 * Wrap a value-only objective with central-difference gradients (2n extra evaluations), for
 * BFGS on smooth objectives whose analytic gradient is impractical (e.g. the Pareto/NBD 2F1 terms).
 */
export function withNumericGradient(f: (x: number[]) => number, h = 1e-6): (x: number[], grad: number[]) => number {
  return (x, grad) => {
    const fx = f(x);
    const probe = x.slice();
    for (let i = 0; i < x.length; i++) {
      probe[i] = x[i] + h;
      const up = f(probe);
      probe[i] = x[i] - h;
      const down = f(probe);
      probe[i] = x[i];
      grad[i] = (up - down) / (2 * h);
    }
    return fx;
  };
}

function bfgsUpdate(H: number[][], s: number[], y: number[], sy: number): number[][] {
  const n = s.length;
  const rho = 1 / sy;
  const Hy = matVec(H, y);
  const yHy = dot(y, Hy);
  const out = identity(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      out[i][j] =
        H[i][j] - rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
    }
  }
  return out;
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}
function matVec(A: number[][], v: number[]): number[] {
  return A.map((row) => dot(row, v));
}
function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
function maxAbs(v: number[]): number {
  let m = 0;
  for (const x of v) m = Math.max(m, Math.abs(x));
  return m;
}
