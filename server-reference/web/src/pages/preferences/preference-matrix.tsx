import type { NotificationPreference, NotificationSoundName } from '@namaskah/sdk';
import { alwaysEnabled, CHANNEL_LABELS, CHANNELS, channelLocked, channelOffered, typeLabel } from './preference-rules.ts';

const SOUNDS: NotificationSoundName[] = ['default', 'chime', 'bell', 'pop', 'alarm'];

/** Form field names of one type's row (read back by the page on Save). */
export const fieldOf = {
  enabled: (type: string) => `enabled:${type}`,
  channel: (type: string, channel: string) => `channel:${type}:${channel}`,
  sound: (type: string) => `sound:${type}`,
};

/**
 * Event types x channels: one row per notification type (on/off, a checkbox per channel, its sound).
 * On a phone each row becomes a card with the channels wrapped under the type's name.
 */
export function PreferenceMatrix({ preferences }: { preferences: readonly NotificationPreference[] }) {
  return (
    <div className="table-scroll">
      <table className="stack matrix" data-testid="preference-matrix">
        <caption className="sr-only">Where each notification type is delivered</caption>
        <thead>
          <tr>
            <th scope="col">Notification</th>
            <th scope="col">On</th>
            {CHANNELS.map((channel) => (
              <th scope="col" key={channel}>
                {CHANNEL_LABELS[channel]}
              </th>
            ))}
            <th scope="col">Sound</th>
          </tr>
        </thead>
        <tbody>
          {preferences.map((preference) => {
            const name = typeLabel(preference.type);
            return (
              <tr key={preference.type} data-testid={`preference-${preference.type}`}>
                <th scope="row">
                  {name}
                  {preference.is_default && <small className="muted"> default</small>}
                </th>
                <td data-label="On">
                  <input
                    type="checkbox"
                    name={fieldOf.enabled(preference.type)}
                    aria-label={`${name}: on`}
                    defaultChecked={preference.enabled}
                    disabled={alwaysEnabled(preference.type)}
                  />
                </td>
                {CHANNELS.map((channel) =>
                  channelOffered(preference.type, channel) ? (
                    <td key={channel} data-label={CHANNEL_LABELS[channel]}>
                      <input
                        type="checkbox"
                        name={fieldOf.channel(preference.type, channel)}
                        aria-label={`${name}: ${CHANNEL_LABELS[channel]}`}
                        defaultChecked={preference.channels.includes(channel)}
                        disabled={channelLocked(preference.type, channel)}
                      />
                    </td>
                  ) : (
                    <td key={channel} data-label={CHANNEL_LABELS[channel]} className="not-offered">
                      <span aria-hidden="true">—</span>
                      <span className="sr-only">not offered</span>
                    </td>
                  ),
                )}
                <td data-label="Sound" className="sound">
                  <select
                    name={fieldOf.sound(preference.type)}
                    aria-label={`${name}: sound`}
                    defaultValue={preference.sound.enabled ? preference.sound.name : 'off'}
                  >
                    <option value="off">Off</option>
                    {SOUNDS.map((sound) => (
                      <option key={sound} value={sound}>
                        {sound.charAt(0).toUpperCase() + sound.slice(1)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
