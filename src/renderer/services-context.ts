/** Hands the transport and the terminal registry to components without making them globals. */
import { createContext, useContext } from 'react';
import type { CoreServices } from './state/core-services';

export const ServicesContext = createContext<CoreServices | null>(null);

export function useServices(): CoreServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() needs a ServicesContext provider above it.');
  return services;
}
