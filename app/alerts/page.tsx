import { AlertsPage } from '@/components/alerts/alerts-page';

export const metadata = { title: 'Alerting rules · Egress Lens' };

export default function Alerts() {
  return <AlertsPage />;
}
