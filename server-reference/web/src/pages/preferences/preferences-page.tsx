import type {
  NotificationChannel,
  NotificationFrequency,
  NotificationPreference,
  NotificationSoundName,
  NotificationType,
} from '@namaskah/sdk';
import type { FormEvent } from 'react';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { useToast } from '../../live/toasts.tsx';
import { DeliverySettings } from './delivery-settings.tsx';
import { type PreferenceFormValues, preferenceChanges, sharedFrequency, sharedQuietHours } from './preference-changes.ts';
import { fieldOf, PreferenceMatrix } from './preference-matrix.tsx';
import { alwaysEnabled, CHANNELS, channelLocked } from './preference-rules.ts';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Reads the single form back into values: a row per type, the shared quiet hours and frequency. */
function readForm(form: FormData, preferences: readonly NotificationPreference[]): PreferenceFormValues {
  const rows = new Map<NotificationType, { enabled: boolean; channels: NotificationChannel[]; sound: NotificationSoundName | 'off' }>();
  for (const { type } of preferences) {
    rows.set(type, {
      // a disabled checkbox is not submitted: the rules it stands for hold whatever the form says
      enabled: alwaysEnabled(type) || form.get(fieldOf.enabled(type)) === 'on',
      channels: CHANNELS.filter((channel) => channelLocked(type, channel) || form.get(fieldOf.channel(type, channel)) === 'on'),
      sound: form.get(fieldOf.sound(type)) as NotificationSoundName | 'off',
    });
  }
  return {
    rows,
    quietHours: {
      enabled: form.get('quiet-enabled') === 'on',
      start: String(form.get('quiet-start')),
      end: String(form.get('quiet-end')),
      timezone: String(form.get('quiet-timezone')),
    },
    frequency: form.get('frequency') as NotificationFrequency | 'keep',
  };
}

/** Every notification type's delivery in one matrix, with the shared settings under it, saved by one button. */
export function PreferencesPage() {
  const preferences = useApi(() => client.notificationPreferences.list(), []);
  const action = useAction();
  const toast = useToast();
  const list = preferences.data?.preferences;

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!list) return;
    const changes = preferenceChanges(list, readForm(new FormData(event.currentTarget), list));
    if (changes.length === 0) {
      toast({ title: 'Nothing to save', tone: 'info' });
      return;
    }
    const saved = await action.run(async () => {
      for (const [type, update] of changes) await client.notificationPreferences.update(type, update);
      return true;
    });
    // reload either way: after a refusal the form shows what the server holds
    preferences.reload();
    if (saved) toast({ title: 'Preferences saved', tone: 'success' });
  };
  const reset = async () => {
    if (await action.run(() => client.notificationPreferences.reset())) preferences.reload();
  };

  // keyed by every updated_at so a save re-mounts the form with the stored values
  const version = list?.map((preference) => preference.updated_at ?? '').join();
  return (
    <main>
      <div className="row spread">
        <h1>Notification preferences</h1>
        <button type="button" className="secondary" onClick={reset} disabled={action.busy || !list}>
          Reset all
        </button>
      </div>
      <ErrorLine error={action.error} />
      <ApiStatus error={preferences.error} loading={preferences.loading && !list} />
      {list && (
        <form key={version} className="preferences" onSubmit={save} aria-label="Notification preferences">
          <PreferenceMatrix preferences={list} />
          <DeliverySettings quietHours={sharedQuietHours(list, browserZone())} frequency={sharedFrequency(list)} />
          <button type="submit" disabled={action.busy}>
            Save preferences
          </button>
        </form>
      )}
    </main>
  );
}
