import {
  businessHours,
  not,
  type BusinessHoursSpec,
  type EscalationAdapter,
  type EscalationOption,
} from '@pillar/escalation-core';

// Any adapters: e.g. a live-chat widget and the relay to your server that files a ticket.
declare const liveChat: EscalationAdapter;
declare const ticket: EscalationAdapter;

const hours: BusinessHoursSpec = {
  timeZone: 'Europe/Berlin',
  weekly: {
    mon: [['09:00', '18:00']],
    tue: [['09:00', '18:00']],
    wed: [['09:00', '18:00']],
    thu: [['09:00', '18:00']],
    fri: [['09:00', '16:00']],
  },
  holidays: ['2026-12-24', '2026-12-25', '2026-12-31'],
};

export const options: EscalationOption[] = [
  { id: 'chat', label: 'Chat with our team', icon: 'chat', adapter: liveChat, when: businessHours(hours) },
  { id: 'ticket', label: 'Leave us a message', icon: 'mail', adapter: ticket, when: not(businessHours(hours)) },
];
