import { PortalInput, PortalUpdate, type PortalTest } from '$contract/api';
import type { PortalView } from '$contract/models';
import type { z } from 'zod';
import { EditForm, fieldErrors, type FieldErrors } from './edit-form.svelte';

export type PortalField = 'label' | 'url' | 'adminUrl' | 'username' | 'password' | 'fingerprint' | 'timeZone' | 'pollIntervalSeconds';

type Fields = Record<PortalField, string>;

const blank = (): Fields => ({ label: '', url: '', adminUrl: '', username: '', password: '', fingerprint: '', timeZone: '', pollIntervalSeconds: '' });

/**
 * The add/edit portal form: text fields as typed, checked with the contract's own schemas so each
 * message appears next to its field before anything is sent. The password is kept only until sent.
 */
export class PortalForm extends EditForm<Fields, PortalField, PortalView> {
  constructor() {
    super(blank);
  }

  startEdit(portal: PortalView) {
    this.startEditing(portal, {
      label: portal.label,
      url: portal.url,
      adminUrl: portal.adminUrl,
      username: portal.username,
      password: '',
      fingerprint: portal.fingerprint ?? '',
      timeZone: portal.timeZoneSource === 'configured' ? portal.timeZone : '',
      pollIntervalSeconds: portal.pollIntervalSeconds?.toString() ?? '',
    });
  }

  /** The command input for add or update, or null after putting messages next to the fields. */
  build(): { add: PortalInput } | { update: PortalUpdate } | null {
    const poll = this.#pollInterval();
    if (poll === 'invalid') return this.#fail({ pollIntervalSeconds: 'Enter whole seconds, e.g. 300, or leave it empty' });
    const f = this.fields;
    const optional = (value: string) => value.trim() || null;
    const editing = this.editing;
    if (!editing) {
      const candidate = {
        label: f.label,
        url: f.url,
        username: f.username,
        password: f.password,
        adminUrl: optional(f.adminUrl),
        fingerprint: optional(f.fingerprint),
        pollIntervalSeconds: poll,
        ...(f.timeZone.trim() ? { timeZone: f.timeZone } : {}),
      };
      const parsed = PortalInput.safeParse(candidate);
      return parsed.success ? this.#pass({ add: parsed.data }) : this.#fail(portalErrors(parsed.error));
    }
    const changes = {
      label: f.label,
      url: f.url,
      username: f.username,
      adminUrl: optional(f.adminUrl),
      fingerprint: optional(f.fingerprint),
      timeZone: optional(f.timeZone),
      pollIntervalSeconds: poll,
      ...(f.password ? { password: f.password } : {}),
    };
    const parsed = PortalUpdate.safeParse({ id: editing.id, changes });
    return parsed.success ? this.#pass({ update: parsed.data }) : this.#fail(portalErrors(parsed.error));
  }

  /** What "Test connection" sends: the form as it stands, saved or not. */
  testInput(): PortalTest | null {
    const built = this.build();
    if (!built) return null;
    return 'add' in built ? built.add : built.update;
  }

  /** Forget the typed password once it has gone to main. */
  clearPassword() {
    this.fields.password = '';
  }

  #pollInterval(): number | null | 'invalid' {
    const text = this.fields.pollIntervalSeconds.trim();
    if (!text) return null;
    return /^\d+$/.test(text) ? Number(text) : 'invalid';
  }

  #pass<T>(value: T): T {
    this.setErrors({});
    return value;
  }

  #fail(errors: FieldErrors<PortalField>): null {
    this.setErrors(errors);
    return null;
  }
}

const fieldNames = new Set<string>(Object.keys(blank()));

/** zod issues keyed by form field (an update nests them under `changes`). */
const portalErrors = (error: z.ZodError) => fieldErrors<PortalField>(error, fieldNames, friendly);

/** zod's own wording for bounds ("Too small: expected number to be >=10") is not for admins. */
function friendly(field: PortalField, message: string): string {
  if (field === 'pollIntervalSeconds') return 'Between 10 and 86400 seconds, or leave it empty';
  return message;
}
