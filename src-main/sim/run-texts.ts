/** What runs of each task type say, for the live scheduler and the demo history. */

export function typicalDurationMs(taskType: string): number {
  return taskType === 'CreateBackup' ? 6 * 60_000 : 20_000;
}

export function successText(taskType: string, startedAt: number): string {
  const day = new Date(startedAt).toISOString().slice(0, 10);
  switch (taskType) {
    case 'CleanGPJobs':
      return 'GP Jobs have been cleaned.';
    case 'CreateBackup':
      return `Backup 'scheduled-${day}' was created in the backup store 'default'.`;
    case 'BackupRetentionCleaner':
      return 'Backups older than the retention period were removed from the backup store.';
    default:
      return 'The task completed.';
  }
}

export function failureText(taskType: string): string {
  switch (taskType) {
    case 'CreateBackup':
      return "Backup failed: the backup store 'default' is not reachable (connection timed out).";
    case 'BackupRetentionCleaner':
      return "Retention cleanup failed: could not list backups in the backup store 'default'.";
    case 'CleanGPJobs':
      return 'GP Jobs cleanup failed: the jobs directory is not accessible.';
    default:
      return 'The task failed.';
  }
}
