// Original file: proto/resources.proto


export interface EventSeries {
  'count'?: (number);
  'lastObservedTime'?: (string);
}

export interface EventSeries__Output {
  'count': (number);
  'lastObservedTime': (string);
}
