/** "Promote to ServiceEntry": generation and validation of the Istio resources that register observed egress. */
export type {
  Caller,
  CompanionSuggestion,
  GatewayOption,
  GeneratedBundle,
  HostEvidence,
  PortOption,
  PromoteOptions,
  Resolution,
  SkippedHost,
  ValidationIssue,
  ValidationResult,
  WildcardOffer,
} from './types';
export { generateBundle } from './generate';
export { validateObjects } from './validate';
export { parseAndValidateYaml, parseAndValidateYamlInSlices, toYaml, YamlRefusedError, YAML_LIMITS } from './yaml';
export { promotableHost, serviceEntryName, type HostPromotion } from './names';
export { registrableDomain } from './domains';
export { COMPANION_SETS, suggestCompanions } from './companions';
