import { describe, expect, it } from 'vitest';
import { PARTS_AHEAD, pacedSender, partsFrom, transferablesOf, type PartsSource, type TimelineWorkerMessage, type TimelineWorkerRequest } from '@/lib/store/timeline-channel';
import type { TimelinePart } from '@/lib/store/timeline-parts';
import { foldedText } from '@/lib/timeline/folded-run';

const sourcesPart = (n: number): TimelinePart => ({ kind: 'sources', sources: [{ packId: 'p', id: `s${n}`, title: `Source ${n}` } as never] });
const turns = async (n: number) => {
  for (let k = 0; k < n; k++) await new Promise((resolve) => setTimeout(resolve));
};

/** A panel and a worker joined as the browser joins them: each side's messages arrive in a later task. */
function channel() {
  const asked: TimelineWorkerRequest[] = [];
  const panelSide: PartsSource = {
    onmessage: null,
    onerror: null,
    postMessage(request) {
      asked.push(request);
      setTimeout(() => (request.kind === 'more' ? sender.more() : undefined));
    },
  };
  let posted = 0;
  const sender = pacedSender((message: TimelineWorkerMessage) => {
    if (message.kind !== 'done' && message.kind !== 'failed') posted++;
    setTimeout(() => panelSide.onmessage?.({ data: message }));
  });
  return { panelSide, sender, asked, posted: () => posted };
}

describe('the side panel and its timeline worker', () => {
  it('hands on every part in order, never more than PARTS_AHEAD ahead of what the panel has taken', async () => {
    const { panelSide, sender, asked, posted } = channel();
    const parts = partsFrom(panelSide);
    const taken: TimelinePart[] = [];
    let most = 0;
    const worker = (async () => {
      for (let n = 0; n < 10; n++) await sender.send(sourcesPart(n));
      setTimeout(() => panelSide.onmessage?.({ data: { kind: 'done' } }));
    })();
    for await (const part of parts) {
      most = Math.max(most, posted() - taken.length);
      taken.push(part);
      // The panel makes entries slowly: the worker must wait, not run ahead.
      await turns(5);
    }
    await worker;
    expect(taken).toEqual(Array.from({ length: 10 }, (_, n) => sourcesPart(n)));
    expect(most).toBe(PARTS_AHEAD);
    expect(asked[0]).toEqual({ kind: 'read' });
    expect(asked.filter((r) => r.kind === 'more')).toHaveLength(10);
  });

  it('throws what the worker reports, when it stops, and when the read is stopped', async () => {
    const failing = channel();
    setTimeout(() => failing.panelSide.onmessage?.({ data: { kind: 'failed', message: 'the database is closed' } }));
    await expect(partsFrom(failing.panelSide).next()).rejects.toThrow('the database is closed');

    const stopped = channel();
    setTimeout(() => stopped.panelSide.onerror?.({}));
    await expect(partsFrom(stopped.panelSide).next()).rejects.toThrow('the timeline worker stopped');

    const aborted = channel();
    const controller = new AbortController();
    const waiting = partsFrom(aborted.panelSide, controller.signal).next();
    await turns(2);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('hands over the folded texts\' offsets rather than copying them', () => {
    const folded = foldedText([' talks ', ' colloqui ']);
    const part: TimelinePart = { kind: 'events', blocks: [{ record: { packId: 'p', block: 0, firstDay: '2025-01-01', eventsJson: '[]' }, folded }, { record: { packId: 'p', block: 1, firstDay: '2025-01-02', eventsJson: '[]' } }], events: [] };
    expect(transferablesOf(part)).toEqual([folded.starts.buffer]);
    expect(transferablesOf(sourcesPart(1))).toEqual([]);
  });
});
