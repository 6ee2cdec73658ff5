/** The seeded demo accounts of a fresh server (server-reference/src/domain/demo-seed.ts). */
export const DEMO_USER = { email: 'demo@namaskah.dev', password: 'demo-password-123' };
export const DEMO_ADMIN = { email: 'admin@namaskah.dev', password: 'admin-password-123' };
