// `cwc parse`: stdin messages (or NDJSON CloudWatch events) to stdout NDJSON Interflow records, one per input line.
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { systemClock, type Clock } from '../../core/clock.js';
import { UsageError, errorMessage } from '../../core/errors.js';
import type { CloudWatchEvent, InterflowRecord, ParseContext } from '../../core/record.js';
import { baseRecord, compileVpcFlowFormat, messageTimestamp, parseEvent } from '../../parsers/index.js';
import { stringOption, type Command, type ParsedArgs } from '../command.js';

function contextFrom(args: ParsedArgs): ParseContext {
  const context: ParseContext = {};
  const logGroup = stringOption(args, 'log-group');
  if (logGroup !== undefined) context.logGroup = logGroup;
  const tenant = stringOption(args, 'tenant');
  if (tenant !== undefined) context.tenant = tenant;
  const format = stringOption(args, 'vpc-flow-format');
  if (format !== undefined) {
    try {
      compileVpcFlowFormat(format);
    } catch (error) {
      throw new UsageError(`--vpc-flow-format: ${errorMessage(error).replace(/^vpcFlowLogFormat: /, '')}`);
    }
    context.vpcFlowLogFormat = format;
  }
  // A format only makes sense for flow logs, so giving one is the same as ticking the checkmark.
  if (args.values['vpc-flow'] === true || format !== undefined) context.vpcFlowLogs = true;
  return context;
}

const optionalEventFields = { logStreamName: 'string', eventId: 'string', ingestionTime: 'number' } as const;

/** Reads one `--events` line into a CloudWatch event, or says what is wrong with it. */
export function readEventLine(line: string): CloudWatchEvent | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not JSON: ${errorMessage(error)}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const object = value as Record<string, unknown>;
  if (typeof object.message !== 'string') return 'message must be a string';
  if (typeof object.timestamp !== 'number' || !Number.isSafeInteger(object.timestamp)) return 'timestamp must be an integer (ms since epoch)';
  const event: CloudWatchEvent = { timestamp: object.timestamp, message: object.message };
  for (const [key, type] of Object.entries(optionalEventFields)) {
    const field = object[key];
    if (field === undefined || field === null) continue;
    if (typeof field !== type || (type === 'number' && !Number.isSafeInteger(field))) return `${key} must be ${type === 'number' ? 'an integer' : 'a string'}`;
    (event as unknown as Record<string, unknown>)[key] = field;
  }
  return event;
}

/**
 * Turns one input line into one record. Raw lines are dated by the message when its family states a time, else by
 * the clock (the command owns the clock; parsers stay pure). A bad `--events` line is kept whole as a generic record.
 */
export function parseLine(line: string, lineNumber: number, context: ParseContext, events: boolean, clock: Clock): InterflowRecord {
  if (events) {
    const event = readEventLine(line);
    if (typeof event !== 'string') return parseEvent(event, context);
    const record = baseRecord({ timestamp: clock(), message: line }, context, 'generic');
    record.parse_error = `--events line ${lineNumber}: ${event}`;
    return record;
  }
  const record = parseEvent({ timestamp: clock(), message: line }, context);
  const stated = messageTimestamp(record);
  if (stated !== undefined) record.timestamp = stated;
  return record;
}

export function createParseCommand(clock: Clock = systemClock): Command {
  return {
    name: 'parse',
    summary: 'Parse raw CloudWatch messages (or events) from stdin into NDJSON Interflow records',
    usage: `Usage: cwc parse [--log-group NAME] [--vpc-flow] [--vpc-flow-format FMT] [--tenant NAME] [--events]

Reads stdin one line at a time and writes one NDJSON Interflow record per line to stdout.
The family (VPC Flow, WAF, GuardDuty, ECS/EKS, other) is chosen as the connector does: the VPC Flow
checkmark, then the log group name, then the content. A line that cannot be read is still written, with
parse_error and the raw message.

Options:
  --log-group NAME       the log group the messages came from (routes aws-waf-logs-*, /aws/eks/*, /ecs/* …)
  --vpc-flow             the messages are VPC Flow Logs (the connector's VPC Flow Logs checkmark)
  --vpc-flow-format FMT  the flow log's AWS format string, e.g. '\${version} \${srcaddr} …' (implies --vpc-flow)
  --tenant NAME          tenant_name on every record
  --events               stdin is NDJSON CloudWatch events {timestamp, message, logStreamName, eventId, ingestionTime}
                         instead of raw messages; without it, timestamp comes from the message or the clock
`,
    options: {
      'log-group': { type: 'string' },
      'vpc-flow': { type: 'boolean' },
      'vpc-flow-format': { type: 'string' },
      tenant: { type: 'string' },
      events: { type: 'boolean' },
    },
    async run(args, io) {
      const context = contextFrom(args);
      const events = args.values.events === true;
      const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
      let lineNumber = 0;
      for await (const line of lines) {
        lineNumber++;
        if (!io.stdout.write(`${JSON.stringify(parseLine(line, lineNumber, context, events, clock))}\n`)) await once(io.stdout, 'drain');
      }
      return 0;
    },
  };
}

export const parseCommand: Command = createParseCommand();
