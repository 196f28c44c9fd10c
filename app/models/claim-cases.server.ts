/**
 * A claim's links to court cases, edited on the claim's page: the case, how the claim relates to
 * it (cites it, is based on it, is about it) and a note. Each change is a save of the claim like
 * its citations (on a public claim, of its working copy); the case's page lists the claim too,
 * so it is refreshed in the same change. A link is named by its case and role (`12:about`).
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '../../db/client';
import { CASE_LINK_ROLES, caseRoleLabel, refOf, type CaseLinkRole } from '~/domain';
import { ClaimLinkError } from './claim-editor.server';
import { claimCaseLinks, deleteCaseLink, insertCaseLink } from './claim-links.server';
import { changeEntry } from './entry.server';

export const caseLinkSchema = z.object({
  caseId: z.coerce.number({ invalid_type_error: 'Choose a court case.' }).int().positive('Choose a court case.'),
  role: z.enum(CASE_LINK_ROLES, { errorMap: () => ({ message: 'Choose how the claim relates to the case.' }) }),
  note: z.string().trim().max(1000, 'Keep the note under 1,000 characters.').default(''),
});

/** Links the claim to a court case (its page lists the claim too, so it is refreshed as well). */
export function addCaseLink(
  claimId: number,
  expectedVersion: number,
  link: z.infer<typeof caseLinkSchema>,
  userId: number | null,
): number {
  const found = getDb().get<{ caption: string } | undefined>(sql`select caption from cases where id = ${link.caseId}`);
  if (!found) throw new ClaimLinkError('That court case does not exist.', 'caseId');
  const summary = `Linked to the case ${found.caption} (${caseRoleLabel[link.role].toLowerCase()})`;
  return changeEntry('claims', claimId, expectedVersion, userId, summary, (tx) => {
    if (claimCaseLinks(tx, claimId).some((k) => k.caseId === link.caseId && k.role === link.role)) {
      throw new ClaimLinkError(`This claim is already linked to ${found.caption} that way.`, 'caseId');
    }
    insertCaseLink(tx, claimId, { caseId: link.caseId, role: link.role, note: link.note || null });
    return [refOf('cases', link.caseId)];
  });
}

/** `12:about`: the case and role that name one of the claim's case links. */
export const caseLinkKey = z
  .string()
  .regex(/^\d+:[a-z_]+$/, 'That link is not on this page any more. Reload the page.')
  .transform((key) => {
    const [caseId, role] = key.split(':');
    return { caseId: Number(caseId), role: role as CaseLinkRole };
  })
  .refine((k) => (CASE_LINK_ROLES as readonly string[]).includes(k.role), 'That link is not on this page any more.');

export function removeCaseLink(
  claimId: number,
  expectedVersion: number,
  link: { caseId: number; role: CaseLinkRole },
  userId: number | null,
): number {
  return changeEntry('claims', claimId, expectedVersion, userId, 'Removed a link to a court case', (tx) => {
    if (!deleteCaseLink(tx, claimId, link.caseId, link.role)) {
      throw new ClaimLinkError('That link is not on this page any more. Reload the page.', 'form');
    }
    return [refOf('cases', link.caseId)];
  });
}
