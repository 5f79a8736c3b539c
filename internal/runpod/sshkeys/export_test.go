package sshkeys

// PublicKey is publicKey, for the acceptance tests.
var PublicKey = publicKey
