import type { TaskRef } from '$contract/models';

export type View = 'tasks' | 'portals' | 'channels' | 'settings';

/** Which view is showing and which task's detail is open. The window has no address bar to sync. */
export class Navigation {
  #view = $state<View>('tasks');
  #openTask = $state<TaskRef | null>(null);
  /** Set when the portal form should open straight away (empty state); the Portals view takes it. */
  #wantsPortalForm = $state(false);

  get view() {
    return this.#view;
  }
  get openTask() {
    return this.#openTask;
  }
  get wantsPortalForm() {
    return this.#wantsPortalForm;
  }

  takePortalFormRequest() {
    this.#wantsPortalForm = false;
  }

  show(view: View) {
    this.#view = view;
    if (view !== 'tasks') this.#openTask = null;
  }

  open(task: TaskRef) {
    this.#view = 'tasks';
    this.#openTask = { portalId: task.portalId, taskId: task.taskId };
  }

  closeTask() {
    this.#openTask = null;
  }

  addPortal() {
    this.#view = 'portals';
    this.#wantsPortalForm = true;
  }
}
