// Reasons on a node's Ready condition that the node hub sets and the node lifecycle controller
// acts on (one name, two places).

/** The agent stopped on purpose and left its pods running (a restart, an upgrade): a hold, not a loss. */
export const AGENT_RESTARTING = 'AgentRestarting';
