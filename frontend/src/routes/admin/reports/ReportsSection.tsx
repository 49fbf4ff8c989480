// /admin/reports: the queue, or one report.
import type { AdminSectionProps } from '../sections';
import { ReportView } from './ReportView';
import { ReportsQueue } from './ReportsQueue';

export default function ReportsSection({ id, permissions }: AdminSectionProps) {
  return id === null ? <ReportsQueue /> : <ReportView reportId={id} permissions={permissions} />;
}
