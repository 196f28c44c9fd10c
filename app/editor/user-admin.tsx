/**
 * The pieces of the admin's user page (/editor/users): one table row of forms per account, and
 * the form that adds an account. Presentational: the route supplies the data and the errors of
 * the form that was just sent.
 */
import { Form } from '@remix-run/react';
import type { UserRole } from '~/domain';
import { FieldError } from '~/components/field-error';

export const USER_ROLE_OPTIONS: { value: UserRole; label: string }[] = [
  { value: 'editor', label: 'Editor' },
  { value: 'admin', label: 'Admin' },
];

export type FieldErrors = Record<string, string | undefined>;

export interface UserRowData {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  disabledAt: string | null;
  activeSessions: number;
}

/** aria-invalid and aria-describedby for an input whose error (if any) has the id `${id}-error`. */
function invalid(errors: FieldErrors, name: string, id: string, hintId?: string) {
  const describedBy = [errors[name] ? `${id}-error` : null, hintId].filter(Boolean).join(' ') || undefined;
  return { 'aria-invalid': errors[name] ? true : undefined, 'aria-describedby': describedBy };
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
  const roleErrors = { role: errorOf('set-role') };
  const passwordErrors = { password: errorOf('reset-password') };
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
          <label htmlFor={roleId} className="visually-hidden">
            Role of {user.email}
          </label>
          <select id={roleId} name="role" defaultValue={user.role} {...invalid(roleErrors, 'role', roleId)}>
            {USER_ROLE_OPTIONS.map((role) => (
              <option key={role.value} value={role.value}>
                {role.label}
              </option>
            ))}
          </select>{' '}
          <button type="submit" className="button--quiet" aria-label={`Change role of ${user.email}`}>
            Change role
          </button>
          <FieldError id={`${roleId}-error`} message={roleErrors.role} />
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
        <Form method="post" className="user-admin__inline">
          <input type="hidden" name="intent" value="reset-password" />
          <input type="hidden" name="userId" value={user.id} />
          <label htmlFor={passwordId} className="visually-hidden">
            New password for {user.email}
          </label>
          <input
            id={passwordId}
            name="password"
            type="password"
            autoComplete="new-password"
            maxLength={1024}
            {...invalid(passwordErrors, 'password', passwordId)}
          />{' '}
          <button type="submit" className="button--quiet" aria-label={`Set new password for ${user.email}`}>
            Set password
          </button>
          <FieldError id={`${passwordId}-error`} message={passwordErrors.password} />
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
      <div className="field">
        <label htmlFor="new-email">Email</label>
        <input
          id="new-email"
          name="email"
          type="email"
          autoComplete="off"
          maxLength={254}
          defaultValue={typed.email}
          {...invalid(errors, 'email', 'new-email')}
        />
        <FieldError id="new-email-error" message={errors.email} />
      </div>
      <div className="field">
        <label htmlFor="new-name">Name</label>
        <input
          id="new-name"
          name="name"
          type="text"
          autoComplete="off"
          maxLength={100}
          defaultValue={typed.name}
          {...invalid(errors, 'name', 'new-name')}
        />
        <FieldError id="new-name-error" message={errors.name} />
      </div>
      <div className="field">
        <label htmlFor="new-role">Role</label>
        <select
          id="new-role"
          name="role"
          defaultValue={typed.role || 'editor'}
          {...invalid(errors, 'role', 'new-role')}
        >
          {USER_ROLE_OPTIONS.map((role) => (
            <option key={role.value} value={role.value}>
              {role.label}
            </option>
          ))}
        </select>
        <FieldError id="new-role-error" message={errors.role} />
      </div>
      <div className="field">
        <label htmlFor="new-password">Initial password</label>
        <input
          id="new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          maxLength={1024}
          {...invalid(errors, 'password', 'new-password', 'new-password-hint')}
        />
        <p className="hint" id="new-password-hint">
          At least 12 characters. Give it to them privately, not by email.
        </p>
        <FieldError id="new-password-error" message={errors.password} />
      </div>
      <button type="submit">Add user</button>
    </Form>
  );
}
