import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cidrContains, cidrError, envVarNameError, ianaSvcNameError, ipError, ipv4Error, parseCIDR, parseIP } from '../../src/control/validation/common.ts';
import { FieldErrors, defaultPullPolicy, kindRules, type ValidationOptions } from '../../src/control/validation/index.ts';

type Any = Record<string, any>;

/** Defaults (and update defaults) then validation, as the API server runs them. */
function check(kind: string, obj: Any, old?: Any, opts?: ValidationOptions): FieldErrors {
  const r = kindRules[kind];
  r.defaults(obj);
  if (old) {
    r.defaults(old);
    r.updateDefaults?.(obj, old);
  }
  const e = new FieldErrors();
  r.validate(obj, e, old, opts);
  return e;
}

// ---- valid objects (the first two from the Kubernetes documentation) ----------------------

const nginxDeployment = (): Any => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx-deployment', labels: { app: 'nginx' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
    },
  },
});

const myService = (): Any => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'my-service' },
  spec: { selector: { 'app.kubernetes.io/name': 'MyApp' }, ports: [{ protocol: 'TCP', port: 80, targetPort: 9376 }] },
});

const nodePortService = (): Any => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'my-service' },
  spec: { type: 'NodePort', selector: { 'app.kubernetes.io/name': 'MyApp' }, ports: [{ port: 80, targetPort: 80, nodePort: 30007 }] },
});

const richPod = (): Any => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'app', namespace: 'default' },
  spec: {
    volumes: [
      { name: 'data', emptyDir: {} },
      { name: 'cfg', configMap: { name: 'app-config', items: [{ key: 'app.properties', path: 'app.properties' }] } },
    ],
    containers: [
      {
        name: 'app',
        image: 'busybox:1.36',
        command: ['sh', '-c', 'sleep 3600'],
        ports: [{ name: 'http', containerPort: 8080 }],
        env: [
          { name: 'MODE', value: 'prod' },
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'DB_PASS', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        ],
        resources: { requests: { cpu: '250m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
        livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 3, periodSeconds: 3 },
        readinessProbe: { tcpSocket: { port: 8080 } },
        volumeMounts: [
          { name: 'data', mountPath: '/data' },
          { name: 'cfg', mountPath: '/etc/config' },
        ],
      },
    ],
    tolerations: [{ key: 'example-key', operator: 'Exists', effect: 'NoSchedule' }],
    nodeSelector: { disktype: 'ssd' },
  },
});

const replicaSet = (): Any => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'frontend' },
  spec: {
    selector: { matchLabels: { tier: 'frontend' } },
    template: { metadata: { labels: { tier: 'frontend' } }, spec: { containers: [{ name: 'php-redis', image: 'gcr.io/google_samples/gb-frontend:v3' }] } },
  },
});

const replicationController = (): Any => ({
  apiVersion: 'v1',
  kind: 'ReplicationController',
  metadata: { name: 'nginx' },
  spec: { replicas: 3, selector: { app: 'nginx' }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] } } },
});

const configMap = (): Any => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'game-demo' }, data: { player_initial_lives: '3', 'game.properties': 'enemy.types=aliens,monsters\n' } });
const secret = (): Any => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, data: { username: 'YWRtaW4=', password: 'MWYyZDFlMmU2N2Rm' } });
const hpa = (): Any => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'php-apache' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' }, minReplicas: 1, maxReplicas: 10 },
});
const networkPolicy = (): Any => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'test-network-policy' },
  spec: {
    podSelector: { matchLabels: { role: 'db' } },
    policyTypes: ['Ingress', 'Egress'],
    ingress: [
      {
        from: [{ ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } }, { namespaceSelector: { matchLabels: { project: 'myproject' } } }, { podSelector: { matchLabels: { role: 'frontend' } } }],
        ports: [{ protocol: 'TCP', port: 6379 }],
      },
    ],
    egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
  },
});
const lease = (): Any => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'kube-scheduler' }, spec: { holderIdentity: 'master-1', leaseDurationSeconds: 15, renewTime: '2024-05-01T10:00:00.123456Z', leaseTransitions: 2 } });
const node = (): Any => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'worker-1' },
  spec: { podCIDR: '10.244.1.0/24', taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
  status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' }, addresses: [{ type: 'InternalIP', address: '192.168.1.10' }] },
});
const event = (): Any => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'nginx.17a2b3c4d5e6f7a8', namespace: 'default' },
  involvedObject: { kind: 'Pod', namespace: 'default', name: 'nginx', apiVersion: 'v1' },
  reason: 'Scheduled',
  message: 'Successfully assigned default/nginx to worker-1',
  type: 'Normal',
  count: 1,
});
const endpoints = (): Any => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  metadata: { name: 'my-service' },
  subsets: [{ addresses: [{ ip: '10.244.1.5', nodeName: 'worker-1' }], ports: [{ port: 9376 }] }],
});
const namespace = (): Any => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });

const valid: [string, () => Any][] = [
  ['Deployment', nginxDeployment],
  ['Service', myService],
  ['Service', nodePortService],
  ['Pod', richPod],
  ['ReplicaSet', replicaSet],
  ['ReplicationController', replicationController],
  ['ConfigMap', configMap],
  ['Secret', secret],
  ['HorizontalPodAutoscaler', hpa],
  ['NetworkPolicy', networkPolicy],
  ['Lease', lease],
  ['Node', node],
  ['Event', event],
  ['Endpoints', endpoints],
  ['Namespace', namespace],
];

describe('valid objects', () => {
  for (const [kind, make] of valid) {
    it(`${kind} ${make.name} is valid, before and after defaulting, and as its own update`, () => {
      const e0 = new FieldErrors();
      kindRules[kind].validate(make(), e0);
      expect(e0.list).toEqual([]);
      expect(check(kind, make()).list).toEqual([]);
      expect(check(kind, make(), make()).list).toEqual([]);
    });
  }

  it('covers every kind', () => {
    expect(new Set(valid.map(([k]) => k))).toEqual(new Set(Object.keys(kindRules)));
  });
});

