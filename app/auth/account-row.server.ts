/**
 * What a user row is, wherever one is read (sessions here, the account model in
 * app/models/user.server.ts): the columns every query selects, never the password hash, which
 * lives in its own table.
 */
import { users } from '../../db/schema';
import type { UserRole } from '~/domain';

export const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
};

export interface User {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  disabledAt: Date | null;
  createdAt: Date;
}
