import { describe, expect, it } from 'vitest';
import { bfgs, nelderMead, nelderMeadRestarts } from './optimize.ts';

const rosenbrock = (v: number[]) => 100 * (v[1] - v[0] ** 2) ** 2 + (1 - v[0]) ** 2;
const rosenbrockFg = (v: number[], g: number[]) => {
  g[0] = -400 * v[0] * (v[1] - v[0] ** 2) - 2 * (1 - v[0]);
  g[1] = 200 * (v[1] - v[0] ** 2);
  return rosenbrock(v);
};

describe('nelderMead', () => {
  it('finds the Rosenbrock minimum at (1, 1)', () => {
    const res = nelderMeadRestarts(rosenbrock, [-1.2, 1]);
    expect(res.x[0]).toBeCloseTo(1, 5);
    expect(res.x[1]).toBeCloseTo(1, 5);
    expect(res.fx).toBeLessThan(1e-10);
  });
  it('minimises a shifted quadratic in 4 dimensions', () => {
    const target = [0.5, -2, 3, 1];
    const res = nelderMead((v) => v.reduce((s, x, i) => s + (i + 1) * (x - target[i]) ** 2, 0), [0, 0, 0, 0]);
    res.x.forEach((x, i) => expect(x).toBeCloseTo(target[i], 4));
    expect(res.converged).toBe(true);
  });
  it('treats non-finite values as infeasible', () => {
    const res = nelderMead((v) => (v[0] < 0 ? NaN : (v[0] - 2) ** 2), [1]);
    expect(res.x[0]).toBeCloseTo(2, 4);
  });
});

describe('bfgs', () => {
  it('finds the Rosenbrock minimum with analytic gradients', () => {
    const res = bfgs(rosenbrockFg, [-1.2, 1]);
    expect(res.converged).toBe(true);
    expect(res.x[0]).toBeCloseTo(1, 7);
    expect(res.x[1]).toBeCloseTo(1, 7);
  });
});
