const { EscalationError, renderTranscript, titleFromContext } = require('@pillar/escalation-core');
exports.acmeNotes = function acmeNotes(options) {
  if (!options || typeof options.board !== 'string') throw new EscalationError('CONFIGURATION', 'acmeNotes: board is required');
  return {
    kind: 'acme-note', runtime: 'universal', limits: { fields: { title: 80, text: 4000 } },
    toPayload(context) {
      return { board: options.board, title: titleFromContext(context, { maxLength: 80 }), text: renderTranscript(context, { format: 'text', maxLength: 4000 }) };
    },
    async deliver(payload, { signal }) {
      if (signal && signal.aborted) throw new EscalationError('ABORTED', 'aborted');
      return { status: 'created', reference: { id: `${payload.board}-1` } };
    },
  };
};
