// Original file: proto/api.proto


export interface KindsRequest {
}

export interface KindsRequest__Output {
}
