import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { requireAdmin } from '~/auth/guards.server';
import { revokeUserSessions } from '~/auth/session.server';
import { newAccountForm, newPasswordField, roleField } from '~/domain/account-fields';
import { AddUserForm, UserRow } from '~/editor/user-admin';
import { fieldErrors, type FieldErrors } from '~/forms/errors';
import { refuse } from '~/forms/reply.server';
import { pageMeta } from '~/meta';
import {
  createUser,
  disableUser,
  enableUser,
  listUsers,
  resetPassword,
  setUserRole,
  UserError,
} from '~/models/user.server';

export const meta: MetaFunction = () => [
  ...pageMeta('Users', 'Editor and admin accounts: add people, change roles, disable accounts, reset passwords.'),
  { name: 'robots', content: 'noindex' },
];

const userId = z.coerce.number({ invalid_type_error: 'Choose a user.' }).int().positive('Choose a user.');
const forms = {
  create: newAccountForm,
  'set-role': z.object({ userId, role: roleField }),
  disable: z.object({ userId }),
  enable: z.object({ userId }),
  'reset-password': z.object({ userId, password: newPasswordField }),
  'revoke-sessions': z.object({ userId }),
};
type Intent = keyof typeof forms;
const isIntent = (value: unknown): value is Intent => typeof value === 'string' && Object.hasOwn(forms, value);

/** What each change was, for the line at the top of the page after the redirect. */
const DONE: Record<Intent, string> = {
  create: 'Added {email}.',
  'set-role': 'Changed the role of {email}.',
  disable: 'Disabled {email}; their sessions have ended.',
  enable: 'Enabled {email}.',
  'reset-password': 'Set a new password for {email}; their sessions have ended.',
  'revoke-sessions': 'Signed {email} out everywhere.',
};

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const params = new URL(request.url).searchParams;
  const users = listUsers();
  const done = params.get('done');
  const changed = users.find((u) => String(u.id) === params.get('user'));
  const notice = isIntent(done) && changed ? DONE[done].replace('{email}', changed.email) : null;
  return json({ adminId: admin.id, users, notice });
}

/** Makes the change; returns the id of the account changed. Zod and model errors are thrown. */
async function change(intent: Intent, fields: unknown, actor: { actingUserId: number }): Promise<number> {
  switch (intent) {
    case 'create':
      return (await createUser(forms.create.parse(fields))).id;
    case 'set-role': {
      const { userId, role } = forms['set-role'].parse(fields);
      return setUserRole(userId, role, actor).id;
    }
    case 'disable':
      return disableUser(forms.disable.parse(fields).userId, actor).id;
    case 'enable':
      return enableUser(forms.enable.parse(fields).userId).id;
    case 'reset-password': {
      const { userId, password } = forms['reset-password'].parse(fields);
      return (await resetPassword(userId, password)).id;
    }
    case 'revoke-sessions': {
      const { userId } = forms['revoke-sessions'].parse(fields);
      revokeUserSessions(userId);
      return userId;
    }
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await request.formData();
  const intent = form.get('intent');
  const fields = Object.fromEntries([...form].filter(([, value]) => typeof value === 'string'));
  const typed = Object.fromEntries(['email', 'name', 'role'].map((k) => [k, String(fields[k] ?? '').slice(0, 300)]));
  const fail = (errors: FieldErrors) =>
    refuse({ intent: isIntent(intent) ? intent : null, userId: Number(fields.userId) || null, errors, typed });
  if (!isIntent(intent)) return fail({ form: 'That action is not known. Reload the page and try again.' });
  try {
    const changedId = await change(intent, fields, { actingUserId: admin.id });
    return redirect(`/editor/users?${new URLSearchParams({ done: intent, user: String(changedId) })}`);
  } catch (error) {
    if (error instanceof z.ZodError) return fail(fieldErrors(error));
    // The model's `user` field means the account itself (gone, or yours): no one input to blame.
    if (error instanceof UserError)
      return fail({ [!error.field || error.field === 'user' ? 'form' : error.field]: error.message });
    throw error;
  }
}

export default function Users() {
  const { adminId, users, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const creating = result?.intent === 'create';
  /** A refused row form is reported beside its control; anything else at the top. */
  const rowFailure = result?.intent && !creating && users.some((user) => user.id === result.userId) ? result : null;
  const message = result ? (Object.values(result.errors).find(Boolean) ?? 'That change was refused.') : '';
  return (
    <div className="page user-admin">
      <h1>Users</h1>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {result && !creating && !rowFailure ? (
        <p className="notice notice--error" role="alert">
          {message}
        </p>
      ) : null}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Accounts</caption>
          <thead>
            <tr>
              <th scope="col">Name and email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Sessions</th>
              <th scope="col">New password</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                isSelf={user.id === adminId}
                failed={
                  rowFailure?.userId === user.id && rowFailure.intent ? { intent: rowFailure.intent, message } : null
                }
              />
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="add-user">Add a user</h2>
      <AddUserForm errors={creating ? result.errors : {}} typed={creating ? result.typed : {}} />
    </div>
  );
}
