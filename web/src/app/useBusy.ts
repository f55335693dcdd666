import { useIsFetching } from '@tanstack/react-query';
import { useLocation, useNavigation } from 'react-router';

/**
 * Attributes for <main>: aria-busy while a page's code or data is loading (assistive technology waits for the
 * finished content), and the location it shows, which the browser tests wait on.
 */
export function useMainAttributes(): { 'aria-busy': boolean; 'data-location': string } {
  const fetching = useIsFetching();
  const navigation = useNavigation();
  const { pathname, search } = useLocation();
  return { 'aria-busy': fetching > 0 || navigation.state !== 'idle', 'data-location': pathname + search };
}
