// Reads a connector JSON file (for `cwc collect`, `cwc test`, `cwc iam-policy`) and validates it, naming the file on errors.
import { readFile } from 'node:fs/promises';
import { UsageError, ValidationError } from '../core/errors.js';
import { validateConnector, type Connector } from '../core/connector.js';

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
    return validateConnector(input);
  } catch (error) {
    if (error instanceof ValidationError) throw new UsageError(`${path}: ${error.message}`, error.details);
    throw error;
  }
}
