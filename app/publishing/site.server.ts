/** Where the site lives publicly: SITE_URL when set, otherwise the origin the request came to. */
import { env } from '../../config/env';

export function publicBaseUrl(request: Request): string {
  // Validated (an http(s) address, trailing slashes removed) when the server started.
  return env().SITE_URL ?? new URL(request.url).origin;
}

/** The name readers and ClaimReview see as the publisher of the fact-checks. */
export function publisherName(): string {
  return env().PUBLISHER_NAME;
}
