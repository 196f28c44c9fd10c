/**
 * The court-case editor's small forms (add a charge, a defendant, a dated event): the server
 * validates with these, and the forms take their maxLength and required from them.
 */
import { z } from 'zod';
import { partialDateParam } from './fields';

export const chargeSchema = z.object({
  count: z.string().trim().max(20, 'Keep the count short, e.g. 1 or 3-5.'),
  statute: z.string().trim().max(200, 'Keep the statute under 200 characters.'),
  description: z.string().trim().min(1, 'Describe the charge.').max(1000, 'Keep it under 1,000 characters.'),
  disposition: z.string().trim().max(500, 'Keep it under 500 characters.'),
});

export const defendantSchema = z.object({
  entityId: z.coerce.number({ invalid_type_error: 'Choose a defendant.' }).int().positive('Choose a defendant.'),
  note: z.string().trim().max(300, 'Keep the note under 300 characters.'),
});

const DATE_SHAPE = 'Use a date like 2020-02-13, 2020-02 or 2020.';
export const eventSchema = z.object({
  // The length check gives the input its maxLength (YYYY-MM-DD); the date rule is the shared one.
  occurredOn: z.string().max(10, DATE_SHAPE).pipe(partialDateParam),
  description: z.string().trim().min(1, 'Say what happened.').max(1000, 'Keep it under 1,000 characters.'),
  sourceId: z.union([z.literal(''), z.coerce.number().int().positive()]),
});
