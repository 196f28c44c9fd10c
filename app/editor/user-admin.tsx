/**
 * The pieces of the admin's user page (/editor/users): one table row of forms per account, and
 * the form that adds an account. Presentational: the route supplies the data and the errors of
 * the form that was just sent.
 */
import { Form } from '@remix-run/react';
import type { UserRole } from '~/domain';
import { newAccountForm, PASSWORD_MIN_LENGTH } from '~/domain/account-fields';
import { constraintsOf } from '~/forms/constraints';
import type { FieldErrors } from '~/forms/errors';
import { Field, FieldError } from '~/forms/field';

export const USER_ROLE_OPTIONS: { value: UserRole; label: string }[] = [
  { value: 'editor', label: 'Editor' },
  { value: 'admin', label: 'Admin' },
];

const constraints = constraintsOf(newAccountForm);

export interface UserRowData {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  disabledAt: string | null;
  activeSessions: number;
}

function ActionButton(props: {
  intent: string;
  userId: number;
  label: string;
  accessibleLabel: string;
  id: string;
  error?: string;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="userId" value={props.userId} />
      <button
        type="submit"
        className="button--quiet"
        aria-label={props.accessibleLabel}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
      >
        {props.label}
      </button>
      <FieldError id={`${props.id}-error`} message={props.error} />
    </Form>
  );
}

/**
 * One account and its forms. `failed` is the form of this row that was just refused, with the
 * reason, which is shown beside that form's control.
 */
export function UserRow({
  user,
  isSelf,
  failed,
}: {
  user: UserRowData;
  isSelf: boolean;
  failed: { intent: string; message: string } | null;
}) {
  const roleId = `role-${user.id}`;
  const passwordId = `password-${user.id}`;
  const statusId = `status-${user.id}`;
  const sessionsId = `sessions-${user.id}`;
  const errorOf = (...intents: string[]) => (failed && intents.includes(failed.intent) ? failed.message : undefined);
  return (
    <tr>
      <th scope="row">
        {user.name}
        {isSelf ? ' (you)' : ''}
        <br />
        <span className="muted">{user.email}</span>
      </th>
      <td data-label="Role">
        <Form method="post" className="user-admin__inline">
          <input type="hidden" name="intent" value="set-role" />
          <input type="hidden" name="userId" value={user.id} />
          <Field
            as="select"
            bare
            id={roleId}
            name="role"
            label={`Role of ${user.email}`}
            hideLabel
            defaultValue={user.role}
            error={errorOf('set-role')}
            after={
              <>
                {' '}
                <button type="submit" className="button--quiet" aria-label={`Change role of ${user.email}`}>
                  Change role
                </button>
              </>
            }
          >
            {USER_ROLE_OPTIONS.map((role) => (
              <option key={role.value} value={role.value}>
                {role.label}
              </option>
            ))}
          </Field>
        </Form>
      </td>
      <td data-label="Status">
        {user.disabledAt ? 'Disabled' : 'Active'}
        <ActionButton
          intent={user.disabledAt ? 'enable' : 'disable'}
          userId={user.id}
          label={user.disabledAt ? 'Enable' : 'Disable'}
          accessibleLabel={`${user.disabledAt ? 'Enable' : 'Disable'} ${user.email}`}
          id={statusId}
          error={errorOf('disable', 'enable')}
        />
      </td>
      <td data-label="Sessions">
        {user.activeSessions === 1 ? '1 active' : `${user.activeSessions} active`}
        {user.activeSessions > 0 ? (
          <ActionButton
            intent="revoke-sessions"
            userId={user.id}
            label="Sign out everywhere"
            accessibleLabel={`Sign ${user.email} out everywhere`}
            id={sessionsId}
            error={errorOf('revoke-sessions')}
          />
        ) : (
          <FieldError id={`${sessionsId}-error`} message={errorOf('revoke-sessions')} />
        )}
      </td>
      <td data-label="New password">
        <Form method="post" className="user-admin__inline" noValidate>
          <input type="hidden" name="intent" value="reset-password" />
          <input type="hidden" name="userId" value={user.id} />
          <Field
            bare
            id={passwordId}
            name="password"
            label={`New password for ${user.email}`}
            hideLabel
            type="password"
            autoComplete="new-password"
            constraint={constraints.password}
            error={errorOf('reset-password')}
            after={
              <>
                {' '}
                <button type="submit" className="button--quiet" aria-label={`Set new password for ${user.email}`}>
                  Set password
                </button>
              </>
            }
          />
        </Form>
      </td>
    </tr>
  );
}

export function AddUserForm({ errors, typed }: { errors: FieldErrors; typed: Record<string, string | undefined> }) {
  return (
    <Form method="post" className="user-admin__add" aria-labelledby="add-user" noValidate>
      <input type="hidden" name="intent" value="create" />
      {errors.form ? (
        <p className="notice notice--error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <Field
        id="new-email"
        name="email"
        label="Email"
        type="email"
        autoComplete="off"
        defaultValue={typed.email}
        constraint={constraints.email}
        error={errors.email}
      />
      <Field
        id="new-name"
        name="name"
        label="Name"
        type="text"
        autoComplete="off"
        defaultValue={typed.name}
        constraint={constraints.name}
        error={errors.name}
      />
      <Field
        as="select"
        id="new-role"
        name="role"
        label="Role"
        defaultValue={typed.role || 'editor'}
        constraint={constraints.role}
        error={errors.role}
      >
        {USER_ROLE_OPTIONS.map((role) => (
          <option key={role.value} value={role.value}>
            {role.label}
          </option>
        ))}
      </Field>
      <Field
        id="new-password"
        name="password"
        label="Initial password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. Give it to them privately, not by email.`}
        type="password"
        autoComplete="new-password"
        constraint={constraints.password}
        error={errors.password}
      />
      <button type="submit">Add user</button>
    </Form>
  );
}
