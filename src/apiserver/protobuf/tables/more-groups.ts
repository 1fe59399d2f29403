/**
 * Protobuf field tables for rbac.v1, networking.v1, policy.v1, scheduling.v1, authentication.v1, authorization.v1, autoscaling.v1, in the notation of ../schema.ts.
 * Derived from reading kubernetes/api@v0.32.4 rbac/v1, kubernetes/api@v0.32.4 networking/v1, kubernetes/api@v0.32.4 policy/v1, kubernetes/api@v0.32.4 scheduling/v1, kubernetes/api@v0.32.4 authentication/v1, kubernetes/api@v0.32.4 authorization/v1, kubernetes/api@v0.32.4 autoscaling/v1: generated.proto (field numbers, wire types) and types.go (json names,
 * omitempty, pointers, inline), for every message reachable from the kinds kubectl sends as protobuf.
 */
import type { PackageTable } from '../schema.ts';

export const RBAC_V1: PackageTable = {
  Role: 'metadata=1:meta.v1.ObjectMeta rules=2:PolicyRule[]',
  RoleBinding: 'metadata=1:meta.v1.ObjectMeta subjects=2:Subject[] roleRef=3:RoleRef',
  ClusterRole: 'metadata=1:meta.v1.ObjectMeta rules=2:PolicyRule[] aggregationRule=3:AggregationRule?',
  ClusterRoleBinding: 'metadata=1:meta.v1.ObjectMeta subjects=2:Subject[] roleRef=3:RoleRef',
  PolicyRule: 'verbs=1:s[] apiGroups=2:s[] resources=3:s[] resourceNames=4:s[] nonResourceURLs=5:s[]',
  Subject: 'kind=1:s! apiGroup=2:s name=3:s! namespace=4:s',
  RoleRef: 'apiGroup=1:s! kind=2:s! name=3:s!',
  AggregationRule: 'clusterRoleSelectors=1:meta.v1.LabelSelector[]',
};

export const NETWORKING_V1: PackageTable = {
  Ingress: 'metadata=1:meta.v1.ObjectMeta spec=2:IngressSpec status=3:IngressStatus',
  IngressSpec:
    'ingressClassName=4:s? defaultBackend=1:IngressBackend? tls=2:IngressTLS[] rules=3:IngressRule[]',
  IngressStatus: 'loadBalancer=1:IngressLoadBalancerStatus',
  IngressBackend: 'service=4:IngressServiceBackend? resource=3:core.v1.TypedLocalObjectReference?',
  IngressTLS: 'hosts=1:s[] secretName=2:s',
  IngressRule: 'host=1:s ingressRuleValue=2:IngressRuleValue^',
  IngressLoadBalancerStatus: 'ingress=1:IngressLoadBalancerIngress[]',
  IngressServiceBackend: 'name=1:s! port=2:ServiceBackendPort',
  IngressRuleValue: 'http=1:HTTPIngressRuleValue?',
  IngressLoadBalancerIngress: 'ip=1:s hostname=2:s ports=4:IngressPortStatus[]',
  ServiceBackendPort: 'name=1:s number=2:i32',
  HTTPIngressRuleValue: 'paths=1:HTTPIngressPath[]',
  IngressPortStatus: 'port=1:i32! protocol=2:s! error=3:s?',
  HTTPIngressPath: 'path=1:s pathType=3:s? backend=2:IngressBackend',
};

export const POLICY_V1: PackageTable = {
  PodDisruptionBudget:
    'metadata=1:meta.v1.ObjectMeta spec=2:PodDisruptionBudgetSpec status=3:PodDisruptionBudgetStatus',
  Eviction: 'metadata=1:meta.v1.ObjectMeta deleteOptions=2:meta.v1.DeleteOptions?',
  PodDisruptionBudgetSpec:
    'minAvailable=1:intstr.IntOrString? selector=2:meta.v1.LabelSelector? maxUnavailable=3:intstr.IntOrString? unhealthyPodEvictionPolicy=4:s?',
  PodDisruptionBudgetStatus:
    'observedGeneration=1:i64 disruptedPods=2:{s:meta.v1.Time} disruptionsAllowed=3:i32! currentHealthy=4:i32! desiredHealthy=5:i32! expectedPods=6:i32! conditions=7:meta.v1.Condition[]',
};

