import { PageHeading, usePageTitle } from '../../app/page.tsx';

/** Reserved: the service window: a visit with the visitor's consent, and their data during it. */
export function WindowPage() {
  usePageTitle('建设中');
  return <PageHeading>建设中</PageHeading>;
}
