import { mount } from 'svelte';
import App from './App.svelte';
import { connectApi } from './lib/api';
import { AppState } from './lib/app-state.svelte';
import type { EarlyStart } from './lib/early-start';

/** Mounts the window on the door found early (main.ts). */
export function openWindow(target: HTMLElement, early: EarlyStart | null): void {
  const api = connectApi(early);
  mount(App, { target, props: { app: api ? new AppState(api) : null } });
}
