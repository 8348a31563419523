import { FlowsView } from '@/components/flows/flows-view';

export default function HomePage() {
  return <FlowsView />;
}
