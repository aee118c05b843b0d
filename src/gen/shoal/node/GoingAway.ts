// Original file: proto/node.proto


/**
 * The master marks the node Ready=Unknown with reason AgentRestarting instead of
 * AgentDisconnected: no new pods are scheduled there, but its pods stay Ready and are not
 * evicted until the masters' --agent-restart-hold has passed without the agent coming back.
 */
export interface GoingAway {
}

/**
 * The master marks the node Ready=Unknown with reason AgentRestarting instead of
 * AgentDisconnected: no new pods are scheduled there, but its pods stay Ready and are not
 * evicted until the masters' --agent-restart-hold has passed without the agent coming back.
 */
export interface GoingAway__Output {
}
