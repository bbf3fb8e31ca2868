import { analyseText } from '../workspace/analyse';
import type { LanguageFeatures } from './context';

export const manifestFeatures: LanguageFeatures = {
  diagnose(doc, ctx) {
    return analyseText('yaml', doc.getText(), { maxFileSize: ctx.settings().maxFileSize });
  },
};
