package acctest

// V1Differences lists the acceptance tests that run on REST v1 as well as on REST v2, each with
// what REST v1 does differently that the test checks. RunPod retired REST v1 (and retires
// GraphQL in 2027); the provider still speaks it behind the same schema (api_version = "v1"),
// so what v1 does differently is checked here, through Terraform, and everything else of the v1
// client at the client level, against the mock, in internal/runpod/runpodapi: the fault matrix
// (TestFaultMatrix), the round trips of every input type (TestPodCreateRoundTrips and the
// others), lost-create recovery and the read-back of updates. The module switch test
// (runpodprovider TestAccModule_switchingAPIVersionChangesNothing) checks that moving a
// configuration from one API to the other changes nothing.
//
// TestV1DifferencesNameAcceptanceTests fails when an entry names no test that calls OnAPIs.
var V1Differences = map[string]string{}
