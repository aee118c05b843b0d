// Original file: proto/api.proto

import type { KindInfo as _shoal_api_KindInfo, KindInfo__Output as _shoal_api_KindInfo__Output } from '../../shoal/api/KindInfo.ts';

export interface KindsResponse {
  'kinds'?: (_shoal_api_KindInfo)[];
}

export interface KindsResponse__Output {
  'kinds': (_shoal_api_KindInfo__Output)[];
}