describe('defaults', () => {
  it('nginx Deployment gets the Deployment and pod template defaults', () => {
    const d = nginxDeployment();
    kindRules.Deployment.defaults(d);
    expect(d.spec).toMatchObject({
      replicas: 3,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      minReadySeconds: 0,
    });
    expect(d.spec.template.spec).toEqual({
      containers: [
        {
          name: 'nginx',
          image: 'nginx:1.14.2',
          ports: [{ containerPort: 80, protocol: 'TCP' }],
          imagePullPolicy: 'IfNotPresent',
          terminationMessagePath: '/dev/termination-log',
          terminationMessagePolicy: 'File',
        },
      ],
      restartPolicy: 'Always',
      dnsPolicy: 'ClusterFirst',
      terminationGracePeriodSeconds: 30,
      schedulerName: 'default-scheduler',
      securityContext: {},
      enableServiceLinks: true,
    });
    const d2 = nginxDeployment();
    delete d2.spec.replicas;
    kindRules.Deployment.defaults(d2);
    expect(d2.spec.replicas).toBe(1);
  });

  it('a Recreate Deployment gets no rollingUpdate; a given rollingUpdate is completed', () => {
    const d = nginxDeployment();
    d.spec.strategy = { type: 'Recreate' };
    kindRules.Deployment.defaults(d);
    expect(d.spec.strategy).toEqual({ type: 'Recreate' });
    const d2 = nginxDeployment();
    d2.spec.strategy = { rollingUpdate: { maxSurge: 1 } };
    kindRules.Deployment.defaults(d2);
    expect(d2.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } });
  });

  it('Service defaults', () => {
    const s = myService();
    kindRules.Service.defaults(s);
    expect(s.spec).toEqual({
      selector: { 'app.kubernetes.io/name': 'MyApp' },
      ports: [{ protocol: 'TCP', port: 80, targetPort: 9376 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    });
    const s2: Any = { spec: { type: 'NodePort', sessionAffinity: 'ClientIP', ports: [{ port: 8080 }] } };
    kindRules.Service.defaults(s2);
    expect(s2.spec.ports).toEqual([{ port: 8080, protocol: 'TCP', targetPort: 8080 }]);
    expect(s2.spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    expect(s2.spec.externalTrafficPolicy).toBe('Cluster');
    const s3: Any = { spec: { type: 'ExternalName', externalName: 'db.example.com' } };
    kindRules.Service.defaults(s3);
    expect(s3.spec).toEqual({ type: 'ExternalName', externalName: 'db.example.com', sessionAffinity: 'None' });
  });

  it('Pod defaults: containers, probes, volumes, requests from limits', () => {
    const p: Any = {
      spec: {
        containers: [
          {
            name: 'a',
            image: 'busybox',
            resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '100m' } },
            livenessProbe: { httpGet: { port: 80 } },
            readinessProbe: { exec: { command: ['true'] }, periodSeconds: 0 },
            env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          },
        ],
        volumes: [{ name: 'v' }, { name: 's', secret: { secretName: 'x' } }],
      },
    };
    kindRules.Pod.defaults(p);
    const c = p.spec.containers[0];
    expect(c.imagePullPolicy).toBe('Always');
    expect(c.resources.requests).toEqual({ cpu: '100m', memory: '1Gi' });
    expect(c.livenessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.readinessProbe.periodSeconds).toBe(10);
    expect(c.env[0].valueFrom.fieldRef.apiVersion).toBe('v1');
    expect(p.spec.volumes).toEqual([
      { name: 'v', emptyDir: {} },
      { name: 's', secret: { secretName: 'x', defaultMode: 0o644 } },
    ]);
    expect(p.status).toBeUndefined();
  });

  it('templates do not take requests from limits', () => {
    const d = nginxDeployment();
    d.spec.template.spec.containers[0].resources = { limits: { cpu: '1' } };
    kindRules.Deployment.defaults(d);
    expect(d.spec.template.spec.containers[0].resources).toEqual({ limits: { cpu: '1' } });
  });

  it('hostNetwork pods publish container ports on the host', () => {
    const p: Any = { spec: { hostNetwork: true, containers: [{ name: 'a', image: 'x:1', ports: [{ containerPort: 53, protocol: 'UDP' }] }] } };
    kindRules.Pod.defaults(p);
    expect(p.spec.containers[0].ports[0]).toEqual({ containerPort: 53, protocol: 'UDP', hostPort: 53 });
  });

  it('imagePullPolicy follows the tag', () => {
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('nginx:1.25')).toBe('IfNotPresent');
    expect(defaultPullPolicy('registry.local:5000/nginx')).toBe('Always');
    expect(defaultPullPolicy('registry.local:5000/nginx:1.0')).toBe('IfNotPresent');
    expect(defaultPullPolicy('nginx@sha256:abcd')).toBe('IfNotPresent');
    expect(defaultPullPolicy('nginx:latest@sha256:abcd')).toBe('Always');
  });

  it('ReplicationController: selector and labels from the template', () => {
    const rc = replicationController();
    delete rc.spec.selector;
    kindRules.ReplicationController.defaults(rc);
    expect(rc.spec.selector).toEqual({ app: 'nginx' });
    expect(rc.metadata.labels).toEqual({ app: 'nginx' });
    expect(rc.spec.replicas).toBe(3);
    rc.spec.template.metadata.labels.extra = 'x';
    expect(rc.spec.selector).toEqual({ app: 'nginx' }); // a copy, not shared
    const rc2 = replicationController();
    rc2.spec.selector = { app: 'nginx' };
    rc2.metadata.labels = { team: 'a' };
    delete rc2.spec.replicas;
    kindRules.ReplicationController.defaults(rc2);
    expect(rc2.metadata.labels).toEqual({ team: 'a' });
    expect(rc2.spec.replicas).toBe(1);
  });

  it('ReplicaSet replicas', () => {
    const rs = replicaSet();
    kindRules.ReplicaSet.defaults(rs);
    expect(rs.spec.replicas).toBe(1);
  });

  it('Secret: type Opaque, stringData merged into data', () => {
    const s: Any = { data: { a: 'YQ==' }, stringData: { a: 'override', 'b.txt': 'héllo' } };
    kindRules.Secret.defaults(s);
    expect(s).toEqual({ type: 'Opaque', data: { a: Buffer.from('override').toString('base64'), 'b.txt': Buffer.from('héllo').toString('base64') } });
  });

  it('user keys named like Object.prototype members are kept as data', () => {
    const s: Any = JSON.parse('{"stringData": {"__proto__": "x", "constructor": "y"}}');
    kindRules.Secret.defaults(s);
    expect(Object.keys(s.data)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(s.data)).toBe(Object.prototype);
    const p: Any = JSON.parse('{"spec": {"containers": [{"name": "a", "image": "x:1", "resources": {"limits": {"__proto__": "1"}}}]}}');
    kindRules.Pod.defaults(p);
    expect(Object.keys(p.spec.containers[0].resources.requests)).toEqual(['__proto__']);
  });

  it('HPA: minReplicas 1, CPU 80% by default; behavior completed', () => {
    const h = hpa();
    delete h.spec.minReplicas;
    h.spec.behavior = { scaleDown: { stabilizationWindowSeconds: 60 } };
    kindRules.HorizontalPodAutoscaler.defaults(h);
    expect(h.spec.minReplicas).toBe(1);
    expect(h.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
    expect(h.spec.behavior.scaleUp.policies).toHaveLength(2);
    expect(h.spec.behavior.scaleDown).toEqual({ stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] });
  });

  it('Namespace: finalizer and phase', () => {
    const ns = namespace();
    kindRules.Namespace.defaults(ns);
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
  });

  it('NetworkPolicy: policyTypes from the rules, port protocol TCP', () => {
    const a: Any = { spec: { podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] } };
    kindRules.NetworkPolicy.defaults(a);
    expect(a.spec.policyTypes).toEqual(['Ingress']);
    expect(a.spec.ingress[0].ports[0].protocol).toBe('TCP');
    const b: Any = { spec: { podSelector: {}, egress: [{}] } };
    kindRules.NetworkPolicy.defaults(b);
    expect(b.spec.policyTypes).toEqual(['Ingress', 'Egress']);
  });

  it('Node: podCIDRs from podCIDR', () => {
    const n = node();
    kindRules.Node.defaults(n);
    expect(n.spec.podCIDRs).toEqual(['10.244.1.0/24']);
  });

  it('Endpoints: port protocol TCP', () => {
    const ep = endpoints();
    kindRules.Endpoints.defaults(ep);
    expect(ep.subsets[0].ports[0].protocol).toBe('TCP');
  });
});

// ---- broken objects: each reports exactly these paths -------------------------------------

type Case = [name: string, kind: string, make: () => Any, mutate: (o: Any) => void, paths: string[], reason?: RegExp];

const c0 = 'spec.containers[0]';
const tc0 = 'spec.template.spec.containers[0]';

