/** Where the site lives publicly: SITE_URL when set, otherwise the origin the request came to. */
import { z } from 'zod';

const siteUrlSchema = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'SITE_URL must start with http:// or https://');

export function publicBaseUrl(request: Request): string {
  const configured = process.env.SITE_URL?.trim();
  if (configured) {
    const parsed = siteUrlSchema.safeParse(configured);
    if (parsed.success) return parsed.data.replace(/\/+$/, '');
  }
  return new URL(request.url).origin;
}

/** The name readers and ClaimReview see as the publisher of the fact-checks. */
export function publisherName(): string {
  return process.env.PUBLISHER_NAME?.trim() || 'Claims & Rebuttals';
}
