import { softmax } from './calibration.js';
import { NgramHasher, type FeatureOptions, type SparseVector } from './features.js';
import { tfidfTransform, type TfidfTable } from './tfidf.js';

/** What the router reads from an appeal. The title is optional: phone contacts rarely have one. */
export interface RoutingText {
  title?: string;
  body: string;
  /** Words from a segmenter, for models trained with wordWeight > 0; ignored otherwise. */
  words?: readonly string[];
}

export interface RoutingSuggestion {
  label: string;
  /** Calibrated probability that this label is the right one; suggestions sum to 1. */
  probability: number;
  /** Raw linear score, kept for diagnostics (e.g. a "model unsure" threshold experiment). */
  score: number;
}

/** Facts about the training run, stored with the model so an admin can see what it learned from. */
export interface TrainingSummary {
  examples: number;
  perLabel: Record<string, number>;
  /** Solver passes per one-vs-rest problem. */
  iterations: number[];
  calibrationExamples: number;
  seed: number;
}

export interface RoutingModelParts {
  labels: string[];
  features: FeatureOptions;
  tfidf: TfidfTable;
  /** Column-major by feature: weights[column * labels.length + label], so one feature's scores are adjacent. */
  weights: Float32Array;
  intercepts: Float64Array;
  temperature: number;
  training: TrainingSummary;
}

/**
 * A trained router: text in, labels ranked by calibrated probability out. Immutable once built;
 * `trainRoutingModel` creates one and `routingModelFromJson` restores one.
 */
export class RoutingModel {
  readonly labels: readonly string[];
  readonly features: FeatureOptions;
  readonly tfidf: TfidfTable;
  readonly weights: Float32Array;
  readonly intercepts: Float64Array;
  readonly temperature: number;
  readonly training: TrainingSummary;
  private readonly hasher: NgramHasher;

  constructor(parts: RoutingModelParts) {
    const k = parts.labels.length;
    if (k < 2) throw new RangeError('a routing model needs at least two labels');
    if (parts.weights.length !== parts.tfidf.buckets.length * k || parts.intercepts.length !== k) {
      throw new RangeError('weights do not match labels and feature columns');
    }
    if (!(parts.temperature > 0)) throw new RangeError('temperature must be positive');
    this.labels = [...parts.labels];
    this.features = { ...parts.features };
    this.tfidf = parts.tfidf;
    this.weights = parts.weights;
    this.intercepts = parts.intercepts;
    this.temperature = parts.temperature;
    this.training = parts.training;
    this.hasher = new NgramHasher(parts.features);
  }

  /** The l2-normalised tf-idf vector the linear model sees (columns, not buckets). */
  vectorize(text: RoutingText): SparseVector {
    return tfidfTransform(this.tfidf, this.hasher.termFrequencies(text.title ?? '', text.body, text.words));
  }

  /** One raw score per label, in `labels` order. */
  scores(text: RoutingText): Float64Array {
    return scoreVector(this.vectorize(text), this.weights, this.intercepts);
  }

  /** Every label, best first, with calibrated probabilities; pass `limit` for the top few. */
  suggest(text: RoutingText, limit = this.labels.length): RoutingSuggestion[] {
    const scores = this.scores(text);
    const probabilities = softmax(scores, this.temperature);
    const order = Array.from(scores.keys());
    // Ties broken by label index so the ranking is deterministic.
    order.sort((a, b) => scores[b]! - scores[a]! || a - b);
    return order.slice(0, limit).map((i) => ({
      label: this.labels[i]!,
      probability: probabilities[i]!,
      score: scores[i]!,
    }));
  }
}

export function scoreVector(x: SparseVector, weights: Float32Array, intercepts: Float64Array): Float64Array {
  const k = intercepts.length;
  const scores = Float64Array.from(intercepts);
  for (let i = 0; i < x.indices.length; i++) {
    const base = x.indices[i]! * k;
    const v = x.values[i]!;
    for (let c = 0; c < k; c++) scores[c]! += v * weights[base + c]!;
  }
  return scores;
}
