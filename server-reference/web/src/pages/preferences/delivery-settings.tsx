import type { NotificationFrequency, NotificationQuietHours } from '@namaskah/sdk';
import { useTimeZones } from './time-zones.ts';

const FREQUENCIES: Array<[NotificationFrequency, string]> = [
  ['instant', 'Instant'],
  ['hourly', 'Hourly digest'],
  ['daily', 'Daily digest'],
];

/** The settings every type shares: the quiet-hours window in a chosen IANA zone, and how often email goes out. */
export function DeliverySettings({
  quietHours,
  frequency,
}: {
  quietHours: NotificationQuietHours;
  frequency: NotificationFrequency | 'keep';
}) {
  const zones = useTimeZones(quietHours.timezone);
  return (
    <div className="delivery-settings">
      <fieldset>
        <legend>Quiet hours</legend>
        <label className="inline">
          <input type="checkbox" name="quiet-enabled" defaultChecked={quietHours.enabled} /> Hold email, SMS and push
        </label>
        <p className="muted hint">
          In-app notices still appear (silently), webhooks are never held, and security alerts always come through.
        </p>
        <div className="row wrap">
          <label>
            From
            <input type="time" name="quiet-start" defaultValue={quietHours.start} required />
          </label>
          <label>
            To
            <input type="time" name="quiet-end" defaultValue={quietHours.end} required />
          </label>
          <label className="grow">
            Time zone
            <select name="quiet-timezone" defaultValue={quietHours.timezone}>
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>Email frequency</legend>
        <label>
          Frequency
          <select name="frequency" defaultValue={frequency}>
            {frequency === 'keep' && <option value="keep">Each type as it is</option>}
            {FREQUENCIES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
    </div>
  );
}
