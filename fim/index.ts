/** Public surface of the FIM parsers: pure functions from XML to typed records. */
export { openFimDocument, parseFimDocument, type OpenedFimDocument } from './fim-document.parser';
export { openFimFile, parseFimFile } from './fim-file';
export { FimParseError, type FimErrorCode, type FimLocation } from './errors';
export type { FimDocument, FimParseOptions, FimProblem, FimProblemCode, LocalizedText } from './types';
export type * from './xzufi.types';
export type * from './xdatenfelder.types';
export { detectFormat, type DetectedFormat, XDF_NAMESPACES, XZUFI_NAMESPACES } from './detect-format';
export { prescanXml, DEFAULT_MAX_DEPTH, type PrescanResult, type RootTag } from './xml-prescan';
export { decodeXmlBytes, decodeXmlInput, DEFAULT_MAX_BYTES } from './xml-input';
export { parseXmlBlocks, parseXmlRoot, XmlElement } from './xml';
export { parseXmlSkeleton } from './xml-skeleton';
export { collectXzufiMessage, parseXzufiMessage, streamXzufiMessage } from './xzufi.parser';
export { parseXzufiLeistung } from './xzufi-leistung.parser';
export {
  parseXzufiOnlinedienst,
  parseXzufiOrganisationseinheit,
  parseXzufiZustaendigkeitTransferObjekt,
} from './xzufi-objects.parser';
export {
  leistungsschluesselOf,
  openXdatenfelderMessage,
  parseAnzahl,
  parseXdatenfelderMessage,
} from './xdatenfelder.parser';
export { ProblemSink } from './problems';
export { findLeistungsschluesselInText, isLeistungsschluessel } from './leistungsschluessel';
export { htmlToText } from './html-text';
export { normaliseLanguage, textForLanguage } from './element-readers';