const corpus: Case[] = [
  // Pod: containers
  ['no containers', 'Pod', richPod, (o) => (o.spec.containers = []), ['spec.containers'], /^required$/],
  ['containers missing', 'Pod', richPod, (o) => delete o.spec.containers, ['spec.containers']],
  ['spec missing', 'Pod', richPod, (o) => delete o.spec, ['spec']],
  ['container name not a DNS label', 'Pod', richPod, (o) => (o.spec.containers[0].name = 'App_1'), [`${c0}.name`], /RFC 1123 label/],
  ['duplicate container names', 'Pod', richPod, (o) => o.spec.containers.push({ name: 'app', image: 'x:1' }), ['spec.containers[1].name'], /duplicate value "app"/],
  ['init and app containers share names', 'Pod', richPod, (o) => (o.spec.initContainers = [{ name: 'app', image: 'x:1' }]), [`${c0}.name`]],
  ['image missing', 'Pod', richPod, (o) => delete o.spec.containers[0].image, [`${c0}.image`], /^required$/],
  ['image with spaces', 'Pod', richPod, (o) => (o.spec.containers[0].image = ' nginx'), [`${c0}.image`]],
  ['containerPort 0', 'Pod', richPod, (o) => (o.spec.containers[0].ports[0].containerPort = 0), [`${c0}.ports[0].containerPort`], /^required$/],
  ['containerPort too big', 'Pod', richPod, (o) => (o.spec.containers[0].ports[0].containerPort = 65536), [`${c0}.ports[0].containerPort`], /^must be between 1 and 65535$/],
  ['containerPort not an integer', 'Pod', richPod, (o) => (o.spec.containers[0].ports[0].containerPort = 80.5), [`${c0}.ports[0].containerPort`], /integer/],
  ['port protocol', 'Pod', richPod, (o) => (o.spec.containers[0].ports[0].protocol = 'HTTP'), [`${c0}.ports[0].protocol`], /unsupported value "HTTP": supported values: "TCP", "UDP", "SCTP"/],
  ['port name with underscore', 'Pod', richPod, (o) => o.spec.containers[0].ports.push({ name: 'http_port', containerPort: 9000 }), [`${c0}.ports[1].name`]],
  ['port name too long', 'Pod', richPod, (o) => o.spec.containers[0].ports.push({ name: 'a-very-long-port-name', containerPort: 9000 }), [`${c0}.ports[1].name`], /no more than 15/],
  ['port name without letters', 'Pod', richPod, (o) => o.spec.containers[0].ports.push({ name: '8080', containerPort: 9000 }), [`${c0}.ports[1].name`], /at least one letter/],
  ['duplicate port names', 'Pod', richPod, (o) => o.spec.containers[0].ports.push({ name: 'http', containerPort: 8081 }), [`${c0}.ports[1].name`]],
  ['hostPort out of range', 'Pod', richPod, (o) => (o.spec.containers[0].ports[0].hostPort = 70000), [`${c0}.ports[0].hostPort`]],
  ['hostNetwork hostPort differs', 'Pod', richPod, (o) => { o.spec.hostNetwork = true; o.spec.containers[0].ports[0].hostPort = 81; }, [`${c0}.ports[0].hostPort`], /must match `containerPort`/],
  [
    'duplicate hostPort',
    'Pod',
    richPod,
    (o) => {
      o.spec.containers[0].ports[0].hostPort = 8080;
      o.spec.containers.push({ name: 'b', image: 'x:1', ports: [{ containerPort: 9090, hostPort: 8080 }] });
    },
    ['spec.containers[1].ports[0].hostPort'],
    /duplicate value "8080\/TCP"/,
  ],
  // env
  ['env value and valueFrom', 'Pod', richPod, (o) => (o.spec.containers[0].env[1].value = 'x'), [`${c0}.env[1].valueFrom`], /may not be specified when `value` is not empty/],
  ['env name with =', 'Pod', richPod, (o) => (o.spec.containers[0].env[0].name = 'A=B'), [`${c0}.env[0].name`]],
  ['env name missing', 'Pod', richPod, (o) => delete o.spec.containers[0].env[0].name, [`${c0}.env[0].name`]],
  ['secretKeyRef without key', 'Pod', richPod, (o) => delete o.spec.containers[0].env[2].valueFrom.secretKeyRef.key, [`${c0}.env[2].valueFrom.secretKeyRef.key`]],
  ['configMapKeyRef without name', 'Pod', richPod, (o) => (o.spec.containers[0].env[2].valueFrom = { configMapKeyRef: { key: 'k' } }), [`${c0}.env[2].valueFrom.configMapKeyRef.name`]],
  ['empty valueFrom', 'Pod', richPod, (o) => (o.spec.containers[0].env[1].valueFrom = {}), [`${c0}.env[1].valueFrom`], /must specify one of/],
  ['two valueFrom sources', 'Pod', richPod, (o) => (o.spec.containers[0].env[2].valueFrom.configMapKeyRef = { name: 'a', key: 'b' }), [`${c0}.env[2].valueFrom`]],
  ['unsupported fieldPath', 'Pod', richPod, (o) => (o.spec.containers[0].env[1].valueFrom.fieldRef.fieldPath = 'spec.containers'), [`${c0}.env[1].valueFrom.fieldRef.fieldPath`]],
  ['envFrom without a source', 'Pod', richPod, (o) => (o.spec.containers[0].envFrom = [{ prefix: 'X_' }]), [`${c0}.envFrom[0]`]],
  // resources
  ['bad quantity', 'Pod', richPod, (o) => (o.spec.containers[0].resources.requests.cpu = 'lots'), [`${c0}.resources.requests[cpu]`], /must start with a number/],
  ['negative quantity', 'Pod', richPod, (o) => (o.spec.containers[0].resources.limits.memory = '-1Gi'), [`${c0}.resources.limits[memory]`]],
  ['requests above limits', 'Pod', richPod, (o) => (o.spec.containers[0].resources.requests.cpu = '1'), [`${c0}.resources.requests[cpu]`], /^must be less than or equal to cpu limit of 500m$/],
  ['unknown resource name', 'Pod', richPod, (o) => (o.spec.containers[0].resources.limits.gpu = '1'), [`${c0}.resources.limits[gpu]`, `${c0}.resources.requests[gpu]`]], // requests default from limits
  // probes
  ['probe with two handlers', 'Pod', richPod, (o) => (o.spec.containers[0].livenessProbe.exec = { command: ['true'] }), [`${c0}.livenessProbe.httpGet`], /more than 1 handler/],
  ['probe without handler', 'Pod', richPod, (o) => (o.spec.containers[0].livenessProbe = { periodSeconds: 5 }), [`${c0}.livenessProbe`], /must specify a handler type/],
  ['probe on an unknown port name', 'Pod', richPod, (o) => (o.spec.containers[0].livenessProbe.httpGet.port = 'metrics'), [`${c0}.livenessProbe.httpGet.port`], /"metrics" is not the name of a port/],
  ['probe port out of range', 'Pod', richPod, (o) => (o.spec.containers[0].readinessProbe.tcpSocket.port = 0), [`${c0}.readinessProbe.tcpSocket.port`]],
  ['probe period negative', 'Pod', richPod, (o) => (o.spec.containers[0].livenessProbe.periodSeconds = -1), [`${c0}.livenessProbe.periodSeconds`]],
  ['probe failureThreshold negative', 'Pod', richPod, (o) => (o.spec.containers[0].readinessProbe.failureThreshold = -1), [`${c0}.readinessProbe.failureThreshold`]],
  ['probe initialDelay negative', 'Pod', richPod, (o) => (o.spec.containers[0].readinessProbe.initialDelaySeconds = -5), [`${c0}.readinessProbe.initialDelaySeconds`]],
  ['liveness successThreshold 2', 'Pod', richPod, (o) => (o.spec.containers[0].livenessProbe.successThreshold = 2), [`${c0}.livenessProbe.successThreshold`], /must be 1/],
  ['exec probe without command', 'Pod', richPod, (o) => (o.spec.containers[0].readinessProbe = { exec: {} }), [`${c0}.readinessProbe.exec.command`]],
  ['grpc probe with a named port', 'Pod', richPod, (o) => (o.spec.containers[0].readinessProbe = { grpc: { port: 'http' } }), [`${c0}.readinessProbe.grpc.port`]],
  // volumes and mounts
  ['mount of an unknown volume', 'Pod', richPod, (o) => (o.spec.containers[0].volumeMounts[0].name = 'nope'), [`${c0}.volumeMounts[0].name`], /no volume named "nope"/],
  ['mount without mountPath', 'Pod', richPod, (o) => delete o.spec.containers[0].volumeMounts[1].mountPath, [`${c0}.volumeMounts[1].mountPath`]],
  ['duplicate mountPath', 'Pod', richPod, (o) => (o.spec.containers[0].volumeMounts[1].mountPath = '/data'), [`${c0}.volumeMounts[1].mountPath`]],
  ['subPath escaping the volume', 'Pod', richPod, (o) => (o.spec.containers[0].volumeMounts[0].subPath = '../etc'), [`${c0}.volumeMounts[0].subPath`]],
  ['duplicate volume names', 'Pod', richPod, (o) => { o.spec.volumes[1].name = 'data'; o.spec.containers[0].volumeMounts[1].name = 'data'; }, ['spec.volumes[1].name']],
  ['volume with two sources', 'Pod', richPod, (o) => (o.spec.volumes[0].hostPath = { path: '/tmp' }), ['spec.volumes[0].emptyDir'], /more than 1 volume type/],
  ['configMap volume without name', 'Pod', richPod, (o) => delete o.spec.volumes[1].configMap.name, ['spec.volumes[1].configMap.name']],
  ['volume item path absolute', 'Pod', richPod, (o) => (o.spec.volumes[1].configMap.items[0].path = '/etc/x'), ['spec.volumes[1].configMap.items[0].path']],
  ['volume defaultMode too big', 'Pod', richPod, (o) => (o.spec.volumes[1].configMap.defaultMode = 0o1000), ['spec.volumes[1].configMap.defaultMode']],
  ['volume name not a DNS label', 'Pod', richPod, (o) => { o.spec.volumes[0].name = 'Data'; o.spec.containers[0].volumeMounts[0].name = 'Data'; }, ['spec.volumes[0].name']],
  // pod fields
  ['restartPolicy', 'Pod', richPod, (o) => (o.spec.restartPolicy = 'Sometimes'), ['spec.restartPolicy'], /supported values: "Always", "OnFailure", "Never"/],
  ['imagePullPolicy', 'Pod', richPod, (o) => (o.spec.containers[0].imagePullPolicy = 'Sometimes'), [`${c0}.imagePullPolicy`]],
  ['dnsPolicy', 'Pod', richPod, (o) => (o.spec.dnsPolicy = 'Google'), ['spec.dnsPolicy']],
  ['dnsPolicy None without dnsConfig', 'Pod', richPod, (o) => (o.spec.dnsPolicy = 'None'), ['spec.dnsConfig']],
  ['toleration Exists with a value', 'Pod', richPod, (o) => (o.spec.tolerations[0].value = 'x'), ['spec.tolerations[0].value'], /value must be empty when `operator` is 'Exists'/],
  ['toleration effect', 'Pod', richPod, (o) => (o.spec.tolerations[0].effect = 'NoRun'), ['spec.tolerations[0].effect']],
  ['toleration operator', 'Pod', richPod, (o) => (o.spec.tolerations[0].operator = 'Matches'), ['spec.tolerations[0].operator']],
  ['toleration without key must be Exists', 'Pod', richPod, (o) => (o.spec.tolerations = [{ operator: 'Equal', value: 'x' }]), ['spec.tolerations[0].operator']],
  ['tolerationSeconds without NoExecute', 'Pod', richPod, (o) => (o.spec.tolerations[0].tolerationSeconds = 60), ['spec.tolerations[0].effect']],
  ['terminationGracePeriodSeconds negative', 'Pod', richPod, (o) => (o.spec.terminationGracePeriodSeconds = -1), ['spec.terminationGracePeriodSeconds'], /greater than or equal to 0/],
  ['activeDeadlineSeconds 0', 'Pod', richPod, (o) => (o.spec.activeDeadlineSeconds = 0), ['spec.activeDeadlineSeconds']],
  ['nodeSelector key', 'Pod', richPod, (o) => (o.spec.nodeSelector['bad key'] = 'x'), ['spec.nodeSelector[bad key]'], /^key: /],
  ['nodeSelector value', 'Pod', richPod, (o) => (o.spec.nodeSelector.disktype = 'ssd!'), ['spec.nodeSelector[disktype]'], /^value "ssd!": /],
  ['nodeName', 'Pod', richPod, (o) => (o.spec.nodeName = 'Worker_1'), ['spec.nodeName']],
  ['init container probe', 'Pod', richPod, (o) => (o.spec.initContainers = [{ name: 'init', image: 'x:1', readinessProbe: { exec: { command: ['true'] } } }]), ['spec.initContainers[0].readinessProbe']],
  ['app container restartPolicy', 'Pod', richPod, (o) => (o.spec.containers[0].restartPolicy = 'Always'), [`${c0}.restartPolicy`]],
  ['ephemeral containers on create', 'Pod', richPod, (o) => (o.spec.ephemeralContainers = [{ name: 'debug', image: 'busybox' }]), ['spec.ephemeralContainers']],
  [
    'node affinity operator',
    'Pod',
    richPod,
    (o) => (o.spec.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'Like', values: ['a'] }] }] } } }),
    ['spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator'],
  ],
  ['pod anti-affinity without topologyKey', 'Pod', richPod, (o) => (o.spec.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'x' } } }] } }), ['spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey']],
  ['wrong shapes are reported, not thrown', 'Pod', richPod, (o) => { o.spec.containers[0].ports = 'http'; o.spec.volumes[0] = 7; }, ['spec.volumes[0]', `${c0}.ports`, `${c0}.livenessProbe.httpGet.port`, `${c0}.volumeMounts[0].name`]],

  // Deployment
  ['replicas negative', 'Deployment', nginxDeployment, (o) => (o.spec.replicas = -1), ['spec.replicas'], /greater than or equal to 0/],
  ['selector missing', 'Deployment', nginxDeployment, (o) => delete o.spec.selector, ['spec.selector'], /^required$/],
  ['selector empty', 'Deployment', nginxDeployment, (o) => (o.spec.selector = {}), ['spec.selector'], /empty selector/],
  ['selector does not match the template', 'Deployment', nginxDeployment, (o) => (o.spec.selector.matchLabels.app = 'web'), ['spec.template.metadata.labels'], /^`selector` does not match template `labels`$/],
  ['template without labels', 'Deployment', nginxDeployment, (o) => delete o.spec.template.metadata, ['spec.template.metadata.labels']],
  ['template label value invalid (and so not matching)', 'Deployment', nginxDeployment, (o) => (o.spec.template.metadata.labels.app = 'ng inx'), ['spec.template.metadata.labels', 'spec.template.metadata.labels[app]']],
  ['selector operator', 'Deployment', nginxDeployment, (o) => (o.spec.selector.matchExpressions = [{ key: 'app', operator: 'Equals', values: ['nginx'] }]), ['spec.selector.matchExpressions[0].operator']],
  ['selector In without values', 'Deployment', nginxDeployment, (o) => (o.spec.selector.matchExpressions = [{ key: 'app', operator: 'In' }]), ['spec.selector.matchExpressions[0].values']],
  ['template restartPolicy Never', 'Deployment', nginxDeployment, (o) => (o.spec.template.spec.restartPolicy = 'Never'), ['spec.template.spec.restartPolicy'], /^unsupported value "Never": supported values: "Always"$/],
  ['template image missing', 'Deployment', nginxDeployment, (o) => delete o.spec.template.spec.containers[0].image, [`${tc0}.image`]],
  ['template activeDeadlineSeconds', 'Deployment', nginxDeployment, (o) => (o.spec.template.spec.activeDeadlineSeconds = 60), ['spec.template.spec.activeDeadlineSeconds']],
  ['template missing', 'Deployment', nginxDeployment, (o) => delete o.spec.template, ['spec.template']],
  ['template containerPort', 'Deployment', nginxDeployment, (o) => (o.spec.template.spec.containers[0].ports[0].containerPort = 65536), [`${tc0}.ports[0].containerPort`]],
  ['strategy type', 'Deployment', nginxDeployment, (o) => (o.spec.strategy = { type: 'BlueGreen' }), ['spec.strategy.type']],
  ['Recreate with rollingUpdate', 'Deployment', nginxDeployment, (o) => (o.spec.strategy = { type: 'Recreate', rollingUpdate: { maxSurge: 1 } }), ['spec.strategy.rollingUpdate'], /may not be specified when strategy `type` is 'Recreate'/],
  ['maxSurge and maxUnavailable both 0', 'Deployment', nginxDeployment, (o) => (o.spec.strategy = { rollingUpdate: { maxSurge: 0, maxUnavailable: '0%' } }), ['spec.strategy.rollingUpdate.maxUnavailable'], /may not be 0 when `maxSurge` is 0/],
  ['maxUnavailable over 100%', 'Deployment', nginxDeployment, (o) => (o.spec.strategy = { rollingUpdate: { maxUnavailable: '110%' } }), ['spec.strategy.rollingUpdate.maxUnavailable']],
  ['maxSurge garbage', 'Deployment', nginxDeployment, (o) => (o.spec.strategy = { rollingUpdate: { maxSurge: 'lots' } }), ['spec.strategy.rollingUpdate.maxSurge']],
  ['maxSurge negative', 'Deployment', nginxDeployment, (o) => (o.spec.strategy = { rollingUpdate: { maxSurge: -1 } }), ['spec.strategy.rollingUpdate.maxSurge']],
  ['revisionHistoryLimit negative', 'Deployment', nginxDeployment, (o) => (o.spec.revisionHistoryLimit = -1), ['spec.revisionHistoryLimit']],
  ['progressDeadlineSeconds not above minReadySeconds', 'Deployment', nginxDeployment, (o) => { o.spec.minReadySeconds = 10; o.spec.progressDeadlineSeconds = 10; }, ['spec.progressDeadlineSeconds'], /must be greater than minReadySeconds/],
  ['minReadySeconds negative', 'Deployment', nginxDeployment, (o) => (o.spec.minReadySeconds = -1), ['spec.minReadySeconds']],

  // ReplicaSet and ReplicationController
  ['ReplicaSet selector by expression does not match', 'ReplicaSet', replicaSet, (o) => (o.spec.selector = { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] }), ['spec.template.metadata.labels']],
  ['ReplicaSet template restartPolicy', 'ReplicaSet', replicaSet, (o) => (o.spec.template.spec.restartPolicy = 'OnFailure'), ['spec.template.spec.restartPolicy']],
  ['RC selector does not match', 'ReplicationController', replicationController, (o) => (o.spec.selector = { app: 'web' }), ['spec.template.metadata.labels']],
  ['RC without selector or template labels', 'ReplicationController', replicationController, (o) => { delete o.spec.selector; delete o.spec.template.metadata; }, ['spec.selector']],
  ['RC template without labels', 'ReplicationController', replicationController, (o) => delete o.spec.template.metadata, ['spec.template.metadata.labels']],
  ['RC selector label syntax', 'ReplicationController', replicationController, (o) => { o.spec.selector = { 'a b': 'x' }; }, ['spec.selector[a b]']],

  // Service
  ['service port 0', 'Service', myService, (o) => (o.spec.ports[0].port = 0), ['spec.ports[0].port']],
  ['service port too big', 'Service', myService, (o) => (o.spec.ports[0].port = 65536), ['spec.ports[0].port'], /^must be between 1 and 65535$/],
  ['service without ports', 'Service', myService, (o) => delete o.spec.ports, ['spec.ports'], /^required$/],
  ['two unnamed ports', 'Service', myService, (o) => o.spec.ports.push({ port: 443 }), ['spec.ports[0].name', 'spec.ports[1].name']],
  ['duplicate port names', 'Service', myService, (o) => (o.spec.ports = [{ name: 'web', port: 80 }, { name: 'web', port: 81 }]), ['spec.ports[1].name']],
  ['duplicate port and protocol', 'Service', myService, (o) => (o.spec.ports = [{ name: 'a', port: 80 }, { name: 'b', port: 80 }]), ['spec.ports[1]']],
  ['port name not a DNS label', 'Service', myService, (o) => (o.spec.ports[0].name = 'Web'), ['spec.ports[0].name']],
  ['targetPort name', 'Service', myService, (o) => (o.spec.ports[0].targetPort = 'http_web'), ['spec.ports[0].targetPort']],
  ['targetPort out of range', 'Service', myService, (o) => (o.spec.ports[0].targetPort = 70000), ['spec.ports[0].targetPort']],
  ['nodePort on ClusterIP', 'Service', myService, (o) => (o.spec.ports[0].nodePort = 30080), ['spec.ports[0].nodePort'], /may not be used when `type` is 'ClusterIP'/],
  ['nodePort out of range', 'Service', nodePortService, (o) => (o.spec.ports[0].nodePort = 8080), ['spec.ports[0].nodePort'], /^must be between 30000 and 32767$/],
  ['duplicate nodePort', 'Service', nodePortService, (o) => (o.spec.ports = [{ name: 'a', port: 80, nodePort: 30007 }, { name: 'b', port: 81, nodePort: 30007 }]), ['spec.ports[1].nodePort']],
  ['service type', 'Service', myService, (o) => (o.spec.type = 'Internal'), ['spec.type']],
  ['clusterIP invalid', 'Service', myService, (o) => (o.spec.clusterIP = '10.0.0.256'), ['spec.clusterIP'], /valid IPv4/],
  ['clusterIP IPv6 not served', 'Service', myService, (o) => (o.spec.clusterIP = 'fd00::1'), ['spec.clusterIP']],
  ['headless NodePort', 'Service', nodePortService, (o) => (o.spec.clusterIP = 'None'), ['spec.clusterIP']],
  ['sessionAffinity', 'Service', myService, (o) => (o.spec.sessionAffinity = 'Sticky'), ['spec.sessionAffinity']],
  ['affinity timeout 0', 'Service', myService, (o) => { o.spec.sessionAffinity = 'ClientIP'; o.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 0 } }; }, ['spec.sessionAffinityConfig.clientIP.timeoutSeconds'], /between 1 and 86400/],
  ['affinity timeout too long', 'Service', myService, (o) => { o.spec.sessionAffinity = 'ClientIP'; o.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 86401 } }; }, ['spec.sessionAffinityConfig.clientIP.timeoutSeconds']],
  ['affinity config without ClientIP', 'Service', myService, (o) => (o.spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 60 } }), ['spec.sessionAffinityConfig']],
  ['service selector key', 'Service', myService, (o) => (o.spec.selector['-x'] = 'y'), ['spec.selector[-x]']],
  ['service port protocol', 'Service', myService, (o) => (o.spec.ports[0].protocol = 'HTTP'), ['spec.ports[0].protocol']],
  ['ExternalName without name', 'Service', myService, (o) => { o.spec = { type: 'ExternalName' }; }, ['spec.externalName']],
  ['ExternalName with clusterIP', 'Service', myService, (o) => { o.spec = { type: 'ExternalName', externalName: 'db.example.com', clusterIP: '10.0.0.1' }; }, ['spec.clusterIP']],
  ['externalTrafficPolicy on ClusterIP', 'Service', myService, (o) => (o.spec.externalTrafficPolicy = 'Local'), ['spec.externalTrafficPolicy']],

  // Endpoints
  ['endpoint IP invalid', 'Endpoints', endpoints, (o) => (o.subsets[0].addresses[0].ip = '999.1.1.1'), ['subsets[0].addresses[0].ip']],
  ['endpoint IP loopback', 'Endpoints', endpoints, (o) => (o.subsets[0].addresses[0].ip = '127.0.0.1'), ['subsets[0].addresses[0].ip'], /loopback/],
  ['endpoint port 0', 'Endpoints', endpoints, (o) => (o.subsets[0].ports[0].port = 0), ['subsets[0].ports[0].port']],
  ['endpoint port over range', 'Endpoints', endpoints, (o) => (o.subsets[0].ports[0].port = 65536), ['subsets[0].ports[0].port']],
  ['endpoint subset without addresses', 'Endpoints', endpoints, (o) => (o.subsets[0].addresses = []), ['subsets[0]']],

  // ConfigMap and Secret
  ['config key with a slash', 'ConfigMap', configMap, (o) => (o.data['bad/key'] = 'x'), ['data[bad/key]']],
  ['config key ..', 'ConfigMap', configMap, (o) => (o.data['..x'] = 'x'), ['data[..x]']],
  ['key in data and binaryData', 'ConfigMap', configMap, (o) => (o.binaryData = { player_initial_lives: 'Mw==' }), ['binaryData[player_initial_lives]'], /duplicate of key present in data/],
  ['binaryData not base64', 'ConfigMap', configMap, (o) => (o.binaryData = { b: 'not base64!' }), ['binaryData[b]']],
  ['config too large', 'ConfigMap', configMap, (o) => (o.data.big = 'x'.repeat(1024 * 1024)), ['data']],
  ['secret data not base64', 'Secret', secret, (o) => (o.data.password = 'secret!'), ['data[password]'], /base64/],
  ['secret key invalid', 'Secret', secret, (o) => (o.stringData = { 'a b': 'x' }), ['data[a b]']],
  ['tls secret without key', 'Secret', secret, (o) => { o.type = 'kubernetes.io/tls'; o.data = { 'tls.crt': 'Y2VydA==' }; }, ['data[tls.key]']],
  ['dockerconfigjson not JSON', 'Secret', secret, (o) => { o.type = 'kubernetes.io/dockerconfigjson'; o.data = { '.dockerconfigjson': Buffer.from('{oops').toString('base64') }; }, ['data[.dockerconfigjson]']],
  ['basic-auth without username or password', 'Secret', secret, (o) => { o.type = 'kubernetes.io/basic-auth'; o.data = {}; }, ['data[username]']],

  // HPA
  ['maxReplicas 0', 'HorizontalPodAutoscaler', hpa, (o) => (o.spec.maxReplicas = 0), ['spec.maxReplicas']],
  ['minReplicas above max', 'HorizontalPodAutoscaler', hpa, (o) => (o.spec.minReplicas = 11), ['spec.maxReplicas'], /minReplicas/],
  ['minReplicas 0', 'HorizontalPodAutoscaler', hpa, (o) => (o.spec.minReplicas = 0), ['spec.minReplicas']],
  ['scaleTargetRef without name', 'HorizontalPodAutoscaler', hpa, (o) => delete o.spec.scaleTargetRef.name, ['spec.scaleTargetRef.name']],
  ['scaleTargetRef missing', 'HorizontalPodAutoscaler', hpa, (o) => delete o.spec.scaleTargetRef, ['spec.scaleTargetRef']],
  ['metric type', 'HorizontalPodAutoscaler', hpa, (o) => (o.spec.metrics = [{ type: 'Memory' }]), ['spec.metrics[0].type']],
  ['utilization 0', 'HorizontalPodAutoscaler', hpa, (o) => (o.spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 0 } } }]), ['spec.metrics[0].resource.target.averageUtilization']],
  ['pods metric with utilization', 'HorizontalPodAutoscaler', hpa, (o) => (o.spec.metrics = [{ type: 'Pods', pods: { metric: { name: 'rps' }, target: { type: 'Utilization', averageUtilization: 50 } } }]), ['spec.metrics[0].pods.target.type']],
  ['metric source mismatch', 'HorizontalPodAutoscaler', hpa, (o) => (o.spec.metrics = [{ type: 'Resource', pods: { metric: { name: 'rps' }, target: { type: 'AverageValue', averageValue: '1k' } } }]), ['spec.metrics[0].pods', 'spec.metrics[0].resource']],
  ['scaling policy period', 'HorizontalPodAutoscaler', hpa, (o) => (o.spec.behavior = { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 3600 }] } }), ['spec.behavior.scaleUp.policies[0].periodSeconds']],

  // NetworkPolicy
  ['podSelector missing', 'NetworkPolicy', networkPolicy, (o) => delete o.spec.podSelector, ['spec.podSelector']],
  ['policyTypes value', 'NetworkPolicy', networkPolicy, (o) => (o.spec.policyTypes = ['Both']), ['spec.policyTypes[0]']],
  ['ipBlock cidr', 'NetworkPolicy', networkPolicy, (o) => (o.spec.ingress[0].from[0].ipBlock = { cidr: '172.17.0.0/40' }), ['spec.ingress[0].from[0].ipBlock.cidr']],
  ['ipBlock except outside', 'NetworkPolicy', networkPolicy, (o) => (o.spec.ingress[0].from[0].ipBlock.except = ['10.0.0.0/24']), ['spec.ingress[0].from[0].ipBlock.except[0]'], /strict subset/],
  ['ipBlock with a selector', 'NetworkPolicy', networkPolicy, (o) => (o.spec.ingress[0].from[0].podSelector = {}), ['spec.ingress[0].from[0]']],
  ['empty peer', 'NetworkPolicy', networkPolicy, (o) => (o.spec.egress[0].to = [{}]), ['spec.egress[0].to[0]']],
  ['endPort below port', 'NetworkPolicy', networkPolicy, (o) => (o.spec.ingress[0].ports[0].endPort = 6000), ['spec.ingress[0].ports[0].endPort']],
  ['network policy port name', 'NetworkPolicy', networkPolicy, (o) => (o.spec.ingress[0].ports[0].port = 'REDIS'), ['spec.ingress[0].ports[0].port']],

  // Lease, Node, Event, Namespace
  ['lease duration 0', 'Lease', lease, (o) => (o.spec.leaseDurationSeconds = 0), ['spec.leaseDurationSeconds']],
  ['lease renewTime', 'Lease', lease, (o) => (o.spec.renewTime = 'yesterday'), ['spec.renewTime']],
  ['taint effect missing', 'Node', node, (o) => delete o.spec.taints[0].effect, ['spec.taints[0].effect']],
  ['taint effect empty', 'Node', node, (o) => (o.spec.taints[0].effect = ''), ['spec.taints[0].effect']],
  ['duplicate taints', 'Node', node, (o) => o.spec.taints.push({ key: 'dedicated', value: 'other', effect: 'NoSchedule' }), ['spec.taints[1]']],
  ['podCIDR invalid', 'Node', node, (o) => (o.spec.podCIDR = '10.244.1.0/33'), ['spec.podCIDR']],
  ['node capacity quantity', 'Node', node, (o) => (o.status.capacity.memory = '8 GB'), ['status.capacity[memory]']],
  ['event without involvedObject', 'Event', event, (o) => delete o.involvedObject, ['involvedObject'], /^required$/],
  ['event in another namespace', 'Event', event, (o) => (o.involvedObject.namespace = 'kube-system'), ['involvedObject.namespace']],
  ['namespace finalizer', 'Namespace', namespace, (o) => (o.spec = { finalizers: ['foo'] }), ['spec.finalizers[0]']],
];

