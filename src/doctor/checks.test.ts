/** Edge cases of each check, from inline manifests: what fires, what stays quiet, what is skipped. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkManifests } from './index.ts';
import type { CheckId } from './index.ts';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: kubelab/web:0.1.0
        ports: [{name: http, containerPort: 8000}]
`;

const svc = (ports: string, selector = 'app: web', ns = 'default'): string => `---
apiVersion: v1
kind: Service
metadata: {name: web-svc, namespace: ${ns}}
spec:
  selector: {${selector}}
  ports: [${ports}]
`;

const pod = (container: string): string => `apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
${container.replace(/^/gm, '    ')}
`;

const cases: { desc: string; yaml: string; want: { check: CheckId; field?: string; message?: string }[] }[] =
  [
    {
      desc: 'YAML syntax error names the line',
      yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\ndata: {}\n',
      want: [{ check: 'yaml-syntax', message: 'error converting YAML to JSON: yaml: line' }],
    },
    {
      desc: 'duplicate keys are a syntax error when the document is otherwise indented',
      yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: "1"}\ndata: {b: "2"}\n',
      want: [{ check: 'yaml-syntax', message: 'Map keys must be unique' }],
    },
    {
      desc: 'missing apiVersion and kind, worded like kubectl',
      yaml: 'metadata: {name: x}\n',
      want: [{ check: 'object-shape', message: 'error validating data: [apiVersion not set, kind not set]' }],
    },
    {
      desc: 'a list document is not an object',
      yaml: '- a\n- b\n',
      want: [{ check: 'object-shape', message: 'is a YAML list' }],
    },
    { desc: 'empty documents and comments are fine', yaml: '# nothing\n---\n---\n', want: [] },
    {
      desc: 'removed API version',
      yaml: 'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: x}\nspec: {}\n',
      want: [
        {
          check: 'no-kind-match',
          message: 'no matches for kind "Ingress" in version "networking.k8s.io/v1beta1"',
        },
      ],
    },
    {
      desc: 'misspelt built-in kind',
      yaml: 'apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: x}\n',
      want: [
        {
          check: 'no-kind-match',
          field: 'kind',
          message: 'no matches for kind "Deploymnet" in version "apps/v1"',
        },
      ],
    },
    {
      desc: 'a CRD kind from elsewhere is skipped',
      yaml: 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: x}\nspec: {anything: 1}\n',
      want: [],
    },
    {
      desc: 'a custom kind is checked against its CRD in the set; preserved subtrees stay open',
      yaml: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              size: {type: integer}
              extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w, labelz: {}}
spec: {sise: 1, extra: {anything: 1}}
`,
      want: [
        { check: 'unknown-field', field: 'spec.sise', message: 'unknown field "spec.sise"' },
        { check: 'unknown-field', field: 'metadata.labelz', message: 'unknown field "metadata.labelz"' },
      ],
    },
    {
      desc: 'v1beta1 spec.backend in a v1 Ingress',
      yaml: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x}\nspec: {backend: {serviceName: s, servicePort: 80}}\n',
      want: [
        {
          check: 'ingress-v1beta1-backend',
          field: 'spec.backend',
          message: 'spec.backend is the networking.k8s.io/v1beta1 name',
        },
      ],
    },
    {
      desc: 'enum violation',
      yaml: svc('{port: 80, protocol: XTCP}'),
      want: [
        {
          check: 'schema',
          field: 'spec.ports[0].protocol',
          message: 'Unsupported value: "XTCP": supported values: "SCTP", "TCP", "UDP"',
        },
      ],
    },
    {
      desc: 'int-or-string of the wrong type gives one finding',
      yaml: svc('{port: 80, targetPort: {x: 1}}'),
      want: [
        { check: 'schema', field: 'spec.ports[0].targetPort', message: 'must be an integer or a string' },
      ],
    },
    {
      desc: 'wrong scalar type',
      yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: three, selector: {}, template: {spec: {containers: []}}}\n',
      want: [{ check: 'schema', field: 'spec.replicas', message: 'Invalid value: "three": must be integer' }],
    },
    {
      desc: 'unknown field deep in a list, with a suggestion',
      yaml: pod('image: busybox\nimagePullPolice: Always'),
      want: [
        {
          check: 'unknown-field',
          field: 'spec.containers[0].imagePullPolice',
          message: 'unknown field "spec.containers[0].imagePullPolice"',
        },
      ],
    },
    {
      desc: 'named probe port missing from the container',
      yaml: pod('image: busybox\nreadinessProbe: {httpGet: {port: web}}'),
      want: [
        {
          check: 'probe-port',
          field: 'spec.containers[0].readinessProbe.httpGet.port',
          message: 'port "web" is not the name of any port',
        },
      ],
    },
    {
      desc: 'numeric probe port on an unknown image is not judged',
      yaml: pod('image: nginx\nlivenessProbe: {tcpSocket: {port: 1234}}'),
      want: [],
    },
    {
      desc: 'kubelab/web with --port 9000 serves 9000, not 8000',
      yaml: pod(
        'image: kubelab/web:0.1.0\nargs: [serve, --root, /app, --port, "9000"]\nreadinessProbe: {httpGet: {port: 8000}}',
      ),
      want: [{ check: 'probe-port', message: 'serves port 9000' }],
    },
    {
      desc: 'startup probe on the served port is fine',
      yaml: pod('image: registry.local/kubelab/web@sha256:abc\nstartupProbe: {tcpSocket: {port: 8000}}'),
      want: [],
    },
    {
      desc: 'grep guarded against itself is fine',
      yaml: pod(`image: busybox\nlivenessProbe: {exec: {command: [sh, -c, "ps aux | grep [m]y_proc"]}}`),
      want: [],
    },
    {
      desc: 'ps | grep without a shell wrapper is still found, on a readiness probe too',
      yaml: pod(`image: busybox\nreadinessProbe: {exec: {command: [bash, -c, "ps -ef | grep -q nginx"]}}`),
      want: [{ check: 'liveness-ps-grep', message: 'readinessProbe runs "ps -ef | grep -q nginx"' }],
    },
    { desc: 'named targetPort that exists', yaml: WEB + svc('{port: 80, targetPort: http}'), want: [] },
    {
      desc: 'named targetPort that does not exist',
      yaml: WEB + svc('{port: 80, targetPort: https}'),
      want: [
        {
          check: 'service-target-port',
          field: 'spec.ports[0].targetPort',
          message: 'targetPort "https" matches no named containerPort',
        },
      ],
    },
    {
      desc: 'targetPort defaults to port',
      yaml: WEB + svc('{port: 80}'),
      want: [
        { check: 'service-target-port', message: 'targetPort 80 is not a port the selected pods serve' },
      ],
    },
    {
      desc: 'a Service whose pods are not in the set is skipped',
      yaml: WEB + svc('{port: 53, protocol: UDP}', 'k8s-app: kube-dns', 'kube-system'),
      want: [],
    },
    {
      desc: 'maxSurge "0%" counts as 0, like the API server',
      yaml: WEB.replace(
        'spec:\n  selector',
        'spec:\n  strategy: {rollingUpdate: {maxSurge: "0%", maxUnavailable: "0%"}}\n  selector',
      ),
      want: [
        { check: 'rollout-both-zero', message: 'Invalid value: "0%": may not be 0 when `maxSurge` is 0' },
      ],
    },
    {
      desc: 'Recreate strategy ignores rollingUpdate limits here',
      yaml: WEB.replace('spec:\n  selector', 'spec:\n  strategy: {type: Recreate}\n  selector'),
      want: [],
    },
    {
      desc: 'Deployment selector not matching its template',
      yaml: WEB.replace('matchLabels: {app: web}', 'matchLabels: {app: webb}'),
      want: [
        {
          check: 'deployment-selector',
          field: 'spec.template.metadata.labels',
          message: '`selector` does not match template `labels`',
        },
      ],
    },
    {
      desc: 'canary with the same Service as the main Ingress',
      yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: main}
spec: {ingressClassName: nginx, rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: s, port: {number: 80}}}}]}}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: canary, annotations: {nginx.ingress.kubernetes.io/canary: "true"}}
spec: {ingressClassName: nginx, rules: [{http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: s, port: {number: 80}}}}]}}]}
`,
      want: [
        {
          check: 'ingress-canary',
          field: 'spec.rules[0].http.paths[0].backend.service.name',
          message: 'both send "/" to service "s"',
        },
      ],
    },
    {
      desc: 'ingressClassName checked against the IngressClasses of the set',
      yaml: `apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: traefik}
spec: {controller: traefik.io/ingress-controller}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec: {ingressClassName: nginx, defaultBackend: {service: {name: s, port: {number: 80}}}}
`,
      want: [{ check: 'ingress-class', message: 'the set defines: traefik' }],
    },
  ];

describe('checks', () => {
  for (const c of cases) {
    test(c.desc, async () => {
      const got = await checkManifests([{ path: 'inline.yaml', text: c.yaml }]);
      const show = got.map((f) => `${f.check} ${f.field}: ${f.message}`).join('\n');
      assert.equal(got.length, c.want.length, show);
      for (const w of c.want) {
        assert.ok(
          got.some(
            (f) =>
              f.check === w.check &&
              (w.field === undefined || f.field === w.field) &&
              (w.message === undefined || f.message.includes(w.message)),
          ),
          `want ${JSON.stringify(w)} in:\n${show}`,
        );
      }
    });
  }
});
