/** A task's page in the portal's admin API: where the window's and the channels' links lead. */
export const taskPageUrl = (adminUrl: string, taskId: string): string => `${adminUrl}/system/tasks/${encodeURIComponent(taskId)}`;
