import type { NotificationType, UpdateNotificationPreferenceRequest } from '@namaskah/sdk';
import { client } from '../../api/client.ts';
import { useAction } from '../../api/use-action.ts';
import { useApi } from '../../api/use-api.ts';
import { ApiStatus, ErrorLine } from '../../components/api-status.tsx';
import { useToast } from '../../live/toasts.tsx';
import { PreferenceForm } from './preference-form.tsx';

/** Every notification type's preference, each saved on its own; reset all to the defaults. */
export function PreferencesPage() {
  const preferences = useApi(() => client.notificationPreferences.list(), []);
  const action = useAction();
  const toast = useToast();

  const save = async (type: NotificationType, update: UpdateNotificationPreferenceRequest) => {
    if (await action.run(() => client.notificationPreferences.update(type, update))) {
      toast({ title: 'Preferences saved', tone: 'success' });
      preferences.reload();
    }
  };
  const reset = async () => {
    if (await action.run(() => client.notificationPreferences.reset())) preferences.reload();
  };

  return (
    <main>
      <div className="row spread">
        <h1>Notification preferences</h1>
        <button type="button" onClick={reset} disabled={action.busy}>
          Reset all
        </button>
      </div>
      <ErrorLine error={action.error} />
      <ApiStatus error={preferences.error} loading={preferences.loading && !preferences.data} />
      {preferences.data?.preferences.map((preference) => (
        // keyed by updated_at so a saved form re-mounts with the stored values
        <PreferenceForm
          key={`${preference.type}-${preference.updated_at}`}
          preference={preference}
          busy={action.busy}
          onSave={(update) => save(preference.type, update)}
        />
      ))}
    </main>
  );
}
