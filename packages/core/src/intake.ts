import { z } from 'zod';
import { CASE_TYPES, CHANNELS } from './channels.js';
import { normalizeIdNumber } from './id-number.js';
import { normalizePhone } from './phone.js';
import { confirmedVulnerabilities } from './priority/flags.js';

/**
 * What an operator records from a call or message. Emergencies are deliberately not accepted:
 * DESIGN §3 says an emergency is redirected to 110/119/120, not turned into a work order.
 */
export const staffIntakeInput = z.object({
  channel: z.enum(CHANNELS),
  callerPhone: z
    .string()
    .trim()
    .refine((value) => normalizePhone(value).ok, { message: 'invalid phone number' }),
  callerName: z.string().trim().min(1).max(50).optional(),
  /** Required by SMS-only lines (DESIGN §1); sealed at rest like every personal field. */
  callerIdNumber: z
    .string()
    .trim()
    .refine((value) => normalizeIdNumber(value) !== null, { message: 'invalid resident ID number' })
    .transform((value) => normalizeIdNumber(value) ?? value)
    .optional(),
  content: z.string().trim().min(5).max(4000),
  address: z.string().trim().max(200).optional(),
  type: z.enum(CASE_TYPES),
  urgency: z.enum(['normal', 'urgent']).default('normal'),
  lineId: z.string().uuid().optional(),
  /** 诉求分类 chosen at intake (issue 12 §6), usually the suggested one. */
  categoryId: z.string().uuid().optional(),
  /**
   * Vulnerability flags the operator confirmed (DESIGN §7): they raise the case's priority. The
   * text detector's flags are only shown as suggestions; what arrives here is what was ticked.
   */
  vulnerabilities: confirmedVulnerabilities.default([]),
});
export type StaffIntakeInput = z.infer<typeof staffIntakeInput>;
