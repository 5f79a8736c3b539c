package runpodapi

import "testing"

// TestV2SameFieldsAreInTheWire: every field tagged v2:"same" has its namesake in the v2 body or
// answer it is mapped to (the mapping panics otherwise, naming both).
func TestV2SameFieldsAreInTheWire(t *testing.T) {
	for name, mapping := range map[string]func(){
		"PodCreateInput to CreatePodRequest": func() { var b v2CreatePod; sameToV2(&b, PodCreateInput{}) },
		"PodUpdateInput to UpdatePodRequest": func() { var b v2UpdatePod; sameToV2(&b, PodUpdateInput{}) },
		"Pod from Pod":                       func() { var p Pod; sameFromV2(&p, v2Pod{}) },
	} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s: %v", name, r)
				}
			}()
			mapping()
		}()
	}
}
