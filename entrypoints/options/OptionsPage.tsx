import { useEffect, useState } from 'preact/hooks';
import { t, uiLocale } from '@/components/i18n';
import { request } from '@/components/request';
import { PackManager } from './PackManager';
import { ReaderData } from './ReaderData';
import { SettingsForm } from './SettingsForm';
import type { StatusReply } from '@/lib/messages/protocol';
import type { PackProblem } from '@/lib/store/service';

type Load = { phase: 'loading' } | { phase: 'loaded'; status: StatusReply } | { phase: 'failed'; problem: string };

export function OptionsPage() {
  const [load, setLoad] = useState<Load>({ phase: 'loading' });
  useEffect(() => {
    request('status:get', {}).then(
      (status) => setLoad({ phase: 'loaded', status }),
      (error: unknown) => setLoad({ phase: 'failed', problem: String(error instanceof Error ? error.message : error) }),
    );
  }, []);

  return (
    <main class="page" aria-busy={load.phase === 'loading'}>
      <h1>{t('optionsTitle')}</h1>
      <SettingsForm />
      <ReaderData />
      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t('dataHeading')}</h2>
        <StoreState load={load} />
      </section>
      <PackManager />
    </main>
  );
}

export function StoreState({ load }: { load: Load }) {
  if (load.phase === 'loading') return <p role="status" class="store-state">{t('storeLoading')}</p>;
  if (load.phase === 'failed')
    return <p role="alert" class="problem" data-store="unreachable">{t('backgroundUnreachable', load.problem)}</p>;
  if (load.status.store === 'unavailable')
    return <p role="alert" class="problem" data-store="unavailable">{t('storeUnavailable', load.status.problem ?? '')}</p>;
  if (load.status.store === 'degraded')
    return (
      <div role="alert" class="problem" data-store="degraded">
        <p>{t('storeDegraded')}</p>
        <ul class="store-problems">
          {(load.status.problems ?? []).map((problem) => (
            <li key={problem.packId} data-problem-pack={problem.packId} data-problem-kind={problem.kind}>
              {problemText(problem)}
            </li>
          ))}
        </ul>
      </div>
    );
  return <p role="status" class="store-state" data-store="ready">{t('storeReady')}</p>;
}

/** What failed, in the reader's language, then what is served meanwhile and when it is tried again. */
function problemText(problem: PackProblem): string {
  const what =
    problem.kind === 'invalid-pack'
      ? t('packProblemInvalid', problem.packId, problem.version, problem.detail)
      : problem.kind === 'quota'
        ? t('packProblemQuota', problem.packId, problem.version)
        : t('packProblemWrite', problem.packId, problem.version, problem.detail);
  const meanwhile = problem.serving !== undefined ? t('packProblemServing', problem.serving) : t('packProblemEmpty');
  const retry =
    problem.retryAt !== undefined
      ? t('packProblemRetry', new Date(problem.retryAt).toLocaleTimeString(uiLocale(), { timeStyle: 'short' }))
      : '';
  return [what, meanwhile, retry].filter(Boolean).join(' ');
}
