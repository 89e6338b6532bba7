export * from './types.js';
export { normalizePetitionText } from './text.js';
export { parsePetitionMessage } from './parse.js';
export { unitMatchScore } from './unit.js';
export {
  mergePetitionParts,
  missingPetitionFields,
  petitionMissingReply,
  PETITION_FIELD_LABELS_ZH,
  PETITION_INVALID_REASONS_ZH,
} from './merge.js';
