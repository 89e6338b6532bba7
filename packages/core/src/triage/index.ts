// The router: text → ranked labels with calibrated confidence. Pure: no I/O, runs in the browser.
// Generic helpers (softmax, the seeded PRNG) stay internal so they cannot clash in core's index.
export { defaultFeatureOptions, NgramHasher, type FeatureOptions, type SparseVector } from './features.js';
export {
  RoutingModel,
  type RoutingModelParts,
  type RoutingSuggestion,
  type RoutingText,
  type TrainingSummary,
} from './model.js';
export {
  defaultTrainingOptions,
  trainRoutingModel,
  type LabeledText,
  type TrainingInput,
  type TrainingOptions,
  type TrainingOverrides,
} from './train.js';
export {
  ROUTING_MODEL_FORMAT,
  ROUTING_MODEL_VERSION,
  routingModelFromJson,
  routingModelJsonSchema,
  routingModelToJson,
  type RoutingModelJson,
} from './serialize.js';
export { fitTemperature } from './calibration.js';
export { trainWithHeldOut, trainWithHeldOutSteps, type HeldOutTraining } from './held-out.js';
export {
  classificationReport,
  expectedCalibrationError,
  type ClassificationReport,
  type ClassScore,
} from './metrics.js';
