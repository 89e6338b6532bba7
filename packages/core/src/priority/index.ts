// Fairness (DESIGN §7): priority from urgency, people affected, vulnerability and age, never from
// how often one person called; plus suggested vulnerability flags from an appeal's text.
export {
  caseAgeWorkingDays,
  caseAgesWorkingDays,
  priorityScore,
  priorityScoreOfCallers,
  type PriorityContact,
  type PriorityInput,
  type PriorityParts,
  type PriorityResult,
} from './score.js';
export { defaultPriorityWeights, priorityWeightsSchema, type PriorityWeights } from './weights.js';
export { detectVulnerability, type VulnerabilityMatch, type VulnerabilityResult } from './vulnerability.js';
export { VULNERABILITIES, type Vulnerability } from './vulnerability-lexicon.js';
export { confirmedVulnerabilities, isVulnerability, normalizeVulnerabilities, sameVulnerabilities } from './flags.js';