describe('broken objects report exactly the bad paths', () => {
  for (const [name, kind, make, mutate, paths, reason] of corpus) {
    it(`${kind}: ${name}`, () => {
      const obj = make();
      mutate(obj);
      const e = check(kind, obj);
      expect(e.paths()).toEqual(paths);
      if (reason) expect(e.list[0].reason).toMatch(reason);
      for (const err of e.list) expect(err.reason.length).toBeGreaterThan(0);
    });
  }

  it('the nodePort range is a parameter', () => {
    const s = nodePortService();
    s.spec.ports[0].nodePort = 8080;
    expect(check('Service', s, undefined, { nodePortRange: { min: 8000, max: 9000 } }).list).toEqual([]);
  });

  it('headless and ExternalName services need no ports', () => {
    expect(check('Service', { spec: { clusterIP: 'None', selector: { app: 'db' } } }).list).toEqual([]);
    expect(check('Service', { spec: { type: 'ExternalName', externalName: 'my.database.example.com' } }).list).toEqual([]);
  });
});

// ---- updates ------------------------------------------------------------------------------

describe('updates', () => {
  const update = (kind: string, make: () => Any, mutate: (o: Any) => void) => {
    const old = make();
    kindRules[kind].defaults(old);
    const next = structuredClone(old);
    mutate(next);
    return check(kind, next, old);
  };

  it('Deployment and ReplicaSet selectors are immutable', () => {
    const e = update('Deployment', nginxDeployment, (o) => {
      o.spec.selector.matchLabels.tier = 'web';
      o.spec.template.metadata.labels.tier = 'web';
    });
    expect(e.paths()).toEqual(['spec.selector']);
    expect(e.list[0].reason).toBe('field is immutable');
    expect(update('ReplicaSet', replicaSet, (o) => (o.spec.selector = { matchLabels: { tier: 'frontend', x: 'y' } })).paths()).toEqual(['spec.template.metadata.labels', 'spec.selector']);
    expect(update('Deployment', nginxDeployment, (o) => (o.spec.replicas = 10)).list).toEqual([]);
  });

  it('a ReplicationController selector may change', () => {
    expect(update('ReplicationController', replicationController, (o) => {
      o.spec.selector = { app: 'nginx', v: '2' };
      o.spec.template.metadata.labels.v = '2';
    }).list).toEqual([]);
  });

  it('Service clusterIP is immutable once set, and kept when left out', () => {
    const withIP = () => ({ ...myService(), spec: { ...myService().spec, clusterIP: '10.96.0.10' } });
    expect(update('Service', withIP, (o) => { o.spec.clusterIP = '10.96.0.11'; o.spec.clusterIPs = ['10.96.0.11']; }).paths()).toEqual(['spec.clusterIP']);
    expect(update('Service', withIP, (o) => (o.spec.clusterIP = '10.96.0.11')).paths()).toEqual(['spec.clusterIPs[0]', 'spec.clusterIP']);
    const kept: Any = myService();
    const old = withIP();
    kindRules.Service.defaults(old);
    expect(check('Service', kept, old).list).toEqual([]);
    expect(kept.spec.clusterIP).toBe('10.96.0.10');
    expect(kept.spec.clusterIPs).toEqual(['10.96.0.10']);
    expect(update('Service', withIP, (o) => (o.spec = { type: 'ExternalName', externalName: 'x.example.com' })).list).toEqual([]);
  });

  it('NodePort is kept when left out', () => {
    const old = nodePortService();
    kindRules.Service.defaults(old);
    const next = nodePortService();
    delete next.spec.ports[0].nodePort;
    expect(check('Service', next, old).list).toEqual([]);
    expect(next.spec.ports[0].nodePort).toBe(30007);
  });

  it('immutable ConfigMaps and Secrets', () => {
    const imm = () => ({ ...configMap(), immutable: true });
    expect(update('ConfigMap', imm, (o) => (o.data.player_initial_lives = '5')).paths()).toEqual(['data']);
    expect(update('ConfigMap', imm, (o) => (o.immutable = false)).paths()).toEqual(['immutable']);
    expect(update('ConfigMap', imm, (o) => (o.metadata.labels = { a: 'b' })).list).toEqual([]);
    expect(update('ConfigMap', configMap, (o) => (o.data.x = 'y')).list).toEqual([]);
    expect(update('Secret', () => ({ ...secret(), immutable: true }), (o) => (o.stringData = { username: 'root' })).paths()).toEqual(['data']);
    expect(update('Secret', secret, (o) => (o.type = 'kubernetes.io/basic-auth')).paths()).toEqual(['type']);
  });

  it('pod spec is mostly immutable', () => {
    expect(update('Pod', richPod, (o) => (o.spec.containers[0].image = 'busybox:1.37')).list).toEqual([]);
    expect(update('Pod', richPod, (o) => o.spec.tolerations.push({ key: 'k', operator: 'Exists' })).list).toEqual([]);
    expect(update('Pod', richPod, (o) => (o.spec.activeDeadlineSeconds = 100)).list).toEqual([]);
    expect(update('Pod', richPod, (o) => (o.spec.nodeName = 'worker-1')).list).toEqual([]);
    const e = update('Pod', richPod, (o) => (o.spec.containers[0].ports[0].containerPort = 9090));
    expect(e.paths()).toEqual(['spec']);
    expect(e.list[0].reason).toMatch(/^pod updates may not change fields other than `spec.containers\[\*\].image`/);
    expect(e.list[0].reason).toMatch(/changed: spec.containers\[0\].ports\[0\].containerPort$/);
    expect(update('Pod', richPod, (o) => (o.spec.tolerations = [])).paths()).toEqual(['spec']);
    expect(update('Pod', richPod, (o) => (o.spec.restartPolicy = 'Never')).paths()).toEqual(['spec']);
    const bound = () => ({ ...richPod(), spec: { ...richPod().spec, nodeName: 'worker-1', activeDeadlineSeconds: 100 } });
    expect(update('Pod', bound, (o) => (o.spec.nodeName = 'worker-2')).paths()).toEqual(['spec']);
    expect(update('Pod', bound, (o) => (o.spec.activeDeadlineSeconds = 50)).list).toEqual([]);
    expect(update('Pod', bound, (o) => (o.spec.activeDeadlineSeconds = 200)).paths()).toEqual(['spec.activeDeadlineSeconds']);
    expect(update('Pod', bound, (o) => delete o.spec.activeDeadlineSeconds).paths()).toEqual(['spec.activeDeadlineSeconds']);
    expect(update('Pod', richPod, (o) => (o.status = { phase: 'Running', podIP: '10.244.1.7' })).list).toEqual([]);
    expect(update('Pod', richPod, (o) => (o.status = { phase: 'Sleeping' })).paths()).toEqual(['status.phase']);
  });

  it('node podCIDR and providerID are set once', () => {
    expect(update('Node', node, (o) => (o.spec.podCIDR = '10.244.2.0/24')).paths()).toContain('spec.podCIDR');
    expect(update('Node', node, (o) => (o.spec.unschedulable = true)).list).toEqual([]);
    expect(update('Node', () => ({ ...node(), spec: {} }), (o) => (o.spec.podCIDR = '10.244.2.0/24')).list).toEqual([]);
  });
});

