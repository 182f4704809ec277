import { SettingsPatch, type Settings } from '$contract/models';

type Draft = {
  pollIntervalSeconds: string;
  notify: Settings['notify'];
  quietHours: Settings['quietHours'];
  startAtLogin: boolean;
  /** Hours as text ('' for never), as a select holds it. */
  remindEveryHours: string;
};

/** An editable copy of the settings; saving sends only what the contract accepts. */
export class SettingsForm {
  draft = $state<Draft>({
    pollIntervalSeconds: '60',
    notify: { failedRuns: true, overdue: true, stuck: true, recovered: false, portalProblems: true },
    quietHours: { enabled: false, start: '22:00', end: '07:00' },
    startAtLogin: false,
    remindEveryHours: '',
  });
  #errors = $state<Record<string, string>>({});

  get errors() {
    return this.#errors;
  }

  load(settings: Settings) {
    this.draft = {
      pollIntervalSeconds: String(settings.pollIntervalSeconds),
      notify: { ...settings.notify },
      quietHours: { ...settings.quietHours },
      startAtLogin: settings.startAtLogin,
      remindEveryHours: settings.remindEveryHours?.toString() ?? '',
    };
    this.#errors = {};
  }

  /**
   * The changes to send, or null after putting a message next to each bad field. Checked as a patch,
   * which has no defaults: what the form does not show (a pause from the tray) is not reset.
   */
  build(): SettingsPatch | null {
    const parsed = SettingsPatch.safeParse({
      ...this.draft,
      pollIntervalSeconds: /^\d+$/.test(this.draft.pollIntervalSeconds.trim()) ? Number(this.draft.pollIntervalSeconds) : NaN,
      remindEveryHours: this.draft.remindEveryHours === '' ? null : Number(this.draft.remindEveryHours),
    });
    if (parsed.success) {
      this.#errors = {};
      return parsed.data;
    }
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.');
      errors[key] ??= key === 'pollIntervalSeconds' ? 'Between 10 and 86400 seconds' : issue.message;
    }
    this.#errors = errors;
    return null;
  }
}
