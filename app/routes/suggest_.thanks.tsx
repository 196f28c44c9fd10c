import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { env } from '../../config/env';
import { pageMeta } from '~/meta';

export const meta: MetaFunction = () => [
  ...pageMeta('Thank you', 'Your tip has reached our editors.'),
  { name: 'robots', content: 'noindex' },
];

export function loader({ request }: LoaderFunctionArgs) {
  const correction = new URL(request.url).searchParams.get('kind') === 'correction';
  return json({ correction, retentionDays: env().TIP_EMAIL_RETENTION_DAYS });
}

export default function SuggestThanks() {
  const { correction, retentionDays } = useLoaderData<typeof loader>();
  const what = correction ? 'correction request' : 'tip';
  return (
    <div className="page page--narrow suggest-page">
      <h1>Thank you</h1>
      <p className="lede">Your {what} has reached our editors.</p>
      <h2>What happens next</h2>
      <ol className="suggest-steps">
        <li>An editor reads it, usually within a few working days.</li>
        {correction ? (
          <li>
            If our fact-check is wrong, we correct it and say so on the claim’s page, with the date and what changed.
            Every correction is listed publicly.
          </li>
        ) : (
          <li>
            If it can be checked against the record, it goes on our list: we research it, cite our sources and publish a
            fact-check. We cannot check everything we are sent, and we never publish what you wrote.
          </li>
        )}
        <li>
          If you gave an e-mail address, we may write to tell you what we found. Nobody else sees it, and it is deleted
          after {retentionDays} days.
        </li>
      </ol>
      <p>
        <Link to="/suggest">Suggest another claim</Link> · <Link to="/claims">Read our fact-checks</Link> ·{' '}
        <Link to="/about">How we work</Link>
      </p>
    </div>
  );
}
