// Reads a connector JSON file (for `cwc collect`, `cwc test`, `cwc iam-policy`) and validates it, naming the file on errors.
import { readFile } from 'node:fs/promises';
import { UsageError, ValidationError } from '../core/errors.js';
import { validateConnector, type Connector } from '../core/connector.js';
import { compileVpcFlowFormat } from '../parsers/index.js';

/** Schema validation plus the rules that need a parser: the VPC Flow format string must compile. */
export function validateConnectorFully(input: unknown): Connector {
  const connector = validateConnector(input);
  const format = connector.config.vpcFlowLogFormat;
  if (format !== undefined) {
    try {
      compileVpcFlowFormat(format);
    } catch (error) {
      throw new ValidationError([{ path: 'config.vpcFlowLogFormat', message: (error as Error).message.replace(/^vpcFlowLogFormat:\s*/, '') }]);
    }
  }
  return connector;
}

export async function loadConnectorFile(path: string): Promise<Connector> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--connector: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--connector: ${path} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return validateConnectorFully(input);
  } catch (error) {
    if (error instanceof ValidationError) throw new UsageError(`${path}: ${error.message}`, error.details);
    throw error;
  }
}
