package runpodmock

// controlsIndex is GET /_mock/: every control of the mock, with a curl example ($BASE is the
// server's address). The controls need no key and are not logged.
const controlsIndex = `runpod-mock controls (no API key; not in the call log)

APIs (Authorization: Bearer <key>):
  REST v2   $BASE/v2/...        (e.g. GET $BASE/v2/pods)
  REST v1   $BASE/v1/...        (also served at $BASE/...)
  GraphQL   $BASE/graphql

GET    /_mock/                 this page
GET    /_mock/calls            the call log, oldest first (JSON; passwords, tokens and env values
                               redacted); ?format=summary counts per route
    curl $BASE/_mock/calls?format=summary
DELETE /_mock/calls            empty the call log
    curl -X DELETE $BASE/_mock/calls
POST   /_mock/faults           make a route misbehave: kind status|delay|drop|drop_after, optional
                               status, retryAfter, delayMs, times (0 = until cleared), probability
                               (0..1: the share of the route's requests hit); route "*" = every route
    curl -X POST $BASE/_mock/faults -d '{"route":"POST /v2/pods","kind":"status","status":503,"times":1}'
    curl -X POST $BASE/_mock/faults -d '{"route":"POST /v2/pods/{id}/action stop","kind":"drop_after","times":1}'
    curl -X POST $BASE/_mock/faults -d '{"route":"*","kind":"status","status":429,"retryAfter":"1","probability":0.3}'
DELETE /_mock/faults           clear every fault
    curl -X DELETE $BASE/_mock/faults
PUT    /_mock/boot-delay       how long pods started from now on take to boot (PROVISIONING the
                               first half, STARTING the second, then RUNNING)
    curl -X PUT $BASE/_mock/boot-delay -d '{"ms":10000}'
GET    /_mock/stock            free GPUs per type, cloud and data center
    curl $BASE/_mock/stock
PUT    /_mock/stock            set free GPUs of a type in a cloud: over all its data centers, or in
                               one (dataCenterId, which then offers the type)
    curl -X PUT $BASE/_mock/stock -d '{"gpuTypeId":"NVIDIA L4","cloud":"SECURE","free":0}'
    curl -X PUT $BASE/_mock/stock -d '{"gpuTypeId":"NVIDIA L4","cloud":"SECURE","dataCenterId":"US-KS-2","free":4}'
PUT    /_mock/rate-limit       REST v2 requests per minute (0 = unlimited); 429 + Retry-After past it
    curl -X PUT $BASE/_mock/rate-limit -d '{"perMinute":60}'
PUT    /_mock/token-bucket     throttle every API like a busy account: tokens refill at perSecond up
                               to burst; a request finding none gets 429 + Retry-After (0 = off)
    curl -X PUT $BASE/_mock/token-bucket -d '{"perSecond":5,"burst":10}'
PUT    /_mock/rollout          how long a serverless release takes to reach every worker
    curl -X PUT $BASE/_mock/rollout -d '{"ms":30000}'

Images whose tag is "mock-error" (e.g. "busybox:mock-error") never become healthy: REST v2
reports the pod ERROR once it has booted; v1 and GraphQL never see a runtime.
`
