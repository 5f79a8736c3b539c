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
var V1Differences = map[string]string{
	// pod
	"TestAccPodDataSources":                    "REST v1 reads a running pod's runtime with a second call (GraphQL), and reports last_status_change, a GPU display name and an IP of HTTP ports, but no status",
	"TestAccPod_backendOnlySettingsFailAtPlan": "REST v1 refuses the settings only REST v2 has (start_ssh, start_jupyter, min_cuda_version) at plan time, with its own diagnostics, and takes those v2 refuses",
	"TestAccPod_createFull":                    "REST v1 takes the host filters, pod volume and entrypoint that v2 refuses, and the lock with the create (v2 PATCHes it after), and reads them back",
	"TestAccPod_createMinimal":                 "REST v1 applies the pod defaults itself (the provider sends none) and reports a GPU display name, memory, machine, adjusted cost and a Go-format last_started_at, but no status, CUDA version or SSH proxy command",
	"TestAccPod_createWaitTimeout":             "REST v1 observes no container status: the timeout error says the pod still lacks its public IP",
	"TestAccPod_errorStatusFailsFast":          "REST v1 reports a container that cannot start as running: the create waits out its timeout instead of failing at once",
	"TestAccPod_globalNetworkingRestartsOnV2":  "REST v1 applies a global_networking change with the reset: no restart after the PATCH, and the plan's warning says none",
	"TestAccPod_gpuPriorityListAllOutOfStock":  "REST v1 takes the priority list in one create, and its capacity error names no GPU type tried",
	"TestAccPod_importExistingPlansNoReplace":  "REST v1 does not report global networking: after an import the configured value is recorded without a call, not planned as a reset (provider code that runs on v1 only)",
	"TestAccPod_waitsUntilReady":               "REST v1 watches pods without public TCP ports through GraphQL runtime reads, gives an HTTP-only pod a public IP and a Community Cloud pod none",
}
