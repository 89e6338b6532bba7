/**
 * Turning raw linear scores into probabilities an operator can trust. SVM margins are not
 * probabilities; a softmax over them with one fitted temperature is (Guo et al., 2017,
 * "On Calibration of Modern Neural Networks"). A single parameter cannot overfit a small fold,
 * and dividing every score by the same positive number never changes the ranking.
 */

/** softmax(scores / temperature), computed stably. */
export function softmax(scores: ArrayLike<number>, temperature: number): Float64Array {
  const out = new Float64Array(scores.length);
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i]!);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const e = Math.exp((scores[i]! - max) / temperature);
    out[i] = e;
    sum += e;
  }
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

/**
 * Mean cross-entropy of softmax(scores / temperature) against the true labels, each smoothed
 * by `smoothing` (that share spread over the other labels; 0 gives the plain NLL).
 */
export function negativeLogLikelihood(
  scores: readonly ArrayLike<number>[],
  truth: ArrayLike<number>,
  temperature: number,
  smoothing = 0,
): number {
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    const p = softmax(scores[i]!, temperature);
    const others = p.length > 1 ? smoothing / (p.length - 1) : 0;
    for (let c = 0; c < p.length; c++) {
      const q = c === truth[i] ? 1 - smoothing : others;
      if (q > 0) total -= q * Math.log(Math.max(p[c]!, 1e-300));
    }
  }
  return total / Math.max(scores.length, 1);
}

/**
 * The temperature minimising held-out cross-entropy, found by golden-section search over log T
 * in [1e-3, 1e3] (the loss is unimodal in T). The scores must come from examples the model did
 * not train on, or the fit learns the model's overconfidence on its own training data.
 *
 * The targets are smoothed by 1 / (n + 2), Laplace's rule of succession: after n held-out
 * texts all routed correctly the honest estimate of accuracy is (n + 1) / (n + 2), not 1. Plain
 * NLL would then drive T towards 0 and a small jurisdiction's first model would claim
 * certainty; with a thousand held-out texts the smoothing changes nothing that matters.
 */
export function fitTemperature(scores: readonly ArrayLike<number>[], truth: ArrayLike<number>): number {
  if (scores.length === 0) return 1;
  const smoothing = 1 / (scores.length + 2);
  const loss = (logT: number) => negativeLogLikelihood(scores, truth, Math.exp(logT), smoothing);
  const phi = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(1e-3);
  let hi = Math.log(1e3);
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = loss(a);
  let fb = loss(b);
  for (let step = 0; step < 60; step++) {
    if (fa <= fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = loss(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = loss(b);
    }
  }
  return Math.exp((lo + hi) / 2);
}
