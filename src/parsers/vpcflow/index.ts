// Public surface of the VPC Flow Logs parser (issue 3): the parser, format compilation, and the content sniff.
export { parseVpcFlow } from './parse.js';
export { compileVpcFlowFormat, DEFAULT_VPC_FLOW_FORMAT, type CompiledVpcFlowFormat } from './format.js';
export { looksLikeVpcFlow } from './sniff.js';
export { documentedVpcFlowFormats } from './known-formats.js';
export { knownFields, type FieldSpec } from './fields.js';
export { ianaProtocolKeywords, protocolName } from './iana-protocols.js';
