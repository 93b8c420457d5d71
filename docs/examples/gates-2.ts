import { businessHours, nextOpening } from '@pillar/escalation-core';

export const supportHours = businessHours({
  timeZone: 'America/New_York',
  weekly: {
    mon: [['09:00', '12:00'], ['13:00', '17:30']], // a lunch break
    tue: [['09:00', '17:30']],
    wed: [['09:00', '17:30']],
    thu: [['09:00', '17:30']],
    fri: [['09:00', '17:30'], ['22:00', '02:00']], // the night shift ends Saturday 02:00
  },
  holidays: ['2026-11-26', '2026-12-25'],
});

/** What the co-pilot tells the user when they ask for a human. */
export function availability(at: Date): string {
  const opening = nextOpening(supportHours, at);
  if (opening === null) return 'No human is available in the next two weeks; leave a message and we will reply.';
  if (opening.getTime() === at.getTime()) return 'A human is available now.';
  const when = new Intl.DateTimeFormat('en-US', {
    timeZone: supportHours.spec.timeZone,
    weekday: 'long',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(opening);
  return `No human is available until ${when}.`;
}

// Thursday 2026-12-24, 17:30 in New York: Friday the 25th is a holiday (its night shift too), then the weekend.
// availability(new Date('2026-12-24T22:30:00Z')) → "No human is available until Monday, 9:00 AM EST."
