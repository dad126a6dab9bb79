import { describe, expect, it } from 'vitest';
import { digamma, hyp2f1, logAddExp, logBeta, logGamma, logSubExp } from './special-functions.ts';

describe('logGamma', () => {
  it('matches exact factorials and Γ(1/2) = √π', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(171)).toBeCloseTo(706.5730622457874, 9);
  });
  it('is accurate for small shape parameters (reflection branch)', () => {
    // lnΓ(0.1) = ln(9.513507698668732)
    expect(logGamma(0.1)).toBeCloseTo(Math.log(9.513507698668732), 12);
    expect(logGamma(0.243)).toBeCloseTo(logGamma(1.243) - Math.log(0.243), 12);
  });
  it('logBeta(2, 3) = ln(1/12)', () => {
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 13);
  });
});

describe('digamma', () => {
  it('ψ(1) = −γ and ψ(x+1) = ψ(x) + 1/x', () => {
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 12);
    expect(digamma(0.5)).toBeCloseTo(-0.5772156649015329 - 2 * Math.LN2, 12);
    expect(digamma(3.7) - digamma(2.7)).toBeCloseTo(1 / 2.7, 13);
  });
  it('is the derivative of logGamma', () => {
    const h = 1e-5;
    for (const x of [0.3, 2.4, 17]) {
      expect(digamma(x)).toBeCloseTo((logGamma(x + h) - logGamma(x - h)) / (2 * h), 8);
    }
  });
});

describe('hyp2f1', () => {
  it('matches closed forms', () => {
    // 2F1(1, 1; 2; z) = −ln(1 − z) / z
    for (const z of [0.1, 0.5, 0.9, 0.99]) expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(-Math.log(1 - z) / z, 10);
    // 2F1(a, b; b; z) = (1 − z)^(−a)
    expect(hyp2f1(2.3, 1.7, 1.7, 0.6)).toBeCloseTo(Math.pow(0.4, -2.3), 10);
    // 2F1(1/2, 1/2; 3/2; z²) = arcsin(z) / z
    expect(hyp2f1(0.5, 0.5, 1.5, 0.25)).toBeCloseTo(Math.asin(0.5) / 0.5, 12);
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
  });
  it('rejects z outside the unit disc', () => {
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });
});

describe('log-space helpers', () => {
  it('logAddExp / logSubExp do not overflow', () => {
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
    expect(logAddExp(-Infinity, 3)).toBe(3);
    expect(logSubExp(Math.log(5), Math.log(3))).toBeCloseTo(Math.log(2), 13);
  });
});
