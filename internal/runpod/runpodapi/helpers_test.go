package runpodapi

import (
	"context"
)

// Fixtures shared by the package's tests; the scripted REST v2 server they talk to is in
// restv2_fake_test.go.

// poolCatalog: ADA_24 holds the 4090 and the L4; AMPERE_48 the A40 and the A6000.
const poolCatalog = `{"gpus":[
	{"id":"NVIDIA GeForce RTX 4090","name":"RTX 4090","pool":"ADA_24","manufacturer":"NVIDIA","memory":24,"secure":true,"community":true,"price":{"secure":0.69,"community":0.34},"maxCount":{"secure":8,"community":4}},
	{"id":"NVIDIA A40","name":"A40","pool":"AMPERE_48","manufacturer":"NVIDIA","memory":48,"secure":true,"community":false,"price":{"secure":0.4,"community":0},"maxCount":{"secure":8,"community":0}},
	{"id":"NVIDIA L4","name":"L4","pool":"ADA_24","manufacturer":"NVIDIA","memory":24,"secure":true,"community":true,"price":{"secure":0.43,"community":0.3},"maxCount":{"secure":8,"community":8}},
	{"id":"NVIDIA RTX A6000","name":"A6000","pool":"AMPERE_48","manufacturer":"NVIDIA","memory":48,"secure":true,"community":true,"price":{"secure":0.49,"community":0.33},"maxCount":{"secure":8,"community":8}},
	{"id":"AMD MI300X","name":"MI300X","pool":null,"manufacturer":"AMD","memory":192,"secure":true,"community":false,"price":{"secure":2.5,"community":0},"maxCount":{"secure":8,"community":0}},
	{"id":"unknown","name":"unknown","pool":null,"manufacturer":"UNKNOWN","memory":0,"secure":false,"community":false,"price":{"secure":0,"community":0},"maxCount":{"secure":0,"community":0}}]}`

var ctx = context.Background()
