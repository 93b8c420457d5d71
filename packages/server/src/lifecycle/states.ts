/**
 * Where an escalation stands after the handoff, in one vocabulary for every provider:
 *
 * - `created`: the ticket or conversation exists (the relay records it when it delivers);
 * - `assigned`: an agent (or a team) took it;
 * - `agent_replied`: an agent answered in public;
 * - `waiting_on_user`: the agent waits for the user (Zendesk and Freshdesk "pending");
 * - `solved`: the agent marked it done (Intercom's close, Zendesk "solved", Freshdesk "resolved");
 * - `closed`: it is closed for good (Zendesk and Freshdesk "closed");
 * - `booked`: a call was booked (Calendly `invitee.created`);
 * - `canceled`: the booked call was canceled (Calendly `invitee.canceled`, not a reschedule).
 */
export type LifecycleState = 'created' | 'assigned' | 'agent_replied' | 'waiting_on_user' | 'solved' | 'closed' | 'booked' | 'canceled';

/** Every {@link LifecycleState}, in the order an escalation usually goes through them. */
export const LIFECYCLE_STATES: readonly LifecycleState[] = Object.freeze(['created', 'assigned', 'agent_replied', 'waiting_on_user', 'solved', 'closed', 'booked', 'canceled']);

/** Whether `value` is one of the {@link LifecycleState}s. */
export function isLifecycleState(value: unknown): value is LifecycleState {
  return typeof value === 'string' && (LIFECYCLE_STATES as readonly string[]).includes(value);
}
