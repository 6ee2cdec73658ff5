import { Namaskah as CustomerClient } from './client.js';
import type { ClientOptions } from './core/index.js';
import { Admin } from './resources/admin.js';

export * from './index.js';
export * from './resources/admin.js';

/**
 * The Namaskah client with the operators' `admin` resource (the spec's `x-sdk-entry: admin`). It lives in an
 * entry of its own so that customer apps, which import `@namaskah/sdk`, do not ship thirty admin methods.
 *
 * @example
 * ```ts
 * import { Namaskah } from '@namaskah/sdk/admin';
 *
 * const client = new Namaskah({ apiKey: process.env.NAMASKAH_ADMIN_KEY });
 * for await (const user of client.admin.users.list({ status: 'suspended' })) console.log(user.email);
 * ```
 */
export class Namaskah extends CustomerClient {
  readonly admin: Admin;

  constructor(options: ClientOptions = {}) {
    super(options);
    this.admin = new Admin(this.http);
  }

  /** A new admin client with these options over this one's. */
  override withOptions(overrides: Partial<ClientOptions>): Namaskah {
    return new Namaskah({ ...this.http.options, ...overrides });
  }
}
