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
	"TestAccAction_podRestart":                 "REST v1 has no restart action: the provider stops the pod, then starts it (two writes)",
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
	// cluster, ssh keys
	"TestAccCluster_refusedAtPlan": "REST v1 has no clusters: the plan refuses the resource, naming REST v2, and sends nothing",
	"TestAccSSHKeys_refusedAtPlan": "REST v1 has no account SSH keys: the plan refuses the resource, naming REST v2, and sends nothing",
	// endpoint
	"TestAccEndpoint_badInputFailsAtPlanTime":                            "v1's plan refuses LOAD_BALANCER and PRIORITY_FLASHBOOT, v2's an idle timeout on REQUEST_COUNT, CPU without flavors, and both CUDA settings",
	"TestAccEndpoint_computeTypeReplaces":                                "v1 refuses to delete an endpoint with workers: the replace scales it to zero first",
	"TestAccEndpoint_createWithDefaultsImportAndDataSource":              "v1 reads back other defaults: data centers, user_id and template_id reported, no request_urls, fingerprint or flashboot_mode",
	"TestAccEndpoint_deleteOfAnEndpointAlreadyGoneSucceeds":              "v1's delete of an endpoint with workers scales it down first, and meets the 404 there",
	"TestAccEndpoint_deleteOfAnEndpointWithWorkersAddedOutsideTerraform": "v1 refuses to delete an endpoint with workers: the provider scales it down and deletes again",
	"TestAccEndpoint_destroyOfAnEndpointCreatedThroughV1":                "on v1 the destroy of an endpoint leaves its template; v2's takes it along",
	"TestAccEndpoint_flashbootDrift":                                     "v1 never reports FlashBoot: a change outside Terraform goes unseen, and flashboot_mode FLASHBOOT is its flashboot",
	"TestAccEndpoint_importWithoutOneMatchingTemplateWarns":              "v1 reports an endpoint's template: the import sets template_id without a warning",
	"TestAccEndpoint_inPlaceUpdateHasNoRelease":                          "v1 keeps an idle timeout on a REQUEST_COUNT endpoint, which v2's plan refuses",
	"TestAccEndpoint_replaceOfAnEndpointCreatedThroughV1":                "on v1 the replace of an endpoint created through v1 just works; v2's plan says why it cannot",
	"TestAccEndpoint_templateEditRollsOutInTheSameApply":                 "on v1 RunPod rolls a template edit out to the endpoints itself: no PATCH with templateId, no fingerprint",
	"TestAccEndpoint_templateReplacedWithCreateBeforeDestroy":            "v1 replaces a template whose category changes (create before destroy); v2 changes it in place",
	"TestAccEndpoint_templateRolloutWarnsOnceAndLeavesNoDrift":           "on v1 RunPod rolls the template out and raises the endpoint's version: no drift must show",
	// template
	"TestAccTemplateDataSources":                               "v1 leaves endpoint-bound templates out of the account's list unless asked, and reports no start flags",
	"TestAccTemplate_categoryAndIsServerlessChange":            "v1 replaces a template whose category or is_serverless changes; v2 changes them in place",
	"TestAccTemplate_containerChangeWarnsAndRollsOutEndpoints": "on v1 RunPod rolls a template's container change out itself: another warning, the endpoints' versions unknown",
	"TestAccTemplate_deleteWhileAPodUsesIt":                    "v1 deletes a template a pod was created from; v2 refuses, naming the pod",
	"TestAccTemplate_fullCreateAndImport":                      "v1 takes readme and docker_entrypoint, which v2 has not, into state and import",
	"TestAccTemplate_inPlaceUpdateWarnsNothing":                "v1 changes readme and a volume of 0 in place; v2 category and a volume with its mount path",
	"TestAccTemplate_settingsOfOneAPIRefusedAtPlanTime":        "v1's plan refuses start_ssh and start_jupyter and accepts readme and docker_entrypoint; v2's the other way round",
	"TestAccTemplate_startSSHAndJupyter":                       "v1 templates have no start flags: false is not sent and stays as configured",
	// networkvolume, registryauth, gputype, datacenter, runpodprovider, acctest
	"TestAccBadInputCatalog_unknownIDs":                    "REST v1 checks ids against its own lists at plan: the data center enum without a call, GPU types through GraphQL, templates and volumes through REST v1",
	"TestAccDataCenters_filters":                           "REST v1 knows only the ids of its data center enum, without a call: the other attributes are null or empty, and every filter on them is refused",
	"TestAccGPUType_byIDForGPUCount":                       "REST v1 reads one type through GraphQL: spot prices and the cloud's stock, none of REST v2's pool, serverless price, CUDA versions or data centers",
	"TestAccGPUTypes_listWithPricesForGPUCount":            "REST v1 lists types through GraphQL: spot prices and the cloud's stock, none of REST v2's CUDA versions or data centers",
	"TestAccModule_switchingAPIVersionChangesNothing":      "the module applied with one API plans no change with the other, in both directions",
	"TestAccModule_volumeTemplateEndpointAndPodInOneApply": "REST v1 scales an endpoint to zero workers before deleting it, and the module is applied through v1's routes",
	"TestAccNetworkVolume_dataCenterCheckedAtPlanTime":     "REST v1 checks a data center against its enum of ids, without a call, and takes any listed one, even one without network volumes",
	"TestAccNetworkVolume_refusedAtPlanWithoutWrites":      "REST v1 refuses sizes above 4000 GB and any tier, and names a data center it does not know with its own text",
	"TestAccNetworkVolume_sizeRangeOfTheAPIInUse":          "REST v1 makes volumes of 1 to 4000 GB: below REST v2's smallest",
	"TestAccNetworkVolume_switchingAPIsNeedsNoEdit":        "a volume REST v1 made below REST v2's smallest size plans cleanly on v2; only growing it to a size v2 cannot make is refused",
	"TestAccNetworkVolume_tier":                            "REST v1 neither sends nor reports a tier: the configured STANDARD stays in state, and import cannot read it",
	"TestAccQuery_adoptsAWholeAccount":                     "REST v1 lists every kind through its own routes (templates through GraphQL), reports an endpoint's template itself, and still plans the generated configuration empty with one list call per kind",
	"TestAccProvider_settingsFromEnvironment":              "RUNPOD_API_VERSION = v1 selects REST v1, which alone uses RUNPOD_REST_URL and RUNPOD_GRAPHQL_URL",
}
