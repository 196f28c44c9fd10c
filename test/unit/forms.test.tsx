/**
 * The form pipeline without a server: zod's flattening into one message per field, HTML
 * constraints read from a schema, and the Field component that puts them and the aria wiring on
 * the control (rendered as the server renders it).
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loginForm, newAccountForm } from '~/domain/account-fields';
import { chargeSchema, defendantSchema, eventSchema } from '~/domain/case-fields';
import { constraintsOf } from '~/forms/constraints';
import { fieldErrors } from '~/forms/errors';
import { Field } from '~/forms/field';

const errorsOf = (schema: z.ZodTypeAny, value: unknown) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected the schema to refuse the value');
  return fieldErrors(parsed.error);
};

describe('fieldErrors', () => {
  it('keeps the first message of each field, keyed by its name', () => {
    expect(errorsOf(loginForm, { email: 'not an address', password: '' })).toEqual({
      email: 'Enter an email address like name@example.org.',
      password: 'Enter your password.',
    });
    // Two problems with one field: the first one is the one shown.
    expect(errorsOf(newAccountForm, { email: 'a@example.org', name: 'A', role: 'editor', password: 'short' })).toEqual({
      password: 'Use at least 12 characters.',
    });
  });

  it('puts a problem with the whole form under `form`', () => {
    const schema = z
      .object({ from: z.string(), to: z.string() })
      .refine((range) => range.from <= range.to, 'The range ends before it starts.');
    expect(errorsOf(schema, { from: '2021', to: '2020' })).toEqual({ form: 'The range ends before it starts.' });
  });
});

describe('constraintsOf', () => {
  it('reads maxLength and required from string checks, through trim, transform and pipe', () => {
    expect(constraintsOf(chargeSchema)).toEqual({
      count: { maxLength: 20 },
      statute: { maxLength: 200 },
      description: { required: true, maxLength: 1000 },
      disposition: { maxLength: 500 },
    });
    // emailField ends in a transform (lower case); occurredOn is a length check piped into the date rule.
    expect(constraintsOf(loginForm).email).toEqual({ required: true, maxLength: 254 });
    expect(constraintsOf(eventSchema).occurredOn).toEqual({ maxLength: 10 });
    // A refinement on top (the password rule in characters) keeps the checks under it.
    expect(constraintsOf(newAccountForm).password).toEqual({ required: true, minLength: 12, maxLength: 1024 });
  });

  it('reads min and max of numbers, and says nothing of enums, unions or optional fields', () => {
    expect(constraintsOf(defendantSchema).entityId).toEqual({ required: true, min: 1 });
    expect(constraintsOf(newAccountForm).role).toEqual({});
    expect(constraintsOf(eventSchema).sourceId).toEqual({});
    const schema = z.object({
      percent: z.coerce.number().min(0).max(100),
      note: z.string().min(3).max(50).optional(),
      page: z.coerce.number().int().positive().lt(1000).default(1),
    });
    expect(constraintsOf(schema)).toEqual({
      percent: { required: true, min: 0, max: 100 },
      note: { minLength: 3, maxLength: 50 },
      page: { min: 1, max: 999 },
    });
  });
});

describe('Field', () => {
  it('puts the schema’s limits on the input, so the browser and the server agree', () => {
    const html = renderToStaticMarkup(
      <Field
        id="charge-description"
        name="description"
        label="Charge"
        type="text"
        constraint={constraintsOf(chargeSchema).description}
      />,
    );
    expect(html).toBe(
      '<div class="field"><label for="charge-description">Charge</label>' +
        '<input id="charge-description" name="description" type="text" required="" maxLength="1000"/></div>',
    );
  });

  it('points the control at its error, then its hint, and marks it invalid only with an error', () => {
    const props = {
      id: 'new-password',
      name: 'password',
      label: 'Initial password',
      hint: 'At least 12 characters.',
      type: 'password',
      constraint: constraintsOf(newAccountForm).password,
    };
    const quiet = renderToStaticMarkup(<Field {...props} />);
    expect(quiet).toContain('<p class="hint" id="new-password-hint">At least 12 characters.</p>');
    expect(quiet).toMatch(
      /<input id="new-password"[^>]*minLength="12" maxLength="1024" aria-describedby="new-password-hint"\/>/,
    );
    expect(quiet).not.toContain('aria-invalid');
    expect(quiet).not.toContain('field-error');

    const refused = renderToStaticMarkup(<Field {...props} error="Use at least 12 characters." />);
    expect(refused).toMatch(/aria-invalid="true" aria-describedby="new-password-error new-password-hint"\/>/);
    expect(refused).toContain('<p class="field-error" id="new-password-error">Use at least 12 characters.</p>');
  });

  it('gives a select only `required`, and a textarea its lengths', () => {
    const select = renderToStaticMarkup(
      <Field as="select" id="defendant-entity" name="entityId" label="Person" constraint={{ required: true, min: 1 }}>
        <option value="">Choose…</option>
      </Field>,
    );
    expect(select).toContain('<select id="defendant-entity" name="entityId" required="">');
    expect(select).not.toContain('min=');
    const textarea = renderToStaticMarkup(
      <Field as="textarea" id="quote" name="quote" label="Quote" rows={3} constraint={{ maxLength: 5000, min: 1 }} />,
    );
    expect(textarea).toContain('<textarea id="quote" name="quote" rows="3" maxLength="5000"></textarea>');
  });
});
