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
	"TestAccProvider_settingsFromEnvironment":              "RUNPOD_API_VERSION = v1 selects REST v1, which alone uses RUNPOD_REST_URL and RUNPOD_GRAPHQL_URL",
}
