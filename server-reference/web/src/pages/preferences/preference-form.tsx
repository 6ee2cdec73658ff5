import type {
  NotificationChannel,
  NotificationFrequency,
  NotificationPreference,
  NotificationSoundName,
  UpdateNotificationPreferenceRequest,
} from '@namaskah/sdk';
import { type FormEvent, useMemo } from 'react';

const CHANNELS: NotificationChannel[] = ['in_app', 'email', 'sms', 'webhook', 'push'];
const FREQUENCIES: NotificationFrequency[] = ['instant', 'hourly', 'daily'];
const SOUNDS: NotificationSoundName[] = ['default', 'chime', 'bell', 'pop', 'alarm'];

/**
 * Current IANA names some browsers list only under their legacy alias (Chromium's ICU says
 * `Asia/Calcutta`, `Europe/Kiev`): the server accepts both, so the picker offers the current names too.
 */
const RENAMED_ZONES = [
  'Asia/Kolkata',
  'Europe/Kyiv',
  'America/Nuuk',
  'Asia/Ho_Chi_Minh',
  'Asia/Kathmandu',
  'Asia/Yangon',
  'Pacific/Kanton',
  'Atlantic/Faroe',
];

/**
 * Every IANA zone the browser knows, for the quiet-hours zone picker, plus the renamed ones above and
 * the zone already saved (so a zone this browser does not list is kept, not silently replaced).
 */
const useTimeZones = (saved: string | undefined) =>
  useMemo(() => {
    const zones = new Set([...Intl.supportedValuesOf('timeZone'), ...RENAMED_ZONES, 'UTC']);
    if (saved) zones.add(saved);
    return [...zones].sort();
  }, [saved]);

/**
 * The settings of one notification type: on/off, channels, quiet hours (in a chosen IANA time zone),
 * sound and delivery frequency. Submits the whole preference as one PATCH.
 */
export function PreferenceForm({
  preference,
  busy,
  onSave,
}: {
  preference: NotificationPreference;
  busy: boolean;
  onSave: (update: UpdateNotificationPreferenceRequest) => void;
}) {
  const id = preference.type.replace(/\W/g, '-');
  const quiet = preference.quiet_hours;
  const zones = useTimeZones(quiet?.timezone);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onSave({
      enabled: form.get('enabled') === 'on',
      channels: CHANNELS.filter((channel) => form.get(`channel-${channel}`) === 'on'),
      quiet_hours: {
        enabled: form.get('quiet-enabled') === 'on',
        start: String(form.get('quiet-start')),
        end: String(form.get('quiet-end')),
        timezone: String(form.get('quiet-timezone')),
      },
      sound: { enabled: form.get('sound-enabled') === 'on', name: form.get('sound-name') as NotificationSoundName },
      frequency: form.get('frequency') as NotificationFrequency,
    });
  };
  return (
    <form className="card preference" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid={`preference-${preference.type}`}>
      <div className="row spread">
        <h2 id={`${id}-title`}>{preference.type}</h2>
        <label className="inline">
          <input type="checkbox" name="enabled" defaultChecked={preference.enabled} /> Enabled
        </label>
      </div>
      <fieldset>
        <legend>Channels</legend>
        {CHANNELS.map((channel) => (
          <label key={channel} className="inline">
            <input type="checkbox" name={`channel-${channel}`} defaultChecked={preference.channels.includes(channel)} />{' '}
            {channel.replace('_', '-')}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Quiet hours</legend>
        <label className="inline">
          <input type="checkbox" name="quiet-enabled" defaultChecked={quiet?.enabled ?? false} /> Hold non-urgent notifications
        </label>
        <label className="inline">
          From <input type="time" name="quiet-start" defaultValue={quiet?.start ?? '22:00'} required />
        </label>
        <label className="inline">
          to <input type="time" name="quiet-end" defaultValue={quiet?.end ?? '07:00'} required />
        </label>
        <label>
          Time zone
          <select name="quiet-timezone" defaultValue={quiet?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <fieldset>
        <legend>Sound and frequency</legend>
        <label className="inline">
          <input type="checkbox" name="sound-enabled" defaultChecked={preference.sound.enabled} /> Sound
        </label>
        <label className="inline">
          Tone
          <select name="sound-name" defaultValue={preference.sound.name}>
            {SOUNDS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="inline">
          Frequency
          <select name="frequency" defaultValue={preference.frequency}>
            {FREQUENCIES.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <button type="submit" disabled={busy}>
        Save {preference.type}
      </button>
      {preference.is_default && <small className="muted"> (defaults)</small>}
    </form>
  );
}