// ---- never throws -------------------------------------------------------------------------

type Path = (string | number)[];

function allPaths(v: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...allPaths(x, [...prefix, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...allPaths(x, [...prefix, k]));
  return out;
}

const interesting = fc.constantFrom<unknown>('', 0, -1, 1.5, 65536, 2 ** 53, null, [], {}, [null], [{}], 'None', '25%', '101%', 'abc', 'Always', true, '__proto__', 'constructor', 'toString', '1e400', 'NaN');
const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), interesting);
const mutation = fc.record({ pick: fc.nat(), action: fc.constantFrom('set', 'delete', 'add'), value, key: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('name', 'image', 'ports', 'selector', 'matchLabels', 'template', 'spec', 'constructor', '__proto__')) });

function mutate(obj: Any, muts: { pick: number; action: string; value: unknown; key: string }[]): Any {
  for (const m of muts) {
    const paths = allPaths(obj);
    const path = paths[m.pick % paths.length];
    if (path.length === 0) continue;
    let parent: any = obj;
    for (const p of path.slice(0, -1)) parent = parent[p];
    const last = path[path.length - 1];
    const target = parent[last];
    if (m.action === 'delete') {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
    } else if (m.action === 'add' && target && typeof target === 'object') {
      if (Array.isArray(target)) target.push(structuredClone(m.value));
      else Object.defineProperty(target, m.key, { value: structuredClone(m.value), enumerable: true, writable: true, configurable: true });
    } else {
      parent[last] = structuredClone(m.value);
    }
  }
  return obj;
}

