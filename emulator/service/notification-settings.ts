// Trust-anchor notification settings (roles-anywhere.md §5): the two default 45-day settings,
// and Put/Reset, which change them per event and channel.
import type { NotificationEvent, NotificationSetting, NotificationSettingDetail } from './shapes.js';
import type { Validator } from './validation.js';
import { ROLES_ANYWHERE_SERVICE_PRINCIPAL } from '../../roles-anywhere/constants.js';

export const NOTIFICATION_EVENTS: readonly NotificationEvent[] = ['CA_CERTIFICATE_EXPIRY', 'END_ENTITY_CERTIFICATE_EXPIRY'];
const DEFAULT_THRESHOLD_DAYS = 45;

export function defaultNotificationSettings(): NotificationSettingDetail[] {
  return NOTIFICATION_EVENTS.map((event) => ({
    enabled: true,
    event,
    threshold: DEFAULT_THRESHOLD_DAYS,
    channel: 'ALL',
    configuredBy: ROLES_ANYWHERE_SERVICE_PRINCIPAL,
  }));
}

export function validateNotificationSettings(v: Validator, path: string, settings: unknown): void {
  if (!v.list(path, settings, { max: 50 })) return;
  settings.forEach((raw, i) => {
    const s = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const at = `${path}.${i + 1}.member`;
    if (v.required(`${at}.enabled`, s.enabled)) v.boolean(`${at}.enabled`, s.enabled);
    if (v.required(`${at}.event`, s.event)) v.string(`${at}.event`, s.event, { enumValues: NOTIFICATION_EVENTS });
    // The model: "This value is required for a notification setting that is enabled."
    if (s.enabled === true) v.required(`${at}.threshold`, s.threshold);
    v.integer(`${at}.threshold`, s.threshold, { min: 1, max: 360 });
    v.string(`${at}.channel`, s.channel, { enumValues: ['ALL'] });
  });
}

/** Applies customer settings over the current ones, keyed by event (channel is always ALL);
 * `configuredBy` is the account ID for a customised setting. */
export function applyNotificationSettings(
  current: readonly NotificationSettingDetail[],
  settings: readonly NotificationSetting[],
  configuredBy: string,
): NotificationSettingDetail[] {
  const byEvent = new Map(current.map((s) => [s.event, s]));
  for (const s of settings) {
    const previous = byEvent.get(s.event);
    byEvent.set(s.event, {
      enabled: s.enabled,
      event: s.event,
      threshold: s.threshold ?? previous?.threshold ?? DEFAULT_THRESHOLD_DAYS,
      channel: 'ALL',
      configuredBy,
    });
  }
  // Non-null: byEvent.has(e) is checked in the same expression.
  return NOTIFICATION_EVENTS.flatMap((e) => (byEvent.has(e) ? [byEvent.get(e)!] : []));
}

export function resetNotificationSettings(current: readonly NotificationSettingDetail[], events: readonly NotificationEvent[]): NotificationSettingDetail[] {
  const defaults = new Map(defaultNotificationSettings().map((s) => [s.event, s]));
  // Non-null: the defaults hold every NotificationEvent, and events are NotificationEvents.
  return current.map((s) => (events.includes(s.event) ? defaults.get(s.event)! : s));
}
