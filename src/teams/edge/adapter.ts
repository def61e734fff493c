/**
 * The bot's CloudAdapter. `handle` does what CloudAdapter.process does for one POSTed activity,
 * without building its zod schemas anew for every request (about 2% of a flow-1 submit's CPU).
 */
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';

export class PasserelleAdapter extends CloudAdapter {
  /** Runs `logic` on an activity already parsed; resolves with the invoke's answer, if any. */
  handle(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}
