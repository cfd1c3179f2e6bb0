// Which of our lists (data/lists.json) an official list name is, where that is certain from the
// name alone. Programs that span several of our lists (EU regimes, OFAC's non-SDN programs) get none.
const LISTS: Array<[RegExp, string]> = [
  [/Specially Designated Nationals|^SDN List$/i, 'us-ofac-sdn'],
  [/Sectoral Sanctions Identifications/i, 'us-ofac-ssi'],
  [/Chinese Military-Industrial Complex|^Non-SDN CMIC List$/i, 'us-ofac-ns-cmic'],
  [/Menu-Based Sanctions/i, 'us-ofac-ns-mbs'],
  [/^Entity List\b/i, 'us-bis-entity-list'],
  [/^Denied Persons List/i, 'us-bis-denied-persons'],
  [/^Unverified List/i, 'us-bis-unverified-list'],
  [/^Military End User/i, 'us-bis-meu-list'],
];

export function listIdOf(name: string): string | undefined {
  return LISTS.find(([re]) => re.test(name.trim()))?.[1];
}
