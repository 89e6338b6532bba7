import { z } from 'zod';
import { normalizePhone } from './phone.js';

/** What a citizen submits through the public appeal form (no login). */
export const publicAppealInput = z.object({
  name: z.string().trim().min(1).max(50),
  phone: z
    .string()
    .trim()
    .refine((value) => normalizePhone(value).ok, { message: 'invalid phone number' }),
  content: z.string().trim().min(5).max(4000),
  address: z.string().trim().max(200).optional(),
  /**
   * The citizen read the emergency advice and says this is not an emergency: word lists make
   * mistakes, and a false alarm must never stop an appeal from being filed.
   */
  confirmNotEmergency: z.boolean().optional(),
  /** The citizen's own choice of category (optional; staff may correct it). */
  categoryId: z.string().uuid().optional(),
});
export type PublicAppealInput = z.infer<typeof publicAppealInput>;
