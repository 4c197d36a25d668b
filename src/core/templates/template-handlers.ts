/** Binds the template commands (src/shared/templates.ts) to the open repository's `.agents/templates/`. */
import type { templateCommands } from '../../shared/templates';
import type { HandlersFor } from '../command-handlers';
import { deleteTemplate, listTemplates, saveTemplate } from './template-store';

/** The open repository; throws a typed error when none is open. */
export function templateHandlers(requireRepo: () => string): HandlersFor<keyof typeof templateCommands> {
  return {
    'templates.list': () => listTemplates(requireRepo()),
    'templates.save': ({ templateName, template, overwrite }) => saveTemplate(requireRepo(), templateName, template, overwrite),
    'templates.delete': ({ templateName }) => {
      deleteTemplate(requireRepo(), templateName);
      return { templateName };
    },
  };
}
