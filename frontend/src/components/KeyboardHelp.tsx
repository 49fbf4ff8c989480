// The keyboard shortcuts' dialog, loaded when first opened.
import { Suspense, lazy } from 'react';
import { useOpenedOnce } from '../lib/openedOnce';

const KeyboardHelpDialog = lazy(() => import('./KeyboardHelpDialog'));

export function KeyboardHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const opened = useOpenedOnce(open);
  if (!opened) return null;
  return (
    <Suspense fallback={null}>
      <KeyboardHelpDialog open={open} onClose={onClose} />
    </Suspense>
  );
}
