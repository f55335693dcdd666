import { PageHeading, usePageTitle } from '../../app/page.tsx';

/** Reserved: the staff console's documents: ingest, parse check, correction, repeal. */
export function StaffDocumentsPage() {
  usePageTitle('建设中');
  return <PageHeading>建设中</PageHeading>;
}
