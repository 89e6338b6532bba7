import { z } from 'zod';
import {
  base64ToFloat32,
  base64ToSortedInts,
  float32ToBase64,
  sortedIntsToBase64,
} from './base64.js';
import { RoutingModel } from './model.js';
import { columnIndex } from './tfidf.js';

/**
 * The JSON form of a routing model, stored as one versioned row per training run. Arrays travel
 * as base64 of little-endian float32/int32 rather than JSON number lists: a third of the size,
 * and bit-exact, so a reloaded model ranks every text exactly as the one that was evaluated.
 */
export const ROUTING_MODEL_FORMAT = 'openline.routing-model';
export const ROUTING_MODEL_VERSION = 1;

const featureOptionsSchema = z.object({
  hashBits: z.number().int().min(10).max(26),
  minN: z.number().int().min(1),
  maxN: z.number().int().min(1).max(8),
  titleWeight: z.number().min(0),
  foldDigits: z.boolean(),
  ngramWeights: z.array(z.number().positive()),
  wordWeight: z.number().min(0),
  separators: z.enum(['whitespace', 'punctuation', 'non-han']),
  sublinearTf: z.boolean(),
});

export const routingModelJsonSchema = z.object({
  format: z.literal(ROUTING_MODEL_FORMAT),
  version: z.literal(ROUTING_MODEL_VERSION),
  labels: z.array(z.string()).min(2),
  features: featureOptionsSchema,
  /** Hashed buckets that have a column, delta-encoded int32. */
  buckets: z.string(),
  /** idf per column, float32. */
  idf: z.string(),
  /** columns × labels float32, column-major by feature. */
  weights: z.string(),
  intercepts: z.array(z.number()),
  temperature: z.number().positive(),
  training: z.object({
    examples: z.number().int().nonnegative(),
    perLabel: z.record(z.string(), z.number().int().nonnegative()),
    iterations: z.array(z.number().int()),
    calibrationExamples: z.number().int().nonnegative(),
    seed: z.number().int(),
  }),
});
export type RoutingModelJson = z.infer<typeof routingModelJsonSchema>;

export function routingModelToJson(model: RoutingModel): RoutingModelJson {
  return {
    format: ROUTING_MODEL_FORMAT,
    version: ROUTING_MODEL_VERSION,
    labels: [...model.labels],
    features: { ...model.features },
    buckets: sortedIntsToBase64(model.tfidf.buckets),
    idf: float32ToBase64(model.tfidf.idf),
    weights: float32ToBase64(model.weights),
    intercepts: Array.from(model.intercepts),
    temperature: model.temperature,
    training: structuredCloneSummary(model.training),
  };
}

/** Validates untrusted JSON (it comes back from the database) and rebuilds the model. */
export function routingModelFromJson(json: unknown): RoutingModel {
  const data = routingModelJsonSchema.parse(json);
  const dimensions = 2 ** data.features.hashBits;
  const buckets = base64ToSortedInts(data.buckets);
  for (let i = 0; i < buckets.length; i++) {
    if (buckets[i]! < 0 || buckets[i]! >= dimensions || (i > 0 && buckets[i]! <= buckets[i - 1]!)) {
      throw new RangeError('model buckets must be ascending and inside the hash space');
    }
  }
  const idf = base64ToFloat32(data.idf);
  if (idf.length !== buckets.length) throw new RangeError('idf does not match buckets');
  return new RoutingModel({
    labels: data.labels,
    features: data.features,
    tfidf: { buckets, idf, columnOf: columnIndex(buckets, dimensions) },
    weights: base64ToFloat32(data.weights),
    intercepts: Float64Array.from(data.intercepts),
    temperature: data.temperature,
    training: data.training,
  });
}

function structuredCloneSummary(summary: RoutingModel['training']): RoutingModelJson['training'] {
  return { ...summary, perLabel: { ...summary.perLabel }, iterations: [...summary.iterations] };
}
