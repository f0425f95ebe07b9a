import { StatusError, StatusPending, StatusWarning } from '@backstage/core-components';
import { ReactNode } from 'react';
import { Severity } from './attentionItems';

/** A severity as Backstage's status marks colour it: red for errors, amber for warnings, grey for information; never a green check. */
export function SeverityMark({ severity, children }: { severity: Severity; children?: ReactNode }) {
  if (severity === 'error') return <StatusError>{children}</StatusError>;
  if (severity === 'warning') return <StatusWarning>{children}</StatusWarning>;
  return <StatusPending>{children}</StatusPending>;
}
