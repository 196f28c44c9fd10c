import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { env } from '../../config/env';
import { describeWait } from '~/auth/rate-limit.server';
import { pathOf } from '~/domain';
import {
  correctionRequestPath,
  TIP_BODY_MAX_BYTES,
  TIP_FIELDS,
  tipClaimParam,
  tipForm,
  type TipField,
} from '~/domain/tip-fields';
import { constraintsOf } from '~/forms/constraints';
import { fieldErrors, type FieldErrors } from '~/forms/errors';
import { Field } from '~/forms/field';
import { refuse } from '~/forms/reply.server';
import { readFormBody } from '~/http/form-body.server';
import { takeRateSlot } from '~/http/rate-limit.server';
import { pageMeta } from '~/meta';
import { findCorrectableClaim, submitTip } from '~/models/tip.server';

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data?.claim
    ? [
        ...pageMeta('Request a correction', 'Tell us what is wrong in one of our fact-checks.'),
        { name: 'robots', content: 'noindex' },
      ]
    : pageMeta('Suggest a claim to check', 'Heard or read a claim that should be fact-checked? Tell us about it.');

/** A page rendered from the action's answer keeps its Retry-After (Remix drops action headers otherwise). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get('Retry-After');
  return retryAfter ? { 'Retry-After': retryAfter } : new Headers();
};

const constraints = constraintsOf(tipForm);

interface TipReply {
  errors: FieldErrors;
  formError: string | null;
  typed: Partial<Record<TipField, string>>;
}

/** The claim a correction is requested on (`?claim=<slug>`), null for a claim tip; 404 for a slug we have not published. */
function claimOf(request: Request) {
  const slug = new URL(request.url).searchParams.get('claim');
  if (slug === null) return null;
  const parsed = tipClaimParam.safeParse(slug);
  const claim = parsed.success ? findCorrectableClaim(parsed.data) : null;
  if (!claim) {
    throw new Response('We have no published claim at that address, so there is nothing to correct there.', {
      status: 404,
    });
  }
  return claim;
}

