// Original file: proto/resources.proto


/**
 * Points at the object that owns this one; the garbage collector deletes dependents whose
 * owners are gone.
 */
export interface OwnerReference {
  'apiVersion'?: (string);
  'kind'?: (string);
  'name'?: (string);
  'uid'?: (string);
  /**
   * True on the one owner that manages this object (e.g. the ReplicaSet of a pod).
   */
  'controller'?: (boolean);
  /**
   * Foreground deletion of the owner waits for this dependent when true.
   */
  'blockOwnerDeletion'?: (boolean);
  '_controller'?: "controller";
  '_blockOwnerDeletion'?: "blockOwnerDeletion";
}

/**
 * Points at the object that owns this one; the garbage collector deletes dependents whose
 * owners are gone.
 */
export interface OwnerReference__Output {
  'apiVersion': (string);
  'kind': (string);
  'name': (string);
  'uid': (string);
  /**
   * True on the one owner that manages this object (e.g. the ReplicaSet of a pod).
   */
  'controller'?: (boolean);
  /**
   * Foreground deletion of the owner waits for this dependent when true.
   */
  'blockOwnerDeletion'?: (boolean);
  '_controller'?: "controller";
  '_blockOwnerDeletion'?: "blockOwnerDeletion";
}
