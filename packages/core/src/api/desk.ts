import { z } from 'zod';
import { OPERATOR_QUEUES, type OperatorQueue } from '../queues.js';

/* The official's desk, instructions (批示), following (关注) and the operators' queue counts (ADR 0027, 0042). */

export const ownLineSchema = z.object({ id: z.string(), name: z.string(), number: z.string(), ownerTitle: z.string(), mode: z.string() });
export type OwnLine = z.infer<typeof ownLineSchema>;

/** `GET /api/v1/desk`: an official's home page. */
export const deskSummarySchema = z.object({
  lines: z.array(ownLineSchema),
  openInstructions: z.number().int().describe('instructions this official gave that still wait for the unit’s answer'),
});
export type DeskSummary = z.infer<typeof deskSummarySchema>;

/** `GET /api/v1/cases/queues`: how many cases wait in each operator queue. */
export const operatorQueueCountsSchema = z.object(
  Object.fromEntries(OPERATOR_QUEUES.map((q) => [q, z.number().int()])) as Record<OperatorQueue, z.ZodNumber>,
);
export type OperatorQueueCounts = z.infer<typeof operatorQueueCountsSchema>;

/** An instruction as the API shows it (the server presents it, the console reads it). */
export const instructionSchema = z.object({
  id: z.string(),
  text: z.string(),
  authorName: z.string(),
  unitName: z.string().describe('the unit asked to answer: the lead unit when it was given'),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  answeredByName: z.string().nullable(),
  answerText: z.string().nullable(),
});
export type InstructionView = z.infer<typeof instructionSchema>;

/** `GET /api/v1/cases/:id/instructions`. */
export const caseInstructionsSchema = z.object({ items: z.array(instructionSchema), mayInstruct: z.boolean(), mayAnswer: z.boolean() });
export type CaseInstructions = z.infer<typeof caseInstructionsSchema>;

/** `GET|PUT /api/v1/cases/:id/follow`. */
export const followSchema = z.object({ following: z.boolean() });
export type Follow = z.infer<typeof followSchema>;
