import type { DatabaseHandle } from '../../db/database.ts';
import { insertOutbox } from './accounts.repository.ts';

/**
 * Sending a short message or e-mail (password resets, reminders, pushes). Production plugs in the province's SMS
 * platform behind this interface; the implementation here is **local**: it writes each message to the
 * `outbox_messages` table, where staff and tests read it (docs/adapters.md). Nothing leaves the machine.
 */
export interface Notifier {
  send(message: {
    channel: 'sms' | 'email' | 'site';
    recipient: string;
    subject: string;
    body: string;
  }): Promise<void>;
}

export class OutboxNotifier implements Notifier {
  constructor(private readonly handle: DatabaseHandle) {}

  async send(m: Parameters<Notifier['send']>[0]): Promise<void> {
    await insertOutbox(this.handle.db, { ...m, createdAt: new Date().toISOString() });
  }
}
