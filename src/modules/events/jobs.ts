import type { Db } from "../../db/client.ts";
import { enqueue, type JobHandlers } from "../jobs/queue.ts";
import { type EventDeps, purgeOldAnswers, REMINDER_JOB, RETENTION_JOB, sendReminder } from "./service.ts";

/** The events module's jobs: the reminder a day before, and the daily deletion of old registration answers. */
export function eventJobHandlers(deps: EventDeps): JobHandlers {
  return {
    [REMINDER_JOB]: async (payload) => sendReminder(deps, String(payload.registrationId)),
    [RETENTION_JOB]: async (_payload, { now }) => {
      await purgeOldAnswers(deps.db, now);
    },
  };
}

/** Schedules the retention job once (hourly; it exists once whatever the number of instances). */
export function scheduleEventJobs(db: Db): Promise<void> {
  return enqueue(db, { type: RETENTION_JOB, payload: {}, key: RETENTION_JOB, repeatSeconds: 3600 });
}