export const SCHEDULING_V1: PackageTable = {
  PriorityClass:
    'metadata=1:meta.v1.ObjectMeta value=2:i32! globalDefault=3:b description=4:s preemptionPolicy=5:s?',
};

export const AUTHENTICATION_V1: PackageTable = {
  TokenRequest: 'metadata=1:meta.v1.ObjectMeta spec=2:TokenRequestSpec status=3:TokenRequestStatus',
  SelfSubjectReview: 'metadata=1:meta.v1.ObjectMeta status=2:SelfSubjectReviewStatus',
  TokenRequestSpec: 'audiences=1:s[] expirationSeconds=4:i64? boundObjectRef=3:BoundObjectReference?',
  TokenRequestStatus: 'token=1:s! expirationTimestamp=2:meta.v1.Time',
  SelfSubjectReviewStatus: 'userInfo=1:UserInfo',
  BoundObjectReference: 'kind=1:s apiVersion=2:s name=3:s uid=4:s',
  UserInfo: 'username=1:s uid=2:s groups=3:s[] extra=4:{s:ExtraValue}',
};

export const AUTHORIZATION_V1: PackageTable = {
  SelfSubjectAccessReview:
    'metadata=1:meta.v1.ObjectMeta spec=2:SelfSubjectAccessReviewSpec status=3:SubjectAccessReviewStatus',
  SelfSubjectRulesReview:
    'metadata=1:meta.v1.ObjectMeta spec=2:SelfSubjectRulesReviewSpec status=3:SubjectRulesReviewStatus',
  SelfSubjectAccessReviewSpec:
    'resourceAttributes=1:ResourceAttributes? nonResourceAttributes=2:NonResourceAttributes?',
  SubjectAccessReviewStatus: 'allowed=1:b! denied=4:b reason=2:s evaluationError=3:s',
  SelfSubjectRulesReviewSpec: 'namespace=1:s',
  SubjectRulesReviewStatus:
    'resourceRules=1:ResourceRule[] nonResourceRules=2:NonResourceRule[] incomplete=3:b! evaluationError=4:s',
  ResourceAttributes:
    'namespace=1:s verb=2:s group=3:s version=4:s resource=5:s subresource=6:s name=7:s fieldSelector=8:FieldSelectorAttributes? labelSelector=9:LabelSelectorAttributes?',
  NonResourceAttributes: 'path=1:s verb=2:s',
  ResourceRule: 'verbs=1:s[] apiGroups=2:s[] resources=3:s[] resourceNames=4:s[]',
  NonResourceRule: 'verbs=1:s[] nonResourceURLs=2:s[]',
  FieldSelectorAttributes: 'rawSelector=1:s requirements=2:meta.v1.FieldSelectorRequirement[]',
  LabelSelectorAttributes: 'rawSelector=1:s requirements=2:meta.v1.LabelSelectorRequirement[]',
};

export const AUTOSCALING_V1: PackageTable = {
  HorizontalPodAutoscaler:
    'metadata=1:meta.v1.ObjectMeta spec=2:HorizontalPodAutoscalerSpec status=3:HorizontalPodAutoscalerStatus',
  HorizontalPodAutoscalerSpec:
    'scaleTargetRef=1:CrossVersionObjectReference minReplicas=2:i32? maxReplicas=3:i32! targetCPUUtilizationPercentage=4:i32?',
  HorizontalPodAutoscalerStatus:
    'observedGeneration=1:i64? lastScaleTime=2:meta.v1.Time? currentReplicas=3:i32! desiredReplicas=4:i32! currentCPUUtilizationPercentage=5:i32?',
  CrossVersionObjectReference: 'kind=1:s! name=2:s! apiVersion=3:s',
};
