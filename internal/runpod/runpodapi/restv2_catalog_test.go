package runpodapi

import (
	"sync"
	"testing"
	"time"
)

// The data center catalog is read once for many callers (one plan validates every volume's
// data center), each getting its own copy; a failed read is not kept, and an old one expires.
func TestV2DataCentersAreReadOnceAndCopied(t *testing.T) {
	f, c, _ := newFakeV2(t)
	f.on("GET /v2/catalog/datacenters",
		problem(503, "try again"), problem(503, "try again"), problem(503, "try again"),
		ok(`{"dataCenters":[{"id":"US-TX-3","name":"Texas","region":"NORTH_AMERICA","globalNetwork":false,"networkVolumeTypes":["STANDARD"],"compliance":[]},
			{"id":"EU-RO-1","name":"Romania","region":"EUROPE","globalNetwork":true,"networkVolumeTypes":["STANDARD","HIGH_PERFORMANCE"],"compliance":["GDPR"]}]}`))
	if _, err := c.ListDataCenters(ctx); err == nil {
		t.Fatal("three 503 answers: want an error")
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dcs, err := c.ListDataCenters(ctx)
			if err != nil || len(dcs) != 2 || dcs[1].ID != "EU-RO-1" {
				t.Errorf("data centers %+v, err %v", dcs, err)
			}
			dcs[0], dcs[1] = dcs[1], dcs[0] // a caller sorting its copy
		}()
	}
	wg.Wait()
	reads := func() int {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.hits["GET /v2/catalog/datacenters"]
	}
	if n := reads(); n != 4 {
		t.Errorf("catalog reads: %d, want 3 failed then 1 for all eight callers", n)
	}
	if dcs, _ := c.ListDataCenters(ctx); dcs[0].ID != "US-TX-3" {
		t.Errorf("a caller's sort reached the kept catalog: %+v", dcs)
	}

	c.dataCentersRead = time.Now().Add(-dataCentersTTL)
	if _, err := c.ListDataCenters(ctx); err != nil || reads() != 5 {
		t.Errorf("an expired catalog is read again: err %v, reads %d", err, reads())
	}
}

// REST v1 knows the data centers of its enum only: ids, with the country the id names.
func TestV1DataCentersAreTheEnum(t *testing.T) {
	c, err := newRESTv1(Config{APIKey: "k", RESTURL: "http://127.0.0.1:1/v1", GraphQLURL: "http://127.0.0.1:1/graphql"})
	if err != nil {
		t.Fatal(err)
	}
	dcs, err := c.ListDataCenters(ctx)
	if err != nil || len(dcs) != len(dataCenterIDs) {
		t.Fatalf("data centers %+v, err %v", dcs, err)
	}
	if dcs[0].ID != "EU-RO-1" || dcs[0].Country != "RO" || dcs[0].NetworkVolumeTypes != nil || dcs[0].Region != "" {
		t.Errorf("first data center %+v", dcs[0])
	}
}
