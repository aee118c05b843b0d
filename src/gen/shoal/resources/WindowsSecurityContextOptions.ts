// Original file: proto/resources.proto


export interface WindowsSecurityContextOptions {
  'gmsaCredentialSpecName'?: (string);
  'gmsaCredentialSpec'?: (string);
  'runAsUserName'?: (string);
  'hostProcess'?: (boolean);
  '_hostProcess'?: "hostProcess";
}

export interface WindowsSecurityContextOptions__Output {
  'gmsaCredentialSpecName': (string);
  'gmsaCredentialSpec': (string);
  'runAsUserName': (string);
  'hostProcess'?: (boolean);
  '_hostProcess'?: "hostProcess";
}
