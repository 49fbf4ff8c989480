// Says so while the live connection is lost and being reopened.
import { en } from '../i18n/en';
import { useLiveConnection } from '../relay/connection';

export function ConnectionBanner() {
  const { status } = useLiveConnection();
  // The live region stays in the page, so that what appears in it is read out.
  return (
    <div role="status" className={status === 'reconnecting' ? 'connection-banner' : undefined}>
      {status === 'reconnecting' && en.app.reconnecting}
    </div>
  );
}
