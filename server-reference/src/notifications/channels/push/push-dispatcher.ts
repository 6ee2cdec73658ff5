import type { DeviceRegistry } from '../../devices/device-registry.ts';
import type { PushAdapter, PushMessage } from './push-adapter.ts';

/** The outcome of one push to every device of an account. */
export interface PushFanoutResult {
  delivered: number;
  /** Devices removed because the push service said their token is dead. */
  removed: number;
  /** Failures worth retrying (throttling, outage); empty when every device was handled. */
  retryableErrors: string[];
  /** Failures a retry would not fix (missing adapter, rejected payload). */
  permanentErrors: string[];
}

/**
 * Sends a push to every device of an account through the adapter of its platform, removing devices whose
 * token the service reports as no longer valid.
 */
export class PushDispatcher {
  private readonly devices: DeviceRegistry;
  private readonly adapters: { fcm?: PushAdapter | null; apns?: PushAdapter | null };
  constructor(devices: DeviceRegistry, adapters: { fcm?: PushAdapter | null; apns?: PushAdapter | null }) {
    this.devices = devices;
    this.adapters = adapters;
  }

  async sendToUser(userId: string, message: PushMessage): Promise<PushFanoutResult> {
    const result: PushFanoutResult = { delivered: 0, removed: 0, retryableErrors: [], permanentErrors: [] };
    const devices = await this.devices.forUser(userId);
    await Promise.all(
      devices.map(async (device) => {
        const adapter = this.adapters[device.platform];
        if (!adapter) {
          result.permanentErrors.push(`${device.id}: no ${device.platform} adapter configured`);
          return;
        }
        const outcome = await adapter.send(
          { token: device.token, appId: device.app_id, apnsEnvironment: device.apns_environment },
          message,
        );
        if (outcome.status === 'delivered') result.delivered++;
        else if (outcome.status === 'invalid_token') {
          await this.devices.removeInvalidToken(device.platform, device.token);
          result.removed++;
        } else (outcome.retryable ? result.retryableErrors : result.permanentErrors).push(`${device.id}: ${outcome.reason}`);
      }),
    );
    return result;
  }
}