export function loader({ request }: LoaderFunctionArgs) {
  const claim = claimOf(request);
  return json({
    claim: claim ? { slug: claim.slug, statement: claim.statement } : null,
    retentionDays: env().TIP_EMAIL_RETENTION_DAYS,
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const claim = claimOf(request);
  const answer = (reply: Partial<TipReply>, options?: Parameters<typeof refuse>[1]) =>
    refuse<TipReply>({ errors: {}, formError: null, typed: {}, ...reply }, options);

  const body = await readFormBody(request, TIP_BODY_MAX_BYTES);
  if (!body.ok) {
    return answer(
      {
        formError:
          body.problem === 'too-large'
            ? 'That was far more than this form takes, so nothing was sent. What was said fits in 2,000 characters; please shorten it and try again.'
            : 'This form could not be read. Please fill it in on this page and send it again.',
      },
      { status: body.status },
    );
  }
  const { form } = body;

  // Only bots fill in a field people cannot see: they are thanked, and nothing is kept.
  const honeypot = form.get('website');
  if (honeypot !== null && honeypot !== '') return redirect('/suggest/thanks');

  const typed: TipReply['typed'] = {};
  for (const name of TIP_FIELDS) {
    const value = form.get(name);
    if (typeof value === 'string') typed[name] = value;
  }
  const parsed = tipForm.safeParse(Object.fromEntries(TIP_FIELDS.map((name) => [name, form.get(name) ?? ''])));
  if (!parsed.success) return answer({ errors: fieldErrors(parsed.error), typed });

  const limit = takeRateSlot({ bucket: 'tip', ...env().TIP_RATE_LIMIT }, context.clientIp ?? 'unknown');
  if (limit.limited) {
    return answer(
      {
        typed,
        formError: `You have sent several tips in a short time. Please wait ${describeWait(limit.retryAfter)} and send this one again; what you typed is still here.`,
      },
      { status: 429, retryAfter: limit.retryAfter },
    );
  }

  submitTip({ ...parsed.data, claimId: claim?.id ?? null });
  return redirect(claim ? '/suggest/thanks?kind=correction' : '/suggest/thanks');
}

export default function Suggest() {
  const { claim, retentionDays } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors: FieldErrors = reply?.errors ?? {};
  const typed = reply?.typed ?? {};
  const fieldProblems = Object.keys(errors).length;
  const optional = <span className="optional"> (optional)</span>;
  return (
    <div className="page page--narrow suggest-page">
      <h1>{claim ? 'Request a correction' : 'Suggest a claim to check'}</h1>
      {claim ? (
        <div className="suggest-about">
          <p className="suggest-about__label">About our fact-check</p>
          <p className="suggest-about__claim">
            <Link to={pathOf('claims', claim.slug)}>{claim.statement}</Link>
          </p>
        </div>
      ) : (
        <p className="lede">
          Heard or read something that should be fact-checked? Tell us what was said and who said it. You do not need an
          account.
        </p>
      )}
      {reply?.formError ? (
        <p className="notice notice--error" role="alert" id="tip-form-error">
          {reply.formError}
        </p>
      ) : fieldProblems > 0 ? (
        <p className="notice notice--error" role="alert" id="tip-form-error">
          {fieldProblems === 1 ? 'One answer needs' : 'Some answers need'} another look; see below.
        </p>
      ) : null}
      <Form
        method="post"
        action={claim ? correctionRequestPath(claim.slug) : '/suggest'}
        className="tip-form"
        noValidate
        aria-describedby={reply?.formError || fieldProblems > 0 ? 'tip-form-error' : undefined}
      >
        <Field
          as="textarea"
          id="tip-statement"
          name="statement"
          label={claim ? 'What is wrong, and what should it say?' : 'What was said'}
          hint={
            claim
              ? 'Tell us which part of our fact-check is wrong and, if you can, where the correct information is.'
              : 'The words as close as you remember them.'
          }
          rows={6}
          defaultValue={typed.statement ?? ''}
          constraint={constraints.statement}
          error={errors.statement}
        />
        {claim ? null : (
          <Field
            id="tip-speaker"
            name="speaker"
            label={<>Who said it{optional}</>}
            hint="A person or an organisation."
            autoComplete="off"
            defaultValue={typed.speaker ?? ''}
            constraint={constraints.speaker}
            error={errors.speaker}
          />
        )}
        <Field
          as="textarea"
          id="tip-seen-at"
          name="seenAt"
          label={claim ? <>Where we can check it{optional}</> : <>Where you saw or heard it{optional}</>}
          hint="A web address (https://…), or a description: a programme, a newspaper, a speech, and when."
          rows={2}
          defaultValue={typed.seenAt ?? ''}
          constraint={constraints.seenAt}
          error={errors.seenAt}
        />
        <Field
          id="tip-email"
          name="email"
          type="email"
          label={<>Your e-mail address{optional}</>}
          hint={`Only if you would like to hear back. Never shown publicly; deleted after ${retentionDays} days.`}
          autoComplete="email"
          defaultValue={typed.email ?? ''}
          constraint={constraints.email}
          error={errors.email}
        />
        {/* A trap for bots: hidden from people and screen readers, never focused. */}
        <div className="visually-hidden" aria-hidden="true">
          <label htmlFor="tip-website">Website (leave empty)</label>
          <input id="tip-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
        </div>
        <button type="submit" disabled={navigation.state === 'submitting'}>
          {claim ? 'Send the correction request' : 'Send the tip'}
        </button>
      </Form>
      <p className="hint suggest-page__after">
        An editor reads every {claim ? 'request' : 'tip'}. We cannot check everything we are sent, and we do not publish
        what you write here.
      </p>
    </div>
  );
}
