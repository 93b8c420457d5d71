import { allOf, anyOf, attribute, not, plans, roles, type Gate } from '@pillar/escalation-core';

/** Paying customers (`user.plan`). */
export const paying: Gate = plans(['pro', 'enterprise']);

/** Workspace admins (`user.role`). */
export const admins: Gate = roles(['admin', 'owner']);

/** Teams with at least ten seats (`user.attributes.seats`); no `seats` attribute means no. */
export const bigTeam: Gate = attribute('seats', (seats) => Number(seats) >= 10);

/** Admins of paying workspaces or any big team, but never accounts flagged for abuse. */
export const priorityLine: Gate = allOf(
  anyOf(allOf(paying, admins), bigTeam),
  not(attribute('flagged', (flagged) => flagged === true)),
);

/** A custom gate may be async: here, only while the account has an open incident. */
export const incidentLine: Gate = async (context) => {
  const accountId = context.user?.attributes?.accountId;
  if (typeof accountId !== 'string') return false;
  const response = await fetch(`https://status.example.com/accounts/${encodeURIComponent(accountId)}/incident`);
  return response.ok && ((await response.json()) as { open?: unknown }).open === true;
};
