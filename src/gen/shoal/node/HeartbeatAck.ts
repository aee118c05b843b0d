// Original file: proto/node.proto


export interface HeartbeatAck {
}

export interface HeartbeatAck__Output {
}
