// The IANA "Assigned Internet Protocol Numbers" registry (0–255) as data: number → lowercase keyword.
//
// Source: https://www.iana.org/assignments/protocol-numbers/protocol-numbers-1.csv (as of 2024; 146 Homa is the
// newest entry). Keywords are lowercased and the registry's "(deprecated)" annotations dropped. Numbers the registry
// assigns without a keyword (61, 63, 68, 99, 114: "any host internal protocol" and the like; 253–254 experimentation)
// and the unassigned 147–252 have no entry: `proto_name` is then omitted rather than invented. Number 84 carries two
// keywords in the registry (TTP and IPTM); the first listed is used.

const keywordsInOrder: readonly (string | undefined)[] = [
  'hopopt', 'icmp', 'igmp', 'ggp', 'ipv4', 'st', 'tcp', 'cbt', 'egp', 'igp', // 0–9
  'bbn-rcc-mon', 'nvp-ii', 'pup', 'argus', 'emcon', 'xnet', 'chaos', 'udp', 'mux', 'dcn-meas', // 10–19
  'hmp', 'prm', 'xns-idp', 'trunk-1', 'trunk-2', 'leaf-1', 'leaf-2', 'rdp', 'irtp', 'iso-tp4', // 20–29
  'netblt', 'mfe-nsp', 'merit-inp', 'dccp', '3pc', 'idpr', 'xtp', 'ddp', 'idpr-cmtp', 'tp++', // 30–39
  'il', 'ipv6', 'sdrp', 'ipv6-route', 'ipv6-frag', 'idrp', 'rsvp', 'gre', 'dsr', 'bna', // 40–49
  'esp', 'ah', 'i-nlsp', 'swipe', 'narp', 'min-ipv4', 'tlsp', 'skip', 'ipv6-icmp', 'ipv6-nonxt', // 50–59
  'ipv6-opts', undefined, 'cftp', undefined, 'sat-expak', 'kryptolan', 'rvd', 'ippc', undefined, 'sat-mon', // 60–69
  'visa', 'ipcv', 'cpnx', 'cphb', 'wsn', 'pvp', 'br-sat-mon', 'sun-nd', 'wb-mon', 'wb-expak', // 70–79
  'iso-ip', 'vmtp', 'secure-vmtp', 'vines', 'ttp', 'nsfnet-igp', 'dgp', 'tcf', 'eigrp', 'ospfigp', // 80–89
  'sprite-rpc', 'larp', 'mtp', 'ax.25', 'ipip', 'micp', 'scc-sp', 'etherip', 'encap', undefined, // 90–99
  'gmtp', 'ifmp', 'pnni', 'pim', 'aris', 'scps', 'qnx', 'a/n', 'ipcomp', 'snp', // 100–109
  'compaq-peer', 'ipx-in-ip', 'vrrp', 'pgm', undefined, 'l2tp', 'ddx', 'iatp', 'stp', 'srp', // 110–119
  'uti', 'smp', 'sm', 'ptp', 'isis over ipv4', 'fire', 'crtp', 'crudp', 'sscopmce', 'iplt', // 120–129
  'sps', 'pipe', 'sctp', 'fc', 'rsvp-e2e-ignore', 'mobility header', 'udplite', 'mpls-in-ip', 'manet', 'hip', // 130–139
  'shim6', 'wesp', 'rohc', 'ethernet', 'aggfrag', 'nsh', 'homa', // 140–146
];

/** Index = protocol number 0–255; `undefined` where the registry has no keyword. */
export const ianaProtocolKeywords: readonly (string | undefined)[] = Array.from({ length: 256 }, (_, protocolNumber) =>
  protocolNumber === 255 ? 'reserved' : keywordsInOrder[protocolNumber],
);

/** The lowercase IANA keyword of a protocol number, or undefined when it has none. */
export function protocolName(protocolNumber: number): string | undefined {
  return ianaProtocolKeywords[protocolNumber];
}
