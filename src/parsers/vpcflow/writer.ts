// Builds, once per format, a function that copies converted values into a record with fixed property names.
//
// Why generated code: with `vpcflow[field.key] = value` in a loop, V8 sees one keyed store with ever-changing keys
// and falls back to slow generic lookups (measured: a third of the per-line cost). A function generated per format
// writes each property by a constant name, so every store is a fast monomorphic one. The generated source contains
// only field keys that matched /^[a-z0-9]+(_[a-z0-9]+)*$/ (checked again here), so line content never becomes code.
import type { InterflowRecord } from '../../core/record.js';
import { topFields, type FieldSpec } from './fields.js';
import { protocolName } from './iana-protocols.js';
import { tcpFlagNames } from './values.js';

export type ValueWriter = (record: InterflowRecord, values: readonly (string | number | undefined)[]) => void;

const safeKey = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;

function topStatement(field: FieldSpec): string {
  switch (field.top) {
    case topFields.srcip:
      return 'record.srcip = value;';
    case topFields.dstip:
      return 'record.dstip = value;';
    case topFields.srcport:
      return 'record.srcport = value;';
    case topFields.dstport:
      return 'record.dstport = value;';
    case topFields.proto:
      return 'record.proto = value; const name = protocolName(value); if (name !== undefined) record.proto_name = name;';
    case topFields.action:
      return 'record.action = value;';
    case topFields.logStatus:
      return 'record.log_status = value;';
    case topFields.packets:
      return 'record.packets = value;';
    case topFields.bytes:
      return 'record.bytes = value;';
    case topFields.startTime:
      return 'record.start_time = value * 1000;';
    case topFields.endTime:
      return 'record.end_time = value * 1000;';
    case topFields.interfaceId:
      return 'record.interface_id = value;';
    case topFields.tcpFlags:
      return 'record.tcp_flag_names = tcpFlagNames(value);';
    default:
      return '';
  }
}

/** Compiles the writer for one field layout; `formatName` becomes the record's `vpcflow_format`. */
export function compileWriter(fields: readonly FieldSpec[], formatName: string): ValueWriter {
  const lines: string[] = ['const vpcflow = {};'];
  fields.forEach((field, position) => {
    if (!safeKey.test(field.key)) throw new Error(`unsafe VPC flow field key ${JSON.stringify(field.key)}`);
    lines.push(`{ const value = values[${position}]; if (value !== undefined) { vpcflow[${JSON.stringify(field.key)}] = value; ${topStatement(field)} } }`);
  });
  lines.push('record.vpcflow = vpcflow;', `record.vpcflow_format = ${JSON.stringify(formatName)};`);
  const factory = new Function('protocolName', 'tcpFlagNames', `return function writeValues(record, values) {\n${lines.join('\n')}\n};`) as (
    protocolNameHelper: typeof protocolName,
    tcpFlagNamesHelper: typeof tcpFlagNames,
  ) => ValueWriter;
  return factory(protocolName, tcpFlagNames);
}
