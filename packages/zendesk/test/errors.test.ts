import { zendeskErrorDetails } from '@pillar/escalation-zendesk';

describe('zendeskErrorDetails reads both Zendesk error shapes', () => {
  it('reads { error, description, details: { field: [{ description, error }] } }', () => {
    expect(
      zendeskErrorDetails({
        error: 'RecordInvalid',
        description: 'Record validation errors',
        details: { requester: [{ description: 'Requester: Email is invalid', error: 'InvalidValue' }], subject: [{ description: 'is too long', error: 'TooLong' }] },
      }),
    ).toEqual({
      error: 'RecordInvalid',
      message: 'Record validation errors; Requester: Email is invalid; subject: is too long',
      fieldErrors: [
        { field: 'requester', code: 'InvalidValue', message: 'Requester: Email is invalid' },
        { field: 'subject', code: 'TooLong', message: 'is too long' },
      ],
    });
  });

  it('reads { errors: [{ code, title, detail }] }', () => {
    expect(zendeskErrorDetails({ errors: [{ code: 'TicketFieldInvalid', title: 'Invalid field', detail: 'Field 360001 is not editable', source: { pointer: '/ticket/custom_fields/0' } }, { code: 'Other', title: 'Only a title' }] })).toEqual({
      error: 'TicketFieldInvalid',
      message: 'TicketFieldInvalid; /ticket/custom_fields/0: Field 360001 is not editable; Only a title',
      fieldErrors: [
        { field: '/ticket/custom_fields/0', code: 'TicketFieldInvalid', message: 'Field 360001 is not editable' },
        { code: 'Other', message: 'Only a title' },
      ],
    });
  });

  it('reads { error: { title, message } } and a plain string', () => {
    expect(zendeskErrorDetails({ error: { title: 'Forbidden', message: 'You do not have access' } })).toEqual({ error: 'Forbidden', message: 'You do not have access' });
    expect(zendeskErrorDetails("Couldn't authenticate you")).toEqual({ message: "Couldn't authenticate you" });
  });

  it('ignores HTML pages, empty and odd bodies', () => {
    expect(zendeskErrorDetails('<!doctype html><title>Error</title>')).toBeUndefined();
    expect(zendeskErrorDetails(undefined)).toBeUndefined();
    expect(zendeskErrorDetails({})).toBeUndefined();
    expect(zendeskErrorDetails({ errors: [null, 3, { nothing: true }], details: 'x' })).toBeUndefined();
  });
});
