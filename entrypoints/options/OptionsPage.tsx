import { useEffect, useState } from 'preact/hooks';
import { t } from '@/components/i18n';
import { PackList } from '@/components/PackList';
import { request } from '@/components/request';
import { SettingsForm } from './SettingsForm';
import type { StatusReply } from '@/lib/messages/protocol';

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
      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t('dataHeading')}</h2>
        <StoreState load={load} />
        {load.phase === 'loaded' && <PackList packs={load.status.packs} />}
      </section>
    </main>
  );
}

function StoreState({ load }: { load: Load }) {
  if (load.phase === 'loading') return <p role="status" class="store-state">{t('storeLoading')}</p>;
  if (load.phase === 'failed')
    return <p role="alert" class="problem" data-store="unreachable">{t('backgroundUnreachable', load.problem)}</p>;
  if (load.status.store === 'unavailable')
    return <p role="alert" class="problem" data-store="unavailable">{t('storeUnavailable', load.status.problem ?? '')}</p>;
  return <p role="status" class="store-state" data-store="ready">{t('storeReady')}</p>;
}