describe('validators never throw', () => {
  it('random mutations of a valid Deployment give errors, not exceptions', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), (muts, asUpdate) => {
        const obj = mutate(nginxDeployment(), muts);
        const old = asUpdate ? nginxDeployment() : undefined;
        const e = check('Deployment', obj, old);
        for (const err of e.list) {
          expect(typeof err.path).toBe('string');
          expect(typeof err.reason).toBe('string');
        }
        // Validation alone (without defaults) is just as safe.
        kindRules.Deployment.validate(mutate(nginxDeployment(), muts), new FieldErrors());
      }),
      { numRuns: 2000 },
    );
  });

  it('random mutations of every kind give errors, not exceptions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: valid.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (i, muts, asUpdate) => {
        const [kind, make] = valid[i];
        const obj = mutate(make(), muts);
        check(kind, obj, asUpdate ? make() : undefined);
        // and the other way round: a valid object updating a broken one
        if (asUpdate) check(kind, make(), mutate(make(), muts));
      }),
      { numRuns: 3000 },
    );
  });

  it('arbitrary JSON objects give errors, not exceptions', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(kindRules)), fc.dictionary(fc.constantFrom('spec', 'status', 'data', 'binaryData', 'stringData', 'type', 'subsets', 'involvedObject', 'metadata', 'immutable'), fc.jsonValue({ maxDepth: 4 })), (kind, obj) => {
        check(kind, obj as Any, structuredClone(obj) as Any);
      }),
      { numRuns: 1000 },
    );
  });
});

// ---- shared syntax helpers ----------------------------------------------------------------

describe('address and name helpers', () => {
  it('IP addresses', () => {
    for (const ok of ['10.0.0.1', '0.0.0.0', '255.255.255.255', '::', '::1', 'fe80::1', '2001:db8::ffff', '1:2:3:4:5:6:7:8', '::ffff:10.0.0.1', '1:2:3:4:5:6:1.2.3.4', '::1.2.3.4']) {
      expect(ipError(ok), ok).toBeUndefined();
    }
    for (const bad of ['', '10.0.0', '10.0.0.256', '010.0.0.1', '1.2.3.4.5', ':::', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', 'g::1', '1:2:3:4:5:6:7:1.2.3.4', 'localhost', ' 10.0.0.1']) {
      expect(ipError(bad), bad).toBeDefined();
    }
    expect(ipv4Error('fd00::1')).toMatch(/IPv4/);
    expect(parseIP('::ffff:10.0.0.1')).toEqual({ family: 6, n: (0xffffn << 32n) | 0x0a000001n });
    expect(parseIP('1::')?.n).toBe(1n << 112n);
  });

  it('CIDRs and containment', () => {
    expect(cidrError('10.244.0.0/16')).toBeUndefined();
    expect(cidrError('10.244.0.1/24')).toBeUndefined(); // host bits allowed, as in Kubernetes
    expect(cidrError('2001:db8::/64')).toBeUndefined();
    for (const bad of ['10.0.0.0', '10.0.0.0/33', '10.0.0.0/', '10.0.0.0/08', 'fd00::/129', '/8']) expect(cidrError(bad), bad).toBeDefined();
    const a = parseCIDR('172.17.0.0/16')!;
    expect(cidrContains(a, parseCIDR('172.17.1.0/24')!, true)).toBe(true);
    expect(cidrContains(a, parseCIDR('172.17.0.0/16')!, true)).toBe(false);
    expect(cidrContains(a, parseCIDR('172.17.0.0/16')!, false)).toBe(true);
    expect(cidrContains(a, parseCIDR('172.18.0.0/24')!, true)).toBe(false);
    expect(cidrContains(a, parseCIDR('172.0.0.0/8')!, false)).toBe(false);
    expect(cidrContains(a, parseCIDR('fd00::/64')!, false)).toBe(false);
  });

  it('port and env names', () => {
    expect(ianaSvcNameError('http')).toBeUndefined();
    expect(ianaSvcNameError('web-8080')).toBeUndefined();
    expect(ianaSvcNameError('a--b')).toMatch(/consecutive/);
    expect(ianaSvcNameError('-web')).toMatch(/begin or end/);
    expect(ianaSvcNameError('Web')).toMatch(/alpha-numeric/);
    expect(envVarNameError('MY_VAR')).toBeUndefined();
    expect(envVarNameError('my.var-1 x')).toBeUndefined();
    expect(envVarNameError('A=B')).toMatch(/other than '='/);
    expect(envVarNameError('tab\there')).toBeDefined();
  });
});
